import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { loadSeedFiles, SeedFileError } from "@/lib/seed/seed-files";
import { seedDatabase } from "@/lib/seed/seed-database";
import { choosePasswordFromEnvironment, seedDirectory, seedFromFiles } from "@/lib/seed/run-seed";
import { verifyPassword } from "@/lib/users/passwords";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const tables = [
  "User",
  "Actor",
  "Source",
  "Statement",
  "StanceCoding",
  "Event",
  "ScenarioSet",
  "Scenario",
  "ScenarioEstimate",
  "AuditEntry",
] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table}"`);
    counts[table] = Number(row!.count);
  }
  return counts;
}

describe("the seeded database", () => {
  it("holds the article, its actors, statements, codings, events and scenarios", async () => {
    // Other test files add records to this run's database, so count the seed's own.
    const data = await loadSeedFiles(seedDirectory);
    const source = await db.source.findFirstOrThrow({ where: { title: data.sources[0]!.title } });
    expect(await db.actor.count({ where: { slug: { in: data.actors.map((actor) => actor.slug) } } })).toBe(data.actors.length);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(data.statements.length);
    // Codings the seed created (the import test adds others to this article): audited with no user.
    const seededCodings = await db.auditEntry.count({ where: { entity: "StanceCoding", action: "CREATE", userId: null } });
    expect(seededCodings).toBe(data.statements.flatMap((statement) => statement.codings).length);
    expect(await db.event.count({ where: { slug: { in: data.events.map((event) => event.slug) } } })).toBe(data.events.length);
    const scenarioSlugs = data.scenarioSets.flatMap((set) => set.scenarios.map((scenario) => scenario.slug));
    expect(await db.scenario.count({ where: { slug: { in: scenarioSlugs } } })).toBe(scenarioSlugs.length);
    expect(await db.scenarioEstimate.count({ where: { scenario: { slug: { in: scenarioSlugs } } } })).toBe(scenarioSlugs.length);

    const velayati = await db.actor.findUniqueOrThrow({ where: { slug: "ali-akbar-velayati" }, include: { speaksFor: true } });
    expect(velayati.speaksFor?.name).toBe("Iran");
    expect(velayati.office).toMatch(/Supreme Leader/);
    const strikes = await db.event.findFirstOrThrow({ where: { occurredOn: new Date("2024-10-26T00:00:00Z") } });
    expect(strikes.title).toMatch(/Israeli strikes/);
  });

  it("stores each statement's offsets so that they cut its exact quote from the source", async () => {
    const statements = await db.statement.findMany({ include: { source: { select: { text: true } } } });
    expect(statements.length).toBeGreaterThanOrEqual(12);
    for (const statement of statements) {
      expect(statement.source.text.slice(statement.startOffset, statement.endOffset)).toBe(statement.quote);
    }
  });

  it("gives the seeded users the environment's passwords, hashed with argon2id", async () => {
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    expect(analyst.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(analyst.passwordHash!, testPasswords.SEED_PASSWORD_LEAD_ANALYST)).resolves.toBe(true);
    await expect(verifyPassword(analyst.passwordHash!, "some other passphrase")).resolves.toBe(false);
  });

  it("audits every seeded record's creation", async () => {
    const codings = await db.stanceCoding.findMany({
      where: { statement: { source: { publisher: "Financial Times" } } },
      select: { id: true },
    });
    expect(codings.length).toBeGreaterThanOrEqual(15);
    const audited = await db.auditEntry.count({
      where: { entity: "StanceCoding", action: "CREATE", entityId: { in: codings.map((coding) => coding.id) } },
    });
    expect(audited).toBe(codings.length);
  });

  it("changes nothing when run again", async () => {
    const before = await rowCounts();
    const summary = await seedFromFiles(db, { ...process.env, ...testPasswords });
    expect(Object.values(summary.created).every((count) => count === 0)).toBe(true);
    expect(summary.newUsers).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it("does not resurrect a coding an analyst deleted", async () => {
    const coding = await db.stanceCoding.findFirstOrThrow({ where: { deletedAt: null } });
    await db.stanceCoding.update({ where: { id: coding.id }, data: { deletedAt: new Date() } });
    try {
      const summary = await seedFromFiles(db, { ...process.env, ...testPasswords });
      expect(summary.created.codings).toBe(0);
      expect(
        await db.stanceCoding.count({ where: { statementId: coding.statementId, targetId: coding.targetId, coderId: coding.coderId } }),
      ).toBe(1);
    } finally {
      await db.stanceCoding.update({ where: { id: coding.id }, data: { deletedAt: null } });
    }
  });

  it("aborts before writing anything when a quote is not verbatim in the article, naming it", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "stancewatch-seeds-"));
    await cp(seedDirectory, directory, { recursive: true });
    const file = path.join(directory, "statements.json");
    const statements = JSON.parse(await readFile(file, "utf8")) as { quote: string }[];
    // Straight quotes where the article has typographic ones: a classic transcription slip.
    statements.push({ ...statements[0]!, quote: 'Iran is "open" to co-operation with western states, says a new statement' });
    await writeFile(file, JSON.stringify(statements));

    const before = await rowCounts();
    const data = await loadSeedFiles(directory);
    const error = await seedDatabase(db, data, choosePasswordFromEnvironment({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SeedFileError);
    expect((error as Error).message).toBe(
      `seeds/statements.json, entry ${statements.length} (speaker "${data.statements.at(-1)!.speaker}"): the quote "Iran is "open" to co-operation with western states, says a new statement" does not appear verbatim in the source text of seeds/ft-2024-10-28-iran-open-to-western-ties.txt`,
    );
    expect(await rowCounts()).toEqual(before);
  });
});
