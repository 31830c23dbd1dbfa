// SQL sent to PostgreSQL through node-postgres, not Prisma, for bulk writes
// (docs/decisions/0035): the intake writes 10,000 sources of 5 KB with their
// fingerprints and audit entries, and through Prisma each batch cost as much
// time in the query compiler as in the database, while Prisma's debug module
// kept the arguments of its last 100 queries (the batches' texts) alive.
// Everything written this way goes through the same few functions whether the
// caller holds a direct transaction or a Prisma one (sqlOf).
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "../generated/prisma/client";
import { connectionPoolOf, type Database } from "./prisma";

/**
 * What the bulk writers need of a connection: node-postgres's query (a client
 * in a transaction, or the pool for one-off reads). Values are bound as
 * parameters; results come back with node-postgres's types, so queries return
 * dates and big integers as text.
 */
export type SqlClient = { query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: Row[] }> };

/** A Prisma transaction seen as a SqlClient, for callers inside one (the corpus bundle's import). */
export function sqlOf(tx: Prisma.TransactionClient): SqlClient {
  return {
    async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      return { rows: await tx.$queryRawUnsafe<Row[]>(text, ...values) };
    },
  };
}

/**
 * Runs `work` in a transaction on one connection of the client's pool, in
 * READ COMMITTED (the audit chain's trigger refuses other levels): committed
 * when it returns, rolled back when it throws. Inside, use only `sql`: on the
 * embedded database another connection's query would wait for this
 * transaction to end (docs/decisions/0003).
 */
export async function inDirectTransaction<T>(db: Database, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const client = await connectionPoolOf(db).connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      // A connection that cannot roll back is not given to the next caller.
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * The rows of a read built with Prisma.sql (the same builders, the same bound
 * values), sent through node-postgres rather than Prisma's query interpreter:
 * on the reads every request makes (the acting user, the stance chart's few
 * queries) Prisma's interpretation and result mapping cost more than the
 * queries' own handling in node-postgres (docs/benchmarks.md, "Where a stance
 * request's time goes"). Columns come back with node-postgres's types, so a
 * query written for this selects dates as text (to_char) and counts as int4.
 *
 * Each distinct query text is a named prepared statement on each connection
 * (see preparedStatementName), so PostgreSQL parses it once per connection
 * and, once its plan cache judges a generic plan as good as the custom ones,
 * stops planning it on every request: on the seed, parsing and planning cost
 * PostgreSQL more than running the chart's reads (docs/decisions/0042).
 * `prepare: false` sends a query unnamed, planned for its values every time:
 * for a query whose best plan depends on them (the stance series, whose
 * generic plan took 34 ms at a million codings where custom plans took 21).
 */
export async function readRows<Row extends pg.QueryResultRow>(
  db: Database,
  query: Prisma.Sql,
  options: { prepare?: boolean } = {},
): Promise<Row[]> {
  const pool = connectionPoolOf(db);
  const name = options.prepare !== false && (await namesStatements(pool)) ? preparedStatementName(query.text) : undefined;
  const result = await pool.query<Row>({ name, text: query.text, values: query.values });
  return result.rows;
}

/**
 * A fact about a pool's server, read once and kept for `maximumAge` (for ever by default). A failed read (the
 * database not up yet) is asked again next time rather than remembered.
 */
type PoolFact<T> = { read(pool: pg.Pool): Promise<T>; maximumAge: number; known: WeakMap<pg.Pool, { readAt: number; value: Promise<T> }> };

function poolFact<T>(read: (pool: pg.Pool) => Promise<T>, maximumAge = Infinity): PoolFact<T> {
  return { read, maximumAge, known: new WeakMap() };
}

function readPoolFact<T>(fact: PoolFact<T>, pool: pg.Pool): Promise<T> {
  const known = fact.known.get(pool);
  if (known && Date.now() - known.readAt < fact.maximumAge) return known.value;
  const value = fact.read(pool);
  value.catch(() => fact.known.delete(pool));
  fact.known.set(pool, { readAt: Date.now(), value });
  return value;
}

/**
 * Whether the pool's server keeps a named statement per connection. The embedded PostgreSQL (PGlite) is one
 * session shared by every connection (scripts/database/one-client-at-a-time.ts): a statement one connection
 * prepared would already exist when the next connection prepares it, so there queries go unnamed.
 */
const statementNaming = poolFact(async (pool) => {
  const { rows } = await pool.query<{ embedded: boolean }>("SELECT version() LIKE '%PGlite%' AS embedded");
  return !rows[0]!.embedded;
});

function namesStatements(pool: pg.Pool): Promise<boolean> {
  return readPoolFact(statementNaming, pool);
}

/**
 * Statement names by query text. The texts are those of the few builders readRows serves (a view's filters
 * change the text, its values do not), but a connection keeps every statement it prepared until it closes, so
 * past this many distinct texts in one process further ones go unnamed rather than grow every connection.
 */
const statementNames = new Map<string, string>();
const maximumNamedStatements = 500;

function preparedStatementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < maximumNamedStatements) {
    name = `stancewatch_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * How many bytes the stance tables (the codings and the settled statement values) take on disk, read at most
 * once a minute per pool: for choices that depend on how big the corpus is (whether a plan made without a
 * query's values is safe to reuse), never on what it holds, so a figure up to a minute old changes no answer.
 */
const stanceTablesBytes = poolFact(async (pool) => {
  const { rows } = await pool.query<{ bytes: number }>(
    `SELECT (pg_relation_size('"StanceCoding"') + pg_relation_size('"StanceStatementValue"'))::float8 AS bytes`,
  );
  return rows[0]!.bytes;
}, 60_000);

export function readStanceTablesBytes(db: Database): Promise<number> {
  return readPoolFact(stanceTablesBytes, connectionPoolOf(db));
}
