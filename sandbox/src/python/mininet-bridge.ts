/**
 * What the Python `mininet` package (sandbox/python/mininet) asks of the emulator: nodes,
 * links and interfaces made and queried at once (calls), and the steps that take virtual
 * time (requests): commands on nodes, start, stop, pingAll, iperf and the CLI. Printing of
 * the build steps is done in Python (mininet/net.py); start, stop and the tests print here,
 * from the same code `mn` uses (mininet/mininet.ts, mininet/tests.ts), when Python's log
 * level lets them.
 */
import type { ExecContext } from '../shell/context';
import type { Task, Out } from '../mininet/mininet';
import { Mininet, controllerListeningOn, setIntfState } from '../mininet/mininet';
import { MininetCli } from '../mininet/cli';
import { pingHosts, iperfHosts } from '../mininet/tests';
import { Topo } from '../topo/topo';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FabricSwitch } from '../devices/fabric-switch';
import type { SwitchClass } from '../devices/ovs-switch';
import type { ControllerClass } from '../devices/controller-node';
import type { NetNode } from '../devices/node';
import type { Intf } from '../net/interface';
import { formatIpv4, parseCidr, parseIpv4 } from '../wire/addr';
import { waitFor } from '../shell/process';
import { ShellState } from '../shell/shell-state';
import { runBashLine } from '../shell/bash';

export type Payload = Record<string, unknown>;

/** Raised for a call Python should see as an Exception with this message. */
export class BridgeError extends Error {}

const SWITCH_CLASSES: readonly SwitchClass[] = ['OVSSwitch', 'OVSBridge', 'UserSwitch', 'LinuxBridge'];

function str(p: Payload, k: string): string {
  const v = p[k];
  if (typeof v !== 'string') throw new BridgeError(`bad ${k}`);
  return v;
}

function optStr(p: Payload, k: string): string | undefined {
  const v = p[k];
  return typeof v === 'string' ? v : undefined;
}

function num(p: Payload, k: string): number | undefined {
  const v = p[k];
  return typeof v === 'number' ? v : undefined;
}

/** The networks one Python program made, by the ids Python holds. */
export class MininetBridge {
  private nets = new Map<number, Mininet>();
  private nextId = 1;

  constructor(private readonly ctx: ExecContext) {}

  private net(p: Payload): Mininet {
    const id = num(p, 'net');
    const mn = id === undefined ? undefined : this.nets.get(id);
    if (!mn) throw new BridgeError('this Mininet network is no longer running');
    return mn;
  }

  private node(mn: Mininet, name: string): NetNode {
    const n = mn.get(name);
    if (!n) throw new BridgeError(`no node ${name} in this network`);
    return n;
  }

  private host(mn: Mininet, name: string): Host {
    const n = this.node(mn, name);
    if (!(n instanceof Host)) throw new BridgeError(`${name} is not a host`);
    return n;
  }

  private intfOf(p: Payload): { mn: Mininet; node: NetNode; intf: Intf | undefined } {
    const mn = this.net(p);
    const node = this.node(mn, str(p, 'node'));
    return { mn, node, intf: node.intfs.find((i) => i.name === p['intf']) };
  }

  /** Networks left running when the program ended (it never called net.stop()). */
  running(): Mininet[] {
    return [...this.nets.values()].filter((m) => !m.stopped);
  }

  // ---- calls: no virtual time passes ---------------------------------------------------

