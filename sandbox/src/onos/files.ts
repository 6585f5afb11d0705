/**
 * ONOS 2.7.0 as unpacked from its tarball into /opt/onos and installed as a service (reference/
 * onos.md §1.1): bin/onos (ssh to Karaf on 8101), bin/onos-service (Karaf in server mode), the
 * Karaf 4.2.9 it runs on, one directory per bundled app, and the init script and systemd unit
 * copied to /etc. Scripts are short stand-ins written for the sandbox: the commands of the same
 * names are what runs.
 */
import type { Vfs } from '../fs/vfs';
import { APP_CATALOGUE, ONOS_VERSION } from './apps';
import { KARAF_HOME } from './karaf-log';

const ONOS_SCRIPT = `#!/bin/bash
# -----------------------------------------------------------------------------
# ONOS command-line client: an ssh session to the Karaf shell on port 8101.
# -----------------------------------------------------------------------------
ONOS_HOME=\${ONOS_HOME:-$(cd $(dirname $0)/.. >/dev/null 2>&1 && pwd)}
[ "$1" = "-w" ] && shift && onos-wait-for-start $1
[ -n "$1" ] && OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
exec ssh -p 8101 $OPTS localhost "$@"
`;

const ONOS_SERVICE_SCRIPT = `#!/bin/bash
# -----------------------------------------------------------------------------
# Starts ONOS Apache Karaf container
# -----------------------------------------------------------------------------
export JAVA_OPTS="\${JAVA_OPTS:--Xms256m -Xmx2g -Dkaraf.log.console=INFO}"

ONOS_HOME=/opt/onos
KARAF_ARGS=server
SYS_APPS=drivers
ONOS_APPS=\${ONOS_APPS:-gui2}

[ -d $ONOS_HOME ] && cd $ONOS_HOME || ONOS_HOME=$(dirname $0)/..

# Activate the system apps and the apps in ONOS_APPS.
for app in \${SYS_APPS//,/ } \${ONOS_APPS//,/ }; do
    touch $ONOS_HOME/apps/org.onosproject.$app/active
done

exec \${ONOS_HOME}/apache-karaf-4.2.9/bin/karaf $KARAF_ARGS "$@"
`;

const INITD = `#! /bin/bash
# -----------------------------------------------------------------------------
# init.d script to run ONOS
# -----------------------------------------------------------------------------
ONOS_HOME=\${ONOS_HOME:-/opt/onos}
ONOS_USER=\${ONOS_USER:-root}
ONOS_OPTS=\${ONOS_OPTS:-server}

start () {
    if $ONOS_HOME/karaf/bin/status >/dev/null 2>&1; then
        echo "ONOS/karaf is already running"
        return
    fi
    echo "Starting ONOS"
    start-stop-daemon --signal INT --start --chuid $ONOS_USER \\
        --exec $ONOS_HOME/bin/onos-service -- $ONOS_OPTS \\
        >$ONOS_HOME/var/stdout.log 2>$ONOS_HOME/var/stderr.log &
}

stop () {
    $ONOS_HOME/karaf/bin/stop
}

status () {
    $ONOS_HOME/karaf/bin/status
}

case $1 in
    start) start ;;
    stop | force-stop) stop ;;
    restart) stop; start ;;
    status) status; exit $? ;;
    *) echo "Usage: $0 {start|stop|restart|status}" >&2; exit 1 ;;
esac

exit 0
`;

const UNIT = `[Unit]
Description=Open Network Operating System
After=network-online.target
After=local-fs.target

[Service]
Type=forking
ExecStart=/etc/init.d/onos start
ExecStop=/etc/init.d/onos stop
Restart=always

[Install]
WantedBy=multi-user.target
`;

const USERS = `# Karaf users: name = password,groups (tools/package/etc/users.properties)
onos = rocks,_g_:admingroup
karaf = karaf,_g_:admingroup
guest = guest,_g_:viewergroup
_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh
_g_\\:viewergroup = group,viewer,ssh
`;

const KARAF_BIN = (main: string) => `#!/bin/sh
# Apache Karaf 4.2.9 launcher (${main})
DIRNAME=$(dirname "$0")
exec "$DIRNAME/karaf" ${main} "$@"
`;

export function seedOnosFiles(fs: Vfs): void {
  for (const d of ['/opt/onos/bin', '/opt/onos/init', '/opt/onos/apps', '/opt/onos/var', '/opt/onos/config',
    `${KARAF_HOME}/bin`, `${KARAF_HOME}/etc`, `${KARAF_HOME}/system`, `${KARAF_HOME}/data/log`, '/etc/init.d', '/etc/systemd/system']) {
    fs.mkdir(d, true);
  }
  fs.writeFile('/opt/onos/VERSION', ONOS_VERSION + '\n');
  fs.writeFile('/opt/onos/bin/onos', ONOS_SCRIPT, false, 0o755);
  fs.writeFile('/opt/onos/bin/onos-service', ONOS_SERVICE_SCRIPT, false, 0o755);
  fs.writeFile('/opt/onos/init/onos.initd', INITD, false, 0o755);
  fs.writeFile('/opt/onos/init/onos.service', UNIT);
  fs.writeFile('/etc/init.d/onos', INITD, false, 0o755);
  fs.writeFile('/etc/systemd/system/onos.service', UNIT);
  fs.writeFile(`${KARAF_HOME}/bin/karaf`, '#!/bin/sh\n# Apache Karaf 4.2.9 launcher: karaf [server|client|clean|debug] [stop|status]\n', false, 0o755);
  for (const [name, main] of [['start', 'daemon'], ['stop', 'stop'], ['status', 'status'], ['client', 'client']] as const) {
    fs.writeFile(`${KARAF_HOME}/bin/${name}`, KARAF_BIN(main), false, 0o755);
  }
  fs.writeFile(`${KARAF_HOME}/etc/users.properties`, USERS);
  fs.writeFile(`${KARAF_HOME}/etc/org.apache.karaf.shell.cfg`, 'sshPort = 8101\nsshHost = 0.0.0.0\nsshRealm = karaf\n');
  for (const a of APP_CATALOGUE) fs.mkdir(`/opt/onos/apps/${a.name}`);
}
