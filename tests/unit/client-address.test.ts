import { describe, expect, it } from "vitest";
import { readProxyTrust, resolveClientAddress, throttlingKey } from "@/lib/http/client-address";
import { markTrustedServer, trustedClientAddress } from "@/lib/http/trusted-server";

const none = readProxyTrust({});

describe("resolveClientAddress", () => {
  it("uses the socket address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", ["1.2.3.4", "5.6.7.8"], none)).toBe("203.0.113.7");
    expect(resolveClientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", readProxyTrust({ TRUSTED_PROXY_HOPS: "0" }))).toBe("203.0.113.7");
  });

  it("with TRUSTED_PROXY_HOPS takes the entry that many hops from the socket, ignoring what the client prepended", () => {
    const oneHop = readProxyTrust({ TRUSTED_PROXY_HOPS: "1" });
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real client, 198.51.100.9.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", oneHop)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", undefined, oneHop)).toBe("10.0.0.2");
    const twoHops = readProxyTrust({ TRUSTED_PROXY_HOPS: "2" });
    expect(resolveClientAddress("10.0.0.3", "1.2.3.4, 198.51.100.9, 10.0.0.2", twoHops)).toBe("198.51.100.9");
  });

  it("with TRUSTED_PROXIES walks left only while the hops are trusted proxies", () => {
    const trust = readProxyTrust({ TRUSTED_PROXIES: "10.0.0.0/8, 2001:db8::/32, 192.0.2.1" });
    expect(resolveClientAddress("10.1.2.3", "1.2.3.4, 198.51.100.9, 192.0.2.1", trust)).toBe("198.51.100.9");
    // Not from a trusted proxy: the header is the client's own and is ignored.
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", trust)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::5", "198.51.100.9", trust)).toBe("198.51.100.9");
  });

  it("refuses configuration it cannot follow, saying what is expected", () => {
    expect(() => readProxyTrust({ TRUSTED_PROXY_HOPS: "two" })).toThrow(/whole number/);
    expect(() => readProxyTrust({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/"10\.0\.0\.0\/33" is not one/);
    expect(() => readProxyTrust({ TRUSTED_PROXIES: "proxy.internal" })).toThrow(/CIDR/);
    expect(() => readProxyTrust({ TRUSTED_PROXY_HOPS: "1", TRUSTED_PROXIES: "10.0.0.1" })).toThrow(/not both/);
  });
});

describe("trustedClientAddress", () => {
  it("believes the client-address header only when the app runs behind scripts/serve.ts", () => {
    const headers = { "x-stancewatch-client-address": "1.2.3.4" };
    expect(trustedClientAddress(headers)).toBe("unknown");
    markTrustedServer();
    expect(trustedClientAddress(headers)).toBe("1.2.3.4");
    expect(trustedClientAddress({})).toBe("unknown");
  });
});

describe("throttlingKey", () => {
  it("counts IPv4 addresses one by one and IPv6 addresses by their /64 network", () => {
    expect(throttlingKey("203.0.113.7")).toBe("203.0.113.7");
    expect(throttlingKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(throttlingKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttlingKey("2001:DB8::5")).toBe("2001:db8:0:0::/64");
    expect(throttlingKey("::1")).toBe("0:0:0:0::/64");
    expect(throttlingKey("unknown")).toBe("unknown");
  });
});
