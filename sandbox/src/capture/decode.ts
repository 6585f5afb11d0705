/**
 * A per-layer decode of a frame for the packet inspector, with Wireshark's field names and value
 * styles (Ethernet II, ARP, IPv4, ICMP, UDP, TCP, LLDP; an ICMP error's quoted datagram follows as
 * "IPv4 (quoted)" and its transport layer). Plain data, structured-cloneable.
 *
 * Header fields the model does not carry as such (checksums, DF, TCP options, LLDP TLVs) come
 * from the bytes frame-bytes.ts builds for the frame; checksums are computed over those bytes
 * (RFC 1071), so they are shown as [correct] honestly: the sandbox never corrupts a packet.
 */
import type { EthernetFrame } from '../wire/ethernet';
import { etherTypeOf, frameSize } from '../wire/ethernet';
import type { ArpPacket } from '../wire/arp';
import { ARP_REQUEST } from '../wire/arp';
import { formatIpv4 } from '../wire/addr';
import type { IcmpMessage } from '../wire/icmp';
import { ICMP_ERROR_QUOTE_MAX } from '../wire/icmp';
import type { Ipv4Packet } from '../wire/ipv4';
import { ipProtocolNumber, ipv4Size } from '../wire/ipv4';
import type { LldpPacket } from '../wire/lldp';
import { ETH_TYPE_LLDP } from '../wire/lldp';
import type { TcpSegment } from '../wire/tcp';
import type { UdpDatagram } from '../wire/udp';
import type { ByteContext } from './frame-bytes';
import {
  dontFragment, icmpBytes, ipv4HeaderBytes, lldpWireTlvs, LLDP_TLV_CHASSIS_ID, LLDP_TLV_PORT_DESCR, LLDP_TLV_PORT_ID,
  LLDP_TLV_PRIVATE, LLDP_TLV_TTL, ONOS_OUI, tcpBytes, tcpFlagBits, tcpOptions, udpBytes,
} from './frame-bytes';
import { tcpOptionText } from './summary';

export interface LayerField {
  readonly name: string;
  readonly value: string;
}

export interface Layer {
  /** 'Ethernet II', 'ARP', 'IPv4', 'ICMP', 'UDP', 'TCP', 'LLDP', ... */
  readonly name: string;
  readonly fields: readonly LayerField[];
}

export type FrameProtocol = 'arp' | 'icmp' | 'tcp' | 'udp' | 'lldp' | 'stp' | 'other';

/**
 * The protocol an inspector filters by: the innermost one the sandbox models. LLDP covers ONOS's
 * BDDP probes too (the same TLVs under ethertype 0x8942). The engine sends no STP BPDUs (spanning
 * tree is modelled by its outcome, devices/stp.ts), so 'stp' and 'other' are never returned today.
 */
export function protocolOf(frame: EthernetFrame): FrameProtocol {
  const p = frame.payload;
  switch (p.proto) {
    case 'arp':
      return 'arp';
    case 'lldp':
      return 'lldp';
    case 'ipv4':
      return p.payload.proto;
  }
}

const f = (name: string, value: string | number): LayerField => ({ name, value: String(value) });
const hex = (v: number, digits: number): string => '0x' + v.toString(16).padStart(digits, '0');
const checksumField = (name: string, v: number): LayerField => f(name, `${hex(v, 4)} [correct]`);

const ETHERTYPE_NAMES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)', 0x8942: 'Unknown (ONOS BDDP)' };

function macText(m: string): string {
  if (m === 'ff:ff:ff:ff:ff:ff') return 'Broadcast (ff:ff:ff:ff:ff:ff)';
  if (m === '01:80:c2:00:00:0e') return 'LLDP_Multicast (01:80:c2:00:00:0e)';
  return m;
}

function ethernet(frame: EthernetFrame): Layer {
  const type = etherTypeOf(frame.payload);
  return {
    name: 'Ethernet II',
    fields: [
      f('Destination', macText(frame.dst)),
      f('Source', macText(frame.src)),
      f('Type', `${ETHERTYPE_NAMES[type] ?? 'Unknown'} (${hex(type, 4)})`),
      f('Frame Length', `${frameSize(frame)} bytes`),
    ],
  };
}

function arp(a: ArpPacket): Layer {
  return {
    name: 'ARP',
    fields: [
      f('Hardware type', 'Ethernet (1)'),
      f('Protocol type', 'IPv4 (0x0800)'),
      f('Hardware size', 6),
      f('Protocol size', 4),
      f('Opcode', a.op === ARP_REQUEST ? 'request (1)' : 'reply (2)'),
      f('Sender MAC address', a.sha),
      f('Sender IP address', formatIpv4(a.spa)),
      f('Target MAC address', a.tha),
      f('Target IP address', formatIpv4(a.tpa)),
    ],
  };
}

