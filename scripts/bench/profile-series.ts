// The stance-series aggregation alone, on a corpus already built: the two
// reads the goals name (one series, all speakers toward one target, ten
// years by week), each statement source ("settled" and "codings") timed
// alternately on one connection, then EXPLAIN (ANALYZE, BUFFERS) of each and
// the planning time alone (EXPLAIN without ANALYZE, timed). With
// PROFILE_SERIES_BEFORE naming a copy of another version of
// lib/dashboard/stance-sql.ts (for example `git show main:lib/dashboard/stance-sql.ts`
// saved beside it), that version's two sources run alternately with these; it
// says when a variant returns other rows, or the same in another order, than the first.
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancewatch_bench_x \
//     [PROFILE_SERIES_BEFORE=lib/dashboard/stance-sql-before.ts] npx tsx scripts/bench/profile-series.ts [runs] [explain-directory]
// Prints; writes the plans to explain-directory when given. docs/benchmarks.md (Notes) records what it showed.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  buildStanceSeriesQuery,
  type SeriesQueryOptions,
  type StanceQueryScope,
  type StatementValueSource,
} from "../../lib/dashboard/stance-sql";
import { connectToScratchDatabase, defaultScratchDatabaseUrl } from "./scratch-database";
import { speakerSlug, targetSlug } from "./corpus";

const url = process.env.BENCH_DATABASE_URL ?? defaultScratchDatabaseUrl;
const runs = Number(process.argv[2] ?? 20);
const explainDirectory = process.argv[3];

type Built = { text: string; values: unknown[] };
type Variant = { name: string; build: (scope: StanceQueryScope, options: SeriesQueryOptions) => Built };

type Builder = typeof buildStanceSeriesQuery;
const sources: StatementValueSource[] = ["settled", "codings"];
const beforePath = process.env.PROFILE_SERIES_BEFORE;
const before = beforePath ? ((await import(path.resolve(beforePath))) as { buildStanceSeriesQuery: Builder }).buildStanceSeriesQuery : null;
const variants: Variant[] = before
  ? sources.flatMap((source) => [
      { name: `before ${source}`, build: (scope, options) => before(scope, options, source) },
      { name: `after ${source}`, build: (scope, options) => buildStanceSeriesQuery(scope, options, source) },
    ])
  : sources.map((source) => ({ name: source, build: (scope, options) => buildStanceSeriesQuery(scope, options, source) }));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");

const client = await connectToScratchDatabase(url);
try {
  const idOf = async (slug: string) => (await client.query<{ id: string }>(`SELECT id FROM "Actor" WHERE slug = $1`, [slug])).rows[0]!.id;
  const speakerId = await idOf(speakerSlug(1));
  const targetId = await idOf(targetSlug(1));
  const window = { from: "2015-01-01", to: "2024-12-31" };
  const days = Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000) + 1;
  // As lib/data/dashboard.ts sends them (maximumSeriesPerTarget 8) for a ten-year weekly view, 1,000 pixels wide.
  const options: SeriesQueryOptions = { unit: "week", width: 1000, maximumSeriesPerTarget: 8, bucketCount: Math.ceil(days / 7) + 1 };
  const base: Omit<StanceQueryScope, "speakerIds"> = {
    targetIds: [targetId],
    window,
    directQuotesOnly: false,
    minimumConfidence: "LOW",
    adjudicatedOnly: false,
    blindCoderId: null,
  };
  const cases: { name: string; scope: StanceQueryScope }[] = [
    { name: "one series", scope: { ...base, speakerIds: [speakerId] } },
    { name: "all speakers", scope: { ...base, speakerIds: null } },
  ];
  console.log(`load average at the start: ${load()}`);
  for (const seriesCase of cases) {
    const built = variants.map((variant) => ({ variant, query: variant.build(seriesCase.scope, options) }));
    // The same rows from every variant, or the timings compare different work.
    const results = [];
    for (const { query } of built) results.push(JSON.stringify((await client.query(query.text, query.values)).rows));
    for (const [index, result] of results.entries())
      if (result !== results[0]) console.log(`  note: ${built[index]!.variant.name} returns other rows than ${built[0]!.variant.name}`);
    const timings = built.map(() => [] as number[]);
    for (let run = -3; run < runs; run++)
      for (const [index, { query }] of built.entries()) {
        const started = performance.now();
        await client.query(query.text, query.values);
        if (run >= 0) timings[index]!.push(performance.now() - started);
      }
    for (const [index, { variant, query }] of built.entries()) {
      const planning: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await client.query(`EXPLAIN ${query.text}`, query.values);
        planning.push(performance.now() - started);
      }
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, SETTINGS) ${query.text}`, query.values);
      const loadNow = os.loadavg()[0]!.toFixed(1);
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      const executed = /Execution Time: ([\d.]+)/.exec(plan)?.[1];
      const planned = /Planning Time: ([\d.]+)/.exec(plan)?.[1];
      const sorted = [...timings[index]!].sort((a, b) => a - b);
      console.log(
        `${seriesCase.name}, ${variant.name}: median ${median(sorted).toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, ` +
          `p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)}); EXPLAIN alone ${median(planning).toFixed(1)} ms; ` +
          `in EXPLAIN ANALYZE planning ${planned} ms, execution ${executed} ms (load ${loadNow}); ${results[index]!.length} bytes of rows`,
      );
      if (explainDirectory) {
        await mkdir(explainDirectory, { recursive: true });
        await writeFile(
          path.join(explainDirectory, `${seriesCase.name.replace(/ /g, "-")}.${variant.name.replace(/ /g, "-")}.txt`),
          `${plan}\n`,
        );
      }
    }
  }
  console.log(`load average at the end: ${load()}`);
} finally {
  await client.end();
}
