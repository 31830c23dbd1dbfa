// Which network addresses a server-side fetch may reach: public unicast only.
// Refused: private, loopback, link-local, carrier-grade NAT, multicast,
// documentation, benchmarking and reserved ranges, the cloud metadata address,
// and the same in IPv6, including IPv4 addresses embedded in IPv6 (mapped
// ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). No I/O.
import { BlockList, isIPv4, isIPv6 } from "node:net";

const refusedV4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const refusedV6: [string, number][] = [
  ["::", 128],
  ["::1", 128],
  ["::", 96], // IPv4-compatible (deprecated)
  ["100::", 64],
  ["2001::", 23], // IETF protocol assignments, Teredo among them
  ["2001:db8::", 32],
  ["3fff::", 20], // documentation (RFC 9637)
  // Local-use IPv4/IPv6 translation (RFC 8215): a translator inside the network maps these to addresses of its own
  // choosing, internal ones included, so the IPv4 address they seem to carry says nothing.
  ["64:ff9b:1::", 48],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

const refused = new BlockList();
for (const [network, prefix] of refusedV4) refused.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of refusedV6) refused.addSubnet(network, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (any spelling, with or without a dotted IPv4 tail), or null. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIPv6(text)) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups].map((group) => parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** The IPv4 address an IPv6 address carries (mapped, NAT64 or 6to4), if any. */
export function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return ipv4FromGroups(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4FromGroups(g6, g7);
  if (g0 === 0x2002) return ipv4FromGroups(g1, g2);
  return null;
}

/** True when the address is a public unicast address a fetch may connect to. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (isIPv4(bare)) return !refused.check(bare, "ipv4");
  if (!isIPv6(bare)) return false;
  const embedded = embeddedIpv4(bare);
  if (embedded !== null) return isPublicAddress(embedded);
  return !refused.check(bare.replace(/%.*$/, ""), "ipv6");
}
