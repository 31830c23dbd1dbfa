// The synthetic corpus the benchmark measures: a million codings built in SQL
// (INSERT … SELECT over generate_series), so the build takes minutes, not the
// hours a million Prisma round trips would.
import { createHash } from "node:crypto";
import type pg from "pg";
import { applyMigrations, readMigrationList } from "../database/schema-engine";
import { generatePassword, hashPassword } from "../../lib/users/passwords";
import { onCleanup } from "./cleanup";
import { connectToScratchDatabase, databaseNameOf, recreateScratchDatabase, scratchDatabaseExists } from "./scratch-database";

export const corpusShape = {
  speakerCount: 200,
  stateCount: 5,
  targetCount: 10,
  trackedTargetCount: 3,
  coderCount: 4,
  sourceCount: 20_000,
  statementCount: 500_000,
  // Every statement gets exactly two codings: a second coder's (double coding)
  // or the same coder's toward a second target.
  codingsPerStatement: 2,
  eventCount: 300,
  // Accounts that only read, so the users list has pages to turn.
  viewerCount: 300,
  // The history: a CREATE entry for each of the first codings and sign-ins between them, so its list has depth.
  auditedCodingCount: 200_000,
  signInCount: 20_000,
  firstDay: "2015-01-01",
  lastDay: "2024-12-31",
} as const;

export const expectedCodingCount = corpusShape.statementCount * corpusShape.codingsPerStatement;

/** The ADMIN account the data layer acts as and the load test signs in with; its password is set afresh on every run. */
export const benchAdministrator = { id: "bench-admin", email: "bench.admin@stancewatch.local", name: "Bench Administrator" } as const;
/** An analyst who has coded nothing yet: blind coding hides every coding of the corpus (all its sources are blind) from them. */
export const benchNewAnalyst = { id: "bench-analyst-new", email: "new.analyst@bench.stancewatch.local", name: "New Analyst" } as const;

/** Slugs in the corpus, for choosing what to chart. */
export const speakerSlug = (speakerNumber: number) => `speaker-${String(speakerNumber).padStart(3, "0")}`;
export const targetSlug = (targetNumber: number) => `target-${String(targetNumber).padStart(2, "0")}`;

// Every timestamp is this instant, so two builds produce the same rows.
const recordedAt = "'2025-01-01 00:00:00'::timestamp";
// The source text opens with a fixed-width heading; statements' offsets start after it.
const headingLength = 60;
// Each statement occupies a fixed-width slot of its source's text, so offsets are computed, not searched.
const slotLength = 200;

const {
  speakerCount,
  stateCount,
  targetCount,
  trackedTargetCount,
  coderCount,
  sourceCount,
  statementCount,
  eventCount,
  viewerCount,
  auditedCodingCount,
  signInCount,
  firstDay,
  lastDay,
} = corpusShape;
const firstDate = `DATE '${firstDay}'`;
const dayCount = `(DATE '${lastDay}' - ${firstDate} + 1)`;

const targetNames = [
  "the United States",
  "Europe",
  "Israel",
  "Russia",
  "China",
  "Saudi Arabia",
  "Turkey",
  "the United Nations",
  "NATO",
  "the IAEA",
];
const sqlTextArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ")}]`;

type CorpusStep = { label: string; sql: string };

