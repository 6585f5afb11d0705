/**
 * Getting into the ONOS CLI from the lab machine (reference/onos.md §1.1, §9.3):
 * - `/opt/onos/bin/onos [ssh options] [command...]` (also `onos`): ONOS 2.x's script is
 *   `ssh -p 8101 -o StrictHostKeyChecking=no localhost "$@"`; here the lab's key is taken as the
 *   onos user's, so it logs in as onos without a password. `-l onos`/`-l karaf` asks for the password.
 * - `ssh -p 8101 onos@localhost` (OpenSSH 8.9 as on Ubuntu 22.04): the host-key question on the
 *   first connection, Karaf's keyboard-interactive password prompt
 *   ("Password authentication" / "(onos@localhost) Password: "), three tries, then
 *   "Permission denied (publickey,keyboard-interactive)." (exit 255).
 * - `/opt/onos/apache-karaf-4.2.9/bin/client`: "Logging in as karaf", then the karaf@root session.
 * With ONOS not running: "ssh: connect to host localhost port 8101: Connection refused" (255).
 * After login: the banner, the prompt; `logout`/Ctrl-D print "Connection to localhost closed.".
 * Users (etc/users.properties): onos/rocks and karaf/karaf.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { Wait, Wake } from '../../shell/process';
import { readLine, waitFor } from '../../shell/process';
import { BANNER, KarafShell, onosOf, runKarafLine } from './karaf-shell';

const KARAF_PORT = 8101;
const PASSWORDS: Readonly<Record<string, string>> = { onos: 'rocks', karaf: 'karaf' };
/** Names that reach the lab machine itself. */
const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1', 'ip6-localhost', 'master1', '192.168.122.10'];
/** How often the open session checks that ONOS is still up (virtual µs). */
const WATCH_US = 1_000_000;

interface Login {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** The remote command (ssh exec), or undefined for an interactive session. */
  readonly command: string | undefined;
  /** -o StrictHostKeyChecking=no: add an unknown host key without asking. */
  readonly acceptNewKey: boolean;
  /** Log in with the lab's key (bin/onos without -l) instead of a password. */
  readonly keyAuth: boolean;
  readonly quiet: boolean;
  /** The Karaf client: no ssh host keys, its own greeting. */
  readonly client: boolean;
  /** The password given on the command line (client -p). */
  readonly password?: string;
}

/** A deterministic host key fingerprint for this sandbox (SHA256:<43 base64 characters>). */
export function hostKeyFingerprint(seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = (seed ^ 0x5f3759df) >>> 0 || 1;
  let s = '';
  for (let i = 0; i < 43; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    // 32 bytes make 43 base64 digits; the last one carries 4 bits, so its low 2 bits are 0.
    s += alphabet[i === 42 ? (x % 16) * 4 : x % 64];
  }
  return 'SHA256:' + s;
}

function knownHostsPath(ctx: ExecContext): string {
  return `${ctx.shell.home}/.ssh/known_hosts`;
}

function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function isKnown(ctx: ExecContext, name: string): boolean {
  const text = ctx.sandbox.fs.readFile(knownHostsPath(ctx));
  return typeof text === 'string' && text.split('\n').some((l) => l.split(' ')[0] === name);
}

function remember(ctx: ExecContext, name: string): void {
  const dir = `${ctx.shell.home}/.ssh`;
  if (!ctx.sandbox.fs.exists(dir)) {
    ctx.sandbox.fs.mkdir(dir, true);
    ctx.sandbox.fs.chmod(dir, 0o700);
  }
  const key = 'AAAAB3NzaC1yc2EAAAADAQABAAABAQ' + hostKeyFingerprint(ctx.sandbox.seed).slice(7);
  ctx.sandbox.fs.writeFile(knownHostsPath(ctx), `${name} ssh-rsa ${key}\n`, true, 0o644);
}

/** The terminal itself (ssh talks to /dev/tty for questions, passwords and its notices). */
function tty(ctx: ExecContext, text: string): void {
  ctx.session.write(text);
}

/** Wait for a typed line; the UI is told a program now reads input. */
function* ask(ctx: ExecContext, echo: boolean): Generator<Wait, string | null | 'interrupt', Wake> {
  const session = ctx.session;
  ctx.net.sched.after(0, () => session.inputRequested());
  const w = yield readLine(echo);
  if (w.reason === 'interrupt') {
    tty(ctx, '\n');
    return 'interrupt';
  }
  if (w.reason !== 'input') return null;
  return w.line ?? '';
}

