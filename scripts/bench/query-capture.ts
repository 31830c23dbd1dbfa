// Records the SQL the data layer sends, so the benchmark can send exactly the
// same statements through plain `pg` and tell the data layer's own cost
// (Prisma, shaping the result) from the database's.
import pg from "pg";

/** A statement as sent: `name` when it went as a named prepared statement (lib/database/direct-sql.ts). */
export type CapturedQuery = { text: string; values: unknown[]; name?: string };

type QueryConfig = string | { text?: string; values?: unknown[]; name?: string };

// Prisma's PostgreSQL adapter sends every statement through node-postgres,
// whose Client.query is the one door to the wire.
const clientPrototype = pg.Client.prototype as unknown as { query: (config: QueryConfig, ...rest: unknown[]) => unknown };

/** Runs `work` and returns what it resolved to with every query it sent, in the order sent. */
export async function captureQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: CapturedQuery[] }> {
  const queries: CapturedQuery[] = [];
  const original = clientPrototype.query;
  clientPrototype.query = function (this: unknown, config: QueryConfig, ...rest: unknown[]) {
    if (typeof config === "string") queries.push({ text: config, values: Array.isArray(rest[0]) ? (rest[0] as unknown[]) : [] });
    else if (config?.text) queries.push({ text: config.text, values: config.values ?? [], ...(config.name ? { name: config.name } : {}) });
    return original.call(this, config, ...rest);
  };
  try {
    const result = await work();
    return { result, queries };
  } finally {
    clientPrototype.query = original;
  }
}

/**
 * Sends the queries one after another, each as it was sent (a named one prepared once per connection, as the
 * app's are), and returns each one's milliseconds.
 */
export async function replayQueries(client: pg.Client | pg.Pool, queries: CapturedQuery[]): Promise<number[]> {
  const durations: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await client.query({ text: query.text, values: query.values, name: query.name });
    durations.push(performance.now() - started);
  }
  return durations;
}

export function describeQuery(query: CapturedQuery): string {
  return query.text.replace(/\s+/g, " ").trim().slice(0, 90);
}
