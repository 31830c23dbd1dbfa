// Where the dashboard page's server time goes, through its data layer, on a
// corpus already built: the time to the first chart's data (openDashboard:
// the view's scope and the filter options, then the first target's series),
// to every chart's, then the matrix and the shifts the page streams after
// them, and every SQL statement they send, replayed alone through pg with its
// own time, slowest first.
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancewatch_bench_x \
//     npx tsx --conditions=react-server scripts/bench/profile-dashboard.ts [runs]
// Prints; writes nothing. docs/benchmarks.md (Notes) records what it showed.
import os from "node:os";
import { openDashboard } from "../../lib/data/dashboard";
import { defaultDashboardView } from "../../lib/dashboard/view";
import { withDatabase } from "../../lib/database/client";
import { createPrismaClient } from "../../lib/database/prisma";
import { captureQueries, describeQuery, replayQueries } from "./query-capture";
import { connectToScratchDatabase, defaultScratchDatabaseUrl } from "./scratch-database";

const url = process.env.BENCH_DATABASE_URL ?? defaultScratchDatabaseUrl;
const runs = Number(process.argv[2] ?? 5);
const administrator = { id: "bench-admin", role: "ADMIN" as const };
const chartWidth = 1000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => os.loadavg()[0]!.toFixed(1);

const db = createPrismaClient(url, { maxConnections: 10 });
try {
  await withDatabase(db, async () => {
    const firstChart: number[] = [];
    const allCharts: number[] = [];
    const matrix: number[] = [];
    const shifts: number[] = [];
    console.log(`load average at the start: ${load()}`);
    for (let run = 0; run <= runs; run++) {
      const started = performance.now();
      const opened = await openDashboard(administrator, defaultDashboardView, { width: chartWidth });
      await opened.panels[0];
      const chartsAt = performance.now();
      await Promise.all([...opened.panels, opened.events]);
      const allChartsAt = performance.now();
      const matrixStarted = performance.now();
      await opened.loadMatrix();
      const matrixAt = performance.now();
      await opened.loadShifts();
      const shiftsAt = performance.now();
      if (run === 0) continue; // warm-up
      firstChart.push(chartsAt - started);
      allCharts.push(allChartsAt - started);
      matrix.push(matrixAt - matrixStarted);
      shifts.push(shiftsAt - matrixAt);
    }
    console.log(`first chart's data median ${median(firstChart).toFixed(0)} ms [${firstChart.map((t) => t.toFixed(0)).join(", ")}]`);
    console.log(`every chart's data median ${median(allCharts).toFixed(0)} ms [${allCharts.map((t) => t.toFixed(0)).join(", ")}]`);
    console.log(`loadMatrix median ${median(matrix).toFixed(0)} ms; loadShifts median ${median(shifts).toFixed(0)} ms`);

    const { queries } = await captureQueries(async () => {
      const opened = await openDashboard(administrator, defaultDashboardView, { width: chartWidth });
      const panels = await Promise.all(opened.panels);
      const [matrixData, shiftsData] = [await opened.loadMatrix(), await opened.loadShifts()];
      // What the page hands its components, as JSON: a measure of what the props weigh in the RSC payload.
      const kib = (value: unknown) => `${(JSON.stringify(value).length / 1024).toFixed(0)} KiB`;
      const series = panels.flatMap((panel) => panel.series);
      const points = series.reduce((sum, one) => sum + one.points.length, 0);
      const means = series.reduce((sum, one) => sum + one.means.length, 0);
      console.log(
        `JSON: series ${kib(panels)} (${series.length} series, ${points} points, ${means} means), ` +
          `options ${kib(opened.options)}, matrix ${kib(matrixData)} (${matrixData.rows.length} rows), shifts ${kib(shiftsData)}`,
      );
    });
    const client = await connectToScratchDatabase(url);
    try {
      const durations = await replayQueries(client, queries);
      const rows = queries.map((query, index) => ({ index, ms: durations[index]!, what: describeQuery(query) }));
      console.log(`\n${queries.length} statements, in the order sent (ms alone through pg):`);
      for (const row of rows) console.log(`${String(row.index).padStart(3)} ${row.ms.toFixed(1).padStart(9)}  ${row.what}`);
      // The slowest statements' plans, with what they read (PROFILE_EXPLAIN=3 for the three slowest).
      const explain = Number(process.env.PROFILE_EXPLAIN ?? 0);
      for (const row of [...rows].sort((a, b) => b.ms - a.ms).slice(0, explain)) {
        const query = queries[row.index]!;
        const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
        console.log(`\n#${row.index} ${row.what}\n${plan.rows.map((line) => line["QUERY PLAN"]).join("\n")}`);
      }
    } finally {
      await client.end();
    }
    console.log(`\nload average at the end: ${load()}`);
  });
} finally {
  await db.$disconnect();
}
