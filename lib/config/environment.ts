// Configuration read from the environment, checked once with messages a
// person can act on. The app reads its process's environment here and nowhere
// else (serverEnvironment); the readers take a plain record so that scripts and
// tests can pass their own. What the running app is configured by:
// - DATABASE_URL (readDatabaseUrl; `npm start` provides one), PORT (readPort, scripts/start.ts)
// - NEXTAUTH_SECRET, NODE_ENV (resolveAuthSecret, lib/auth/options.ts)
// - NEXTAUTH_URL, HSTS (strictTransportSecurity, lib/http/security-headers.ts)
// - TRUSTED_PROXY_HOPS, TRUSTED_PROXIES (readProxyTrust, lib/http/client-address.ts)
// - FETCH_ALLOWED_HOSTS (fetchSettingsFrom, lib/intake/fetch-url.ts)
// - SHIFT_MINIMUM_STATEMENTS (readShiftMinimumStatements)
// - KEPT_CHARTS_MEGABYTES (readKeptChartsBytes, lib/data/kept-stance-series.ts)

/** Environment variables; a plain record so callers and tests can pass their own. */
export type Environment = Record<string, string | undefined>;

/** The running server's environment: the one place the app reads process.env. */
export function serverEnvironment(): Environment {
  return process.env;
}

/** Whether this is `next dev` (a looser content security policy for its hot reloading). */
export function isDevelopment(environment: Environment = serverEnvironment()): boolean {
  return environment.NODE_ENV === "development";
}

export function readPort(environment: Environment): number {
  const raw = environment.PORT ?? "3000";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number from 1 to 65535; got "${raw}"`);
  }
  return port;
}

export function readDatabaseUrl(environment: Environment): string | undefined {
  const raw = environment.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("DATABASE_URL is not a URL; it should look like postgresql://user:password@host:5432/database");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL; got a ${url.protocol}// one`);
  }
  return raw;
}

/**
 * The fewest statements a bucket needs on each side of a stance shift for the
 * shift to be ranked on the dashboard (SHIFT_MINIMUM_STATEMENTS, default 3):
 * a mean of one or two statements moves with every statement.
 */
export function readShiftMinimumStatements(environment: Environment): number {
  const raw = environment.SHIFT_MINIMUM_STATEMENTS?.trim() || "3";
  const minimum = Number(raw);
  if (!Number.isInteger(minimum) || minimum < 1 || minimum > 1000) {
    throw new Error(`SHIFT_MINIMUM_STATEMENTS must be a whole number from 1 to 1000; got "${raw}"`);
  }
  return minimum;
}

/**
 * How much memory the stance charts already computed may hold (KEPT_CHARTS_MEGABYTES, default 32; 0 keeps
 * none): a chart asked for again while nothing it was read from has changed is served from them
 * (docs/decisions/0050). In bytes.
 */
export function readKeptChartsBytes(environment: Environment): number {
  const raw = environment.KEPT_CHARTS_MEGABYTES?.trim() || "32";
  const megabytes = Number(raw);
  if (!Number.isInteger(megabytes) || megabytes < 0 || megabytes > 4096) {
    throw new Error(`KEPT_CHARTS_MEGABYTES must be a whole number from 0 to 4096; got "${raw}"`);
  }
  return megabytes * 1024 * 1024;
}
