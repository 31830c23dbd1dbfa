// A blind coder's stance charts at corpus size (docs/decisions/0005): the same views read as an administrator,
// as a coder of a quarter of the codings, and as an analyst who has coded nothing. Every source of the corpus is
// coded blind, so the coder sees the codings of the statements they coded and the new analyst sees none: the
// queries still pass over every coding in view to find that out. Printed, not written: docs/benchmarks.md
// quotes a run in its notes.
import os from "node:os";
import type { ActingUser } from "../../lib/auth/permissions";
import { openDashboard, renderStanceSeries } from "../../lib/data/dashboard";
import { forgetKeptStanceSeries } from "../../lib/data/kept-stance-series";
import { withDatabase } from "../../lib/database/client";
import type { Database } from "../../lib/database/prisma";
import { defaultDashboardView, type DashboardView } from "../../lib/dashboard/view";
import { benchAdministrator, benchNewAnalyst, speakerSlug, targetSlug } from "./corpus";
import { chartWidth } from "./series-timings";
import { summariseTimings, timeOnce } from "./statistics";

const repetitions = { warmUps: 2, runs: 15 } as const;

const readers: { name: string; user: NonNullable<ActingUser> }[] = [
  { name: "administrator", user: { id: benchAdministrator.id, role: "ADMIN", isAdjudicator: false } },
  { name: "coder of 250,000 codings", user: { id: "bench-coder-1", role: "ANALYST", isAdjudicator: false } },
  { name: "analyst who coded nothing", user: { id: benchNewAnalyst.id, role: "ANALYST", isAdjudicator: false } },
];

function views(): { name: string; view: DashboardView }[] {
  const decade = { ...defaultDashboardView, from: "2015-01-01", to: "2024-12-31" };
  return [
    {
      name: `one series (${speakerSlug(1)} toward ${targetSlug(1)}, weeks)`,
      view: { ...decade, unit: "week", speakers: [speakerSlug(1)], targets: [targetSlug(1)] },
    },
    { name: `all speakers toward ${targetSlug(1)} (weeks)`, view: { ...decade, unit: "week", targets: [targetSlug(1)] } },
    { name: "all speakers toward three targets (months)", view: { ...decade, unit: "month", targets: [1, 2, 3].map(targetSlug) } },
    // What the dashboard shows first: the tracked targets, over a window worked out from the codings the reader sees.
    { name: "the default view (every tracked target, the window left open)", view: defaultDashboardView },
  ];
}

/** Everything the dashboard's default view reads, as the page awaits it: the charts and events, then the matrix and shifts. */
async function readWholeDashboard(user: NonNullable<ActingUser>): Promise<void> {
  const opened = await openDashboard(user, defaultDashboardView, { width: chartWidth });
  await Promise.all([...opened.panels, opened.events]);
  await Promise.all([opened.loadMatrix(), opened.loadShifts()]);
}

/** Each view's first read (no chart kept) per reader, the readers alternating run by run so load falls on all alike. */
export async function benchBlindViews(database: Database, log: (message: string) => void): Promise<void> {
  log(
    `load average at the start ${os.loadavg()[0]!.toFixed(1)}; ${repetitions.runs} runs after ${repetitions.warmUps} warm-ups, first reads`,
  );
  const reads = [
    ...views().map(({ name, view }) => ({
      name,
      read: (user: NonNullable<ActingUser>): Promise<unknown> => renderStanceSeries(user, view, { width: chartWidth }),
    })),
    { name: "the whole default dashboard (its charts, events, matrix and shifts)", read: readWholeDashboard },
  ];
  for (const { name, read } of reads) {
    const timings = readers.map(() => [] as number[]);
    for (let run = 0; run < repetitions.warmUps + repetitions.runs; run += 1) {
      for (const [index, reader] of readers.entries()) {
        forgetKeptStanceSeries(database);
        const milliseconds = await timeOnce(() => withDatabase(database, () => read(reader.user)));
        if (run >= repetitions.warmUps) timings[index]!.push(milliseconds);
      }
    }
    log(name);
    for (const [index, reader] of readers.entries()) {
      const summary = summariseTimings(timings[index]!);
      log(
        `  ${reader.name.padEnd(28)} median ${summary.median.toFixed(1)} ms, p90 ${summary.p90.toFixed(1)}, min ${summary.minimum.toFixed(1)}, max ${summary.maximum.toFixed(1)}`,
      );
    }
  }
  log(`load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
}