function* connect(ctx: ExecContext, o: Login): Proc {
  const view = onosOf(ctx.sandbox);
  const local = LOCAL_NAMES.includes(o.host);
  if (!local) {
    ctx.err(`ssh: connecting to ${o.host} is not supported in this sandbox (the ONOS CLI is on localhost port ${KARAF_PORT})\n`);
    return 255;
  }
  const listening = o.port === KARAF_PORT && view !== undefined && view.status === 'running' && ctx.node === ctx.sandbox.lab;
  if (!listening) {
    if (o.client) ctx.err('Connection refused\n');
    else ctx.err(`ssh: connect to host ${o.host} port ${o.port}: Connection refused\n`);
    return o.client ? 1 : 255;
  }
  // The server's host key.
  if (!o.client) {
    const name = hostKeyName(o.host, o.port);
    if (!isKnown(ctx, name)) {
      if (!o.acceptNewKey) {
        const fp = hostKeyFingerprint(ctx.sandbox.seed);
        const ip = o.host === 'localhost' || o.host === 'master1' ? '127.0.0.1' : o.host;
        tty(ctx, `The authenticity of host '${name} (${hostKeyName(ip, o.port)})' can't be established.\n`);
        tty(ctx, `RSA key fingerprint is ${fp}.\nThis key is not known by any other names\n`);
        tty(ctx, 'Are you sure you want to continue connecting (yes/no/[fingerprint])? ');
        for (;;) {
          const answer = yield* ask(ctx, true);
          if (answer === 'interrupt') return 130;
          if (answer === null || answer === 'no') {
            if (answer === null) tty(ctx, '\n');
            ctx.err('Host key verification failed.\n');
            return 255;
          }
          if (answer === 'yes' || answer === fp) break;
          tty(ctx, "Please type 'yes', 'no' or the fingerprint: ");
        }
      }
      remember(ctx, name);
      if (!o.quiet) ctx.err(`Warning: Permanently added '${name}' (RSA) to the list of known hosts.\n`);
    }
  }
  // Authentication.
  if (o.client) {
    if (PASSWORDS[o.user] === undefined || (o.password !== undefined && PASSWORDS[o.user] !== o.password)) {
      ctx.err('Authentication failure\n');
      return 1;
    }
    if (o.password === undefined) tty(ctx, `Logging in as ${o.user}\n`);
  } else if (!o.keyAuth) {
    let ok = false;
    for (let attempt = 0; attempt < 3 && !ok; attempt++) {
      tty(ctx, `Password authentication\n(${o.user}@${o.host}) Password: `);
      const pw = yield* ask(ctx, false);
      if (pw === 'interrupt') return 130;
      ok = pw !== null && PASSWORDS[o.user] === pw;
    }
    if (!ok) {
      ctx.err(`${o.user}@${o.host}: Permission denied (publickey,keyboard-interactive).\n`);
      return 255;
    }
  }
  // One command (ssh exec: no pty, no banner).
  if (o.command !== undefined) {
    const out = (t: string): void => ctx.out(t);
    return yield* runKarafLine({ sandbox: ctx.sandbox, view: view!, user: o.user, tty: false, session: ctx.session, out, logout: () => {} }, o.command);
  }
  // The interactive session.
  tty(ctx, BANNER);
  const shell = new KarafShell(ctx.sandbox, o.user);
  const popped = ctx.session.pushMode(shell);
  for (;;) {
    const w = yield waitFor(popped, WATCH_US);
    if (w.reason === 'signal' || shell.loggedOut) break;
    const now = onosOf(ctx.sandbox);
    if (!now || now.status !== 'running') {
      // ONOS went away under the session: the server closes the connection.
      shell.loggedOut = true;
      if (ctx.session.mode === shell) ctx.session.popMode();
      tty(ctx, `\nConnection to ${o.host} closed by remote host.\n`);
      return 255;
    }
  }
  if (!o.client) tty(ctx, `Connection to ${o.host} closed.\n`);
  return 0;
}

/** OpenSSH's options that take an argument. */
const SSH_ARG_OPTS = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

interface SshArgs {
  readonly login?: Login;
  /** A user was named (-l or user@host). */
  readonly explicitUser?: boolean;
  readonly error?: string;
}

/** ssh's command line: options before and after the destination (OpenSSH re-parses after the host), then the command. */
function parseSsh(argv: readonly string[], defaults: { host?: string; port?: number; acceptNewKey?: boolean }): SshArgs {
  let port = defaults.port ?? 22;
  let user: string | undefined;
  let host = defaults.host;
  let acceptNewKey = defaults.acceptNewKey ?? false;
  let quiet = false;
  const rest: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      if (host === undefined && i < argv.length) host = argv[i++];
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j]!;
        if (SSH_ARG_OPTS.has(c)) {
          let v = a.slice(j + 1);
          if (v === '') {
            i++;
            if (i >= argv.length) return { error: `option requires an argument -- ${c}` };
            v = argv[i]!;
          }
          if (c === 'p') {
            if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) return { error: `Bad port '${v}'` };
            port = Number(v);
          } else if (c === 'l') user = v;
          else if (c === 'o') {
            const m = /^\s*StrictHostKeyChecking\s*[= ]\s*(\S+)/i.exec(v);
            if (m) acceptNewKey = /^(no|off|accept-new)$/i.test(m[1]!);
          }
          break;
        }
        if (c === 'q') quiet = true;
        else if (!'46AaCfGgKkMNnsTtVvXxYy'.includes(c)) return { error: `unknown option -- ${c}` };
        j++;
      }
      i++;
      continue;
    }
    if (host === undefined) {
      host = a;
      i++;
      continue;
    }
    break;
  }
  rest.push(...argv.slice(i));
  if (host === undefined) return { error: 'usage' };
  const at = host.lastIndexOf('@');
  if (at >= 0) {
    user ??= host.slice(0, at);
    host = host.slice(at + 1);
  }
  return {
    explicitUser: user !== undefined,
    login: {
      user: user ?? 'root',
      host,
      port,
      command: rest.length ? rest.join(' ') : undefined,
      acceptNewKey,
      keyAuth: false,
      quiet,
      client: false,
    },
  };
}

