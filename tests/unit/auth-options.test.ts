import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "@/lib/auth/options";

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
