/**
 * apt-get and apt inside the ubuntu image (Ubuntu 24.04 noble, apt 2.7, amd64; reference/docker.md
 * §4.4: "no ping until `apt-get update && apt-get install -y iputils-ping`"). Emulated, with a tiny
 * catalogue: `update` prints the noble Get:/Hit: lines and writes the package lists; `install`
 * resolves recommends, prints apt's plan, Get:/Fetched, dpkg's Selecting/Preparing/Unpacking/
 * Setting up lines, and writes the packages' programs (an executable /usr/bin/ping) into the
 * container's own filesystem, where container-shell.ts finds them. Formats and versions follow a
 * real `docker exec -it … bash` session on ubuntu:24.04 (apt in the C locale: sizes without thousands
 * separators, apt-pkg SizeToStr/TimeToStr). Without a network: Ign:/Err: and the W: lines.
 * State lives in the container's files: /var/lib/apt/lists/* (after update), /var/lib/dpkg/info/<pkg>.list.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { readLine, sleep } from '../../shell/process';
import { ContainerHost } from '../container';

const ARCHIVE = 'http://archive.ubuntu.com/ubuntu';
const SECURITY = 'http://security.ubuntu.com/ubuntu';
const LISTS = '/var/lib/apt/lists';
const DPKG_INFO = '/var/lib/dpkg/info';

/** The index files `apt-get update` fetches on a fresh ubuntu:24.04 container, in a real run's order. */
const INDEXES: readonly { readonly uri: string; readonly what: string; readonly bytes: number }[] = [
  { uri: SECURITY, what: 'noble-security InRelease', bytes: 126e3 },
  { uri: ARCHIVE, what: 'noble InRelease', bytes: 256e3 },
  { uri: ARCHIVE, what: 'noble-updates InRelease', bytes: 126e3 },
  { uri: ARCHIVE, what: 'noble-backports InRelease', bytes: 126e3 },
  { uri: SECURITY, what: 'noble-security/main amd64 Packages', bytes: 1883e3 },
  { uri: ARCHIVE, what: 'noble/multiverse amd64 Packages', bytes: 331e3 },
  { uri: ARCHIVE, what: 'noble/main amd64 Packages', bytes: 1808e3 },
  { uri: ARCHIVE, what: 'noble/restricted amd64 Packages', bytes: 117e3 },
  { uri: ARCHIVE, what: 'noble/universe amd64 Packages', bytes: 19.3e6 },
  { uri: SECURITY, what: 'noble-security/restricted amd64 Packages', bytes: 3262e3 },
  { uri: SECURITY, what: 'noble-security/multiverse amd64 Packages', bytes: 34.8e3 },
  { uri: SECURITY, what: 'noble-security/universe amd64 Packages', bytes: 1242e3 },
  { uri: ARCHIVE, what: 'noble-updates/main amd64 Packages', bytes: 2276e3 },
  { uri: ARCHIVE, what: 'noble-updates/restricted amd64 Packages', bytes: 3471e3 },
  { uri: ARCHIVE, what: 'noble-updates/universe amd64 Packages', bytes: 2017e3 },
  { uri: ARCHIVE, what: 'noble-updates/multiverse amd64 Packages', bytes: 38.1e3 },
  { uri: ARCHIVE, what: 'noble-backports/universe amd64 Packages', bytes: 34.6e3 },
  { uri: ARCHIVE, what: 'noble-backports/main amd64 Packages', bytes: 49.5e3 },
];
const RELEASES = INDEXES.filter((i) => i.what.endsWith('InRelease'));

interface AptPackage {
  readonly name: string;
  /** dpkg shows `name:amd64` for Multi-Arch: same packages (libpam-cap). */
  readonly multiArch?: boolean;
  readonly version: string;
  readonly pocket: string;
  readonly bytes: number;
  readonly installedBytes: number;
  readonly recommends: readonly string[];
  /** Programs the package puts in /usr/bin (each runs the sandbox's command of that name). */
  readonly programs: readonly string[];
  /** dpkg configuration talks through debconf (the Setting up line is followed by its fallbacks). */
  readonly debconf?: boolean;
}

