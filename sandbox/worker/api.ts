/**
 * The one contract between the site and the sandbox worker (DESIGN.md, engine principle 7).
 * Everything that crosses it is structured-cloneable data; callbacks are comlink proxies.
 * The site imports only this file from sandbox/.
 */

/** What a terminal reports to the page. */
export type TerminalEvent =
  | { readonly type: 'output'; readonly text: string }
  /** Ready for a line: draw this prompt ('' when a program reads input after printing its own). */
  | { readonly type: 'ready'; readonly prompt: string; readonly mode: string; /** false: a password is read, do not show the keys */ readonly echo?: boolean }
  /** The shell exited (exit / Ctrl-D at the last prompt). */
  | { readonly type: 'closed' }
  /** A line replayed from a share link: draw it after the prompt as if it had been typed. */
  | { readonly type: 'input'; readonly text: string };

export type TerminalListener = (e: TerminalEvent) => void;

export interface TerminalInfo {
  readonly id: number;
  /** Tab title: "master1", or the node's name for `xterm h1`. */
  readonly title: string;
}

export interface CompletionResult {
  /** Where the completed word starts in the line. */
  readonly from: number;
  readonly candidates: string[];
}

export interface CommandInfo {
  readonly name: string;
  readonly aliases: string[];
  readonly family: string;
  readonly summary: string;
  readonly usage: string;
  readonly where: 'any' | 'lab';
}

/** A lesson step as the page sends it: `check` is the author's data, validated by the worker. */
export interface StepInput {
  readonly id: string;
  readonly check: unknown;
}

/** setSteps' answer for one step: `error` when its check is not valid (then it never passes). */
export interface StepValidation {
  readonly id: string;
  readonly error?: string;
}

/** One step's check evaluated against the sandbox now (not latched: the page remembers "done"). */
export interface StepResult {
  readonly id: string;
  readonly passed: boolean;
  readonly detail?: string;
}

export type StepsListener = (results: StepResult[]) => void;

/**
 * One input to a terminal, at a virtual time: what a share link records. Replaying the same
 * inputs at the same virtual times on the same seed gives the same sandbox (DESIGN.md, engine
 * principle 1). `close` is the page closing a terminal's tab; `open` is the page's New terminal
 * button (`terminal` is the id the new terminal got); `app` is the ONOS GUI's Activate or
 * Deactivate button (`terminal` 0, `line` 'activate NAME' or 'deactivate NAME'); `save` is the
 * editor panel's Save (`terminal` 0, `path` and `content`), or a file the learner had saved
 * before a Reset, carried into the new sandbox (at time 0); `xterm` is the network view opening a
 * terminal on a node (`terminal` is the id the new terminal got, `line` the node's name).
 */
export interface ShareEvent {
  /** Virtual microseconds since the sandbox started. */
  readonly at: number;
  readonly terminal: number;
  readonly kind: 'line' | 'interrupt' | 'eof' | 'close' | 'open' | 'app' | 'save' | 'xterm';
  /** The line (kind 'line'), the GUI's app action (kind 'app'), or the node a terminal opens on (kind 'xterm'). */
  readonly line?: string;
  /** The file saved (kind 'save'): an absolute path on the lab machine, and its whole new content. */
  readonly path?: string;
  readonly content?: string;
}

/** The form of an 'app' share event's line. */
export const SHARE_APP_LINE = /^(activate|deactivate) [A-Za-z0-9._-]{1,200}$/;

/** The form of an 'xterm' share event's line: a node's name. */
export const SHARE_NODE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export interface ShareState {
  readonly seed: number;
  readonly events: readonly ShareEvent[];
}

/** The bounds a share link is held to (checked by the page when it decodes, and by the worker). */
export const SHARE_LIMITS = {
  events: 1000,
  lineLength: 2000,
  /** Virtual time: a day. */
  maxAt: 24 * 3600 * 1_000_000,
  /** A saved file's content, in characters (a lesson's script is a few thousand). */
  fileLength: 20_000,
  pathLength: 1000,
} as const;

export type ReplayResult = { readonly ok: true; readonly events: number } | { readonly ok: false; readonly error: string };

/**
 * What the ONOS GUI panel shows (the counterpart of ONOS's web GUI at :8181/onos/ui), read from
 * the emulated controller (sandbox/src/onos/model.ts). Plain data; `status` 'stopped' has empty lists.
 */