// Pseudo-random draws are a pure function of (row number, stream), not
// setseed + random(): random() depends on the order PostgreSQL happens to
// evaluate rows in, which a different plan would change.
const corpusSteps: CorpusStep[] = [
  {
    label: "random draws",
    sql: `
      CREATE FUNCTION pg_temp.uniform(row_number bigint, stream integer) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (hashint8extended(row_number, stream) & 9007199254740991)::double precision / 9007199254740992 $$;`,
  },
  {
    label: "users",
    sql: `
      INSERT INTO "User" (id, email, name, role, "isAdjudicator", "createdAt", "updatedAt", "sessionsValidFrom")
      VALUES ('${benchAdministrator.id}', '${benchAdministrator.email}', '${benchAdministrator.name}', 'ADMIN', false, ${recordedAt}, ${recordedAt}, ${recordedAt});
      INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt", "sessionsValidFrom")
      VALUES ('${benchNewAnalyst.id}', '${benchNewAnalyst.email}', '${benchNewAnalyst.name}', 'ANALYST', ${recordedAt}, ${recordedAt}, ${recordedAt});
      INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt", "sessionsValidFrom")
      SELECT 'bench-coder-' || n, 'coder' || n || '@bench.stancewatch.local', 'Coder ' || n, 'ANALYST', ${recordedAt}, ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${coderCount}) AS n;
      INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt", "sessionsValidFrom")
      SELECT 'bench-viewer-' || lpad(n::text, 3, '0'), 'viewer' || n || '@bench.stancewatch.local', 'Viewer ' || n, 'VIEWER',
        ${recordedAt} + n * interval '1 minute', ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${viewerCount}) AS n;`,
  },
  {
    label: "actors",
    sql: `
      INSERT INTO "Actor" (id, slug, name, kind, "createdAt", "updatedAt")
      SELECT 'bench-state-' || lpad(n::text, 2, '0'), 'state-' || lpad(n::text, 2, '0'), 'State ' || n, 'GOVERNMENT', ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${stateCount}) AS n;
      INSERT INTO "Actor" (id, slug, name, kind, "isTrackedTarget", "createdAt", "updatedAt")
      SELECT 'bench-target-' || lpad(n::text, 2, '0'), 'target-' || lpad(n::text, 2, '0'), (${sqlTextArray(targetNames)})[n],
        CASE WHEN n <= 7 THEN 'GOVERNMENT' WHEN n = 8 THEN 'ORGANISATION' ELSE 'BLOC' END::"ActorKind", n <= ${trackedTargetCount},
        ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${targetCount}) AS n;
      -- Two speakers in three speak for a state, so "everyone who speaks for" filters have members.
      INSERT INTO "Actor" (id, slug, name, kind, office, "speaksForId", "createdAt", "updatedAt")
      SELECT 'bench-speaker-' || lpad(n::text, 3, '0'), 'speaker-' || lpad(n::text, 3, '0'), 'Speaker ' || n, 'PERSON', 'Official ' || n,
        CASE WHEN n % 3 <> 0 THEN 'bench-state-' || lpad((1 + (n - 1) % ${stateCount})::text, 2, '0') END, ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${speakerCount}) AS n;`,
  },
  {
    // Each speaker's stance toward each target: a level, a drift over the
    // decade and a three-year swing, so series have shape rather than noise.
    label: "stance trends",
    sql: `
      CREATE TEMP TABLE stance_trend AS
      SELECT speaker_number, target_number,
        pg_temp.uniform(speaker_number * 100 + target_number, 11) * 4 - 2 AS level,
        (pg_temp.uniform(speaker_number * 100 + target_number, 12) - 0.5) * 0.6 AS drift_per_year,
        pg_temp.uniform(speaker_number * 100 + target_number, 13) * 2 * pi() AS phase
      FROM generate_series(1, ${speakerCount}) AS speaker_number, generate_series(1, ${targetCount}) AS target_number;`,
  },
  {
    // Speakers are skewed (a few speak far more, as in real coverage) and so
    // are targets (the tracked ones draw 60% of first codings).
    label: "statement plan",
    sql: `
      CREATE TEMP TABLE statement_plan AS
      WITH placed AS (
        SELECT n,
          1 + (n - 1) % ${sourceCount} AS source_number,
          (n - 1) / ${sourceCount} AS position_in_source,
          1 + least(${speakerCount - 1}, floor(${speakerCount} * power(pg_temp.uniform(n, 1), 1.5))::int) AS speaker_number,
          ${firstDate} + floor(pg_temp.uniform(1 + (n - 1) % ${sourceCount}, 2) * ${dayCount})::int AS published_on,
          pg_temp.uniform(n, 5) AS target_draw
        FROM generate_series(1, ${statementCount}) AS n
      ), dated AS (
        SELECT placed.*,
          greatest(${firstDate}, published_on - floor(pg_temp.uniform(n, 3) * 4)::int) AS said_on_exactly,
          pg_temp.uniform(n, 4) < 0.05 AS is_month_precision,
          CASE WHEN target_draw < 0.6 THEN 1 + least(${trackedTargetCount - 1}, floor(target_draw / 0.2)::int)
            ELSE ${trackedTargetCount + 1} + least(${targetCount - trackedTargetCount - 1}, floor((target_draw - 0.6) / 0.4 * ${targetCount - trackedTargetCount})::int)
          END AS first_target_number
        FROM placed
      )
      SELECT n, source_number, position_in_source, speaker_number, published_on,
        CASE WHEN is_month_precision THEN date_trunc('month', said_on_exactly)::date ELSE said_on_exactly END AS said_on,
        CASE WHEN is_month_precision THEN 'MONTH' ELSE 'DAY' END::"DatePrecision" AS said_on_precision,
        first_target_number,
        first_target_number % ${targetCount} + 1 AS second_target_number,
        pg_temp.uniform(n, 6) < 0.7 AS is_double_coded,
        1 + least(${coderCount - 1}, floor(pg_temp.uniform(n, 7) * ${coderCount})::int) AS first_coder_number,
        CASE WHEN pg_temp.uniform(n, 8) < 0.6 THEN 'DIRECT_QUOTE' ELSE 'PARAPHRASE' END::"StatementForm" AS form,
        (enum_range(NULL::"Channel"))[1 + least(3, floor(pg_temp.uniform(n, 9) * 4)::int)] AS channel,
        format('%s %s %s %s, %s.',
          (${sqlTextArray(["We are ready to", "We will never", "It is time to", "Our people refuse to", "We welcome any effort to", "Nobody should doubt our will to"])})[1 + floor(pg_temp.uniform(n, 20) * 6)::int],
          (${sqlTextArray(["engage with", "confront", "talk to", "pressure", "cooperate with", "resist", "trust", "negotiate with"])})[1 + floor(pg_temp.uniform(n, 21) * 8)::int],
          (${sqlTextArray(targetNames)})[first_target_number],
          (${sqlTextArray(["on the nuclear file", "in the region", "at the negotiating table", "without preconditions", "on sanctions", "in good faith"])})[1 + floor(pg_temp.uniform(n, 22) * 6)::int],
          (${sqlTextArray(["whatever the cost", "as long as our interests are respected", "and the coming weeks will show it", "if they keep their word", "and history will judge them", "as we have said before"])})[1 + floor(pg_temp.uniform(n, 23) * 6)::int]
        ) AS quote
      FROM dated;`,
  },
  {
    label: "coding plan",
    sql: `
      CREATE TEMP TABLE coding_plan AS
      SELECT (plan.n - 1) * 2 + slot + 1 AS coding_number, plan.n AS statement_number, slot, chosen.target_number, chosen.coder_number,
        plan.speaker_number, plan.said_on,
        greatest(-3, least(3, round(
          trend.level
          + trend.drift_per_year * ((plan.said_on - ${firstDate}) / 365.25 - 5)
          + 0.7 * sin(2 * pi() * (plan.said_on - ${firstDate}) / (3 * 365.25) + trend.phase)
          -- A sum of three uniforms: roughly normal coder disagreement.
          + (pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 31) + pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 32)
             + pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 33) - 1.5) * 1.2
        )))::smallint AS score,
        (enum_range(NULL::"Confidence"))[CASE WHEN pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 34) < 0.15 THEN 1
          WHEN pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 34) < 0.65 THEN 2 ELSE 3 END] AS confidence,
        pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 35) < 0.1 AS is_conditional,
        pg_temp.uniform((plan.n - 1) * 2 + slot + 1, 36) < 0.01 AS is_deleted
      FROM statement_plan AS plan
      CROSS JOIN (VALUES (0), (1)) AS slots (slot)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN slot = 0 OR plan.is_double_coded THEN plan.first_target_number ELSE plan.second_target_number END AS target_number,
          CASE WHEN slot = 1 AND plan.is_double_coded THEN plan.first_coder_number % ${coderCount} + 1 ELSE plan.first_coder_number END AS coder_number
      ) AS chosen
      JOIN stance_trend AS trend ON trend.speaker_number = plan.speaker_number AND trend.target_number = chosen.target_number;`,
  },
  {
    label: "sources",
    sql: `
      INSERT INTO "Source" (id, title, publisher, url, "publishedOn", language, text, "contentHash", "createdAt", "updatedAt")
      SELECT 'bench-source-' || lpad(source_number::text, 6, '0'), 'Synthetic article ' || source_number,
        (${sqlTextArray(["Financial Times", "Reuters", "Al-Monitor", "Le Monde", "Tehran Times", "The Guardian", "Haaretz", "Der Spiegel"])})[1 + source_number % 8],
        'https://example.org/bench/articles/' || source_number, published_on, 'en', text,
        encode(sha256(convert_to(text, 'UTF8')), 'hex'), ${recordedAt}, ${recordedAt}
      FROM (
        SELECT source_number, published_on,
          rpad(format('Synthetic article %s, published %s.', source_number, published_on), ${headingLength - 1}) || E'\\n'
            || string_agg(rpad(quote, ${slotLength}), '' ORDER BY position_in_source) AS text
        FROM statement_plan
        GROUP BY source_number, published_on
      ) AS assembled;`,
  },
  {
    label: "statements",
    sql: `
      INSERT INTO "Statement" (id, "sourceId", "speakerId", quote, "startOffset", "endOffset", "saidOn", "saidOnPrecision", form, channel,
        "createdById", "createdAt", "updatedAt")
      SELECT 'bench-statement-' || lpad(n::text, 6, '0'), 'bench-source-' || lpad(source_number::text, 6, '0'),
        'bench-speaker-' || lpad(speaker_number::text, 3, '0'), quote,
        ${headingLength} + position_in_source * ${slotLength}, ${headingLength} + position_in_source * ${slotLength} + length(quote),
        said_on, said_on_precision, form, channel, 'bench-coder-' || first_coder_number, ${recordedAt}, ${recordedAt}
      FROM statement_plan
      ORDER BY n;`,
  },
  {
    label: "codings",
    sql: `
      INSERT INTO "StanceCoding" (id, "statementId", "speakerId", "saidOn", "targetId", "coderId", score, "isConditional", confidence,
        rationale, "createdAt", "updatedAt", "deletedAt")
      SELECT 'bench-coding-' || lpad(coding_number::text, 7, '0'), 'bench-statement-' || lpad(statement_number::text, 6, '0'),
        'bench-speaker-' || lpad(speaker_number::text, 3, '0'), said_on, 'bench-target-' || lpad(target_number::text, 2, '0'),
        'bench-coder-' || coder_number, score, is_conditional, confidence, 'Synthetic coding for the benchmark.',
        ${recordedAt}, ${recordedAt}, CASE WHEN is_deleted THEN ${recordedAt} END
      FROM coding_plan
      ORDER BY coding_number;`,
  },
  {
    // Disagreements (two or more points apart, or opposite signs) settled for
    // most double-coded statements, so the "adjudicated" path has data.
    label: "adjudications",
    sql: `
      INSERT INTO "Adjudication" (id, "statementId", "targetId", "adjudicatorId", score, rationale, "createdAt", "updatedAt")
      SELECT 'bench-adjudication-' || lpad(first.statement_number::text, 6, '0'), 'bench-statement-' || lpad(first.statement_number::text, 6, '0'),
        'bench-target-' || lpad(first.target_number::text, 2, '0'), '${benchAdministrator.id}', round((first.score + second.score) / 2.0)::smallint,
        'Settled on the synthetic corpus.', ${recordedAt}, ${recordedAt}
      FROM coding_plan AS first
      JOIN coding_plan AS second ON second.statement_number = first.statement_number AND second.slot = 1 AND second.target_number = first.target_number
      WHERE first.slot = 0 AND NOT first.is_deleted AND NOT second.is_deleted
        AND (abs(first.score - second.score) >= 2 OR first.score * second.score < 0)
        AND pg_temp.uniform(first.statement_number, 40) < 0.6
      ORDER BY first.statement_number;`,
  },
  {
    // Search vectors are kept by triggers in the app (prisma/sql/search.sql); the bulk load skips triggers.
    label: "search vectors of sources and statements",
    sql: `
      UPDATE "Source" SET "searchVector" =
        setweight(to_tsvector("search_configuration"(language), "search_fold"(title)), 'A')
        || setweight(to_tsvector("search_configuration"(language), "search_fold"(publisher)), 'C')
        || setweight(to_tsvector("search_configuration"(language), "search_fold"(text)), 'D');
      UPDATE "Statement" s SET "searchVector" = to_tsvector("search_configuration"(src.language), "search_fold"(s.quote))
        FROM "Source" src WHERE src.id = s."sourceId";`,
  },
  {
    // Triggers keep these copies in step in the app (prisma/sql/stance-coding-read-model.sql), but
    // session_replication_role = replica skips triggers, so the build fills them itself.
    label: "codings' copies of their statements",
    sql: `
      UPDATE "StanceCoding" c
        SET "statementLive" = s."deletedAt" IS NULL AND src."deletedAt" IS NULL, "directQuote" = s.form = 'DIRECT_QUOTE',
          "blindSource" = src."blindCoding",
          "adjudicatedScore" = (
            SELECT a.score FROM "Adjudication" a
            WHERE a."statementId" = c."statementId" AND a."targetId" = c."targetId" AND a."deletedAt" IS NULL)
        FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
        WHERE s.id = c."statementId";`,
  },
  {
    // Kept by triggers on codings in the app (prisma/sql/stance-statement-values.sql), which the bulk load skips.
    label: "statements' values toward their targets",
    sql: `SELECT "stance_statement_values_rebuild"();`,
  },
  {
    // Kept by triggers in the app (prisma/sql/coverage-counts.sql); the bulk load skips them.
    label: "live coding and statement counts of statements, sources and speakers",
    sql: `
      UPDATE "Statement" s SET "liveCodingCount" = live.count
        FROM (SELECT "statementId", count(*) AS count FROM "StanceCoding" WHERE "deletedAt" IS NULL GROUP BY "statementId") AS live
        WHERE live."statementId" = s.id;
      UPDATE "Source" src SET "liveStatementCount" = live.count
        FROM (SELECT "sourceId", count(*) AS count FROM "Statement" WHERE "deletedAt" IS NULL GROUP BY "sourceId") AS live
        WHERE live."sourceId" = src.id;
      UPDATE "Actor" a SET "liveStatementCount" = live.count
        FROM (SELECT "speakerId", count(*) AS count FROM "Statement" WHERE "deletedAt" IS NULL GROUP BY "speakerId") AS live
        WHERE live."speakerId" = a.id;`,
  },
  {
    // The audit trail's hash chain and append-only triggers are skipped like the others: these entries are
    // for paging the history, not for `npm run audit:verify`.
    label: "history",
    sql: `
      INSERT INTO "AuditEntry" (at, "userId", action, entity, "entityId", after)
      SELECT at, "userId", action::"AuditAction", entity, "entityId", after
      FROM (
        SELECT ${recordedAt} + coding_number * interval '1 minute' AS at, 'bench-coder-' || coder_number AS "userId", 'CREATE' AS action,
          'StanceCoding' AS entity, 'bench-coding-' || lpad(coding_number::text, 7, '0') AS "entityId",
          jsonb_build_object('id', 'bench-coding-' || lpad(coding_number::text, 7, '0'),
            'statementId', 'bench-statement-' || lpad(statement_number::text, 6, '0'),
            'targetId', 'bench-target-' || lpad(target_number::text, 2, '0'), 'score', score,
            'rationale', 'Synthetic coding for the benchmark.') AS after
        FROM coding_plan
        WHERE coding_number <= ${auditedCodingCount}
        UNION ALL
        SELECT ${recordedAt} + (n * 10 + 5) * interval '1 minute', 'bench-coder-' || (1 + n % ${coderCount}), 'SIGN_IN', 'User',
          'bench-coder-' || (1 + n % ${coderCount}), NULL
        FROM generate_series(1, ${signInCount}) AS n
      ) AS entries
      ORDER BY at;`,
  },
  {
    label: "events",
    sql: `
      INSERT INTO "Event" (id, slug, title, kind, "occurredOn", description, "createdAt", "updatedAt")
      SELECT 'bench-event-' || lpad(n::text, 3, '0'), 'event-' || lpad(n::text, 3, '0'), 'Synthetic event ' || n,
        (enum_range(NULL::"EventKind"))[1 + n % 9], ${firstDate} + floor(pg_temp.uniform(n, 50) * ${dayCount})::int,
        'A synthetic event for the benchmark.', ${recordedAt}, ${recordedAt}
      FROM generate_series(1, ${eventCount}) AS n;`,
  },
];

