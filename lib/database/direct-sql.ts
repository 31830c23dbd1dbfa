// SQL sent to PostgreSQL through node-postgres, not Prisma, for bulk writes
// (docs/decisions/0035): the intake writes 10,000 sources of 5 KB with their
// fingerprints and audit entries, and through Prisma each batch cost as much
// time in the query compiler as in the database, while Prisma's debug module
// kept the arguments of its last 100 queries (the batches' texts) alive.
// Everything written this way goes through the same few functions whether the
// caller holds a direct transaction or a Prisma one (sqlOf).
import "server-only";
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
 */
export async function readRows<Row extends pg.QueryResultRow>(db: Database, query: Prisma.Sql): Promise<Row[]> {
  const result = await connectionPoolOf(db).query<Row>(query.text, query.values);
  return result.rows;
}
