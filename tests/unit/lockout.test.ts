import { describe, expect, it } from "vitest";
import {
  accountLockedUntil,
  describeLock,
  lockedUntil,
  lockoutLookback,
  throttledUntil,
  throttleLookback,
  throttlePolicy,
} from "@/lib/auth/lockout";

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

describe("throttledUntil", () => {
  const failure = (minutes: number, email: string, clientAddress: string) => ({ at: at(minutes), email, clientAddress });
  const attempt = { email: "a@example.test", clientAddress: "192.0.2.1", knownAddress: false, unlockedAt: null };

  it("locks the pair at five failures, but not the same account from another address", () => {
    const failures = [0, 1, 2, 3, 4].map((minute) => failure(minute, "a@example.test", "192.0.2.1"));
    expect(throttledUntil(attempt, failures, at(5))).toEqual(at(19));
    expect(throttledUntil({ ...attempt, clientAddress: "192.0.2.2" }, failures, at(5))).toBeNull();
  });

  it("locks an address at twenty failures across accounts", () => {
    const failures = Array.from({ length: 20 }, (_, index) => failure(index * 0.5, `guess${index}@example.test`, "192.0.2.1"));
    expect(throttledUntil(attempt, failures, at(10))).toEqual(at(9.5 + throttlePolicy.address.lockMinutes));
    expect(throttledUntil({ ...attempt, clientAddress: "192.0.2.9" }, failures, at(10))).toBeNull();
  });

  it("locks an account at ten failures from many addresses, except from a known address, and forgets failures before an unlock", () => {
    const failures = Array.from({ length: 10 }, (_, index) => failure(index, "a@example.test", `198.51.100.${index}`));
    expect(throttledUntil(attempt, failures, at(10))).toEqual(at(24));
    expect(throttledUntil({ ...attempt, knownAddress: true }, failures, at(10))).toBeNull();
    expect(throttledUntil({ ...attempt, unlockedAt: at(9.5) }, failures, at(10))).toBeNull();
    expect(accountLockedUntil("a@example.test", failures, null, at(10))).toEqual(at(24));
    expect(accountLockedUntil("a@example.test", failures, at(9.5), at(10))).toBeNull();
  });

  it("looks back far enough for every rule", () => {
    expect(throttleLookback(at(30))).toEqual(at(0));
  });
});
