// Pure: when repeated failed sign-ins lock an account or a client address.

export const lockoutPolicy = { maximumFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

const minute = 60_000;

/**
 * The instant until which sign-in is refused, or null. Locked for
 * `lockMinutes` after any failure that completes `maximumFailures` failures
 * within `windowMinutes`. Refused attempts during a lock are not failures, so
 * hammering a locked account does not prolong its lock.
 */
export function lockedUntil(failures: Date[], now: Date, policy: typeof lockoutPolicy = lockoutPolicy): Date | null {
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
export function lockoutLookback(now: Date, policy: typeof lockoutPolicy = lockoutPolicy): Date {
  return new Date(now.getTime() - (policy.windowMinutes + policy.lockMinutes) * minute);
}

export function describeLock(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / minute));
  return `Too many failed sign-ins. Sign-in is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}; try again later or ask an administrator.`;
}