/**
 * Identifies the corpus: its SQL and the migrations it was built on. A
 * database whose comment carries this fingerprint holds exactly this corpus;
 * any change to either means a rebuild.
 */
export async function corpusFingerprint(): Promise<string> {
  const migrations = await readMigrationList();
  const hash = createHash("sha256");
  for (const step of corpusSteps) hash.update(step.sql);
  for (const migration of migrations.migrationDirectories) {
    hash.update(migration.path);
    if (migration.migrationFile.content.tag === "ok") hash.update(migration.migrationFile.content.value);
  }
  return hash.digest("hex").slice(0, 32);
}

export function markerFor(fingerprint: string): string {
  return JSON.stringify({ stancewatchBenchCorpus: fingerprint, codings: expectedCodingCount });
}

async function readMarker(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ marker: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = current_database()",
  );
  return rows[0]?.marker ?? null;
}

/** Why an existing database cannot be reused, or null when it holds exactly this corpus. */
async function reasonToRebuild(url: string, fingerprint: string): Promise<string | null> {
  if (!(await scratchDatabaseExists(url))) return "the scratch database does not exist yet";
  const client = await connectToScratchDatabase(url);
  try {
    const marker = await readMarker(client);
    if (marker === null) return "the scratch database holds no finished corpus (an earlier build was interrupted?)";
    if (marker !== markerFor(fingerprint)) return "the corpus or the migrations changed since it was built";
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM "StanceCoding"`);
    if (Number(rows[0]?.count) !== expectedCodingCount) return `it has ${rows[0]?.count} codings, not ${expectedCodingCount}`;
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export type CorpusReport = { rebuilt: boolean; buildSeconds: number | null; counts: Record<string, number> };

async function countRows(url: string): Promise<Record<string, number>> {
  const client = await connectToScratchDatabase(url);
  try {
    const { rows } = await client.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM "Actor") AS actors, (SELECT count(*) FROM "Source") AS sources,
        (SELECT count(*) FROM "Statement") AS statements, (SELECT count(*) FROM "StanceCoding") AS codings,
        (SELECT count(*) FROM "StanceCoding" WHERE "deletedAt" IS NOT NULL) AS "deleted codings",
        (SELECT count(*) FROM "Adjudication") AS adjudications, (SELECT count(*) FROM "Event") AS events,
        (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "AuditEntry") AS "history entries"`);
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([name, count]) => [name, Number(count)]));
  } finally {
    await client.end().catch(() => {});
  }
}