const SSH_USAGE =
  'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]\n' +
  '           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]\n' +
  '           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]\n' +
  '           [-i identity_file] [-J [user@]host[:port]] [-L address]\n' +
  '           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]\n' +
  '           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]\n' +
  '           [-w local_tun[:remote_tun]] destination [command [argument ...]]\n';

export const sshCommand: CommandSpec = {
  name: 'ssh',
  family: 'machine',
  summary: 'log in to a remote shell; here, the ONOS CLI on localhost port 8101',
  usage: 'ssh -p 8101 [-l user] [user@]localhost [command]',
  where: 'any',
  options: ['-p', '-l', '-o', '-q'],
  run(ctx, argv) {
    const parsed = parseSsh(argv, {});
    if (!parsed.login) {
      ctx.err(parsed.error === 'usage' ? SSH_USAGE : `${parsed.error}\n${SSH_USAGE}`);
      return (function* (): Proc {
        return 255;
      })();
    }
    return connect(ctx, parsed.login);
  },
};

/** /opt/onos/bin/onos: ssh -p 8101 -o StrictHostKeyChecking=no localhost "$@". */
export const onosCliCommand: CommandSpec = {
  name: '/opt/onos/bin/onos',
  aliases: ['onos'],
  family: 'onos',
  summary: 'open the ONOS CLI (or run one ONOS command) over ssh to localhost port 8101',
  usage: 'onos [-l user] ["command"]',
  where: 'any',
  options: ['-l'],
  run(ctx, argv) {
    const parsed = parseSsh(['localhost', ...argv], { port: KARAF_PORT, acceptNewKey: true });
    if (!parsed.login) {
      ctx.err(`${parsed.error}\n${SSH_USAGE}`);
      return (function* (): Proc {
        return 255;
      })();
    }
    const login = parsed.explicitUser ? parsed.login : { ...parsed.login, user: 'onos', keyAuth: true };
    return connect(ctx, login);
  },
};

/** Karaf's own client: apache-karaf-4.2.9/bin/client [-u user] [-p password] [-h host] [-a port] [commands]. */
export const karafClientCommand: CommandSpec = {
  name: '/opt/onos/apache-karaf-4.2.9/bin/client',
  family: 'onos',
  summary: "open the ONOS CLI with Karaf's own client (user karaf)",
  usage: 'client [-u user] [-p password] [-h host] [-a port] [commands]',
  where: 'any',
  options: ['-u', '-p', '-h', '-a', '--help'],
  run(ctx, argv) {
    let user = 'karaf';
    let password: string | undefined;
    let host = 'localhost';
    let port = KARAF_PORT;
    const words: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--help') {
        ctx.out(
          'Apache Karaf client\n  -a [port]     specify the port to connect to\n  -h [host]     specify the host to connect to\n' +
            '  -u [user]     specify the user name\n  -p [password] specify the password\n  --help        shows this help message\n' +
            '  -v            raise verbosity\n  -r [attempts] retry connection establishment (up to attempts times)\n' +
            '  -d [delay]    intra-retry delay (defaults to 2 seconds)\n  [commands]    commands to run\n' +
            'If no commands are specified, the client will be put in an interactive mode\n',
        );
        return (function* (): Proc {
          return 0;
        })();
      }
      if (a.startsWith('-') && words.length === 0) {
        const v = argv[++i];
        if (a === '-u' && v !== undefined) user = v;
        else if (a === '-p' && v !== undefined) password = v;
        else if (a === '-h' && v !== undefined) host = v;
        else if (a === '-a' && v !== undefined && /^\d+$/.test(v)) port = Number(v);
        else if (a === '-v') i--;
        else if (a !== '-r' && a !== '-d') {
          ctx.err(`Unknown option: ${a}\nRun with --help for usage\n`);
          return (function* (): Proc {
            return 1;
          })();
        }
        continue;
      }
      words.push(a);
    }
    return connect(ctx, {
      user, host, port, password, command: words.length ? words.join(' ') : undefined,
      acceptNewKey: true, keyAuth: true, quiet: true, client: true,
    });
  },
};

export const onosLoginCommands: readonly CommandSpec[] = [onosCliCommand, sshCommand, karafClientCommand];
