/**
 * The instant to store in sessionsValidFrom to revoke every session issued so
 * far. JWT issue times are whole seconds, so revocation is too: a session
 * issued in the same second survives, and a sign-in right after works.
 */
export function revocationInstant(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}
