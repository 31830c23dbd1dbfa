import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { listActors } from "@/lib/data/actors";
import { createAssignmentDraw, getAssignmentProgress, withdrawAssignmentDraw } from "@/lib/data/assignments";
import {
  createStanceCoding as saveStanceCoding,
  deleteStanceCoding,
  deleteStatementReview,
  getStanceCoding,
  listCodingFilterOptions,
  markNoStance,
} from "@/lib/data/codings";
import { createEvent, getEvent, updateEvent } from "@/lib/data/events";
import { addEvidence, assessEvidence, deleteEvidence, updateEvidence } from "@/lib/data/evidence";
import { adjudicate } from "@/lib/data/reliability";
import { listScenarioSets, recordEstimate } from "@/lib/data/scenarios";
import { listStanceSeries } from "@/lib/data/dashboard";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { search } from "@/lib/data/search";
import { createSource as saveSource, deleteSource, getSource, listSources } from "@/lib/data/sources";
import { deleteStatement, createStatement as saveStatement, getStatement, listStatementFilterOptions } from "@/lib/data/statements";
import { parseDashboardView } from "@/lib/dashboard/view";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseListQuery } from "@/lib/lists/parameters";
import { sourceListDefinition } from "@/lib/sources/list";
import {
  createActor,
  createScenario,
  createScenarioSet,
  createSource,
  createStanceCoding,
  createStatement,
  createUser,
} from "../support/factories";
import { testLane } from "../support/lane";
import { writeWhileSourceIsDeleted } from "../support/locks";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Role = "VIEWER" | "ANALYST" | "ADMIN";
const acting = (user: { id: string; role: Role }) => ({ id: user.id, role: user.role });
const newUser = async (role: Role) => acting(await createUser(db, role));

/** A source with a word found nowhere else, a statement in it cut by `author` and coded by `coder`. */
async function codedSource(author: { id: string } | null, coder: { id: string }) {
  const word = `zanzibarite${randomUUID().replaceAll("-", "")}`;
  const source = await createSource(db, `A report on ${word}: "We seek calm," the minister said.`);
  const [speaker, target] = [await createActor(db), await createActor(db)];
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  if (author) {
    await db.source.update({ where: { id: source.id }, data: { createdById: author.id } });
    await db.statement.update({ where: { id: statement.id }, data: { createdById: author.id } });
  }
  const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 2 });
  return { word, source, speaker, target, statement, coding };
}

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

/** The codings the dashboard charts for one speaker toward one target. */
async function chartedCodings(user: { id: string; role: Role }, speaker: { slug: string }, target: { slug: string }) {
  const { view } = parseDashboardView({ speaker: speaker.slug, target: target.slug, from: "2024-01-01", to: "2024-12-31" });
  const result = await listStanceSeries(user, view);
  return result.series.reduce((sum, series) => sum + series.codingCount, 0);
}

async function listedSourceIds(user: { id: string; role: Role }) {
  const page = await listSources(user, parseListQuery(sourceListDefinition, new URLSearchParams({ size: "100" })));
  return page.rows.map((row) => row.id);
}

