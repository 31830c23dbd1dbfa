import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { codebookFilterFromParameter, type CodebookPublication } from "@/lib/codebook/schemas";
import { getCodebook, publishCodebookVersion } from "@/lib/data/codebook";
import { createStanceCoding as codeStatement } from "@/lib/data/codings";
import { getReliabilityReport } from "@/lib/data/reliability";
import { ConflictError } from "@/lib/errors";
import { createActor, createSource, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Role = "VIEWER" | "ANALYST" | "ADMIN";
const acting = (user: { id: string; role: Role }) => ({ id: user.id, role: user.role, isAdjudicator: false });

const meanings = ["−3 means", "−2 means", "−1 means", "0 means", "+1 means", "+2 means", "+3 means"];

async function publication(examples: CodebookPublication["examples"] = []): Promise<CodebookPublication> {
  const latest = (await db.codebookVersion.findFirst({ orderBy: { number: "desc" } }))?.number ?? 0;
  return {
    basedOn: latest,
    summary: "Code what is said.",
    scaleMeanings: meanings,
    conditionalRule: "Mark it.",
    sarcasmRule: "Read the meaning.",
    examples,
  };
}

// These tests publish versions one after another in one database: they run in order.
describe("the codebook", () => {
  it("is seeded as version 1 from the scale, with worked examples linked to real statements", async () => {
    const codebook = await getCodebook(acting(await createUser(db, "VIEWER")), 1);
    expect(codebook.version!.number).toBe(1);
    expect(codebook.version!.content.scaleMeanings[0]).toMatch(/^Threatens force/);
    expect(codebook.version!.content.scaleMeanings[6]).toMatch(/^An explicit commitment/);
    expect(codebook.version!.content.examples.length).toBeGreaterThanOrEqual(3);
    for (const example of codebook.version!.content.examples) {
      const statement = await db.statement.findUniqueOrThrow({ where: { id: example.statementId } });
      expect(statement.quote).toBe(example.quote);
    }
  });

  it("lets admins publish the next version, keeps older versions readable, and stamps new codings with the version in force", async () => {
    const admin = acting(await createUser(db, "ADMIN"));
    const analyst = acting(await createUser(db, "ANALYST"));
    const speaker = await createActor(db);
    const target = await createActor(db);
    const source = await createSource(db, `Two sentences ${Math.random()}. One. Another one here.`);
    const [first, second] = [
      await createStatement(db, { source, speakerId: speaker.id, quote: "One." }),
      await createStatement(db, { source, speakerId: speaker.id, quote: "Another one here." }),
    ];
    const coding = (statementId: string) => ({
      statementId,
      targetId: target.id,
      score: 1,
      isConditional: false,
      confidence: "MEDIUM" as const,
      rationale: "r",
    });
    const before = await codeStatement(analyst, coding(first.id));
    const input = await publication([{ statement: first.id, score: 1, explanation: "Mild." }]);
    const published = await publishCodebookVersion(admin, input);
    expect(published.number).toBe(input.basedOn + 1);
    expect(published.content.examples[0]).toMatchObject({ statementId: first.id, quote: "One.", speakerName: speaker.name });
    const after = await codeStatement(analyst, coding(second.id));
    const stored = await db.stanceCoding.findMany({
      where: { id: { in: [before.id, after.id] } },
      select: { id: true, codebookVersion: true },
    });
    expect(stored.find((row) => row.id === before.id)!.codebookVersion).toBe(input.basedOn);
    expect(stored.find((row) => row.id === after.id)!.codebookVersion).toBe(published.number);
    const older = await getCodebook(analyst, input.basedOn);
    expect(older.version!.number).toBe(input.basedOn);
    expect(older.latestNumber).toBe(published.number);
    expect(await db.auditEntry.count({ where: { entity: "CodebookVersion", userId: admin.id } })).toBe(1);
  });

  it("refuses publishing from an older version (409), also when two admins publish at once", async () => {
    const admin = acting(await createUser(db, "ADMIN"));
    const input = await publication();
    const results = await Promise.allSettled([publishCodebookVersion(admin, input), publishCodebookVersion(admin, input)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    await expect(publishCodebookVersion(admin, input)).rejects.toThrow(/was published after you started from version/);
  });

  it("refuses examples naming no statement, and non-admins", async () => {
    const admin = acting(await createUser(db, "ADMIN"));
    await expect(
      publishCodebookVersion(admin, await publication([{ statement: "nope", score: 0, explanation: "x" }])),
    ).rejects.toMatchObject({
      fieldErrors: { "examples.0.statement": expect.stringMatching(/names no statement/) },
    });
    // Hostile bytes in a quote start are matched literally, never as a pattern, and name nothing.
    for (const statement of ["%%%%%%%%%%%%", "' OR 1=1 --   x", "____________", "\u202e-------------"])
      await expect(publishCodebookVersion(admin, await publication([{ statement, score: 0, explanation: "x" }]))).rejects.toMatchObject({
        fieldErrors: { "examples.0.statement": expect.stringMatching(/names no statement/) },
      });
    // The start of a quote names the statement when it matches exactly one.
    const byQuote = await publishCodebookVersion(
      admin,
      await publication([{ statement: "In its role as a warmongering", score: -3, explanation: "x" }]),
    );
    expect(byQuote.content.examples[0]!.quote).toMatch(/^In its role as a warmongering entity/);
    for (const role of ["ANALYST", "VIEWER"] as const)
      await expect(publishCodebookVersion(acting(await createUser(db, role)), await publication())).rejects.toBeInstanceOf(
        PermissionDeniedError,
      );
    await expect(getCodebook(null)).rejects.toMatchObject({ status: 401 });
    await expect(getCodebook(admin, 9999)).rejects.toMatchObject({ status: 404 });
  });

  it("filters reliability by codebook version: before the codebook, or one version", async () => {
    const viewer = acting(await createUser(db, "VIEWER"));
    const [coderA, coderB] = [acting(await createUser(db, "ANALYST")), acting(await createUser(db, "ANALYST"))];
    const speaker = await createActor(db);
    const target = await createActor(db);
    const source = await createSource(db, `Reliability ${Math.random()}. Alpha. Beta.`);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "Alpha." });
    const version = (await getCodebook(viewer)).latestNumber!;
    for (const coder of [coderA, coderB])
      await codeStatement(coder, {
        statementId: statement.id,
        targetId: target.id,
        score: 2,
        isConditional: false,
        confidence: "MEDIUM",
        rationale: "r",
      });
    const underVersion = await getReliabilityReport(viewer, { codebookVersion: version });
    expect(underVersion.perTarget.map((row) => row.targetId)).toContain(target.id);
    const all = await getReliabilityReport(viewer);
    const before = await getReliabilityReport(viewer, { codebookVersion: null });
    expect(before.perTarget.map((row) => row.targetId)).not.toContain(target.id);
    // The seed's codings predate the codebook: "before" holds them, and all = before + every version.
    expect(before.overall.pairableValues).toBeGreaterThan(0);
    expect(all.overall.pairableValues).toBeGreaterThan(before.overall.pairableValues);
    expect(codebookFilterFromParameter("before")).toEqual({ codebookVersion: null });
    expect(codebookFilterFromParameter("3")).toEqual({ codebookVersion: 3 });
    for (const hostile of ["0", "-1", "1e3", "3; DROP TABLE", "", undefined, "9999999"])
      expect(codebookFilterFromParameter(hostile)).toEqual({});
  });
});
