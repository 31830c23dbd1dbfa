import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { mergeActors, undoActorMerge } from "@/lib/data/actor-merges";
import { updateActor } from "@/lib/data/actors";
import { listRecordHistory } from "@/lib/data/history";
import { ConflictError, DomainError, ValidationError } from "@/lib/errors";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { untilALockIsAwaited } from "../support/locks";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }) => ({ id: user.id, role: user.role });

/** "Baghaei" made inline next to "Esmaeil Baghaei": each has a statement, codings and links. */
async function duplicates() {
  const admin = acting(await createUser(db, "ADMIN"));
  const coder = await createUser(db, "ANALYST");
  const iran = await createActor(db);
  const kept = await createActor(db, { name: `Esmaeil Baghaei ${Date.now()}`, speaksForId: iran.id });
  const duplicate = await createActor(db, { name: "Baghaei" });
  const deputy = await createActor(db, { speaksForId: duplicate.id });
  const target = await createActor(db);
  const source = await createSource(
    db,
    `Tehran ${Date.now()}. "We seek calm," Baghaei said. "We will answer," he added. Later: "Talks go on."`,
  );
  const byDuplicate = await createStatement(db, { source, speakerId: duplicate.id, quote: "We seek calm," });
  const byKept = await createStatement(db, { source, speakerId: kept.id, quote: "We will answer," });
  const byOther = await createStatement(db, { source, speakerId: target.id, quote: "Talks go on." });
  const codingOfDuplicate = await createStanceCoding(db, { statement: byDuplicate, targetId: target.id, coderId: coder.id, score: 2 });
  const codingTowardDuplicate = await createStanceCoding(db, { statement: byOther, targetId: duplicate.id, coderId: coder.id, score: -1 });
  await db.adjudication.create({
    data: { statementId: byOther.id, targetId: duplicate.id, adjudicatorId: coder.id, score: -1, rationale: "Settled." },
  });
  const event = await db.event.create({
    data: {
      slug: `merge-event-${Date.now()}`,
      title: "Briefing",
      kind: "DIPLOMATIC",
      occurredOn: new Date("2024-10-20T00:00:00Z"),
      description: "A briefing.",
      actorIds: [duplicate.id, iran.id],
    },
  });
  const set = await db.scenarioSet.create({ data: { slug: `merge-set-${Date.now()}`, title: "Set", description: "d" } });
  const scenario = await db.scenario.create({
    data: {
      slug: `merge-scenario-${Date.now()}`,
      setId: set.id,
      title: "S",
      description: "d",
      resolutionCriteria: "r",
      horizonOn: new Date("2025-01-01"),
    },
  });
  const rule = {
    kind: "MEAN_STANCE",
    speakers: { actorSlug: duplicate.slug, includeRepresentatives: true },
    targetSlug: target.slug,
    windowDays: 30,
    comparison: "AT_LEAST",
    threshold: 1,
  };
  const indicator = await db.indicator.create({ data: { scenarioId: scenario.id, title: "Calm", rule, effect: "SUPPORTS" } });
  return {
    admin,
    coder,
    iran,
    kept,
    duplicate,
    deputy,
    target,
    byDuplicate,
    byKept,
    codingOfDuplicate,
    codingTowardDuplicate,
    event,
    indicator,
  };
}