describe("deleting a source", () => {
  it("refuses viewers, a stale version and an analyst when others' work is in it; an admin's deletion takes everything out and a restore brings it back", async () => {
    const author = await newUser("ANALYST");
    const coder = await newUser("ANALYST");
    const viewer = await newUser("VIEWER");
    const admin = await newUser("ADMIN");
    const { word, source, speaker, target, statement, coding } = await codedSource(author, coder);
    const statementsOfSpeaker = async () => (await listActors(viewer)).find((actor) => actor.id === speaker.id)!.statementCount;
    expect(await chartedCodings(viewer, speaker, target)).toBe(1);
    expect(await statementsOfSpeaker()).toBe(1);

    await expect(deleteSource(viewer, source.id, 1)).rejects.toThrowError(PermissionDeniedError);
    const refusal = await refusalOf(deleteSource(author, source.id, 1));
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ status: 403, message: expect.stringContaining("1 coding") });
    await expect(deleteSource(admin, source.id, 4)).rejects.toThrowError(ConflictError);
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();

    await deleteSource(admin, source.id, 1);
    await expect(getSource(coder, source.id)).rejects.toThrowError(NotFoundError);
    await expect(getStatement(coder, statement.id)).rejects.toThrowError(NotFoundError);
    await expect(getStanceCoding(coder, coding.id)).rejects.toThrowError(NotFoundError);
    expect(await listedSourceIds(viewer)).not.toContain(source.id);
    const found = await search(viewer, word);
    expect([...found.sources, ...found.statements]).toEqual([]);
    expect(await chartedCodings(viewer, speaker, target)).toBe(0);
    expect(await statementsOfSpeaker()).toBe(0);
    await expect(deleteSource(admin, source.id, 2)).rejects.toThrowError(NotFoundError);
    // Nothing new hangs from it: no statement, no coding.
    await expect(
      saveStatement(author, {
        sourceId: source.id,
        startOffset: 0,
        endOffset: 8,
        speakerId: speaker.id,
        newSpeaker: null,
        saidOn: "2024-10-28",
        saidOnPrecision: "DAY",
        form: "PARAPHRASE",
        channel: "INTERVIEW",
      }),
    ).rejects.toThrowError(NotFoundError);
    const other = await createActor(db);
    await expect(
      saveStanceCoding(author, {
        statementId: statement.id,
        targetId: other.id,
        score: 1,
        isConditional: false,
        confidence: "LOW",
        rationale: "x",
      }),
    ).rejects.toThrowError(NotFoundError);
    // The same text again is refused by name, pointing at History rather than at a page that is not found.
    const duplicate = await refusalOf(
      saveSource(author, { title: "Again", publisher: "Wire", url: null, publishedOn: "2024-10-28", language: "en", text: source.text }),
    );
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate).toMatchObject({
      message: expect.stringContaining("which was deleted; an administrator can restore it from History"),
    });
    expect((duplicate as ConflictError).current).toBeNull();

    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "Source", entityId: source.id, action: "DELETE" } });
    expect(audit.userId).toBe(admin.id);
    // The text stays in the source, not in the trail.
    expect(audit.before).toMatchObject({ text: `${source.text.length} characters`, deletedAt: null });
    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === source.id);
    expect(deleted).toMatchObject({ entity: "Source", label: `Source “${source.title}”` });
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    const restore = await db.auditEntry.findFirstOrThrow({ where: { entity: "Source", entityId: source.id, action: "RESTORE" } });
    expect([restore.before, restore.after]).toMatchObject([
      { text: `${source.text.length} characters` },
      { text: `${source.text.length} characters` },
    ]);
    expect((await getSource(coder, source.id)).statements.map((row) => row.id)).toEqual([statement.id]);
    expect((await getStanceCoding(coder, coding.id)).score).toBe(2);
    expect(await listedSourceIds(viewer)).toContain(source.id);
    expect((await search(viewer, word)).sources.map((hit) => hit.id)).toEqual([source.id]);
    expect(await chartedCodings(viewer, speaker, target)).toBe(1);
    expect(await statementsOfSpeaker()).toBe(1);
  });

  it("lets an analyst delete a source that holds only their own work", async () => {
    const analyst = await newUser("ANALYST");
    const { source, coding } = await codedSource(analyst, analyst);
    await deleteSource(analyst, source.id, 1);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementLive).toBe(false);
    // A statement of unknown authorship (the seed's, an import's) is not the analyst's to take away.
    const imported = await codedSource(null, analyst);
    await expect(deleteSource(analyst, imported.source.id, 1)).rejects.toThrowError(
      "This source holds other people’s work (the source itself, added by someone else, 1 statement); only an administrator can delete it.",
    );
    // Nor is another analyst's upload with nothing in it yet, a source whose values an adjudicator settled, or one
    // assigned to coders.
    const uploader = await newUser("ANALYST");
    const upload = await db.source.update({ where: { id: (await createSource(db)).id }, data: { createdById: uploader.id } });
    await expect(deleteSource(analyst, upload.id, 1)).rejects.toThrowError(/the source itself, added by someone else\)/);
    const settled = await codedSource(analyst, analyst);
    const adjudicator = await newUser("ADMIN");
    await db.adjudication.create({
      data: {
        statementId: settled.statement.id,
        targetId: settled.target.id,
        adjudicatorId: adjudicator.id,
        score: 1,
        rationale: "Settled.",
      },
    });
    await expect(deleteSource(analyst, settled.source.id, 1)).rejects.toThrowError(/\(1 adjudication\)/);
    const assigned = await codedSource(analyst, analyst);
    await createAssignmentDraw(adjudicator, { sourceId: assigned.source.id, coderIds: [analyst.id], share: 1, overlap: 0 });
    await expect(deleteSource(analyst, assigned.source.id, 1)).rejects.toThrowError(/\(1 assignment\)/);
    expect(await db.source.count({ where: { id: { in: [upload.id, settled.source.id, assigned.source.id] }, deletedAt: null } })).toBe(3);
  });

  it("tells a blind coder of no settled score or no-stance review on a statement whose codings are hidden from them", async () => {
    const [analyst, otherCoder, admin] = [await newUser("ANALYST"), await newUser("ANALYST"), await newUser("ADMIN")];
    const { source, statement, target } = await codedSource(analyst, otherCoder);
    await db.adjudication.create({
      data: { statementId: statement.id, targetId: target.id, adjudicatorId: admin.id, score: 1, rationale: "Settled." },
    });
    await db.statementReview.create({ data: { statementId: statement.id, coderId: otherCoder.id } });
    await expect(deleteSource(analyst, source.id, 1)).rejects.toThrowError(
      "This source holds other people’s work (1 coding, work blind coding hides from you); only an administrator can delete it.",
    );
    // Once they have coded the statement they see its codings, and what else was recorded on it is counted.
    await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: analyst.id, score: 0 });
    await expect(deleteSource(analyst, source.id, 1)).rejects.toThrowError(
      "This source holds other people’s work (1 adjudication, 1 coding, 1 no-stance review); only an administrator can delete it.",
    );
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();
  });

  it("makes a statement being cut meanwhile wait, then refuses it, rather than adding it to the deleted source", async () => {
    const analyst = await newUser("ANALYST");
    const source = await createSource(db);
    const speaker = await createActor(db);
    const cutting = writeWhileSourceIsDeleted(testLane().databaseUrl, source.id, () =>
      saveStatement(analyst, {
        sourceId: source.id,
        startOffset: 0,
        endOffset: 10,
        speakerId: speaker.id,
        newSpeaker: null,
        saidOn: "2024-10-28",
        saidOnPrecision: "DAY",
        form: "PARAPHRASE",
        channel: "INTERVIEW",
      }),
    );
    expect(await cutting).toBeInstanceOf(NotFoundError);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(0);
  });

  // The source before the statement, as deleteSource takes them: the other way round, each would hold what the
  // other waits for, and PostgreSQL would fail one of them with a deadlock.
  it("makes a coding being saved meanwhile wait, then refuses it, rather than saving one that vanishes or deadlocking", async () => {
    const coder = await newUser("ANALYST");
    const { source, statement } = await codedSource(null, await newUser("ANALYST"));
    const target = await createActor(db);
    const saving = writeWhileSourceIsDeleted(testLane().databaseUrl, source.id, () =>
      saveStanceCoding(coder, {
        statementId: statement.id,
        targetId: target.id,
        score: 1,
        isConditional: false,
        confidence: "LOW",
        rationale: "x",
      }),
    );
    expect(await saving).toBeInstanceOf(NotFoundError);
    expect(await db.stanceCoding.count({ where: { statementId: statement.id, coderId: coder.id } })).toBe(0);
  });
});