export interface OnosSnapshot {
  readonly status: 'stopped' | 'starting' | 'running' | 'stopping';
  readonly version: string;
  readonly apps: readonly { readonly id: number; readonly name: string; readonly title: string; readonly category: string; readonly active: boolean }[];
  readonly devices: readonly {
    readonly id: string; readonly available: boolean; readonly role: string; readonly mfr: string; readonly hw: string; readonly sw: string;
    readonly protocol: string; readonly name: string; readonly ports: number;
  }[];
  /** One entry per direction, as ONOS lists them. */
  readonly links: readonly { readonly src: string; readonly dst: string; readonly state: string }[];
  readonly hosts: readonly { readonly id: string; readonly mac: string; readonly ips: readonly string[]; readonly location: string }[];
  readonly flows: readonly {
    readonly deviceId: string; readonly id: string; readonly state: string; readonly priority: number; readonly appName: string;
    readonly selector: string; readonly treatment: string; readonly packets: number; readonly bytes: number; readonly durationS: number;
  }[];
  /** Changes whenever anything above changes (cheap polling: fetch the rest only when it moved). */
  readonly revision: number;
}

/** A file put into the lab machine when the sandbox starts. */
export interface LabFileSeed {
  /** Absolute path; its directories are made if missing. */
  readonly path: string;
  readonly content: string;
}

/**
 * A <LabFile path> tag's path: absolute, plain characters, no `.` or `..` segment. Lesson CI
 * (sandbox/lessons/extract.ts) and the page's tag (src/components/LabFile) both check it.
 */
export const LAB_FILE_PATH = /^(\/(?!\.\.?(?:\/|$))[A-Za-z0-9._+-]+)+$/;

/** At most this many files are seeded at start (starter files and saved ones each). */
export const SEED_FILES_LIMIT = 50;

export interface SandboxInitOptions {
  readonly seed?: number;
  /** Virtual seconds per wall second (1 = real time). */
  readonly speed?: number;
  /** The lesson's starter files (<LabFile>): part of the page, like the seed, so not recorded for share links. */
  readonly files?: readonly LabFileSeed[];
  /**
   * Files the learner saved in the editor before a Reset: written after `files`, and recorded for
   * share links as saves at time 0 (the link's page does not have them).
   */
  readonly savedFiles?: readonly LabFileSeed[];
}

/** The languages the editor panel highlights. */
export type EditorLanguage = 'python' | 'shell' | 'yaml' | 'dockerfile' | 'plaintext';

/**
 * A file for the editor panel. `reason` 'open': nano/vi/code asked for it (the panel shows it and
 * may take the keyboard); 'saved': a share link's replay saved this content (the panel, if it has
 * the file open and unmodified, shows the new content; it takes nothing).
 */
export interface EditorFileEvent {
  readonly reason: 'open' | 'saved';
  /** Absolute path on the lab machine. */
  readonly path: string;
  readonly content: string;
  readonly language: EditorLanguage;
  /** Not on the disk yet: created by the first save. */
  readonly isNew: boolean;
  /** The program that asked (nano, vi, code); '' for 'saved'. */
  readonly editor: string;
  /** 1-based line for the cursor (nano +N). */
  readonly line?: number;
}

