// Shared between the production server (scripts/serve.ts) and the app, which
// run in one Node process: the app trusts the client-address header only when
// that server put it there.

/** The header scripts/serve.ts sets to the client's address, overwriting any the client sent. */
export const clientAddressHeader = "x-stancewatch-client-address";

/** Sign-in and sign-out forms are a few hundred bytes; anything over this is refused unread. */
export const signInBodyLimitBytes = 16 * 1024;

const marker = Symbol.for("stancewatch.trustedServer");

export function markTrustedServer() {
  (globalThis as Record<symbol, unknown>)[marker] = true;
}

/**
 * The client address scripts/serve.ts determined, or "unknown" when the app
 * runs without it (`next dev`, or `next start` directly): then any header
 * could be the client's own, so none is believed and all clients share one
 * address for throttling.
 */
export function trustedClientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  if ((globalThis as Record<symbol, unknown>)[marker] !== true) return "unknown";
  const value = headers?.[clientAddressHeader];
  return (Array.isArray(value) ? value[0] : value) || "unknown";
}
