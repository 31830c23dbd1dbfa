import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { createStanceCoding, listCodingQueue, listStanceCodingsForReview, markNoStance } from "@/lib/data/codings";
import { adjudicate, getReliabilityReport } from "@/lib/data/reliability";
import { createSource, getSource, reviewSource } from "@/lib/data/sources";
import { createStatement } from "@/lib/data/statements";
import { listStatementSuggestions } from "@/lib/data/suggestions";
import { listStanceSeries } from "@/lib/data/dashboard";
import { defaultDashboardView } from "@/lib/dashboard/view";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN"; isAdjudicator?: boolean }) => ({
  id: user.id,
  role: user.role,
  isAdjudicator: user.isAdjudicator ?? false,
});

const articleText = (marker: string) =>
  `Riyadh, ${marker}. \ud83c\uddee\ud83c\uddf7 \u201cWe will not accept any threat to the region,\u201d the Saudi foreign minister said on Tuesday.\n\nIn Tehran, officials said talks with Europe would resume \u201cin good faith\u201d. The spokesman added: \u201cWashington must lift the sanctions first.\u201d`;

async function sourceWithStatement(analyst: { id: string; role: "ANALYST" }) {
  const text = articleText(`${Date.now()}-${Math.random()}`);
  const { id: sourceId } = await createSource(analyst, {
    title: "Test wire",
    publisher: "Test Wire",
    url: null,
    publishedOn: "2025-02-04",
    language: "en",
    text,
  });
  const quote = "In Tehran, officials said talks with Europe would resume";
  const start = text.indexOf(quote);
  const iran = await db.actor.findUniqueOrThrow({ where: { slug: "iran" } });
  // The selection caught the line break before and the space after: they are trimmed, and the quote is cut from the stored text.
  const statement = await createStatement(analyst, {
    sourceId,
    startOffset: start - 2,
    endOffset: start + quote.length + 1,
    speakerId: null,
    newSpeaker: { name: "Iranian foreign ministry spokesman (test)", kind: "PERSON", office: "Spokesman", speaksForId: iran.id },
    saidOn: "2025-02-04",
    saidOnPrecision: "DAY",
    form: "PARAPHRASE",
    channel: "PRESS_CONFERENCE",
  });
  return { sourceId, text, quote, start, statement };
}