describe("a source deleted while one of its statements or codings is being deleted", () => {
  it("takes the source before the statement or coding, so neither fails with a deadlock: the deletion inside waits and is refused", async () => {
    const admin = await newUser("ADMIN");
    const coder = await newUser("ANALYST");
    const first = await codedSource(coder, coder);
    expect(
      await writeWhileSourceIsDeleted(testLane().databaseUrl, first.source.id, () => deleteStatement(admin, first.statement.id, 1)),
    ).toBeInstanceOf(NotFoundError);
    const second = await codedSource(coder, coder);
    expect(
      await writeWhileSourceIsDeleted(testLane().databaseUrl, second.source.id, () => deleteStanceCoding(coder, second.coding.id, 1), {
        statementsFirst: true,
      }),
    ).toBeInstanceOf(NotFoundError);
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: second.coding.id } })).toMatchObject({
      deletedAt: null,
      statementLive: false,
    });
  });
});

describe("a no-stance review or an evidence row recorded while the source is being deleted", () => {
  it("waits for the deletion, then is refused, rather than hanging from a deleted source", async () => {
    const admin = await newUser("ADMIN");
    const coder = await newUser("ANALYST");
    const set = await createScenarioSet(db);
    for (const write of [
      (statementId: string) => markNoStance(coder, statementId),
      (statementId: string) => addEvidence(admin, { setId: set.id, statementId, eventId: null, credibility: "MEDIUM", note: "" }),
    ]) {
      const { source, statement } = await codedSource(null, await newUser("ANALYST"));
      const refusal = await writeWhileSourceIsDeleted(testLane().databaseUrl, source.id, () => write(statement.id));
      expect(refusal).toMatchObject({ name: expect.stringMatching(/^(NotFoundError|ValidationError)$/) });
      expect(await db.statementReview.count({ where: { statementId: statement.id } })).toBe(0);
      expect(await db.evidence.count({ where: { statementId: statement.id } })).toBe(0);
    }
  });
});