/** saveFile's answer: `error` is the editor's message (nano's "Error writing PATH: ..."). */
export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** A data-center tier (a fabric topology's switch option), drawn as a row of its own. */
export type NetworkTier = 'core' | 'aggregation' | 'access' | 'spine' | 'leaf' | 'edge';

/**
 * What a node of the network view is: a Mininet host, switch, router (a host that forwards) or
 * controller; the lab machine; a Docker container or bridge.
 */
export type NetworkNodeKind = 'host' | 'switch' | 'router' | 'controller' | 'machine' | 'container' | 'bridge';

export interface NetworkNodeView {
  /** Unique in the snapshot: the device's name (a clash gets a #2 suffix). */
  readonly id: string;
  readonly name: string;
  readonly kind: NetworkNodeKind;
  /** From the topology's node options (fabrics); absent otherwise. */
  readonly tier?: NetworkTier;
  readonly pod?: number;
  /** IPv4 addresses with their prefix ("10.0.0.1/8"), in interface order. */
  readonly addresses: readonly string[];
  /** Running (a switch started, a container up); hosts are always up. */
  readonly up: boolean;
  /** A terminal can be opened on it (openNodeTerminal). */
  readonly terminal: boolean;
}

export interface NetworkLinkEnd {
  readonly node: string;
  readonly intf: string;
  /** The interface is administratively up. */
  readonly up: boolean;
}

export interface NetworkLinkView {
  /** "h1:h1-eth0|s1:s1-eth1": both ends, in the engine's order. */
  readonly id: string;
  readonly a: NetworkLinkEnd;
  readonly b: NetworkLinkEnd;
  /** Carrier on both ends: frames can cross it. */
  readonly up: boolean;
  /** TCLink parameters on either end, as Mininet prints them ("10.00Mbit", "5ms"). */
  readonly bw?: number;
  readonly delay?: string;
}

/**
 * The network the view draws: Mininet's nodes and links, Docker's containers and bridges (with the
 * lab machine they hang off). Empty lists when neither runs. The lab machine's uplink to the
 * outside world is not part of it.
 */
export interface NetworkSnapshot {
  readonly nodes: readonly NetworkNodeView[];
  readonly links: readonly NetworkLinkView[];
  /** Changes whenever anything above changes (poll networkRevision, fetch this when it moved). */
  readonly revision: number;
}

/** The packet inspector's protocol filter (capture/decode.ts protocolOf). */
export type PacketProtocol = 'arp' | 'icmp' | 'tcp' | 'udp' | 'lldp' | 'stp' | 'other';

/** One frame put on a link (sandbox/src/net/network.ts PacketEvent), as the page sees it. */
export interface PacketInfo {
  /** Increasing from 1 per sandbox; decodePacket(id) while it is among the last PACKET_LOG_SIZE. */
  readonly id: number;
  /** Virtual microseconds since the sandbox started, when the frame leaves the sender. */
  readonly at: number;
  readonly from: { readonly node: string; readonly intf: string };
  readonly to: { readonly node: string; readonly intf: string };
  readonly protocol: PacketProtocol;
  /** tcpdump -n's line for it, without the timestamp (capture/summary.ts). */
  readonly summary: string;
  /** Bytes on the wire (Ethernet header and payload). */
  readonly size: number;
}

export interface PacketBatch {
  readonly packets: readonly PacketInfo[];
  /** Frames sent since the previous batch that this one leaves out (more than PACKET_BATCH_LIMIT). */
  readonly skipped: number;
}

/** Frames the worker keeps for decodePacket; older ones are forgotten. */
export const PACKET_LOG_SIZE = 5000;
/** At most this many frames per batch (the newest); batches go out at most every PACKET_BATCH_MS. */
export const PACKET_BATCH_LIMIT = 400;
export const PACKET_BATCH_MS = 50;

/** One layer of a decoded frame (capture/decode.ts Layer). */
export interface PacketLayer {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

/**
 * simStep's answer. 'frames': a device sent these frames (a switch that floods sends its copies in
 * one step); 'idle': SIM_IDLE_SKIP of virtual time passed with no frame, or nothing is scheduled
 * (`pending` false: asking again changes nothing until a command is typed); 'frozen': a Python
 * program holds the clock; 'off': not in simulation mode.
 */
export interface SimStepResult {
  readonly kind: 'frames' | 'idle' | 'frozen' | 'off';
  readonly packets: readonly PacketInfo[];
  /** Virtual time after the step. */
  readonly now: number;
  readonly pending: boolean;
}

/** The most virtual time one simulation step skips without a frame (a `sleep 60` takes several steps). */
export const SIM_IDLE_SKIP = 5_000_000;

export interface SandboxWorkerApi {
  /** Create (or re-create) the sandbox. Returns the first terminal, on the lab machine. */
  init(opts: SandboxInitOptions): TerminalInfo;
  /** Attach a listener to a terminal; it immediately receives the current 'ready' state. */
  listen(terminal: number, listener: TerminalListener): void;
  /** Called when `xterm h1` (or x/gterm) asks for a terminal on a node. */
  onTerminalRequest(listener: (t: TerminalInfo) => void): void;
  submit(terminal: number, line: string): void;
  interrupt(terminal: number): void;
  eof(terminal: number): void;
  complete(terminal: number, line: string): CompletionResult;
  closeTerminal(terminal: number): void;
  /** Pause or resume virtual time; change its speed. */
  setSpeed(speed: number): void;
  commands(): CommandInfo[];
  /**
   * The page's lesson steps (replaces any set before). Each check is validated with the lesson
   * vocabulary (sandbox/src/lessons/checks.ts); the answer lists every step with its error, if any.
   * The steps are evaluated at once and after every completed command (a terminal becomes ready).
   */
  setSteps(steps: StepInput[]): StepValidation[];
  /** Receive every evaluation of the steps (the latest listener replaces the one before). */
  onSteps(listener: StepsListener): void;
  /** Every input since init, for a share link; `tooLong` when there were more than SHARE_LIMITS.events. */
  shareState(): ShareState & { readonly tooLong: boolean };
  /**
   * Replay a share link's inputs on the fresh sandbox init made (same seed): virtual time runs
   * fast to each input's time and the input is given, so terminals show the replayed session
   * ('input' events draw the typed lines). Invalid data is refused before anything runs.
   */
  replay(state: ShareState): ReplayResult;
  /** The ONOS controller's state for the GUI panel (status 'stopped' when ONOS is not running). */
  onosSnapshot(): OnosSnapshot;
  /** The GUI's activate/deactivate buttons: the same as `app activate|deactivate NAME` in the CLI. */
  onosSetApp(name: string, active: boolean): { readonly ok: boolean; readonly message: string };
  /**
   * What the GUI panel polls: the snapshot's revision and ONOS's status, without the lists
   * (fetch onosSnapshot() only when the revision moved).
   */
  onosRevision(): { readonly revision: number; readonly status: OnosSnapshot['status'] };
  /**
   * A new shell on the lab machine (root@master1), as opening another terminal window or ssh
   * session on a real machine: the page's New terminal button. Recorded for share links ('open').
   */
  openTerminal(): TerminalInfo;
  /**
   * Where nano/vi/code (and a replay's saves) send files for the editor panel. Events before a
   * listener is set wait for it. Without this, the commands still succeed (the page has a panel).
   */
  onEditorRequest(listener: (e: EditorFileEvent) => void): void;
  /**
   * The editor panel's Save: write the whole file (never creating directories, as an editor).
   * Recorded for share links ('save'). Lesson steps are evaluated again afterwards.
   */
  saveFile(path: string, content: string): SaveResult;

  /** The network view's polling: the snapshot's revision only (fetch networkSnapshot when it moved). */
  networkRevision(): number;
  networkSnapshot(): NetworkSnapshot;
  /**
   * Receive the frames put on links, batched (at most every PACKET_BATCH_MS, at most
   * PACKET_BATCH_LIMIT a batch); no listener stops the feed. In simulation mode, the frames a step
   * sends come in simStep's answer instead.
   */
  watchPackets(listener?: (batch: PacketBatch) => void): void;
  /** The layers of a frame still in the log (undefined once forgotten). */
  decodePacket(id: number): PacketLayer[] | undefined;
  /**
   * A terminal on a node of the network view, as `xterm NODE` at mininet> opens one (the lab
   * machine: as New terminal). Recorded for share links ('xterm'). A string says why it cannot be
   * opened.
   */
  openNodeTerminal(node: string): TerminalInfo | string;
  /**
   * Simulation mode (Packet Tracer's): virtual time stands still except in simStep. Leaving it goes
   * back to real time at the speed set before, without a jump.
   */
  setSimulation(on: boolean): void;
  /** Run the sandbox until a device sends a frame (see SimStepResult). */
  simStep(): SimStepResult;
}

/**
 * Why `x` is not a ShareState within SHARE_LIMITS (undefined when it is). The page checks a
 * decoded link with it and the worker checks again before replaying: nothing unchecked runs.
 */
export function shareStateProblem(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return 'it holds no session';
  const { seed, events } = x as { seed?: unknown; events?: unknown };
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return 'its seed is not valid';
  if (!Array.isArray(events)) return 'it holds no list of commands';
  if (events.length > SHARE_LIMITS.events) return `it holds ${events.length} inputs; the limit is ${SHARE_LIMITS.events}`;
  let last = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Partial<ShareEvent> | null;
    const where = `input ${i + 1}`;
    if (typeof e !== 'object' || e === null) return `${where} is not an input`;
    if (typeof e.at !== 'number' || !Number.isInteger(e.at) || e.at < last || e.at > SHARE_LIMITS.maxAt) return `${where} has a time out of order or out of range`;
    last = e.at;
    if (typeof e.terminal !== 'number' || !Number.isInteger(e.terminal) || e.terminal < 0 || e.terminal > 1000) return `${where} names no valid terminal`;
    if (e.kind !== 'line' && e.kind !== 'interrupt' && e.kind !== 'eof' && e.kind !== 'close' && e.kind !== 'open' && e.kind !== 'app' && e.kind !== 'save' && e.kind !== 'xterm') return `${where} is of an unknown kind`;
    if (e.kind === 'save') {
      if (typeof e.path !== 'string' || !e.path.startsWith('/') || e.path.length > SHARE_LIMITS.pathLength || /[\0\r\n]/.test(e.path)) return `${where} saves a file with no valid path`;
      if (typeof e.content !== 'string') return `${where} saves a file without its text`;
      if (e.content.length > SHARE_LIMITS.fileLength) return `${where} saves a file longer than ${SHARE_LIMITS.fileLength} characters`;
    }
    if (e.kind === 'line' && (typeof e.line !== 'string' || e.line.length > SHARE_LIMITS.lineLength || /[\r\n]/.test(e.line))) return `${where} is not a valid line`;
    if (e.kind === 'app' && (typeof e.line !== 'string' || !SHARE_APP_LINE.test(e.line))) return `${where} is not a valid application action`;
    if (e.kind === 'xterm' && (typeof e.line !== 'string' || !SHARE_NODE_NAME.test(e.line))) return `${where} names no valid node`;
  }
  return undefined;
}
