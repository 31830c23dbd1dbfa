import { describe, expect, it } from "vitest";
import { describeLock, lockedUntil, lockoutLookback } from "@/lib/auth/lockout";

const t0 = new Date("2026-01-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("lockedUntil", () => {
  it("is not locked by four failures", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)], at(4))).toBeNull();
  });

  it("locks for 15 minutes from the fifth failure within 15 minutes", () => {
    const failures = [at(0), at(1), at(2), at(3), at(10)];
    expect(lockedUntil(failures, at(10))).toEqual(at(25));
    expect(lockedUntil(failures, at(24.9))).toEqual(at(25));
    expect(lockedUntil(failures, at(25))).toBeNull();
  });

  it("does not lock when five failures are spread over more than 15 minutes", () => {
    expect(lockedUntil([at(0), at(4), at(8), at(12), at(16)], at(16))).toBeNull();
  });

  it("counts failures in any order and a window edge of exactly 15 minutes", () => {
    expect(lockedUntil([at(15), at(0), at(5), at(10), at(7)], at(15))).toEqual(at(30));
  });

  it("looks back far enough to see every failure that could still lock", () => {
    expect(lockoutLookback(at(30))).toEqual(at(0));
  });

  it("says how long the lock lasts", () => {
    expect(describeLock(at(25), at(10))).toMatch(/locked for 15 more minutes/);
    expect(describeLock(at(25), at(24.99))).toMatch(/locked for 1 more minute;/);
  });
});
