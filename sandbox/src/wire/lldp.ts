/**
 * LLDP (IEEE 802.1AB) as ONOS's link discovery sends it: a probe naming the sending device
 * and port, sent as real LLDP (ethertype 0x88cc, to the nearest-bridge group address) and as
 * BDDP (the same TLVs under ethertype 0x8942, broadcast, so it crosses non-OpenFlow bridges).
 * Only the fields a receiver decides on are modelled; the size on the wire is carried along.
 * Size: real ONOS 2.x probes count 139 bytes each on the switch's lldp/bddp flows (public
 * `ovs-ofctl dump-flows` transcripts: n_packets=10, n_bytes=1390), whatever the device or port.
 */
import type { Mac } from './addr';

export const ETH_TYPE_LLDP = 0x88cc;
export const ETH_TYPE_BDDP = 0x8942;
/** 01:80:c2:00:00:0e, the nearest-bridge group address LLDP frames go to. */
export const LLDP_MULTICAST: Mac = '01:80:c2:00:00:0e';
/** Bytes after the Ethernet header in an ONOS discovery probe (139 on the wire). */
export const ONOS_PROBE_PAYLOAD = 125;

export interface LldpPacket {
  readonly proto: 'lldp';
  /** 0x88cc for LLDP, 0x8942 for BDDP. */
  readonly ethType: typeof ETH_TYPE_LLDP | typeof ETH_TYPE_BDDP;
  /** Chassis ID TLV (ONOS puts the switch's chassis id there). */
  readonly chassisId: string;
  /** Port ID TLV: the sending port's number. */
  readonly portId: number;
  /** Time to live TLV, seconds. */
  readonly ttl: number;
  /** ONOS's organisation-specific device TLV (`of:0000000000000001`); absent in other LLDP. */
  readonly onosDevice?: string;
  /** Payload length in bytes (TLVs after the Ethernet header). */
  readonly bytes: number;
}
