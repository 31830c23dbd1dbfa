// The data endpoint under 32 concurrent clients (autocannon), next to the very
// SQL it sends run under the same concurrency straight through a pg.Pool: the
// endpoint's cost over the database's is then read off one ratio.
import autocannon from "autocannon";
import pg from "pg";
import type { HttpSession } from "../../tests/support/http-session";
import { onCleanup } from "./cleanup";
import { replayQueries, type CapturedQuery } from "./query-capture";
import { repetitions } from "./series-timings";
import { summariseTimings, timeOnce, type TimingSummary } from "./statistics";
import { sessionSettings } from "../../lib/database/prisma";

export const loadShape = { connections: 32, durationSeconds: 20 } as const;
// The app's pool size: createPrismaClient's default (lib/database/prisma.ts).
// The raw SQL gets the same number of connections, so both queue alike.
export const rawPoolSize = 10;

export type LoadFigures = {
  requestsPerSecond: number;
  requestCount: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

/** Sequential requests, one at a time: the endpoint's latency without contention. */
export async function timeEndpointUnloaded(session: HttpSession, path: string): Promise<{ timings: TimingSummary; responseBytes: number }> {
  let responseBytes = 0;
  const request = async () => {
    const response = await session.request(path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
    responseBytes = Buffer.byteLength(body);
  };
  const samples: number[] = [];
  for (let run = 0; run < repetitions.warmUps + repetitions.runs; run += 1) {
    const milliseconds = await timeOnce(request);
    if (run >= repetitions.warmUps) samples.push(milliseconds);
  }
  return { timings: summariseTimings(samples), responseBytes };
}

export async function loadEndpoint(appUrl: string, path: string, cookie: string): Promise<LoadFigures> {
  const instance = autocannon({
    url: `${appUrl}${path}`,
    connections: loadShape.connections,
    duration: loadShape.durationSeconds,
    headers: { cookie },
  });
  const stop = onCleanup("stop the load generator", () => instance.stop());
  const result = await instance;
  await stop();
  return {
    requestsPerSecond: result.requests.average,
    requestCount: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Each of the 32 clients sends one request's queries in turn, as fast as it can, for the same duration. */
export async function loadRawSql(databaseUrl: string, queries: CapturedQuery[]): Promise<LoadFigures> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: rawPoolSize, options: sessionSettings });
  const closePool = onCleanup("close the raw SQL pool", () => pool.end());
  // A failing query must be counted, not crash the run: errors under load are a figure.
  pool.on("error", () => {});
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + loadShape.durationSeconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await replayQueries(pool, queries);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: loadShape.connections }, client));
  const seconds = (performance.now() - started) / 1000;
  await closePool();
  if (latencies.length === 0) throw new Error(`Every raw SQL request failed under load (${errors} errors).`);
  const summary = summariseTimings(latencies);
  return {
    requestsPerSecond: latencies.length / seconds,
    requestCount: latencies.length,
    p50: summary.median,
    p99: summary.p99,
    errors,
    timeouts: 0,
    non2xx: 0,
  };
}