async function buildCorpus(url: string, fingerprint: string, log: (message: string) => void): Promise<void> {
  await recreateScratchDatabase(url);
  const applied = await applyMigrations(url);
  log(`applied ${applied.length} migrations`);
  const client = await connectToScratchDatabase(url);
  const endClient = onCleanup("close the corpus build's connection", () => client.end());
  try {
    // Interrupted (Ctrl-C), the build's connection closes; without this check
    // PostgreSQL would only notice at the end of a statement minutes long.
    await client.query("SET client_connection_check_interval = 1000").catch(() => {});
    // The rows are consistent by construction, so foreign-key triggers (four
    // lookups per coding) are skipped; that needs a superuser, so without one
    // the build is only slower.
    await client.query("SET session_replication_role = replica").catch(() => log("not a superuser: foreign keys are checked row by row"));
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const step of corpusSteps) {
      const started = performance.now();
      await client.query(step.sql);
      log(`${step.label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    await client.query("RESET session_replication_role");
    const started = performance.now();
    await client.query("VACUUM (ANALYZE)");
    log(`VACUUM ANALYZE (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    // Index-only scans need the visibility map; a session holding an old snapshot stops VACUUM setting it.
    const visibility = await client.query<{ pages: number; visible: number }>(
      `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'StanceCoding'`,
    );
    const { pages, visible } = visibility.rows[0]!;
    log(`codings' pages marked all-visible: ${visible} of ${pages}`);
    // Written last: a build interrupted before this point is never mistaken for a finished one.
    await client.query(`COMMENT ON DATABASE "${databaseNameOf(url)}" IS '${markerFor(fingerprint)}'`);
  } finally {
    await endClient().catch(() => {});
  }
}

/** Leaves the scratch database holding the corpus: rebuilt, unless `reuse` and it already holds exactly this one. */
export async function prepareCorpus(url: string, options: { reuse: boolean; log: (message: string) => void }): Promise<CorpusReport> {
  const fingerprint = await corpusFingerprint();
  if (options.reuse) {
    const reason = await reasonToRebuild(url, fingerprint);
    if (reason === null) {
      options.log("reusing the corpus already in the scratch database (--reuse)");
      return { rebuilt: false, buildSeconds: null, counts: await countRows(url) };
    }
    options.log(`rebuilding despite --reuse: ${reason}`);
  }
  const started = performance.now();
  await buildCorpus(url, fingerprint, options.log);
  const buildSeconds = (performance.now() - started) / 1000;
  options.log(`corpus built in ${buildSeconds.toFixed(0)} s`);
  return { rebuilt: true, buildSeconds, counts: await countRows(url) };
}

/** Gives the bench administrator a fresh random password (never a fixed one, even in a scratch database) and returns it. */
export async function resetBenchAdministratorPassword(client: pg.Client): Promise<string> {
  const password = generatePassword();
  const { rowCount } = await client.query(`UPDATE "User" SET "passwordHash" = $1 WHERE id = $2`, [
    await hashPassword(password),
    benchAdministrator.id,
  ]);
  if (rowCount !== 1) throw new Error(`The scratch database has no ${benchAdministrator.email}; rebuild the corpus (run without --reuse).`);
  return password;
}
