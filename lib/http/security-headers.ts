// Pure: the security headers of every page (proxy.ts sets them per request)
// and of everything else (next.config.js). See docs/decisions/0009-client-address-and-sessions.md.
import type { Environment } from "../config/environment";

/**
 * The page policy: scripts only with this request's nonce (Next.js puts it on
 * its own scripts; 'strict-dynamic' lets those load the rest), so an injected
 * inline script does not run. Styles keep 'unsafe-inline': React and Chart.js
 * set style attributes, and styles cannot run code. 'unsafe-eval' is for the
 * development server only.
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce per request (128 bits). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Strict-Transport-Security, or null. HSTS=on or off decides; unset, it is on
 * when NEXTAUTH_URL (the address users reach the app at) is https. Over plain
 * http browsers ignore it, and sending it from a development machine would pin
 * localhost to https for a year.
 */
export function strictTransportSecurity(environment: Environment): string | null {
  const setting = environment.HSTS?.trim().toLowerCase();
  const enabled = setting === "on" ? true : setting === "off" ? false : (environment.NEXTAUTH_URL ?? "").toLowerCase().startsWith("https:");
  return enabled ? "max-age=31536000; includeSubDomains" : null;
}