const IP_PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };
const ECN_NAMES = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];

function ipv4(p: Ipv4Packet, name: string): Layer {
  const h = ipv4HeaderBytes(p);
  const num = ipProtocolNumber(p.payload);
  const df = dontFragment(p);
  return {
    name,
    fields: [
      f('Version', 4),
      f('Header Length', '20 bytes (5)'),
      f('Differentiated Services Field', `${hex(p.tos, 2)} (DSCP: ${p.tos >> 2}, ECN: ${ECN_NAMES[p.tos & 3]})`),
      f('Total Length', ipv4Size(p)),
      f('Identification', `${hex(p.id, 4)} (${p.id})`),
      f('Flags', df ? "0x2, Don't fragment" : '0x0'),
      f('Fragment Offset', 0),
      f('Time to Live', p.ttl),
      f('Protocol', `${IP_PROTOCOLS[num] ?? 'Unknown'} (${num})`),
      checksumField('Header Checksum', (h[10]! << 8) | h[11]!),
      f('Source Address', formatIpv4(p.src)),
      f('Destination Address', formatIpv4(p.dst)),
    ],
  };
}

const ICMP_TYPES: Record<number, string> = { 0: 'Echo (ping) reply', 3: 'Destination unreachable', 8: 'Echo (ping) request', 11: 'Time-to-live exceeded' };
const UNREACH_CODES: Record<number, string> = {
  0: 'Network unreachable', 1: 'Host unreachable', 2: 'Protocol unreachable', 3: 'Port unreachable',
  4: 'Fragmentation needed', 5: 'Source route failed', 6: 'Destination network unknown', 7: 'Destination host unknown',
  9: 'Network administratively prohibited', 10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};