/** Real noble-updates versions and sizes (apt-get install -y iputils-ping on ubuntu:24.04). */
const CATALOGUE: readonly AptPackage[] = [
  { name: 'libcap2-bin', version: '1:2.66-5ubuntu2.2', pocket: 'noble-updates/main', bytes: 34_170, installedBytes: 110e3, recommends: ['libpam-cap'], programs: [] },
  { name: 'iputils-ping', version: '3:20240117-1ubuntu0.1', pocket: 'noble-updates/main', bytes: 44_560, installedBytes: 181e3, recommends: ['libcap2-bin'], programs: ['ping'] },
  { name: 'libpam-cap', multiArch: true, version: '1:2.66-5ubuntu2.2', pocket: 'noble-updates/main', bytes: 12_470, installedBytes: 31e3, recommends: [], programs: [], debconf: true },
];

/** Files and directories dpkg's database holds in a fresh ubuntu:24.04 container. */
const BASE_DB_FILES = 4381;

const DEBCONF_FALLBACK =
  'debconf: unable to initialize frontend: Dialog\n' +
  'debconf: (No usable dialog-like program is installed, so the dialog based frontend cannot be used. at /usr/share/perl5/Debconf/FrontEnd/Dialog.pm line 79.)\n' +
  'debconf: falling back to frontend: Readline\n' +
  'debconf: unable to initialize frontend: Readline\n' +
  "debconf: (Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC entries checked: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.38.2 /usr/local/share/perl/5.38.2 /usr/lib/x86_64-linux-gnu/perl5/5.38 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.38 /usr/share/perl/5.38 /usr/local/lib/site_perl) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 8.)\n" +
  'debconf: falling back to frontend: Teletype\n';

/** apt-pkg's SizeToStr (C locale): 91.2 k, 1883 k, 19.3 M; callers append the unit ("B", "B/s"). */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let v = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (v < 100 && i !== 0) return `${v.toFixed(1)} ${ext[i]}`;
    if (v < 10000) return `${v.toFixed(0)} ${ext[i]}`;
    v /= 1000;
  }
  return `${v.toFixed(0)} P`;
}

/** `Fetched 36.5 MB in 4s (8143 kB/s)`: whole seconds (truncated, TimeToStr) and the mean rate. */
function fetched(bytes: number, us: number): string {
  return `Fetched ${aptSize(bytes)}B in ${Math.floor(us / 1e6)}s (${aptSize((bytes * 1e6) / us)}B/s)\n`;
}

function listName(uri: string, what: string): string {
  const [suite] = what.split(' ');
  return `${uri.replace(/^http:\/\//, '').replace(/\//g, '_')}_dists_${suite!.replace(/\//g, '_')}_${what.split(' ').slice(1).join('_')}`;
}

function isUpdated(ctx: ExecContext): boolean {
  return ctx.fs.isFile(`${LISTS}/${listName(ARCHIVE, 'noble InRelease')}`);
}

function isInstalled(ctx: ExecContext, name: string): boolean {
  return ctx.fs.isFile(`${DPKG_INFO}/${name}.list`);
}

/** Can the container reach the archive (a running endpoint on a non-internal network)? */
function online(ctx: ExecContext): boolean {
  if (!(ctx.node instanceof ContainerHost)) return true;
  return ctx.node.container.endpoints.some((e) => e.ip !== undefined && !e.network.opts.internal);
}

