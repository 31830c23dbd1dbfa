/**
 * Where to go after signing in: a path on this site only (never `//host` or
 * `/\host`, which browsers treat as another site), and never the sign-in or
 * sign-out pages themselves, which would loop.
 */
export function safeCallbackPath(callbackUrl: string | undefined): string {
  if (!callbackUrl || !callbackUrl.startsWith("/") || callbackUrl.startsWith("//") || callbackUrl.startsWith("/\\")) return "/";
  if (/^\/sign-(in|out)(?:[/?#]|$)/.test(callbackUrl)) return "/";
  return callbackUrl;
}