const TIME_EXCEEDED_CODES: Record<number, string> = { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' };

function icmp(m: IcmpMessage, bc: ByteContext): Layer[] {
  const b = icmpBytes(m, bc);
  const fields: LayerField[] = [f('Type', `${m.type} (${ICMP_TYPES[m.type] ?? 'Unknown'})`)];
  if (!('original' in m)) {
    fields.push(
      f('Code', 0),
      checksumField('Checksum', (b[2]! << 8) | b[3]!),
      f('Identifier', `${m.ident} (${hex(m.ident, 4)})`),
      f('Sequence Number', `${m.seq} (${hex(m.seq, 4)})`),
      f('Data', `${m.dataLen} bytes`),
    );
    return [{ name: 'ICMP', fields }];
  }
  const codes = m.type === 3 ? UNREACH_CODES : TIME_EXCEEDED_CODES;
  fields.push(f('Code', `${m.code} (${codes[m.code] ?? 'Unknown'})`), checksumField('Checksum', (b[2]! << 8) | b[3]!));
  const quoted = Math.min(ipv4Size(m.original), ICMP_ERROR_QUOTE_MAX);
  fields.push(f('Quoted datagram', `${quoted} of ${ipv4Size(m.original)} bytes`));
  return [{ name: 'ICMP', fields }, ...ipLayers(m.original, bc, ' (quoted)')];
}

function udp(p: Ipv4Packet, u: UdpDatagram): Layer {
  const b = udpBytes(p, u);
  return {
    name: 'UDP',
    fields: [
      f('Source Port', u.sport),
      f('Destination Port', u.dport),
      f('Length', 8 + u.length),
      checksumField('Checksum', (b[6]! << 8) | b[7]!),
      f('Payload', `${u.length} bytes`),
    ],
  };
}

const TCP_FLAG_NAMES: ReadonlyArray<[number, string]> = [[0x01, 'FIN'], [0x02, 'SYN'], [0x04, 'RST'], [0x08, 'PSH'], [0x10, 'ACK']];

function tcp(p: Ipv4Packet, seg: TcpSegment, bc: ByteContext): Layer {
  const b = tcpBytes(p, seg, bc);
  const bits = tcpFlagBits(seg);
  const hlen = 20 + (seg.options ?? 0);
  const opts = tcpOptions(p, seg, bc);
  const fields: LayerField[] = [
    f('Source Port', seg.sport),
    f('Destination Port', seg.dport),
    f('Sequence Number (raw)', seg.seq >>> 0),
    f('Acknowledgment Number (raw)', seg.flags.ack ? seg.ack >>> 0 : 0),
    f('Header Length', `${hlen} bytes (${hlen / 4})`),
    f('Flags', `${hex(bits, 3)} (${TCP_FLAG_NAMES.filter(([x]) => bits & x).map(([, n]) => n).join(', ') || 'none'})`),
    f('Window', seg.window),
    checksumField('Checksum', (b[16]! << 8) | b[17]!),
    f('Urgent Pointer', 0),
  ];
  if (opts.length) fields.push(f('Options', `(${seg.options} bytes) ${opts.map(tcpOptionText).join(', ')}`));
  fields.push(f('TCP payload', `${seg.length} bytes`));
  if (seg.data !== undefined && seg.length > 0) {
    const firstLine = seg.data.split(/\r?\n/)[0]!;
    if (firstLine) fields.push(f('Data (first line)', firstLine));
  }
  return { name: 'TCP', fields };
}

function ipLayers(p: Ipv4Packet, bc: ByteContext, suffix: string): Layer[] {
  const layers = [ipv4(p, 'IPv4' + suffix)];
  const pl = p.payload;
  const named = (l: Layer): Layer => ({ ...l, name: l.name + suffix });
  switch (pl.proto) {
    case 'icmp':
      return [...layers, ...(suffix ? icmp(pl, bc).slice(0, 1).map(named) : icmp(pl, bc))];
    case 'udp':
      return [...layers, named(udp(p, pl))];
    case 'tcp':
      return [...layers, named(tcp(p, pl, bc))];
  }
}

const CHASSIS_SUBTYPES: Record<number, string> = { 4: 'MAC address', 7: 'Locally assigned' };
const PORT_SUBTYPES: Record<number, string> = { 2: 'Port component', 3: 'MAC address', 5: 'Interface name', 7: 'Locally assigned' };
const ONOS_SUBTYPES: Record<number, string> = { 1: 'ONOS Discovery name', 2: 'ONOS Device', 3: 'ONOS Domain', 4: 'ONOS Timestamp', 5: 'ONOS Signature' };

function lldp(p: LldpPacket, timeUs: number): Layer {
  const text = (b: Uint8Array): string => String.fromCharCode(...b);
  const fields: LayerField[] = [];
  for (const t of lldpWireTlvs(p, timeUs)) {
    switch (t.type) {
      case LLDP_TLV_CHASSIS_ID: {
        const st = t.value[0]!;
        const id = st === 4 ? Array.from(t.value.subarray(1), (x) => x.toString(16).padStart(2, '0')).join(':') : text(t.value.subarray(1));
        fields.push(f('Chassis Id', `${id} (subtype: ${CHASSIS_SUBTYPES[st] ?? st})`));
        break;
      }
      case LLDP_TLV_PORT_ID:
        fields.push(f('Port Id', `${text(t.value.subarray(1))} (subtype: ${PORT_SUBTYPES[t.value[0]!] ?? t.value[0]})`));
        break;
      case LLDP_TLV_TTL:
        fields.push(f('Time To Live', `${(t.value[0]! << 8) | t.value[1]!} sec`));
        break;
      case LLDP_TLV_PORT_DESCR:
        fields.push(f('Port Description', text(t.value)));
        break;
      case LLDP_TLV_PRIVATE: {
        const oui = (t.value[0]! << 16) | (t.value[1]! << 8) | t.value[2]!;
        const sub = t.value[3]!;
        const body = t.value.subarray(4);
        if (oui !== ONOS_OUI) {
          fields.push(f('Organization Specific', `OUI ${hex(oui, 6)}, subtype ${sub}, ${body.length} bytes`));
        } else if (sub === 1 || sub === 2 || sub === 3) {
          fields.push(f(ONOS_SUBTYPES[sub]!, text(body)));
        } else if (sub === 4) {
          const ms = body.reduce((acc, x) => acc * 256 + x, 0);
          fields.push(f(ONOS_SUBTYPES[sub]!, `${ms} (ms since the epoch)`));
        } else {
          fields.push(f(ONOS_SUBTYPES[sub] ?? `ONOS subtype ${sub}`, `${body.length} bytes`));
        }
        break;
      }
      default:
        fields.push(f(`TLV type ${t.type}`, `${t.value.length} bytes`));
    }
  }
  fields.push(f('End of LLDPDU', ''));
  return { name: p.ethType === ETH_TYPE_LLDP ? 'LLDP' : 'BDDP (LLDP TLVs)', fields };
}

/**
 * Every layer of a frame, outermost first. `timeUs` is when it was seen (TCP timestamps and ONOS
 * probe timestamps depend on it; 0 when unknown).
 */
export function decodeFrame(frame: EthernetFrame, timeUs = 0): Layer[] {
  const bc: ByteContext = { timeUs };
  const p = frame.payload;
  switch (p.proto) {
    case 'arp':
      return [ethernet(frame), arp(p)];
    case 'ipv4':
      return [ethernet(frame), ...ipLayers(p, bc, '')];
    case 'lldp':
      return [ethernet(frame), lldp(p, timeUs)];
  }
}
