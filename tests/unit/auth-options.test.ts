import { describe, expect, it } from "vitest";
import { clientAddressOf, resolveAuthSecret } from "@/lib/auth/options";

describe("resolveAuthSecret", () => {
  it("requires NEXTAUTH_SECRET in production, saying how to make one", () => {
    expect(() => resolveAuthSecret({ NODE_ENV: "production" })).toThrowError(/NEXTAUTH_SECRET is not set\. .*openssl rand -base64 32/);
    expect(() => resolveAuthSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toThrowError(/too short/);
    const secret = "x".repeat(32);
    expect(resolveAuthSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: secret })).toBe(secret);
  });

  it("makes up a per-process secret in development only", () => {
    const first = resolveAuthSecret({ NODE_ENV: "development" });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({ NODE_ENV: "development" })).toBe(first);
  });
});

describe("clientAddressOf", () => {
  it("takes the right-most X-Forwarded-For entry, the one the nearest proxy wrote", () => {
    expect(clientAddressOf({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" })).toBe("10.0.0.2");
    expect(clientAddressOf({ "x-forwarded-for": ["198.51.100.1", "127.0.0.1"] })).toBe("127.0.0.1");
    expect(clientAddressOf({})).toBe("unknown");
    expect(clientAddressOf(undefined)).toBe("unknown");
  });
});
