import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createAssignmentDraw } from "@/lib/data/assignments";
import { getReliabilityReport } from "@/lib/data/reliability";
import { reliabilityFilterFromParameters, reliabilityHref } from "@/lib/reliability/filter";
import { createActor, createSource, createStanceCoding, createStatement, createUser, todayIso } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const createdCodings: string[] = [];
afterAll(async () => {
  // Other files count codings per codebook version: leave none of these behind.
  await db.stanceCoding.deleteMany({ where: { id: { in: createdCodings } } });
  await db.$disconnect();
});

type Role = "VIEWER" | "ANALYST" | "ADMIN";
const acting = (user: { id: string; role: Role }) => ({ id: user.id, role: user.role, isAdjudicator: false });

describe("reliability limited to the planned double-coded sample", () => {
  it("counts only the overlap statements a draw planned, coded by the coders it assigned, alone or with a codebook version", async () => {
    const admin = acting(await createUser(db, "ADMIN"));
    const [first, second, third] = [await createUser(db), await createUser(db), await createUser(db)];
    const target = await createActor(db, { name: `Planned sample target ${Date.now()}` });
    const speaker = await createActor(db);
    const sentences = Array.from({ length: 10 }, (_, index) => `Planned sentence ${index} ${Math.random().toString(36).slice(2)}.`);
    const source = await createSource(db, sentences.join(" "), { publishedOn: todayIso() });
    const statements: Awaited<ReturnType<typeof createStatement>>[] = [];
    for (const quote of sentences) statements.push(await createStatement(db, { source, speakerId: speaker.id, quote }));

    // 10 statements, all assigned, 60 % double-coded: exactly 6 in the planned sample, each to both coders.
    await createAssignmentDraw(admin, { sourceId: source.id, coderIds: [first.id, second.id], share: 1, overlap: 0.6, seed: "planned" });
    const overlap = await db.codingAssignment.findMany({
      where: { draw: { sourceId: source.id, deletedAt: null }, isOverlap: true },
      select: { statementId: true, coderId: true },
    });
    const planned = statements.filter((statement) => overlap.some((row) => row.statementId === statement.id));
    const unplanned = statements.filter((statement) => !planned.includes(statement));
    expect(planned).toHaveLength(6);
    expect(overlap).toHaveLength(12);

    const code = async (statement: (typeof statements)[number], coderId: string, score: number) => {
      const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId, score });
      createdCodings.push(coding.id);
      return coding;
    };
    // The planned pair agree on every planned statement, across the scale.
    const scores = [-3, -1, 0, 1, 2, 3];
    for (const [index, statement] of planned.entries()) {
      await code(statement, first.id, scores[index]!);
      await code(statement, second.id, scores[index]!);
      // A third coder, not assigned, disagrees on each.
      await code(statement, third.id, -scores[index]! || 3);
    }
    // Statements outside the sample, coded twice by chance, with opposite signs.
    for (const statement of unplanned) {
      await code(statement, first.id, 3);
      await code(statement, second.id, -3);
    }

    const viewer = acting(await createUser(db, "VIEWER"));
    const towardTarget = async (filter: Parameters<typeof getReliabilityReport>[1]) =>
      (await getReliabilityReport(viewer, filter)).perTarget.find((figure) => figure.targetId === target.id)!;

    // Every coding: 10 units, none agreeing, three coders.
    const all = await towardTarget({});
    expect(all).toMatchObject({ units: 10, coders: 3, agreement: { agreeingUnits: 0, units: 10 } });
    expect(all.alpha!).toBeLessThan(0);

    // The planned sample: 6 units, two coders, perfect agreement.
    const sample = await towardTarget({ sample: "planned" });
    expect(sample).toMatchObject({ units: 6, coders: 2, alpha: 1, agreement: { proportion: 1, agreeingUnits: 6, units: 6 } });
    const pairs = (await getReliabilityReport(viewer, { sample: "planned" })).perPair.filter((pair) =>
      pair.coders.some((coder) => [first.id, second.id, third.id].includes(coder)),
    );
    expect(pairs.map((pair) => [...pair.coders].sort())).toEqual([[first.id, second.id].sort()]);
    expect(pairs[0]).toMatchObject({ units: 6, alpha: 1 });

    // Combined with a codebook version: only the planned statements coded under it (two of them here).
    const version = (await db.codebookVersion.findFirstOrThrow({ orderBy: { number: "desc" } })).number;
    await db.stanceCoding.updateMany({
      where: { id: { in: createdCodings }, statementId: { in: planned.slice(0, 2).map((statement) => statement.id) } },
      data: { codebookVersion: version },
    });
    await db.stanceCoding.updateMany({
      where: { id: { in: createdCodings }, statementId: { in: unplanned.map((statement) => statement.id) } },
      data: { codebookVersion: version },
    });
    expect(await towardTarget({ sample: "planned", codebookVersion: version })).toMatchObject({ units: 2, coders: 2, alpha: 1 });
    expect(await towardTarget({ codebookVersion: version })).toMatchObject({ units: 6, coders: 3 });

    // A withdrawn draw plans nothing any more.
    await db.assignmentDraw.updateMany({ where: { sourceId: source.id }, data: { deletedAt: new Date() } });
    expect((await getReliabilityReport(viewer, { sample: "planned" })).perTarget.some((figure) => figure.targetId === target.id)).toBe(
      false,
    );
  });

  it("reads the filter from the address and writes it back", () => {
    expect(reliabilityFilterFromParameters({ sample: "planned", codebook: "2" })).toEqual({ sample: "planned", codebookVersion: 2 });
    expect(reliabilityFilterFromParameters({ sample: "everything" })).toEqual({});
    expect(reliabilityHref({ sample: "planned", codebookVersion: null })).toBe("/reliability?codebook=before&sample=planned");
    expect(reliabilityHref({})).toBe("/reliability");
  });
});