describe("concurrent writes to one statement and its source", () => {
  it("save every coding when several coders code one statement at once, and every statement cut in one source at once", async () => {
    const coders = await Promise.all(Array.from({ length: 8 }, () => newUser("ANALYST")));
    const { source, statement } = await codedSource(null, await newUser("ANALYST"));
    const target = await createActor(db);
    const saved = await Promise.allSettled(
      coders.map((coder) =>
        saveStanceCoding(coder, {
          statementId: statement.id,
          targetId: target.id,
          score: 1,
          isConditional: false,
          confidence: "LOW",
          rationale: "x",
        }),
      ),
    );
    expect(
      saved.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason)),
    ).toEqual([]);
    expect((await db.statement.findUniqueOrThrow({ where: { id: statement.id } })).liveCodingCount).toBe(9);

    const words = ["A report", "We seek calm", "the minister said"];
    const speaker = await createActor(db);
    const cut = await Promise.allSettled(
      words.map((quote, index) => {
        const startOffset = source.text.indexOf(quote);
        return saveStatement(coders[index]!, {
          sourceId: source.id,
          startOffset,
          endOffset: startOffset + quote.length,
          speakerId: speaker.id,
          newSpeaker: null,
          saidOn: "2024-10-28",
          saidOnPrecision: "DAY",
          form: "PARAPHRASE",
          channel: "INTERVIEW",
        });
      }),
    );
    expect(cut.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual(
      [],
    );
  });
});

describe("concurrent deletions of sources", () => {
  it("delete and restore at once sources whose speakers overlap, each counted once, none failing on the speakers' counts", async () => {
    const admin = await newUser("ADMIN");
    const speakers = await Promise.all(Array.from({ length: 12 }, () => createActor(db)));
    const sources = [];
    for (let index = 0; index < 10; index++) {
      const source = await createSource(db);
      // Each source's speakers a different subset, in a different order, so that their counts are updated in orders
      // that cross.
      const chosen = speakers.filter((_, position) => (position * 7 + index * 5) % 3 !== 0);
      for (const speaker of index % 2 ? chosen.reverse() : chosen)
        await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
      sources.push(source);
    }
    const counts = async () =>
      (await db.actor.findMany({ where: { id: { in: speakers.map((speaker) => speaker.id) } }, orderBy: { id: "asc" } })).map(
        (actor) => actor.liveStatementCount,
      );
    const before = await counts();
    const failures = (results: PromiseSettledResult<unknown>[]) =>
      results.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason));

    for (let round = 0; round < 3; round++) {
      expect(failures(await Promise.allSettled(sources.map((source) => deleteSource(admin, source.id, 1 + 2 * round))))).toEqual([]);
      expect((await counts()).every((count) => count === 0)).toBe(true);
      const entries = await db.auditEntry.findMany({
        where: { entity: "Source", action: "DELETE", entityId: { in: sources.map((source) => source.id) } },
        orderBy: { id: "desc" },
        take: sources.length,
      });
      expect(failures(await Promise.allSettled(entries.map((entry) => restoreFromAuditEntry(admin, entry.id.toString()))))).toEqual([]);
      expect(await counts()).toEqual(before);
    }
  });
});

