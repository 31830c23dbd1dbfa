// Sets per-request security headers on pages: a Content-Security-Policy with a
// fresh script nonce (Next.js reads it from the request header and puts it on
// its scripts) and, over https, Strict-Transport-Security. It decides nothing
// about who may see what: authorization stays in the data layer
// (docs/decisions/0004-authorization.md), so skipping this proxy can at worst
// drop these headers from the skipper's own response.
import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment, serverEnvironment } from "@/lib/config/environment";
import { createNonce, pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy(createNonce(), isDevelopment());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  const hsts = strictTransportSecurity(serverEnvironment());
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Pages only: API routes and static files get the fixed headers of next.config.js.
  matcher: [{ source: "/((?!api/|_next/static|_next/image).*)" }],
};