describe("merging two actors that are one", () => {
  it("moves statements, codings, adjudications, events, indicators and speaks-for links, audited; and undoes exactly", async () => {
    const world = await duplicates();
    const { admin, kept, duplicate } = world;
    const result = await mergeActors(admin, { fromId: duplicate.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 });
    expect(result.moved).toEqual({ statements: 1, codings: 1, adjudications: 1, events: 1, indicators: 1, speaksFor: 1 });

    expect((await db.statement.findUniqueOrThrow({ where: { id: world.byDuplicate.id } })).speakerId).toBe(kept.id);
    const moved = await db.stanceCoding.findUniqueOrThrow({ where: { id: world.codingOfDuplicate.id } });
    // The copied speaker key follows; a merge does not mark the coding for review.
    expect(moved).toMatchObject({ speakerId: kept.id, statementChangedAt: null });
    // The adjudication moved with it, and the coding's copy of the adjudicated score follows (read-model triggers).
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: world.codingTowardDuplicate.id } })).toMatchObject({
      targetId: kept.id,
      adjudicatedScore: -1,
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: world.event.id } })).actorIds).toEqual([kept.id, world.iran.id]);
    expect((await db.indicator.findUniqueOrThrow({ where: { id: world.indicator.id } })).rule).toMatchObject({
      speakers: { actorSlug: kept.slug },
    });
    expect((await db.actor.findUniqueOrThrow({ where: { id: world.deputy.id } })).speaksForId).toBe(kept.id);
    const keptAfter = await db.actor.findUniqueOrThrow({ where: { id: kept.id } });
    expect(keptAfter.aliases).toContain("Baghaei");
    expect((await db.actor.findUniqueOrThrow({ where: { id: duplicate.id } })).deletedAt).not.toBeNull();
    expect(await db.auditEntry.count({ where: { entity: "ActorMerge", entityId: duplicate.id } })).toBe(1);
    expect(await db.stanceCoding.count({ where: { OR: [{ speakerId: duplicate.id }, { targetId: duplicate.id }] } })).toBe(0);

    await expect(undoActorMerge(acting(world.coder), result.auditEntryId)).rejects.toThrowError(PermissionDeniedError);
    await undoActorMerge(admin, result.auditEntryId);
    expect((await db.statement.findUniqueOrThrow({ where: { id: world.byDuplicate.id } })).speakerId).toBe(duplicate.id);
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: world.codingOfDuplicate.id } })).toMatchObject({
      speakerId: duplicate.id,
      statementChangedAt: null,
    });
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: world.codingTowardDuplicate.id } })).toMatchObject({
      targetId: duplicate.id,
      adjudicatedScore: -1,
    });
    expect(await db.adjudication.count({ where: { targetId: duplicate.id, deletedAt: null } })).toBe(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: world.event.id } })).actorIds).toEqual([duplicate.id, world.iran.id]);
    expect((await db.indicator.findUniqueOrThrow({ where: { id: world.indicator.id } })).rule).toMatchObject({
      speakers: { actorSlug: duplicate.slug },
    });
    expect((await db.actor.findUniqueOrThrow({ where: { id: world.deputy.id } })).speaksForId).toBe(duplicate.id);
    expect(await db.actor.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject({ deletedAt: null });
    expect((await db.actor.findUniqueOrThrow({ where: { id: kept.id } })).aliases).toEqual([]);
    // Once only.
    await expect(undoActorMerge(admin, result.auditEntryId)).rejects.toThrowError(/already been undone/);
  });

  it("undoes only what the merge changed: edits made since to events, indicators and aliases stay", async () => {
    const world = await duplicates();
    const { admin, kept, duplicate, iran } = world;
    const other = await createActor(db);
    const result = await mergeActors(admin, { fromId: duplicate.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 });
    // Since the merge: an actor added to the event, the indicator's threshold raised, an alias given to the kept actor.
    await db.event.update({ where: { id: world.event.id }, data: { actorIds: [kept.id, iran.id, other.id] } });
    const edited = await db.indicator.findUniqueOrThrow({ where: { id: world.indicator.id } });
    const editedRule = { ...(edited.rule as Record<string, unknown>), threshold: 2 };
    await db.indicator.update({ where: { id: edited.id }, data: { rule: editedRule } });
    const keptNow = await db.actor.findUniqueOrThrow({ where: { id: kept.id } });
    await updateActor(admin, kept.id, { version: keptNow.version, aliases: [...keptNow.aliases, "Mr Baghaei"] });

    expect(await undoActorMerge(admin, result.auditEntryId)).toMatchObject({ indicatorsLeftAsEdited: 1 });
    expect((await db.event.findUniqueOrThrow({ where: { id: world.event.id } })).actorIds).toEqual([duplicate.id, iran.id, other.id]);
    expect((await db.indicator.findUniqueOrThrow({ where: { id: world.indicator.id } })).rule).toEqual(editedRule);
    expect((await db.actor.findUniqueOrThrow({ where: { id: kept.id } })).aliases).toEqual(["Mr Baghaei"]);
    expect((await db.statement.findUniqueOrThrow({ where: { id: world.byDuplicate.id } })).speakerId).toBe(duplicate.id);
    // The merge's history says an indicator still names the kept actor.
    const [undone] = await listRecordHistory(admin, "ActorMerge", duplicate.id);
    expect(undone!.label).toBe("Merge undone; 1 indicator edited since the merge left as edited");
  });

  it("is undone once when two administrators undo it at the same moment", async () => {
    const { admin, kept, duplicate, event } = await duplicates();
    const other = acting(await createUser(db, "ADMIN"));
    const { auditEntryId } = await mergeActors(admin, { fromId: duplicate.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 });
    const outcomes = await Promise.allSettled([undoActorMerge(admin, auditEntryId), undoActorMerge(other, auditEntryId)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason)).toMatch(
      /already been undone/,
    );
    expect(await db.auditEntry.count({ where: { entity: "ActorMerge", entityId: duplicate.id, action: "RESTORE" } })).toBe(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).actorIds.filter((id) => id === duplicate.id)).toHaveLength(1);
  });

  it("waits for an edit of either actor committing meanwhile, then refuses as stale rather than merging over it", async () => {
    const { admin, kept, duplicate } = await duplicates();
    const editor = new pg.Client({ connectionString: testLane().databaseUrl });
    await editor.connect();
    try {
      await editor.query("BEGIN");
      await editor.query(`UPDATE "Actor" SET office = 'Spokesman', version = version + 1 WHERE id = $1`, [duplicate.id]);
      const merging = mergeActors(admin, { fromId: duplicate.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 }).then(
        () => null,
        (error: unknown) => error,
      );
      await untilALockIsAwaited(editor);
      await editor.query("COMMIT");
      expect(await merging).toBeInstanceOf(ConflictError);
    } finally {
      await editor.end();
    }
    expect(await db.actor.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject({ deletedAt: null, office: "Spokesman" });
  });

  it("refuses what would break a unique rule or make a stance toward oneself, and changes nothing", async () => {
    const world = await duplicates();
    const { admin, coder, kept, duplicate, target } = world;
    // The same coder coded one statement toward both: two codings toward one actor after a merge.
    const byTarget = await db.statement.findFirstOrThrow({ where: { speakerId: target.id, quote: "Talks go on." } });
    await createStanceCoding(db, { statement: byTarget, targetId: kept.id, coderId: coder.id, score: 0 });
    const refusal = await mergeActors(admin, { fromId: duplicate.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(409);
    expect((refusal as DomainError).message).toMatch(/coded the same statement toward both/);
    expect((await db.actor.findUniqueOrThrow({ where: { id: duplicate.id } })).deletedAt).toBeNull();
    expect((await db.statement.findUniqueOrThrow({ where: { id: world.byDuplicate.id } })).speakerId).toBe(duplicate.id);

    // A statement by one coded toward the other.
    const other = await duplicates();
    await createStanceCoding(db, { statement: other.byDuplicate, targetId: other.kept.id, coderId: other.coder.id, score: 1 });
    await expect(
      mergeActors(other.admin, { fromId: other.duplicate.id, fromVersion: 1, intoId: other.kept.id, intoVersion: 1 }),
    ).rejects.toThrowError(/stance toward oneself/);
    await expect(mergeActors(admin, { fromId: kept.id, fromVersion: 1, intoId: kept.id, intoVersion: 1 })).rejects.toThrowError(
      ValidationError,
    );
    await expect(
      mergeActors(acting(coder), { fromId: other.duplicate.id, fromVersion: 1, intoId: other.kept.id, intoVersion: 1 }),
    ).rejects.toThrowError(PermissionDeniedError);
    // A stale version.
    await expect(
      mergeActors(other.admin, { fromId: other.target.id, fromVersion: 7, intoId: other.iran.id, intoVersion: 1 }),
    ).rejects.toThrowError(/changed meanwhile/);
  });
});

describe("aliases", () => {
  it("are edited by admins, without duplicates or the actor's own name, and audited", async () => {
    const admin = acting(await createUser(db, "ADMIN"));
    const analyst = acting(await createUser(db, "ANALYST"));
    const actor = await createActor(db, { name: "Iran test" });
    const view = await updateActor(admin, actor.id, { version: 1, aliases: ["Tehran", "the Islamic republic", "Tehran", "Iran test"] });
    expect(view.aliases).toEqual(["Tehran", "the Islamic republic"]);
    await expect(updateActor(analyst, actor.id, { version: 2, aliases: [] })).rejects.toThrowError(PermissionDeniedError);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "Actor", entityId: actor.id, action: "UPDATE" } });
    expect(audit.after).toMatchObject({ aliases: ["Tehran", "the Islamic republic"] });
  });
});