  call(kind: string, p: Payload): unknown {
    const sb = this.ctx.sandbox;
    switch (kind) {
      case 'net_new': {
        if (sb.mininet) {
          const first = sb.mininet.links[0];
          const pair = first ? `${first.intf1.name},${first.intf2.name}` : 'h1-eth0,s1-eth1';
          throw new BridgeError(`Error creating interface pair (${pair}): RTNETLINK answers: File exists `);
        }
        const ipBase = parseCidr(optStr(p, 'ipBase') ?? '10.0.0.0/8', 8);
        if (!ipBase) throw new BridgeError(`bad ipBase ${String(p['ipBase'])}`);
        const mn = new Mininet(sb, {
          topo: new Topo(),
          switch: { cls: 'OVSSwitch', failMode: 'secure', protocols: [], stp: false },
          controllers: [],
          link: { cls: 'Link', params: {} },
          ipBase,
          autoSetMacs: false,
          autoStaticArp: false,
          listenPort: undefined,
          waitConnected: false,
        });
        sb.mininet = mn;
        const id = this.nextId++;
        this.nets.set(id, mn);
        return id;
      }
      case 'node_add': {
        const mn = this.net(p);
        const h = mn.addHost(str(p, 'name'), {});
        h.cls = optStr(p, 'cls') ?? 'Host';
        return h.pid;
      }
      case 'switch_add': {
        const mn = this.net(p);
        const cls = optStr(p, 'cls') as SwitchClass | undefined;
        const protocols = optStr(p, 'protocols');
        // A fabric switch (patchbay/fabric.py) keeps its tier and pod, as mn's fabric topologies do.
        const fabric = optStr(p, 'cls') === 'FabricSwitch' ? { cls: 'FabricSwitch', tier: optStr(p, 'tier'), pod: num(p, 'pod') } : {};
        const r = mn.addSwitch(str(p, 'name'), {
          ...fabric,
          dpid: optStr(p, 'dpid'),
          failMode: optStr(p, 'failMode'),
          protocols,
          switchCls: cls && SWITCH_CLASSES.includes(cls) ? cls : undefined,
          stp: p['stp'] === true,
        });
        if (typeof r === 'string') throw new BridgeError(r.replace(/^Exception: /, ''));
        return r.pid;
      }
      case 'controller_add': {
        const mn = this.net(p);
        const cls = (optStr(p, 'cls') ?? 'OVSController') as ControllerClass;
        const port = num(p, 'port');
        if (cls !== 'RemoteController' && controllerListeningOn(sb, '127.0.0.1', port ?? 6653)) {
          throw new BridgeError(`Please shut down the controller which is running on port ${port ?? 6653}:`);
        }
        return mn.addController(str(p, 'name'), cls, optStr(p, 'ip'), port).pid;
      }
      case 'controller_listening':
        return controllerListeningOn(sb, str(p, 'ip'), num(p, 'port') ?? 6653);
      case 'link_add': {
        const mn = this.net(p);
        const n1 = this.node(mn, str(p, 'node1'));
        const n2 = this.node(mn, str(p, 'node2'));
        const params1 = (p['params1'] ?? {}) as Payload;
        const params2 = (p['params2'] ?? {}) as Payload;
        const r = mn.addLink(n1, n2, num(p, 'port1') ?? 0, num(p, 'port2') ?? 0, {
          intfName1: optStr(p, 'intfName1'),
          intfName2: optStr(p, 'intfName2'),
          addr1: optStr(p, 'addr1'),
          addr2: optStr(p, 'addr2'),
          params1,
          params2,
        }, p['shaped'] === true);
        return { status: r.status };
      }
      case 'intf':
        return this.intfCall(p);
      case 'node_set_arp': {
        const mn = this.net(p);
        const h = this.host(mn, str(p, 'node'));
        const ip = parseIpv4(str(p, 'ip'));
        const dev = h.defaultIntf();
        if (ip !== undefined && dev) h.stack.neighbors.addPermanent(ip, str(p, 'mac'), dev);
        return null;
      }
      case 'node_default_route': {
        const mn = this.net(p);
        const h = this.host(mn, str(p, 'node'));
        const route = str(p, 'route');
        const via = /^via\s+(\S+)/.exec(route);
        const dev = /(?:^|\s)dev\s+(\S+)/.exec(route);
        const gw = via ? parseIpv4(via[1]!) : undefined;
        const intf = dev ? h.intf(dev[1]!) : h.defaultIntf();
        if (!intf) throw new BridgeError(`Cannot find device "${dev?.[1] ?? ''}"`);
        for (const r of h.stack.routes.list().filter((r) => r.prefixLen === 0)) h.stack.routes.delete(r);
        h.stack.routes.add({ dst: 0, prefixLen: 0, via: gw, dev: intf, proto: 'boot', scope: gw !== undefined ? 'global' : 'link', metric: 0, type: 'unicast' });
        return null;
      }
      case 'node_terminate': {
        const mn = this.net(p);
        const h = mn.get(str(p, 'node'));
        if (h instanceof Host) mn.stopHost(h);
        return null;
      }
      case 'switch_connected': {
        const mn = this.net(p);
        const sw = this.node(mn, str(p, 'node'));
        return sw instanceof OvsSwitch || sw instanceof FabricSwitch ? mn.switchConnected(sw) : false;
      }
      case 'link_status': {
        const mn = this.net(p);
        const status = str(p, 'status');
        if (status !== 'up' && status !== 'down') return `Unknown link status ${status}\n`;
        for (const [n, i] of [[p['node1'], p['intf1']], [p['node2'], p['intf2']]]) {
          const intf = this.node(mn, String(n)).intfs.find((x) => x.name === i);
          if (intf) setIntfState(intf, status === 'up');
        }
        return null;
      }
      case 'listening': {
        const ip = parseIpv4(str(p, 'ip'));
        const port = num(p, 'port') ?? 80;
        const owner = [...sb.net.nodes.values()].find((n) => n instanceof Host && ip !== undefined && n.stack.isLocal(ip));
        return owner instanceof Host && owner.stack.tcp.isListening(port);
      }
      case 'net_done': {
        this.net(p).finish();
        return null;
      }
      default:
        throw new BridgeError(`unknown sandbox call ${kind}`);
    }
  }

