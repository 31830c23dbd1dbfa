// Pure: when repeated failed sign-ins throttle an account, a client address or
// the pair of both (docs/decisions/0008-sign-in-throttling.md).

export type LockRule = { maximumFailures: number; windowMinutes: number; lockMinutes: number };

/** One account from one client address: the rule a password-guesser meets first. */
export const lockoutPolicy = { maximumFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const satisfies LockRule;

/**
 * The whole throttling policy. The pair rule is tight; the rules for a client
 * address (many accounts, e.g. an office behind one NAT address) and for an
 * account (one account from many addresses, i.e. a botnet) are looser, and the
 * account rule spares addresses the account signed in from recently, so that
 * nobody can lock a colleague out from elsewhere.
 */
export const throttlePolicy = {
  pair: lockoutPolicy,
  address: { maximumFailures: 20, windowMinutes: 15, lockMinutes: 15 },
  account: { maximumFailures: 10, windowMinutes: 15, lockMinutes: 15 },
  /** An address with a successful sign-in to the account this recently is exempt from the account rule. */
  knownAddressDays: 30,
  /** Sign-in attempts, refusal counts and sessions older than this are deleted. */
  retentionDays: 30,
} as const;

/** Outcomes that count as failures; an attempt still being verified counts, so a parallel burst sees it. */
export const throttledOutcomes = ["WRONG_PASSWORD", "UNKNOWN_ACCOUNT", "VERIFYING"] as const;

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * The instant until which sign-in is refused, or null. Locked for
 * `lockMinutes` after any failure that completes `maximumFailures` failures
 * within `windowMinutes`. Refused attempts during a lock are not failures, so
 * hammering a locked account does not prolong its lock.
 */
export function lockedUntil(failures: Date[], now: Date, policy: LockRule = lockoutPolicy): Date | null {
  const times = failures.map((failure) => failure.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  for (let index = policy.maximumFailures - 1; index < times.length; index += 1) {
    const last = times[index]!;
    const first = times[index - (policy.maximumFailures - 1)]!;
    if (last - first <= policy.windowMinutes * minute) until = last + policy.lockMinutes * minute;
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** How far back attempts matter: a lock can only come from failures this recent. */
export function lockoutLookback(now: Date, policy: LockRule = lockoutPolicy): Date {
  return new Date(now.getTime() - (policy.windowMinutes + policy.lockMinutes) * minute);
}

export type RecentFailure = { at: Date; email: string; clientAddress: string };

/**
 * The latest instant until which this attempt is refused under the pair,
 * address and account rules, or null when it may be checked. Failures for the
 * account before `unlockedAt` (an administrator's unlock) do not count for the
 * pair or account rules; `knownAddress` exempts the attempt from the account rule.
 */
export function throttledUntil(
  attempt: { email: string; clientAddress: string; knownAddress: boolean; unlockedAt: Date | null },
  failures: RecentFailure[],
  now: Date,
  policy: typeof throttlePolicy = throttlePolicy,
): Date | null {
  const counts = (failure: RecentFailure) => attempt.unlockedAt === null || failure.at >= attempt.unlockedAt;
  const ofAccount = failures.filter((failure) => failure.email === attempt.email && counts(failure));
  const locks = [
    lockedUntil(
      ofAccount.filter((failure) => failure.clientAddress === attempt.clientAddress).map((failure) => failure.at),
      now,
      policy.pair,
    ),
    lockedUntil(
      failures.filter((failure) => failure.clientAddress === attempt.clientAddress).map((failure) => failure.at),
      now,
      policy.address,
    ),
    attempt.knownAddress
      ? null
      : lockedUntil(
          ofAccount.map((failure) => failure.at),
          now,
          policy.account,
        ),
  ];
  return locks.reduce<Date | null>((latest, until) => (until && (!latest || until > latest) ? until : latest), null);
}

/** How far back failures matter under any rule of the policy. */
export function throttleLookback(now: Date, policy: typeof throttlePolicy = throttlePolicy): Date {
  return [lockoutLookback(now, policy.pair), lockoutLookback(now, policy.address), lockoutLookback(now, policy.account)].reduce(
    (earliest, instant) => (instant < earliest ? instant : earliest),
  );
}

export function knownAddressSince(now: Date, policy: typeof throttlePolicy = throttlePolicy): Date {
  return new Date(now.getTime() - policy.knownAddressDays * day);
}

export function retentionCutoff(now: Date, policy: typeof throttlePolicy = throttlePolicy): Date {
  return new Date(now.getTime() - policy.retentionDays * day);
}

/** Refused attempts are counted per client address in windows of this length (one row each). */
export function refusalWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / (60 * minute)) * 60 * minute);
}

// Says what happened without saying whether the e-mail address has an account:
// unknown addresses are throttled exactly like known ones.
export function describeLock(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / minute));
  return `Too many failed sign-ins. Sign-in is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again later or ask an administrator.`;
}

/**
 * Until when sign-in to this account is refused from at least one address it
 * has not signed in from (the account rule, or the pair rule for any address),
 * or null: what an administrator sees and can lift.
 */
export function accountLockedUntil(
  email: string,
  failures: RecentFailure[],
  unlockedAt: Date | null,
  now: Date,
  policy: typeof throttlePolicy = throttlePolicy,
): Date | null {
  const ofAccount = failures.filter((failure) => failure.email === email && (unlockedAt === null || failure.at >= unlockedAt));
  const addresses = new Set(ofAccount.map((failure) => failure.clientAddress));
  const locks = [
    lockedUntil(
      ofAccount.map((failure) => failure.at),
      now,
      policy.account,
    ),
    ...[...addresses].map((address) =>
      lockedUntil(
        ofAccount.filter((failure) => failure.clientAddress === address).map((failure) => failure.at),
        now,
        policy.pair,
      ),
    ),
  ];
  return locks.reduce<Date | null>((latest, until) => (until && (!latest || until > latest) ? until : latest), null);
}
