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

/** next-auth's own test of a callback URL (its assertConfig): an http(s) address, or a path on this site. */
function isUsableCallbackUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, url.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    // As Next.js reads cookies for next-auth: decoded when that is possible, as sent otherwise.
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * next-auth (v4) answers any of its requests with 500 ("a problem with the server configuration") when the callback
 * URL in its cookie or its `callbackUrl` parameter is not one it can use: a junk or damaged cookie made even
 * /api/auth/session fail, for as long as the browser kept it. Refused here first, with a 400 that says what was
 * wrong and, for the cookie, clears it, so the next request works.
 */
export function refuseUnusableCallbackUrl(request: Request): Response | null {
  const parameter = new URL(request.url).searchParams.get("callbackUrl");
  if (parameter && !isUsableCallbackUrl(parameter))
    return Response.json({ error: "“callbackUrl” must be a path on this site, such as /codings." }, { status: 400 });
  for (const name of ["next-auth.callback-url", "__Secure-next-auth.callback-url"]) {
    const value = cookieValue(request, name);
    if (value === undefined || value === "" || isUsableCallbackUrl(value)) continue;
    const secure = name.startsWith("__Secure-") ? "; Secure" : "";
    return Response.json(
      { error: "This browser sent a damaged sign-in return address (a cookie); it has been cleared. Reload the page." },
      { status: 400, headers: { "set-cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}` } },
    );
  }
  return null;
}