  private intfCall(p: Payload): unknown {
    const { node, intf } = this.intfOf(p);
    const what = str(p, 'what');
    if (what === 'exists') return intf !== undefined && this.ctx.sandbox.net.node(node.name) !== undefined;
    if (!intf) return null;
    const v4 = intf.addrs[0];
    switch (what) {
      case 'ip':
        return v4 ? formatIpv4(v4.addr) : null;
      case 'prefixLen':
        return v4 ? v4.prefixLen : null;
      case 'mac':
        return intf.mac;
      case 'isUp':
        return intf.adminUp;
      case 'up':
        setIntfState(intf, true);
        return null;
      case 'setMAC':
        intf.mac = str(p, 'mac');
        return null;
      case 'setIP': {
        const c = parseCidr(`${str(p, 'ip')}/${num(p, 'prefixLen') ?? 8}`, 8);
        if (!c) throw new BridgeError(`bad IP address ${String(p['ip'])}`);
        if (node instanceof Host) node.stack.setAddress(intf, c);
        return null;
      }
      default:
        throw new BridgeError(`unknown interface query ${what}`);
    }
  }

  // ---- requests: virtual time passes ---------------------------------------------------

  /** Serve one request; returns its value, or throws BridgeError. */
  *request(kind: string, p: Payload): Task<unknown> {
    const { ctx } = this;
    const show = (on: unknown): Out => (on === true ? (t) => ctx.err(t) : () => undefined);
    switch (kind) {
      case 'cmd': {
        const mn = this.net(p);
        const node = this.node(mn, str(p, 'node'));
        const text = yield* mn.cmd(ctx.session, node, str(p, 'line'));
        // Read from the node's pty: newlines come back as \r\n (Mininet's node.cmd).
        return text.replace(/\r?\n/g, '\r\n');
      }
      case 'lab_cmd': {
        let text = '';
        const shell = new ShellState(ctx.sandbox.lab);
        yield* runBashLine(ctx.sandbox, ctx.session, shell, str(p, 'line'), (t) => (text += t), { interactive: false });
        return text;
      }
      case 'net_start': {
        const mn = this.net(p);
        const err = yield* mn.start(show(p['show']));
        if (err) throw new BridgeError(err.trimEnd());
        return null;
      }
      case 'net_wait_connected':
        return yield* this.net(p).waitConnected(show(p['show']));
      case 'net_stop_switches':
        yield* this.net(p).stopSwitches(show(p['show']));
        return null;
      case 'net_ping': {
        const mn = this.net(p);
        const names = p['hosts'];
        const hosts = Array.isArray(names) ? names.map((n) => this.host(mn, String(n))) : undefined;
        return yield* pingHosts(mn, ctx.session, show(p['show']), hosts, { full: p['full'] === true, timeout: optStr(p, 'timeout') });
      }
      case 'net_iperf': {
        const mn = this.net(p);
        const names = p['hosts'];
        const hosts = Array.isArray(names) ? names.map((n) => this.node(mn, String(n))) : undefined;
        return (yield* iperfHosts(mn, ctx.session, show(p['show']), {
          udp: p['udp'] === true, hosts, bw: optStr(p, 'udpBw'), seconds: num(p, 'seconds'),
        })) ?? null;
      }
      case 'cli': {
        const mn = this.net(p);
        const popped = ctx.session.pushMode(new MininetCli(ctx.sandbox, mn));
        yield waitFor(popped);
        return null;
      }
      case 'cli_script':
        yield* MininetCli.runScript(ctx, this.net(p), str(p, 'path'));
        return null;
      default:
        throw new BridgeError(`unknown sandbox request ${kind}`);
    }
  }
}
