/**
 * Logging in to the ONOS CLI from the lab machine's shell (reference/onos.md §1.1–§1.3, §9.3),
 * on a fake controller.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox';
import type { Session } from '../../shell/session';
import { FakeOnos } from './fake-onos.test-util';
import { BANNER } from './karaf-shell';

const PROMPT = '\x1b[32monos@root > \x1b[0m';
const WARNING = "Warning: Permanently added '[localhost]:8101' (RSA) to the list of known hosts.\n";

function setup(running = true): { sb: Sandbox; onos: FakeOnos; s: Session; out: () => string } {
  const sb = new Sandbox({ seed: 1 });
  sb.idle(300_000_000);
  const onos = new FakeOnos(sb.now);
  if (!running) onos.status = 'stopped';
  Object.defineProperty(sb, 'onos', { value: onos, configurable: true, writable: true });
  const s = sb.openSession();
  let text = '';
  s.onOutput((t) => (text += t));
  return {
    sb, onos, s,
    out: () => {
      const t = text;
      text = '';
      return t;
    },
  };
}

function type(sb: Sandbox, s: Session, line: string): void {
  s.submit(line);
  sb.settle(s);
}

describe('onos / bin/onos', () => {
  it('refuses while ONOS is not running', () => {
    const { sb, s, out } = setup(false);
    type(sb, s, '/opt/onos/bin/onos');
    expect(out()).toBe('ssh: connect to host localhost port 8101: Connection refused\n');
    type(sb, s, 'echo $?');
    expect(out()).toBe('255\n');
  });

  it('logs in as onos with the banner and the green prompt; logout closes the connection', () => {
    const { sb, s, out } = setup();
    type(sb, s, 'onos');
    expect(out()).toBe(WARNING + BANNER);
    expect(s.prompt).toBe(PROMPT);
    expect(s.mode.id).toBe('onos');
    type(sb, s, 'summary');
    expect(out()).toContain('nodes=1, devices=3');
    type(sb, s, 'exit');
    expect(s.mode.id).toBe('onos');
    type(sb, s, 'logout');
    expect(out()).toBe('Connection to localhost closed.\n');
    expect(s.prompt).toBe('root@master1:~# ');
    // The host key is known now: no warning the second time.
    type(sb, s, 'onos');
    expect(out()).toBe(BANNER);
    s.eof();
    sb.settle(s);
    expect(out()).toBe('\nConnection to localhost closed.\n');
    expect(s.mode.id).toBe('bash');
  });

  it('runs one command without banner: onos "apps -a -s"', () => {
    const { sb, s, out } = setup();
    type(sb, s, '/opt/onos/bin/onos "apps -a -s | grep fwd"');
    expect(out()).toBe(WARNING + '* 166 org.onosproject.fwd                  2.7.0    Reactive Forwarding\n');
    type(sb, s, 'onos summary');
    expect(out()).toBe('node=127.0.0.1, version=2.7.0 clusterId=default\nnodes=1, devices=3, links=4, hosts=2, SCC(s)=1, flows=18, intents=0\n');
    expect(s.mode.id).toBe('bash');
  });

  it('-l onos asks for the password', () => {
    const { sb, s, out } = setup();
    type(sb, s, '/opt/onos/bin/onos -l onos');
    expect(out()).toBe(WARNING + 'Password authentication\n(onos@localhost) Password: ');
    type(sb, s, 'rocks');
    expect(out()).toBe(BANNER);
    expect(s.prompt).toBe(PROMPT);
  });

  it('the session ends when ONOS stops', () => {
    const { sb, s, onos, out } = setup();
    type(sb, s, 'onos');
    out();
    onos.status = 'stopped';
    sb.idle(2_000_000);
    expect(out()).toBe('\nConnection to localhost closed by remote host.\n');
    expect(s.mode.id).toBe('bash');
  });
});

describe('ssh -p 8101', () => {
  it('asks about the host key, then the password; karaf gets karaf@root', () => {
    const { sb, s, out } = setup();
    type(sb, s, 'ssh -p 8101 karaf@localhost');
    const first = out();
    expect(first).toContain("The authenticity of host '[localhost]:8101 ([127.0.0.1]:8101)' can't be established.\nRSA key fingerprint is SHA256:");
    expect(first.endsWith('This key is not known by any other names\nAre you sure you want to continue connecting (yes/no/[fingerprint])? ')).toBe(true);
    type(sb, s, 'maybe');
    expect(out()).toBe("Please type 'yes', 'no' or the fingerprint: ");
    type(sb, s, 'yes');
    expect(out()).toBe(WARNING + 'Password authentication\n(karaf@localhost) Password: ');
    type(sb, s, 'karaf');
    expect(out()).toBe(BANNER);
    expect(s.prompt).toBe('\x1b[32mkaraf@root > \x1b[0m');
  });

  it('three wrong passwords: Permission denied, status 255', () => {
    const { sb, s, out } = setup();
    type(sb, s, 'ssh -p 8101 -o StrictHostKeyChecking=no onos@localhost');
    expect(out()).toBe(WARNING + 'Password authentication\n(onos@localhost) Password: ');
    type(sb, s, 'karaf');
    expect(out()).toBe('Password authentication\n(onos@localhost) Password: ');
    type(sb, s, 'onos');
    type(sb, s, '');
    expect(out()).toBe('Password authentication\n(onos@localhost) Password: onos@localhost: Permission denied (publickey,keyboard-interactive).\n');
    type(sb, s, 'echo $?');
    expect(out()).toBe('255\n');
  });

  it('other ports and hosts', () => {
    const { sb, s, out } = setup();
    type(sb, s, 'ssh localhost');
    expect(out()).toBe('ssh: connect to host localhost port 22: Connection refused\n');
    type(sb, s, 'ssh -p 8101 onos@10.0.0.1');
    expect(out()).toContain('not supported in this sandbox');
  });
});

describe("Karaf's client", () => {
  it('logs in as karaf', () => {
    const { sb, s, out } = setup();
    type(sb, s, '/opt/onos/apache-karaf-4.2.9/bin/client');
    expect(out()).toBe('Logging in as karaf\n' + BANNER);
    expect(s.prompt).toBe('\x1b[32mkaraf@root > \x1b[0m');
    type(sb, s, 'logout');
    expect(out()).toBe('');
    expect(s.mode.id).toBe('bash');
    type(sb, s, '/opt/onos/apache-karaf-4.2.9/bin/client nodes');
    expect(out()).toBe('Logging in as karaf\nid=127.0.0.1, address=127.0.0.1:9876, state=READY, version=2.7.0, updated=3m20s ago *\n');
  });
});

describe('interrupting a login', () => {
  it('Ctrl-C at the password prompt ends ssh', () => {
    const { sb, s, out } = setup();
    type(sb, s, 'ssh -p 8101 -o StrictHostKeyChecking=no onos@localhost');
    out();
    s.interrupt();
    sb.settle(s);
    expect(out()).toBe('^C\n');
    expect(s.prompt).toBe('root@master1:~# ');
    type(sb, s, 'echo $?');
    expect(out()).toBe('130\n');
  });
});