describe("the coding workspace", () => {
  it("cuts a statement's quote from its source at the selected offsets, including after characters outside the basic plane", async () => {
    const analyst = acting(await createUser(db, "ANALYST")) as { id: string; role: "ANALYST" };
    const { sourceId, text, quote, start, statement } = await sourceWithStatement(analyst);
    expect(statement).toEqual({ id: expect.any(String), quote, startOffset: start, endOffset: start + quote.length, translation: null });
    const stored = await db.statement.findUniqueOrThrow({ where: { id: statement.id }, include: { source: true, speaker: true } });
    expect(stored.source.text.slice(stored.startOffset, stored.endOffset)).toBe(quote);
    expect(stored.speaker).toMatchObject({
      name: "Iranian foreign ministry spokesman (test)",
      slug: "iranian-foreign-ministry-spokesman-test",
    });
    const detail = await getSource(analyst, sourceId);
    expect(detail.text).toBe(text);
    expect(detail.statements.map((row) => [row.startOffset, row.endOffset])).toEqual([[start, start + quote.length]]);

    await expect(
      createStatement(analyst, {
        sourceId,
        startOffset: 3,
        endOffset: text.length + 5,
        speakerId: stored.speakerId,
        newSpeaker: null,
        saidOn: "2025-02-04",
        saidOnPrecision: "DAY",
        form: "PARAPHRASE",
        channel: "INTERVIEW",
      }),
    ).rejects.toThrowError(ValidationError);
    await expect(
      createSource(analyst, { title: "Again", publisher: "X", url: null, publishedOn: "2025-02-04", language: "en", text }),
    ).rejects.toThrowError(ConflictError);
  });

  it("keeps a coder blind to others' codings of a statement until they have coded it, unless the source is not blind", async () => {
    const first = await createUser(db, "ANALYST");
    const second = await createUser(db, "ANALYST");
    const viewer = await createUser(db, "VIEWER");
    const admin = await createUser(db, "ADMIN");
    const { sourceId, statement } = await sourceWithStatement(acting(first) as { id: string; role: "ANALYST" });
    const us = await db.actor.findUniqueOrThrow({ where: { slug: "united-states" } });
    const coding = {
      statementId: statement.id,
      targetId: us.id,
      isConditional: false,
      confidence: "HIGH" as const,
      rationale: "demands concessions first",
    };
    await createStanceCoding(acting(first), { ...coding, score: -2 });

    const seenBy = async (user: Parameters<typeof acting>[0]) => (await getSource(acting(user), sourceId)).statements[0]!;
    // A settled disagreement tells what the coders said: hidden as their codings are.
    await db.adjudication.create({
      data: { statementId: statement.id, targetId: us.id, adjudicatorId: admin.id, score: -2, rationale: "Both read it as a demand." },
    });
    expect((await seenBy(second)).codings).toEqual([]);
    expect((await seenBy(second)).adjudications).toEqual([]);
    expect((await seenBy(second)).hiddenCodingCount).toBe(1);
    expect((await listStanceCodingsForReview(acting(second))).rows.some((row) => row.statement.id === statement.id)).toBe(false);
    const charted = await listStanceSeries(acting(second), {
      ...defaultDashboardView,
      targets: ["united-states"],
      from: "1900-01-01",
      to: "2100-12-31",
    });
    expect(charted.series.flatMap((series) => series.points).some((point) => point.statement?.id === statement.id)).toBe(false);
    expect((await seenBy(viewer)).codings).toHaveLength(1);
    expect((await seenBy(viewer)).adjudications.map((row) => row.rationale)).toEqual(["Both read it as a demand."]);
    expect((await seenBy(admin)).codings).toHaveLength(1);
    expect((await seenBy({ ...second, isAdjudicator: true })).codings).toHaveLength(1);

    await createStanceCoding(acting(second), { ...coding, score: 1, rationale: "a conditional opening" });
    expect((await seenBy(second)).codings.map((row) => row.score).sort()).toEqual([-2, 1]);
    expect((await seenBy(second)).adjudications.map((row) => row.score)).toEqual([-2]);
    await expect(createStanceCoding(acting(second), { ...coding, score: 0 })).rejects.toThrowError(
      /already coded this statement toward United States/,
    );

    const third = await createUser(db, "ANALYST");
    const source = await db.source.findUniqueOrThrow({ where: { id: sourceId } });
    await expect(reviewSource(acting(first), sourceId, { version: source.version, blindCoding: false })).rejects.toThrowError(
      /Only administrators/,
    );
    await reviewSource(acting(admin), sourceId, { version: source.version, blindCoding: false });
    expect((await seenBy(third)).codings).toHaveLength(2);
  });

  it("queues what I have not coded, counts progress, and drops sources marked as having nothing to code", async () => {
    const analyst = acting(await createUser(db, "ANALYST")) as { id: string; role: "ANALYST" };
    const before = await listCodingQueue(analyst);
    const { sourceId, statement } = await sourceWithStatement(analyst);
    const queued = await listCodingQueue(analyst);
    expect(queued.total).toBe(before.total + 1);
    expect(queued.items.find((item) => item.statementId === statement.id)).toMatchObject({
      before: expect.stringMatching(/said on Tuesday\.\n\n$/),
      after: " \u201cin good faith\u201d. The spokesman added: \u201cWashington must lift the sanctions first.\u201d",
    });
    const israel = await db.actor.findUniqueOrThrow({ where: { slug: "israel" } });
    await createStanceCoding(analyst, {
      statementId: statement.id,
      targetId: israel.id,
      score: 0,
      isConditional: false,
      confidence: "LOW",
      rationale: "not about Israel",
    });
    const after = await listCodingQueue(analyst);
    expect(after.coded).toBe(queued.coded + 1);
    expect(after.items.some((item) => item.statementId === statement.id)).toBe(false);
    // A statement with no stance toward the tracked targets leaves the queue without a coding.
    const second = await sourceWithStatement(analyst);
    const queuedAgain = await listCodingQueue(analyst);
    await markNoStance(analyst, second.statement.id);
    await markNoStance(analyst, second.statement.id);
    const reviewed = await listCodingQueue(analyst);
    expect(reviewed.items.some((item) => item.statementId === second.statement.id)).toBe(false);
    expect(reviewed.coded).toBe(queuedAgain.coded + 1);
    expect(await db.stanceCoding.count({ where: { statementId: second.statement.id } })).toBe(0);
    expect(await db.statementReview.count({ where: { statementId: second.statement.id } })).toBe(1);
    await db.source.update({ where: { id: second.sourceId }, data: { nothingToCodeAt: new Date() } });

    const version = (await db.source.findUniqueOrThrow({ where: { id: sourceId } })).version;
    await reviewSource(analyst, sourceId, { version, nothingToCode: true });
    expect((await listCodingQueue(analyst)).total).toBe(after.total - 1);
    await expect(listCodingQueue(acting(await createUser(db, "VIEWER")))).rejects.toThrowError(PermissionDeniedError);
  });

  it("finds disagreements, lets adjudicators settle them, and the chart then uses the settled value and says so", async () => {
    const first = await createUser(db, "ANALYST");
    const second = await createUser(db, "ANALYST");
    const adjudicator = { ...(await createUser(db, "ANALYST")), isAdjudicator: true };
    const { statement } = await sourceWithStatement(acting(first) as { id: string; role: "ANALYST" });
    const europe = await db.actor.findUniqueOrThrow({ where: { slug: "europe" } });
    const coding = { statementId: statement.id, targetId: europe.id, isConditional: false, confidence: "MEDIUM" as const, rationale: "r" };
    await createStanceCoding(acting(first), { ...coding, score: -1 });
    await createStanceCoding(acting(second), { ...coding, score: 2 });

    const report = await getReliabilityReport(acting(adjudicator));
    expect(report.overall.alpha).not.toBeNull();
    expect(report.overall.coders).toBeGreaterThanOrEqual(2);
    expect(report.perTarget.find((figure) => figure.targetName === "Europe")!.units).toBeGreaterThanOrEqual(1);
    expect(report.disagreements!.find((row) => row.statementId === statement.id)).toMatchObject({
      targetName: "Europe",
      adjudication: null,
    });
    expect((await getReliabilityReport(acting(first))).disagreements).toBeNull();

    const said = await db.statement.findUniqueOrThrow({ where: { id: statement.id }, include: { speaker: true } });
    const saidOn = said.saidOn.toISOString().slice(0, 10);
    const chartPoint = async () => {
      const view = { ...defaultDashboardView, speakers: [said.speaker.slug], targets: ["europe"], from: saidOn, to: saidOn };
      const result = await listStanceSeries(acting(adjudicator), view);
      return result.series.flatMap((series) => series.points).find((candidate) => candidate.statement?.id === statement.id)!;
    };
    expect(await chartPoint()).toMatchObject({ score: 0.5, statement: { basis: "mean" } });

    await expect(
      adjudicate(acting(first), { statementId: statement.id, targetId: europe.id, score: 1, rationale: "x", version: null }),
    ).rejects.toThrowError(PermissionDeniedError);
    await adjudicate(acting(adjudicator), {
      statementId: statement.id,
      targetId: europe.id,
      score: 1,
      rationale: "The demand is a condition, not a rejection.",
      version: null,
    });
    expect(await chartPoint()).toMatchObject({ score: 1, statement: { basis: "adjudicated" } });
    expect(
      (await getReliabilityReport(acting(adjudicator))).disagreements!.find((row) => row.statementId === statement.id)!.adjudication,
    ).toMatchObject({ score: 1 });
    expect(await db.auditEntry.count({ where: { entity: "Adjudication", userId: adjudicator.id } })).toBe(1);

    // A second adjudicator revises it; the first, still looking at version 1, is told so and changes nothing.
    const colleague = await createUser(db, "ADMIN");
    const settle = (who: Parameters<typeof acting>[0], score: number, version: number | null) =>
      adjudicate(acting(who), { statementId: statement.id, targetId: europe.id, score, rationale: `Settled at ${score}.`, version });
    await settle(colleague, 2, 1);
    await expect(settle(adjudicator, -1, 1)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/\+2/) });
    await expect(settle(adjudicator, -1, null)).rejects.toMatchObject({ status: 409 });
    expect(await db.adjudication.findFirstOrThrow({ where: { statementId: statement.id, targetId: europe.id } })).toMatchObject({
      score: 2,
      version: 2,
      adjudicatorId: colleague.id,
    });
  });

  it("settles a disagreement once when two adjudicators record its first final value at the same moment", async () => {
    const [first, second, one, other] = [
      await createUser(db),
      await createUser(db),
      await createUser(db, "ADMIN"),
      await createUser(db, "ADMIN"),
    ];
    const { statement } = await sourceWithStatement(acting(first) as { id: string; role: "ANALYST" });
    const us = await db.actor.findUniqueOrThrow({ where: { slug: "united-states" } });
    for (const [coder, score] of [
      [first, -2],
      [second, 2],
    ] as const)
      await createStanceCoding(acting(coder), {
        statementId: statement.id,
        targetId: us.id,
        isConditional: false,
        confidence: "HIGH",
        rationale: "r",
        score,
      });
    const outcomes = await Promise.allSettled(
      [one, other].map((who, index) =>
        adjudicate(acting(who), { statementId: statement.id, targetId: us.id, score: index, rationale: "First.", version: null }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await db.adjudication.count({ where: { statementId: statement.id, targetId: us.id, deletedAt: null } })).toBe(1);
  });

  it("suggests statements on a new source, matched to known actors, leaving out what is already a statement", async () => {
    const analyst = acting(await createUser(db, "ANALYST")) as { id: string; role: "ANALYST" };
    const text = `Tehran, ${Date.now()}. \u201cWe welcome friendship with any country that respects us,\u201d Velayati said on Sunday. Arab governments condemned the strikes, warning of a wider war.`;
    const { id: sourceId } = await createSource(analyst, {
      title: "Suggestion test",
      publisher: "Test Wire",
      url: null,
      publishedOn: "2025-03-01",
      language: "en",
      text,
    });
    const suggestions = await listStatementSuggestions(analyst, sourceId);
    const velayati = await db.actor.findUniqueOrThrow({ where: { slug: "ali-akbar-velayati" } });
    const quote = suggestions.find((suggestion) => suggestion.form === "DIRECT_QUOTE")!;
    expect(quote).toMatchObject({ quote: "We welcome friendship with any country that respects us", speakerId: velayati.id });
    expect(text.slice(quote.startOffset, quote.endOffset)).toBe(quote.quote);
    expect(suggestions.every((suggestion) => suggestion.speakerText.length > 0)).toBe(true);
    expect(suggestions.some((suggestion) => suggestion.speakerText.toLowerCase().includes("arab governments"))).toBe(true);

    // Accepting one makes it a statement (and no coding); it is then no longer suggested.
    await createStatement(analyst, {
      sourceId,
      startOffset: quote.startOffset,
      endOffset: quote.endOffset,
      speakerId: velayati.id,
      newSpeaker: null,
      saidOn: "2025-03-01",
      saidOnPrecision: "DAY",
      form: "DIRECT_QUOTE",
      channel: "INTERVIEW",
    });
    expect((await listStatementSuggestions(analyst, sourceId)).some((suggestion) => suggestion.startOffset === quote.startOffset)).toBe(
      false,
    );
    expect(await db.stanceCoding.count({ where: { statement: { sourceId } } })).toBe(0);
  });

  it("computes alpha over the seed's double-coded statements", async () => {
    const admin = await createUser(db, "ADMIN");
    const report = await getReliabilityReport(acting(admin));
    const seedPair = report.perPair.find((pair) => pair.coderNames.includes("Amira Haddad") && pair.coderNames.includes("Jonas Weber"));
    expect(seedPair!.units).toBeGreaterThanOrEqual(5);
    expect(seedPair!.alpha).not.toBeNull();
  });
});
