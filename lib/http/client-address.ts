// Pure: which address a request came from, trusting X-Forwarded-For only as far
// as the operator says proxies stand in front of the app
// (docs/decisions/0009-client-address-and-sessions.md).
import net from "node:net";
import type { Environment } from "../config/environment";

export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: net.BlockList; text: string };

/** TRUSTED_PROXY_HOPS (a count) or TRUSTED_PROXIES (comma-separated addresses or CIDR ranges); neither means trust no header. */
export function readProxyTrust(environment: Environment): ProxyTrust {
  const hops = environment.TRUSTED_PROXY_HOPS?.trim();
  const proxies = environment.TRUSTED_PROXIES?.trim();
  if (hops && proxies) throw new Error("Set TRUSTED_PROXY_HOPS or TRUSTED_PROXIES, not both.");
  if (hops) {
    const count = Number(hops);
    if (!Number.isInteger(count) || count < 0 || count > 10)
      throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the app); got "${hops}"`);
    return count === 0 ? { kind: "none" } : { kind: "hops", hops: count };
  }
  if (proxies) {
    const list = new net.BlockList();
    for (const entry of proxies
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [address, prefix] = entry.split("/");
      const type = net.isIPv4(address ?? "") ? "ipv4" : net.isIPv6(address ?? "") ? "ipv6" : null;
      const bits = prefix === undefined ? (type === "ipv4" ? 32 : 128) : Number(prefix);
      if (!type || !Number.isInteger(bits) || bits < 0 || bits > (type === "ipv4" ? 32 : 128))
        throw new Error(
          `TRUSTED_PROXIES must list IP addresses or CIDR ranges such as 10.0.0.0/8, separated by commas; "${entry}" is not one`,
        );
      list.addSubnet(address!, bits, type);
    }
    return { kind: "addresses", list, text: proxies };
  }
  return { kind: "none" };
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

function isTrustedProxy(address: string, list: net.BlockList): boolean {
  if (net.isIPv4(address)) return list.check(address, "ipv4");
  if (net.isIPv6(address)) return list.check(address, "ipv6");
  return false;
}

/**
 * The client's address: the socket's peer unless it is a trusted proxy, in
 * which case the X-Forwarded-For entry that proxy appended, and so on leftwards
 * while the entries are trusted proxies. Entries left of the last trusted hop
 * were written by the client and are ignored.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string {
  const peer = normaliseAddress(socketAddress ?? "") || "unknown";
  if (trust.kind === "none") return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map(normaliseAddress)
    .filter(Boolean);
  // Nearest first: the socket peer, then what each proxy saw.
  const chain = [peer, ...forwarded.reverse()];
  if (trust.kind === "hops") return chain[Math.min(trust.hops, chain.length - 1)]!;
  let index = 0;
  while (index < chain.length - 1 && isTrustedProxy(chain[index]!, trust.list)) index += 1;
  return chain[index]!;
}

/**
 * The key sign-in throttling counts by: an IPv4 address itself, an IPv6
 * address's /64 network. One IPv6 customer is usually given a whole /64, so
 * counting single IPv6 addresses would let one client rotate through 2^64 of them.
 */
export function throttlingKey(address: string): string {
  if (!net.isIPv6(address) || address.includes(".")) return address;
  const [head = "", tail] = address.toLowerCase().split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
