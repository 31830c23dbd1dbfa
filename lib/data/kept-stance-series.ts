// Stance charts already computed, served again while nothing they were read from has changed (docs/decisions/0050):
// kept through codings toward other targets (0051).
// A chart of a million codings takes PostgreSQL some 20 to 40 ms to compute, and the same view is asked for again
// and again (every visit to the dashboard, every analyst on the team) far more often than the codings change.
//
// Whether a kept chart still holds is PostgreSQL's to say, not a clock's: the series statement also reads the
// count of writes it could show (prisma/sql/stance-read-changes.sql: to its targets' codings, or to the statements,
// sources, actors, users and events) in its own snapshot, and the chart is served again only while a fresh read of
// that count gives the same figure. Every write adds to the count inside its own transaction, so the figure changes
// exactly when a write becomes visible, whichever process or tool made it, and a write still in progress when the
// chart was computed changes it on commit.
import "server-only";
import { createHash } from "node:crypto";
import { readKeptChartsBytes, serverEnvironment } from "../config/environment";
import { readRows } from "../database/direct-sql";
import type { Database } from "../database/prisma";
import { Prisma } from "../generated/prisma/client";

/**
 * A connection that writes leaves a row per scope; past this many such rows they are folded into slot 0 (each
 * scope's sum stays). Slot 0's own rows, one per scope ever written, are not counted: with more targets than
 * this, every read would otherwise fold, with nothing to fold.
 */
const foldAboveRows = 64;

type KeptChart = { changesSeen: string; body: string; bytes: number };
type KeptCharts = { charts: Map<string, KeptChart>; bytes: number };

// Per database: a process that talks to two (the benchmark, the tests) must never answer one with the other's.
const keptByDatabase = new WeakMap<Database, KeptCharts>();

function keptChartsOf(db: Database): KeptCharts {
  let kept = keptByDatabase.get(db);
  if (!kept) {
    kept = { charts: new Map(), bytes: 0 };
    keptByDatabase.set(db, kept);
  }
  return kept;
}

/** The statement and its values make the key: the view, the user's blind-coding scope and the chart's width are all in them. */
function keyOf(query: Prisma.Sql): string {
  return createHash("sha256").update(query.text).update("\u0000").update(JSON.stringify(query.values)).digest("base64");
}

async function readChangesSeen(db: Database, changesSeen: Prisma.Sql): Promise<string> {
  const [row] = await readRows<{ seen: string; rows: number }>(
    db,
    Prisma.sql`SELECT ${changesSeen} AS seen, (SELECT count(*)::int FROM "StanceReadChange" WHERE slot <> 0) AS rows`,
  );
  if (row!.rows > foldAboveRows) await readRows(db, Prisma.sql`SELECT "stance_read_changes_fold"()`, { prepare: false });
  return row!.seen;
}

function forget(kept: KeptCharts, key: string): void {
  const chart = kept.charts.get(key);
  if (!chart) return;
  kept.charts.delete(key);
  kept.bytes -= chart.bytes;
}

function keep(kept: KeptCharts, key: string, chart: KeptChart, limitBytes: number): void {
  forget(kept, key);
  // One chart never pushes out most of the others.
  if (chart.bytes > limitBytes / 4) return;
  kept.charts.set(key, chart);
  kept.bytes += chart.bytes;
  // A Map iterates in insertion order and a chart served again is put back at the end: the first is the least recently used.
  for (const oldest of kept.charts.keys()) {
    if (kept.bytes <= limitBytes) break;
    forget(kept, oldest);
  }
}

/**
 * The chart `query` computes, as `compute` returns it with the changes it saw (`changesSeen`, the chart's
 * stanceReadChangesSeen, read in the same statement): the one kept from an earlier call when no write the chart
 * could show has been committed since, else computed now and kept. `query` identifies the chart; `compute` must
 * run exactly it.
 */
export async function readKeptStanceSeries(
  db: Database,
  query: Prisma.Sql,
  changesSeen: Prisma.Sql,
  compute: () => Promise<{ body: string; changesSeen: string }>,
): Promise<string> {
  const limitBytes = readKeptChartsBytes(serverEnvironment());
  if (limitBytes === 0) return (await compute()).body;
  const kept = keptChartsOf(db);
  const key = keyOf(query);
  const chart = kept.charts.get(key);
  if (chart) {
    if ((await readChangesSeen(db, changesSeen)) === chart.changesSeen) {
      kept.charts.delete(key);
      kept.charts.set(key, chart);
      return chart.body;
    }
    forget(kept, key);
  }
  const computed = await compute();
  // A chart that saw no figure is not kept: a kept chart compared with no figure would be served for ever.
  if (!computed.changesSeen) return computed.body;
  // UTF-16 in memory, and the key and the entry's own objects.
  keep(kept, key, { changesSeen: computed.changesSeen, body: computed.body, bytes: computed.body.length * 2 + 256 }, limitBytes);
  return computed.body;
}

/** Drops every kept chart of `db`: the benchmark times the first read of a view with it. */
export function forgetKeptStanceSeries(db: Database): void {
  keptByDatabase.delete(db);
}