describe("what hangs from a deleted source", () => {
  it("is out of reach of every change and count (reviews, adjudications, evidence, estimates, assignments, filters) and returns with it; an event keeps citing it", async () => {
    const admin = await newUser("ADMIN");
    const coder = await newUser("ANALYST");
    const { source, speaker, target, statement } = await codedSource(coder, coder);
    const second = await createStatement(db, { source, speakerId: speaker.id, quote: "the minister said" });
    const review = await markNoStance(coder, second.id);
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id);
    const evidence = await addEvidence(admin, { setId: set.id, statementId: statement.id, eventId: null, credibility: "MEDIUM", note: "" });
    const draw = await createAssignmentDraw(admin, { sourceId: source.id, coderIds: [coder.id], share: 1, overlap: 0 });
    const event = await createEvent(admin, {
      title: "Talks",
      kind: "DIPLOMATIC",
      ploverType: null,
      occurredOn: "2024-10-20",
      datePrecision: "DAY",
      description: "",
      actorIds: [],
      sourceIds: [source.id],
    });
    const evidenceCount = async () => (await listScenarioSets(admin)).find((row) => row.id === set.id)!.evidenceCount;
    const progressHasDraw = async () => (await getAssignmentProgress(admin)).sources.some((row) => row.draw.id === draw.id);
    expect([await evidenceCount(), await progressHasDraw()]).toEqual([1, true]);

    await deleteSource(admin, source.id, 1);
    await expect(
      adjudicate(admin, { statementId: statement.id, targetId: target.id, score: 1, rationale: "settled", version: null }),
    ).rejects.toThrowError(NotFoundError);
    await expect(markNoStance(coder, statement.id)).rejects.toThrowError(NotFoundError);
    await expect(deleteStatementReview(coder, review.id, review.version)).rejects.toThrowError(NotFoundError);
    await expect(
      addEvidence(admin, { setId: set.id, statementId: second.id, eventId: null, credibility: "MEDIUM", note: "" }),
    ).rejects.toThrowError(ValidationError);
    await expect(updateEvidence(admin, evidence.id, { version: 1, note: "edited" })).rejects.toThrowError(NotFoundError);
    await expect(deleteEvidence(admin, evidence.id, 1)).rejects.toThrowError(NotFoundError);
    await expect(assessEvidence(admin, evidence.id, { scenarioId: scenario.id, rating: "C", version: null })).rejects.toThrowError(
      NotFoundError,
    );
    await expect(
      recordEstimate(admin, scenario.id, {
        probability: 0.5,
        rationale: "moved",
        informationAsOf: null,
        movedByStatementIds: [statement.id],
        movedByEventIds: [],
      }),
    ).rejects.toThrowError(ValidationError);
    expect([await evidenceCount(), await progressHasDraw()]).toEqual([0, false]);
    await expect(withdrawAssignmentDraw(admin, draw.id)).rejects.toThrowError(NotFoundError);
    const codingFilters = await listCodingFilterOptions(admin);
    expect(codingFilters.speakers.map((actor) => actor.slug)).not.toContain(speaker.slug);
    expect(codingFilters.coders.map((user) => user.id)).not.toContain(coder.id);
    expect((await listStatementFilterOptions(admin)).speakers.map((actor) => actor.slug)).not.toContain(speaker.slug);
    // An edit of the event from its form, which does not show the deleted source, keeps the source named.
    await updateEvent(admin, event.id, { version: 1, sourceIds: [], description: "Talks in Oman." });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).sourceIds).toEqual([source.id]);
    // Nothing was changed underneath: every record comes back as it was.
    expect(await db.statementReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      deletedAt: null,
      version: review.version,
    });
    expect(await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({ deletedAt: null, version: 1 });
    expect(await db.adjudication.count({ where: { statementId: statement.id } })).toBe(0);

    const deletion = await db.auditEntry.findFirstOrThrow({ where: { entity: "Source", entityId: source.id, action: "DELETE" } });
    await restoreFromAuditEntry(admin, deletion.id.toString());
    expect([await evidenceCount(), await progressHasDraw()]).toEqual([1, true]);
    expect((await getEvent(admin, event.id)).sources.map((cited) => cited.id)).toEqual([source.id]);
    expect((await listCodingFilterOptions(admin)).coders.map((user) => user.id)).toContain(coder.id);
  });

  it("is refused a restore from History while the source is deleted (a statement, coding, no-stance review, evidence row), naming the source; evidence on an event is restored", async () => {
    const admin = await newUser("ADMIN");
    const coder = await newUser("ANALYST");
    const { word, source, speaker, statement, coding } = await codedSource(coder, coder);
    const title = `Report on ${word}`;
    await db.source.update({ where: { id: source.id }, data: { title } });
    const second = await createStatement(db, { source, speakerId: speaker.id, quote: "the minister said" });
    const third = await createStatement(db, { source, speakerId: speaker.id, quote: "A report" });
    const review = await markNoStance(coder, second.id);
    const set = await createScenarioSet(db);
    const evidence = await addEvidence(admin, { setId: set.id, statementId: statement.id, eventId: null, credibility: "MEDIUM", note: "" });
    const event = await createEvent(admin, {
      title: "Talks",
      kind: "DIPLOMATIC",
      ploverType: null,
      occurredOn: "2024-10-20",
      datePrecision: "DAY",
      description: "",
      actorIds: [],
      sourceIds: [],
    });
    const onEvent = await addEvidence(admin, { setId: set.id, statementId: null, eventId: event.id, credibility: "MEDIUM", note: "" });
    await deleteStanceCoding(coder, coding.id, coding.version);
    await deleteStatementReview(coder, review.id, review.version);
    await deleteEvidence(admin, evidence.id, 1);
    await deleteEvidence(admin, onEvent.id, 1);
    await deleteStatement(admin, third.id, third.version);
    await deleteSource(admin, source.id, (await db.source.findUniqueOrThrow({ where: { id: source.id } })).version);
    const deletionOf = async (entity: string, entityId: string) =>
      (await db.auditEntry.findFirstOrThrow({ where: { entity, entityId, action: "DELETE" }, orderBy: { id: "desc" } })).id.toString();

    for (const [entity, entityId, noun] of [
      ["Statement", third.id, "statement"],
      ["StanceCoding", coding.id, "coding"],
      ["StatementReview", review.id, "no-stance review"],
      ["Evidence", evidence.id, "evidence row"],
    ] as const) {
      const refusal = await refusalOf(restoreFromAuditEntry(admin, await deletionOf(entity, entityId)));
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ status: 422, message: `This ${noun}'s source “${title}” is deleted; restore the source first.` });
    }
    expect((await db.statement.findUniqueOrThrow({ where: { id: third.id } })).deletedAt).not.toBeNull();
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).not.toBeNull();
    expect((await db.statementReview.findUniqueOrThrow({ where: { id: review.id } })).deletedAt).not.toBeNull();
    expect((await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).deletedAt).not.toBeNull();
    await restoreFromAuditEntry(admin, await deletionOf("Evidence", onEvent.id));
    expect((await db.evidence.findUniqueOrThrow({ where: { id: onEvent.id } })).deletedAt).toBeNull();

    // Once the source is back, so are they.
    await restoreFromAuditEntry(admin, await deletionOf("Source", source.id));
    await restoreFromAuditEntry(admin, await deletionOf("Statement", third.id));
    await restoreFromAuditEntry(admin, await deletionOf("StanceCoding", coding.id));
    expect((await getStatement(coder, third.id)).id).toBe(third.id);
    expect((await getStanceCoding(coder, coding.id)).score).toBe(2);
  });

  it("is refused too for a coding whose statement is deleted, naming the statement to restore first", async () => {
    const admin = await newUser("ADMIN");
    const coder = await newUser("ANALYST");
    const { statement, coding } = await codedSource(coder, coder);
    await deleteStanceCoding(coder, coding.id, coding.version);
    await deleteStatement(admin, statement.id, statement.version);
    const deletion = await db.auditEntry.findFirstOrThrow({ where: { entity: "StanceCoding", entityId: coding.id, action: "DELETE" } });
    await expect(restoreFromAuditEntry(admin, deletion.id.toString())).rejects.toThrowError(
      "This coding's statement is deleted; restore the statement first.",
    );
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).not.toBeNull();
  });
});