function* update(ctx: ExecContext, viaApt: boolean): Proc {
  if (!online(ctx)) {
    RELEASES.forEach((r, i) => ctx.out(`Ign:${i + 1} ${r.uri} ${r.what}\n`));
    yield sleep(1_000_000);
    RELEASES.forEach((r, i) =>
      ctx.out(`Err:${i + 1} ${r.uri} ${r.what}\n  Temporary failure resolving '${r.uri.split('/')[2]}'\n`));
    ctx.out('Reading package lists... Done\n');
    if (viaApt) ctx.out('Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.\n');
    for (const r of RELEASES) {
      const [suite] = r.what.split(' ');
      ctx.err(`W: Failed to fetch ${r.uri}/dists/${suite}/InRelease  Temporary failure resolving '${r.uri.split('/')[2]}'\n`);
    }
    ctx.err('W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
    return 0;
  }
  const fresh = !isUpdated(ctx);
  if (fresh) {
    let total = 0;
    let us = 0;
    // Each line appears as its download finishes (about 12 MB/s from the archive).
    for (const [i, x] of INDEXES.entries()) {
      const d = 80_000 + Math.round(x.bytes / 12);
      us += d;
      yield sleep(d);
      ctx.out(`Get:${i + 1} ${x.uri} ${x.what} [${aptSize(x.bytes)}B]\n`);
      total += x.bytes;
    }
    ctx.out(fetched(total, us));
  } else {
    RELEASES.forEach((r, i) => ctx.out(`Hit:${i + 1} ${r.uri} ${r.what}\n`));
    yield sleep(500_000);
  }
  ctx.fs.mkdir(LISTS, true);
  for (const x of INDEXES) ctx.fs.writeFile(`${LISTS}/${listName(x.uri, x.what)}`, '');
  yield sleep(400_000);
  ctx.out('Reading package lists... Done\n');
  if (viaApt) ctx.out('Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.\n');
  return 0;
}

function debName(p: AptPackage): string {
  return `${p.name}_${p.version.replace(':', '%3a')}_amd64.deb`;
}

function dpkgName(p: AptPackage): string {
  return p.multiArch ? `${p.name}:amd64` : p.name;
}

/** `  a b c` lines of apt's package lists (wrapped at 80 columns as apt's ShowList does). */
function packageBlock(names: readonly string[]): string {
  const lines: string[] = [];
  let cur = ' ';
  for (const n of names) {
    if (cur.length + 1 + n.length > 79 && cur.trim() !== '') {
      lines.push(cur);
      cur = ' ';
    }
    cur += ' ' + n;
  }
  lines.push(cur);
  return lines.join('\n') + '\n';
}

function* install(ctx: ExecContext, names: readonly string[], o: { yes: boolean; recommends: boolean }): Proc {
  ctx.out('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
  const byName = new Map(CATALOGUE.map((p) => [p.name, p]));
  const updated = isUpdated(ctx);
  for (const n of names) {
    if (!updated || !byName.has(n.replace(/:amd64$/, ''))) {
      ctx.err(`E: Unable to locate package ${n}\n`);
      return 100;
    }
  }
  const asked = names.map((n) => byName.get(n.replace(/:amd64$/, ''))!);
  for (const p of asked.filter((x) => isInstalled(ctx, x.name))) {
    ctx.out(`${p.name} is already the newest version (${p.version}).\n`);
  }
  // Recommends are installed by default (APT::Install-Recommends), transitively.
  const chosen = new Set<AptPackage>(asked.filter((x) => !isInstalled(ctx, x.name)));
  const recommended: string[] = [];
  const queue = [...chosen];
  while (queue.length) {
    const p = queue.shift()!;
    for (const r of p.recommends) {
      const rp = byName.get(r)!;
      if (isInstalled(ctx, r) || chosen.has(rp)) continue;
      if (!o.recommends) {
        recommended.push(r);
        continue;
      }
      chosen.add(rp);
      queue.push(rp);
    }
  }
  // dpkg order: the catalogue's (dependencies first).
  const plan = CATALOGUE.filter((p) => chosen.has(p));
  const extra = plan.filter((p) => !asked.includes(p)).map((p) => p.name).sort();
  if (extra.length) ctx.out(`The following additional packages will be installed:\n${packageBlock(extra)}`);
  if (recommended.length) ctx.out(`Recommended packages:\n${packageBlock(recommended.sort())}`);
  if (plan.length) ctx.out(`The following NEW packages will be installed:\n${packageBlock(plan.map((p) => p.name).sort())}`);
  ctx.out(`0 upgraded, ${plan.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  if (plan.length === 0) return 0;
  const bytes = plan.reduce((a, p) => a + p.bytes, 0);
  ctx.out(`Need to get ${aptSize(bytes)}B of archives.\n`);
  ctx.out(`After this operation, ${aptSize(plan.reduce((a, p) => a + p.installedBytes, 0))}B of additional disk space will be used.\n`);
  // apt asks only when it installs more than was asked for (or removes something); -y answers yes.
  if (extra.length && !o.yes) {
    ctx.out('Do you want to continue? [Y/n] ');
    ctx.net.sched.after(0, () => ctx.session.inputRequested());
    const w = yield readLine();
    if (w.reason !== 'input') {
      ctx.out('\n');
      return 1;
    }
    if (!/^\s*(y(es)?)?\s*$/i.test(w.line ?? '')) {
      ctx.out('Abort.\n');
      return 1;
    }
  }
  for (const [i, p] of plan.entries()) {
    yield sleep(250_000);
    ctx.out(`Get:${i + 1} ${ARCHIVE} ${p.pocket} amd64 ${p.name} amd64 ${p.version} [${aptSize(p.bytes)}B]\n`);
  }
  ctx.out(fetched(bytes, plan.length * 250_000));
  ctx.err('debconf: delaying package configuration, since apt-utils is not installed\n');
  const dbFiles = BASE_DB_FILES + CATALOGUE.filter((p) => isInstalled(ctx, p.name)).length * 12;
  plan.forEach((p, i) => {
    ctx.out(`Selecting previously unselected package ${dpkgName(p)}.\n`);
    if (i === 0) ctx.out(`(Reading database ... ${dbFiles} files and directories currently installed.)\n`);
    ctx.out(`Preparing to unpack .../${debName(p)} ...\nUnpacking ${dpkgName(p)} (${p.version}) ...\n`);
  });
  yield sleep(300_000);
  // Configured in dependency order: iputils-ping last (it waits for its recommends).
  const configure = [...plan.filter((p) => p.programs.length === 0), ...plan.filter((p) => p.programs.length > 0)];
  for (const p of configure) {
    ctx.out(`Setting up ${dpkgName(p)} (${p.version}) ...\n`);
    if (p.debconf) ctx.err(DEBCONF_FALLBACK);
    ctx.fs.mkdir(DPKG_INFO, true);
    ctx.fs.writeFile(`${DPKG_INFO}/${p.name}.list`, p.programs.map((b) => `/usr/bin/${b}\n`).join(''));
    ctx.fs.mkdir('/usr/bin', true);
    for (const b of p.programs) ctx.fs.writeFile(`/usr/bin/${b}`, '', false, 0o755);
  }
  return 0;
}

const USAGE = `apt 2.7.14 (amd64)
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]

apt-get downloads and installs packages (emulated in this sandbox: update and install).

Most used commands:
  update - Retrieve new lists of packages
  install - Install new packages (pkg is libc6 not libc6.deb)

See apt-get(8) for more information.
`;

function aptMain(prog: 'apt-get' | 'apt') {
  return function* (ctx: ExecContext, argv: string[]): Proc {
    let yes = false;
    let recommends = true;
    const words: string[] = [];
    for (const a of argv) {
      if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-yq' || a === '-qy') yes = true;
      else if (a === '-q' || a === '-qq' || a === '--quiet') continue;
      else if (a === '--no-install-recommends') recommends = false;
      else if (a === '-h' || a === '--help') {
        ctx.out(USAGE);
        return 0;
      } else if (a.startsWith('-')) {
        const name = a.replace(/^--?/, '');
        ctx.err(`E: Command line option '${name}' [from ${a}] is not understood in combination with the other options.\n`);
        return 100;
      } else words.push(a);
    }
    const [op, ...pkgs] = words;
    if (prog === 'apt' && !ctx.isTty) ctx.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    if (op === undefined) {
      ctx.out(USAGE);
      return 1;
    }
    if (op === 'update') return yield* update(ctx, prog === 'apt');
    if (op === 'install') return yield* install(ctx, pkgs, { yes, recommends });
    if (['upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'full-upgrade', 'search', 'show', 'list', 'clean'].includes(op)) {
      ctx.err(`${prog} ${op}: not supported in this sandbox (update and install are)\n`);
      return 100;
    }
    ctx.err(`E: Invalid operation ${op}\n`);
    return 100;
  };
}

export const aptGetCommand: CommandSpec = {
  name: 'apt-get',
  family: 'linux',
  summary: 'install packages from the Ubuntu archive (emulated: update, install)',
  usage: 'apt-get [-y] [--no-install-recommends] update|install PACKAGE...',
  where: 'any',
  options: ['-y', '--no-install-recommends', 'update', 'install'],
  run: aptMain('apt-get'),
};

export const aptCommand: CommandSpec = {
  name: 'apt',
  family: 'linux',
  summary: 'install packages from the Ubuntu archive (emulated: update, install)',
  usage: 'apt [-y] update|install PACKAGE...',
  where: 'any',
  options: ['-y', 'update', 'install'],
  run: aptMain('apt'),
};
