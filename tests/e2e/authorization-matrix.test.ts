// Every mutating route handler and server action × every role → the expected
// status, with the database unchanged whenever the request is refused. Routes
// and actions are discovered from the source tree, so one added without an
// entry here fails the suite.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { mergeActors } from "@/lib/data/actor-merges";
import { deleteStanceCoding } from "@/lib/data/codings";
import { exportBundle } from "@/lib/data/bundle";
import { exportExchangeFile, importExchangeFile } from "@/lib/data/exchange";
import { anonymousSession, signInOverHttp, type HttpSession } from "../support/http-session";
import { discoverRouteHandlers, filesUnder, mutatingMethods } from "../support/route-handlers";
import { testPasswords } from "../support/test-passwords";
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

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Role = "anonymous" | "VIEWER" | "ANALYST" | "ADMIN";
const roles: Role[] = ["anonymous", "VIEWER", "ANALYST", "ADMIN"];

type Attempt = { path: string; body: unknown; state(): Promise<unknown> };
type Entry = { prepare(): Promise<Attempt>; expected: Record<Role, number> } | { public: string };

const accounts = {
  VIEWER: { email: "viewer@stancewatch.local", password: testPasswords.SEED_PASSWORD_VIEWER },
  ANALYST: { email: "analyst@stancewatch.local", password: testPasswords.SEED_PASSWORD_LEAD_ANALYST },
  ADMIN: { email: "admin@stancewatch.local", password: testPasswords.SEED_PASSWORD_ADMIN },
} as const;

async function leadAnalystCoding() {
  const coder = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
  const speaker = await createActor(db);
  const target = await createActor(db);
  const source = await createSource(db);
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  return { coder, coding: await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 }) };
}

const codingState = (id: string) => () => db.stanceCoding.findUniqueOrThrow({ where: { id } });

/** An exchange line coding a fresh statement as the second analyst, built from the lead analyst's own export line. */
async function secondAnalystExchangeLine() {
  const { coding } = await leadAnalystCoding();
  const statement = await db.statement.findUniqueOrThrow({ where: { id: coding.statementId }, include: { source: true } });
  const line = (await exportExchangeFile({ id: "matrix", role: "ADMIN" }, "jsonl"))
    .split("\n")
    .find((row) => row.includes(statement.source.contentHash))!;
  return { coding, content: JSON.stringify({ ...JSON.parse(line), coder: "second.analyst@stancewatch.local" }) };
}

async function freshScenario() {
  const set = await createScenarioSet(db);
  return { set, scenario: await createScenario(db, set.id) };
}

async function evidenceRow() {
  const { set, scenario } = await freshScenario();
  const event = await db.event.create({
    data: {
      slug: `matrix-event-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      title: "Matrix event",
      kind: "OTHER",
      occurredOn: new Date("2024-10-26T00:00:00Z"),
      description: "An event for the authorization matrix.",
    },
  });
  return { set, scenario, evidence: await db.evidence.create({ data: { setId: set.id, eventId: event.id } }) };
}

const evidenceState = (id: string) => () =>
  db.evidence.findUniqueOrThrow({ where: { id }, include: { assessments: { select: { rating: true, version: true } } } });
const userState = (id: string) => () => db.user.findUniqueOrThrow({ where: { id } });

const matrix: Record<string, Entry> = {
  "POST /api/auth/[...nextauth]": {
    public: "next-auth's own sign-in, sign-out and CSRF endpoints; sign-in is what anonymous visitors may do",
  },
  "PATCH /api/codings/[id]": {
    async prepare() {
      const { coding } = await leadAnalystCoding();
      return {
        path: `/api/codings/${coding.id}`,
        body: { version: 1, score: -2, isConditional: true, confidence: "LOW", rationale: "changed" },
        state: codingState(coding.id),
      };
    },
    // Only a coding's coder may change it, administrators included.
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 403 },
  },
  "DELETE /api/codings/[id]": {
    async prepare() {
      const { coding } = await leadAnalystCoding();
      return { path: `/api/codings/${coding.id}`, body: { version: 1 }, state: codingState(coding.id) };
    },
    // Its coder, or an administrator (who imports codings in coders' names); never another analyst.
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/users": {
    async prepare() {
      const email = `matrix-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
      return {
        path: "/api/users",
        body: { email, name: "Matrix User", role: "VIEWER" },
        state: () => db.user.findMany({ where: { email } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "PATCH /api/users/[id]": {
    async prepare() {
      const user = await createUser(db, "VIEWER");
      return { path: `/api/users/${user.id}`, body: { version: 1, role: "ANALYST" }, state: userState(user.id) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/users/[id]/unlock": {
    async prepare() {
      const user = await createUser(db, "VIEWER");
      return { path: `/api/users/${user.id}/unlock`, body: {}, state: userState(user.id) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/account/password": {
    // A wrong current password: signed-in users reach the check (422) and nothing changes for anyone.
    async prepare() {
      return {
        path: "/api/account/password",
        body: { currentPassword: "not my password", newPassword: "a perfectly long passphrase" },
        state: () => db.user.findMany({ orderBy: { id: "asc" } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 422, ANALYST: 422, ADMIN: 422 },
  },
  "POST /api/actors": {
    async prepare() {
      const slug = `matrix-actor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      return {
        path: "/api/actors",
        body: { slug, name: "Matrix Ministry", kind: "GOVERNMENT", office: null },
        state: () => db.actor.findMany({ where: { slug } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "PATCH /api/actors/[id]": {
    async prepare() {
      const actor = await createActor(db);
      return {
        path: `/api/actors/${actor.id}`,
        body: { version: 1, office: "Foreign minister" },
        state: () => db.actor.findUniqueOrThrow({ where: { id: actor.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/actors/merges": {
    async prepare() {
      const [from, into] = [await createActor(db), await createActor(db)];
      return {
        path: "/api/actors/merges",
        body: { fromId: from.id, fromVersion: 1, intoId: into.id },
        state: () => db.actor.findMany({ where: { id: { in: [from.id, into.id] } }, orderBy: { id: "asc" } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/actors/merges/undo": {
    async prepare() {
      const admin = await db.user.findUniqueOrThrow({ where: { email: accounts.ADMIN.email } });
      const [from, into] = [await createActor(db), await createActor(db)];
      const { auditEntryId } = await mergeActors({ id: admin.id, role: "ADMIN" }, { fromId: from.id, fromVersion: 1, intoId: into.id });
      return {
        path: "/api/actors/merges/undo",
        body: { auditEntryId },
        state: () => db.actor.findMany({ where: { id: { in: [from.id, into.id] } }, orderBy: { id: "asc" } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/sources": {
    async prepare() {
      const title = `Matrix source ${Date.now()}-${Math.random()}`;
      return {
        path: "/api/sources",
        body: {
          title,
          publisher: "Matrix Wire",
          url: null,
          publishedOn: "2025-01-01",
          language: "en",
          text: `${title}: “We seek calm,” the minister said.`,
        },
        state: () => db.source.findMany({ where: { title } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/sources/import": {
    // A multipart upload of one JSON Lines file.
    async prepare() {
      const title = `Matrix import ${Date.now()}-${Math.random()}`;
      const body = new FormData();
      const line = JSON.stringify({
        title,
        publisher: "Matrix Wire",
        publishedOn: "2025-01-02",
        language: "fa",
        text: `${title}: «آرامش را می‌خواهیم»، وزیر گفت.`,
      });
      body.append("files", new Blob([line], { type: "application/x-ndjson" }), "matrix.jsonl");
      body.append("options", JSON.stringify({}));
      return { path: "/api/sources/import", body, state: () => db.source.findMany({ where: { title } }) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "PATCH /api/sources/[id]": {
    async prepare() {
      const source = await createSource(db);
      return {
        path: `/api/sources/${source.id}`,
        body: { version: 1, nothingToCode: true },
        state: () => db.source.findUniqueOrThrow({ where: { id: source.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/sources/[id]": {
    // The lead analyst's own upload, holding nobody else's work: analysts may delete it (one holding others' work
    // is an administrator's call).
    async prepare() {
      const analyst = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
      const source = await db.source.update({ where: { id: (await createSource(db)).id }, data: { createdById: analyst.id } });
      return {
        path: `/api/sources/${source.id}`,
        body: { version: 1 },
        state: () => db.source.findUniqueOrThrow({ where: { id: source.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/statements": {
    async prepare() {
      const source = await createSource(db);
      const speaker = await createActor(db);
      const body = {
        sourceId: source.id,
        startOffset: 0,
        endOffset: 10,
        speakerId: speaker.id,
        newSpeaker: null,
        // The factory's source is published on 2024-10-28: a statement cannot be said after that.
        saidOn: "2024-10-28",
        saidOnPrecision: "DAY",
        form: "PARAPHRASE",
        channel: "INTERVIEW",
      };
      return { path: "/api/statements", body, state: () => db.statement.findMany({ where: { sourceId: source.id } }) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/events": {
    async prepare() {
      const title = `Matrix event ${Date.now()}-${Math.random()}`;
      return {
        path: "/api/events",
        body: { title, kind: "DIPLOMATIC", ploverType: "CONSULT", occurredOn: "2024-10-20", description: "Talks." },
        state: () => db.event.findMany({ where: { title } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "PATCH /api/events/[id]": {
    async prepare() {
      const { evidence } = await evidenceRow();
      return {
        path: `/api/events/${evidence.eventId}`,
        body: { version: 1, title: "Matrix event, corrected", occurredOn: "2024-10-27" },
        state: () => db.event.findUniqueOrThrow({ where: { id: evidence.eventId! } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/events/[id]": {
    async prepare() {
      const { evidence } = await evidenceRow();
      return {
        path: `/api/events/${evidence.eventId}`,
        body: { version: 1 },
        state: () => db.event.findUniqueOrThrow({ where: { id: evidence.eventId! } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "PATCH /api/statements/[id]": {
    async prepare() {
      const source = await createSource(db);
      const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
      const speaker = await createActor(db);
      return {
        path: `/api/statements/${statement.id}`,
        body: { version: 1, speakerId: speaker.id, channel: "PRESS_CONFERENCE" },
        state: () => db.statement.findUniqueOrThrow({ where: { id: statement.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/statements/[id]": {
    // The lead analyst's own coding only: analysts may delete what no other coder has coded.
    async prepare() {
      const { coding } = await leadAnalystCoding();
      return {
        path: `/api/statements/${coding.statementId}`,
        body: { version: 1 },
        state: () => db.statement.findUniqueOrThrow({ where: { id: coding.statementId } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/codings": {
    async prepare() {
      const source = await createSource(db);
      const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
      const target = await createActor(db);
      const body = {
        statementId: statement.id,
        targetId: target.id,
        score: 1,
        isConditional: false,
        confidence: "MEDIUM",
        rationale: "matrix",
      };
      return { path: "/api/codings", body, state: () => db.stanceCoding.findMany({ where: { statementId: statement.id } }) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/statement-reviews": {
    async prepare() {
      const source = await createSource(db);
      const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
      return {
        path: "/api/statement-reviews",
        body: { statementId: statement.id },
        state: () => db.statementReview.findMany({ where: { statementId: statement.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/statement-reviews/[id]": {
    async prepare() {
      const coder = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
      const source = await createSource(db);
      const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
      const review = await db.statementReview.create({ data: { statementId: statement.id, coderId: coder.id } });
      return {
        path: `/api/statement-reviews/${review.id}`,
        body: { version: 1 },
        state: () => db.statementReview.findUniqueOrThrow({ where: { id: review.id } }),
      };
    },
    // Only the coder who recorded "no stance" may undo it, administrators included (another's review reads as missing).
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 404 },
  },
  "POST /api/adjudications": {
    async prepare() {
      const { coding } = await leadAnalystCoding();
      const body = {
        statementId: coding.statementId,
        targetId: coding.targetId,
        score: 0,
        rationale: "settled in the matrix",
        version: null,
      };
      return { path: "/api/adjudications", body, state: () => db.adjudication.findMany({ where: { statementId: coding.statementId } }) };
    },
    // The seeded lead analyst has no adjudicator right.
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/assignments": {
    async prepare() {
      // A coder of its own: an assignment puts its statements first in the coder's queue, and the
      // browser tests that follow read the seeded analysts' queues.
      const coder = await createUser(db, "ANALYST");
      const source = await createSource(db);
      await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
      return {
        path: "/api/assignments",
        body: { sourceId: source.id, coderIds: [coder.id], share: 1, overlap: 0, seed: "matrix" },
        state: () => db.assignmentDraw.findMany({ where: { sourceId: source.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "DELETE /api/assignments/[id]": {
    async prepare() {
      const coder = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
      const source = await createSource(db);
      const draw = await db.assignmentDraw.create({
        data: { sourceId: source.id, coderIds: [coder.id], share: 1, overlap: 0, seed: "matrix", createdById: coder.id },
      });
      return {
        path: `/api/assignments/${draw.id}`,
        body: {},
        state: () => db.assignmentDraw.findUniqueOrThrow({ where: { id: draw.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/codebook": {
    // Publishes the next version, from the latest; every refused attempt leaves the versions as they were.
    async prepare() {
      const latest = await db.codebookVersion.findFirst({ orderBy: { number: "desc" } });
      const meanings = ["a", "b", "c", "d", "e", "f", "g"];
      return {
        path: "/api/codebook",
        body: {
          basedOn: latest?.number ?? 0,
          summary: "Matrix",
          scaleMeanings: meanings,
          conditionalRule: "c",
          sarcasmRule: "s",
          examples: [],
        },
        state: () => db.codebookVersion.findMany({ orderBy: { number: "asc" } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/exchange": {
    // Imports one coding by the second analyst of a fresh statement, built from its own export line.
    async prepare() {
      const { coding, content } = await secondAnalystExchangeLine();
      return {
        path: "/api/exchange",
        body: { format: "jsonl", content },
        state: () => db.stanceCoding.findMany({ where: { statementId: coding.statementId } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/exchange/undo": {
    // Undoes an import of one coding by the second analyst of a fresh statement, made through the data layer.
    async prepare() {
      const { coding, content } = await secondAnalystExchangeLine();
      const admin = await db.user.findUniqueOrThrow({ where: { email: accounts.ADMIN.email } });
      const { importId } = await importExchangeFile({ id: admin.id, role: "ADMIN" }, { format: "jsonl", content, skipInvalid: false });
      const entry = await db.auditEntry.findFirstOrThrow({ where: { entity: "CodingImport", entityId: importId!, action: "CREATE" } });
      return {
        path: "/api/exchange/undo",
        body: { auditEntryId: entry.id.toString() },
        state: () => db.stanceCoding.findMany({ where: { statementId: coding.statementId }, orderBy: { id: "asc" } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/exchange/bundle": {
    // A bundle of the run's corpus plus one new actor: the import adds that actor and leaves the rest unchanged.
    async prepare() {
      const slug = `matrix-bundle-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const bundle = await exportBundle({ id: "matrix", role: "ADMIN" });
      const actorLine = bundle.split("\n").find((line) => line.startsWith('{"record":"actor"'))!;
      const actor = { ...JSON.parse(actorLine), id: slug, slug, name: "Matrix bundle actor", speaksForId: null, wikidataId: null };
      return {
        path: "/api/exchange/bundle",
        body: `${bundle}${JSON.stringify(actor)}\n`,
        state: () => db.actor.findMany({ where: { slug } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/history/restore": {
    async prepare() {
      const { coder, coding } = await leadAnalystCoding();
      await deleteStanceCoding({ id: coder.id, role: coder.role }, coding.id, 1);
      const deletion = await db.auditEntry.findFirstOrThrow({ where: { entity: "StanceCoding", entityId: coding.id, action: "DELETE" } });
      return { path: "/api/history/restore", body: { auditEntryId: deletion.id.toString() }, state: codingState(coding.id) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 403, ADMIN: 200 },
  },
  "POST /api/scenario-sets": {
    async prepare() {
      const slug = `matrix-set-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      return {
        path: "/api/scenario-sets",
        body: { slug, title: "Matrix set", description: "Competing futures." },
        state: () => db.scenarioSet.findMany({ where: { slug } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/scenarios": {
    async prepare() {
      const set = await createScenarioSet(db);
      const body = {
        setId: set.id,
        slug: `matrix-scenario-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        title: "Matrix scenario",
        description: "A future.",
        resolutionCriteria: "Resolves YES if it happens.",
        horizonOn: "2025-12-31",
      };
      return { path: "/api/scenarios", body, state: () => db.scenario.findMany({ where: { setId: set.id } }) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "PATCH /api/scenarios/[id]": {
    async prepare() {
      const { scenario } = await freshScenario();
      return {
        path: `/api/scenarios/${scenario.id}`,
        body: { version: 1, status: "RESOLVED_YES", resolvedOn: "2025-01-15" },
        state: () => db.scenario.findUniqueOrThrow({ where: { id: scenario.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/scenarios/[id]/estimates": {
    async prepare() {
      const { scenario } = await freshScenario();
      return {
        path: `/api/scenarios/${scenario.id}/estimates`,
        body: { probability: 0.4, rationale: "matrix", informationAsOf: "2024-11-01", movedByStatementIds: [], movedByEventIds: [] },
        state: () => db.scenarioEstimate.findMany({ where: { scenarioId: scenario.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/estimates/[id]": {
    async prepare() {
      const { scenario } = await freshScenario();
      const analyst = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
      const estimate = await db.scenarioEstimate.create({
        data: {
          scenarioId: scenario.id,
          analystId: analyst.id,
          probability: 0.5,
          rationale: "mine",
          // Recorded today: only today's estimate may be withdrawn.
          estimatedOn: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`),
        },
      });
      return {
        path: `/api/estimates/${estimate.id}`,
        body: { version: 1 },
        state: () => db.scenarioEstimate.findUniqueOrThrow({ where: { id: estimate.id } }),
      };
    },
    // Only the analyst who made an estimate may withdraw it.
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 403 },
  },
  "POST /api/indicators": {
    async prepare() {
      const { scenario } = await freshScenario();
      const body = {
        scenarioId: scenario.id,
        title: "Matrix indicator",
        effect: "SUPPORTS",
        rule: {
          kind: "MEAN_STANCE",
          speakers: { actorSlug: "iran", includeRepresentatives: true },
          targetSlug: "united-states",
          windowDays: 30,
          comparison: "AT_LEAST",
          threshold: 1,
        },
      };
      return { path: "/api/indicators", body, state: () => db.indicator.findMany({ where: { scenarioId: scenario.id } }) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/indicators/[id]": {
    async prepare() {
      const { scenario } = await freshScenario();
      const indicator = await db.indicator.create({
        data: {
          scenarioId: scenario.id,
          title: "Matrix indicator",
          effect: "UNDERMINES",
          rule: {
            kind: "MEAN_STANCE",
            speakers: { actorSlug: "iran", includeRepresentatives: true },
            targetSlug: "israel",
            windowDays: 7,
            comparison: "AT_MOST",
            threshold: -2,
          },
        },
      });
      return {
        path: `/api/indicators/${indicator.id}`,
        body: { version: 1 },
        state: () => db.indicator.findUniqueOrThrow({ where: { id: indicator.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/evidence": {
    async prepare() {
      const { set } = await freshScenario();
      const event = await db.event.findFirstOrThrow({ where: { deletedAt: null } });
      return {
        path: "/api/evidence",
        body: { setId: set.id, eventId: event.id, credibility: "HIGH", note: "matrix" },
        state: () => db.evidence.findMany({ where: { setId: set.id } }),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "PATCH /api/evidence/[id]": {
    async prepare() {
      const { evidence } = await evidenceRow();
      return { path: `/api/evidence/${evidence.id}`, body: { version: 1, credibility: "LOW" }, state: evidenceState(evidence.id) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "DELETE /api/evidence/[id]": {
    async prepare() {
      const { evidence } = await evidenceRow();
      return { path: `/api/evidence/${evidence.id}`, body: { version: 1 }, state: evidenceState(evidence.id) };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
  "POST /api/evidence/[id]/assessments": {
    async prepare() {
      const { scenario, evidence } = await evidenceRow();
      return {
        path: `/api/evidence/${evidence.id}/assessments`,
        body: { scenarioId: scenario.id, rating: "II", version: null },
        state: evidenceState(evidence.id),
      };
    },
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
};

async function discoverMutatingRoutes(): Promise<string[]> {
  return (await discoverRouteHandlers())
    .filter((handler) => mutatingMethods.has(handler.method))
    .map((handler) => `${handler.method} ${handler.path}`)
    .sort();
}

async function discoverServerActions(): Promise<string[]> {
  const files = [
    ...(await filesUnder(path.resolve("app"))),
    ...(await filesUnder(path.resolve("lib"))),
    ...(await filesUnder(path.resolve("components"))),
  ];
  const actions: string[] = [];
  for (const file of files.filter((name) => /\.tsx?$/.test(name) && !name.includes("/generated/"))) {
    if (/^\s*["']use server["']/m.test(await readFile(file, "utf8"))) actions.push(path.relative(process.cwd(), file));
  }
  return actions;
}

const sessions = {} as Record<Role, HttpSession>;

beforeAll(async () => {
  sessions.anonymous = anonymousSession(appUrl);
  for (const role of ["VIEWER", "ANALYST", "ADMIN"] as const)
    sessions[role] = await signInOverHttp(appUrl, accounts[role].email, accounts[role].password);
});

describe("the authorization matrix", () => {
  it("has an entry for every mutating route handler in app/", async () => {
    const discovered = await discoverMutatingRoutes();
    expect(discovered.length).toBeGreaterThanOrEqual(6);
    expect(discovered.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((route) => !discovered.includes(route))).toEqual([]);
  });

  it("has no server actions outside it (mutations are route handlers only)", async () => {
    expect(await discoverServerActions()).toEqual([]);
  });

  const forgedHeaders = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

  it("keeps authorization out of the proxy: its only proxy sets response headers, so bypassing it opens nothing", async () => {
    for (const file of ["proxy.js", "middleware.ts", "middleware.js", "src/proxy.ts", "src/middleware.ts"])
      expect(existsSync(file), file).toBe(false);
    const proxySource = await readFile("proxy.ts", "utf8");
    const imports = [...proxySource.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
    // The headers and the settings they read (development or not, HSTS), nothing of sessions or permissions.
    expect(imports.sort()).toEqual(["@/lib/config/environment", "@/lib/http/security-headers", "next/server"]);
    expect(proxySource).not.toMatch(/redirect|rewrite|getToken|session|status:/i);
  });

  it("answers a forged x-middleware-subrequest header on a page like any anonymous request", async () => {
    for (const pagePath of ["/admin/users", "/codings"]) {
      const response = await sessions.anonymous.request(pagePath, { headers: forgedHeaders });
      expect(response.status, pagePath).toBe(307);
      expect(response.headers.get("location"), pagePath).toMatch(/\/sign-in/);
    }
  });

  for (const [route, entry] of Object.entries(matrix)) {
    if ("public" in entry) continue;
    const [method, pattern] = route.split(" ") as [string, string];
    for (const role of roles) {
      for (const forged of [false, true]) {
        it(`${route} as ${role}${forged ? " with a forged x-middleware-subrequest header" : ""} → ${entry.expected[role]}`, async () => {
          const attempt = await entry.prepare();
          expect(attempt.path).toMatch(new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/]+")}$`));
          const before = await attempt.state();
          // Uploads go as multipart forms (fetch sets their content type), a text body (a bundle file) as it is; everything else as JSON.
          const upload = attempt.body instanceof FormData;
          const file = typeof attempt.body === "string";
          const response = await sessions[role].request(attempt.path, {
            method,
            headers: {
              ...(upload ? {} : { "content-type": file ? "application/x-ndjson" : "application/json" }),
              ...(forged ? forgedHeaders : {}),
            },
            body: upload ? (attempt.body as FormData) : file ? (attempt.body as string) : JSON.stringify(attempt.body),
          });
          const body = (await response.json()) as { error?: string };
          expect(response.status, body.error).toBe(entry.expected[role]);
          if (response.status >= 400) {
            expect(body.error).toMatch(/\w+/);
            expect(JSON.stringify(body)).not.toMatch(/prisma|SELECT|INSERT|UPDATE "|stack|at .*\.js/i);
            expect(await attempt.state()).toEqual(before);
          } else {
            expect(await attempt.state()).not.toEqual(before);
          }
        });
      }
    }
  }
});

// Read-only routes that serve more than the "read" permission: every role, plus unknown and deleted records.
type ReadEntry = { prepare(): Promise<{ known: string; unknown: string; deleted: string }>; expected: Record<Role, number> };

const readMatrix: Record<string, ReadEntry> = {
  "GET /api/sources/[id]/suggestions": {
    async prepare() {
      const known = await createSource(db);
      const deleted = await createSource(db);
      await db.source.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
      return {
        known: `/api/sources/${known.id}/suggestions`,
        unknown: "/api/sources/no-such-source/suggestions",
        deleted: `/api/sources/${deleted.id}/suggestions`,
      };
    },
    // Suggestions serve those who make statements; viewers do not see them on the source page either.
    expected: { anonymous: 401, VIEWER: 403, ANALYST: 200, ADMIN: 200 },
  },
};

describe("the read matrix", () => {
  it("names only GET route handlers that exist", async () => {
    for (const route of Object.keys(readMatrix)) {
      const file = path.resolve("app", `.${route.replace(/^GET /, "")}`, "route.ts");
      expect(existsSync(file), file).toBe(true);
      expect(await readFile(file, "utf8")).toMatch(/export\s+const\s+GET\b/);
    }
  });

  for (const [route, entry] of Object.entries(readMatrix)) {
    for (const role of roles) {
      it(`${route} as ${role} → ${entry.expected[role]}; unknown and deleted records → 404 for those allowed`, async () => {
        const paths = await entry.prepare();
        const known = await sessions[role].request(paths.known);
        const body = (await known.json()) as { error?: string; suggestions?: Record<string, unknown>[] };
        expect(known.status, body.error).toBe(entry.expected[role]);
        if (known.status !== 200) {
          expect(body.error).toMatch(/\w+/);
          return;
        }
        // The factory's text holds one attributed quotation: “We seek calm,” the minister said.
        expect(body.suggestions).toEqual([
          expect.objectContaining({
            quote: "We seek calm",
            form: "DIRECT_QUOTE",
            speakerText: "the minister",
            speaker: null,
            channel: null,
            cue: "said",
          }),
        ]);
        const suggestion = body.suggestions![0]!;
        expect(Object.keys(suggestion).sort()).toEqual([
          "channel",
          "cue",
          "endOffset",
          "form",
          "quote",
          "speaker",
          "speakerText",
          "startOffset",
        ]);
        // "%00": a NUL byte no id can hold must be a 404 too, not a database error.
        for (const missing of [paths.unknown, paths.deleted, paths.unknown.replace("no-such-source", "%00")]) {
          const response = await sessions[role].request(missing);
          const refusal = (await response.json()) as { error?: string };
          expect(response.status, missing).toBe(404);
          expect(refusal.error).toMatch(/not found/);
        }
      });
    }
  }
});

// The paged list routes and pages that read with the "read" permission: every signed-in role reads them, anonymous
// visitors are sent to sign in (pages) or refused (JSON), and bad parameters are a 400 with a sentence, never SQL.
const listRoutes = ["/api/statements", "/api/events", "/api/codings"] as const;
const listPages: Record<string, Record<Role, number>> = {
  "/statements": { anonymous: 307, VIEWER: 200, ANALYST: 200, ADMIN: 200 },
  "/events": { anonymous: 307, VIEWER: 200, ANALYST: 200, ADMIN: 200 },
  // The actors page answers everyone signed in; only administrators see the list (others read a sentence).
  "/admin/actors": { anonymous: 307, VIEWER: 200, ANALYST: 200, ADMIN: 200 },
};

describe("the list matrix", () => {
  for (const role of roles) {
    it(`list routes and pages as ${role}`, async () => {
      for (const route of listRoutes) {
        const response = await sessions[role].request(`${route}?size=25`);
        const body = (await response.json()) as { error?: string; rows?: unknown[]; nextCursor?: string | null };
        expect(response.status, `${route}: ${body.error}`).toBe(role === "anonymous" ? 401 : 200);
        if (role === "anonymous") continue;
        expect(Array.isArray(body.rows)).toBe(true);
        expect(body.rows!.length).toBeLessThanOrEqual(25);
        const bad = await sessions[role].request(`${route}?sort=nonsense&size=7&after=%00`);
        const refusal = (await bad.json()) as { error?: string };
        expect(bad.status, route).toBe(400);
        expect(refusal.error).toMatch(/sort: use one of .*size: use 25, 50, 100/);
        expect(JSON.stringify(refusal)).not.toMatch(/prisma|SELECT|stack|at .*\.js/i);
      }
      for (const [pagePath, expected] of Object.entries(listPages)) {
        const response = await sessions[role].request(pagePath, { redirect: "manual" });
        expect(response.status, pagePath).toBe(expected[role]);
        const html = await response.text();
        if (role === "anonymous") expect(response.headers.get("location"), pagePath).toMatch(/\/sign-in/);
        else if (pagePath === "/admin/actors" && role !== "ADMIN") expect(html).toContain("Only administrators can manage actors");
        else expect(html, pagePath).toMatch(/Next page|End of the list/);
      }
    });
  }
});

// The stance endpoint reads through node-postgres rather than Prisma (lib/database/direct-sql.ts, readRows); who
// may read it is still the data layer's to say: every signed-in role, and nobody anonymous, who learns nothing.
describe("the stance endpoint", () => {
  for (const role of roles) {
    it(`GET /api/stance as ${role}`, async () => {
      const response = await sessions[role].request("/api/stance?for=iran&target=israel&from=2024-10-20&to=2024-11-02&unit=day");
      const body = (await response.json()) as { error?: string; series?: unknown[] };
      expect(response.status, body.error).toBe(role === "anonymous" ? 401 : 200);
      if (role === "anonymous") {
        expect(body.error).toMatch(/sign in/i);
        expect(Object.keys(body)).toEqual(["error"]);
      } else {
        expect(body.series!.length).toBeGreaterThan(0);
      }
    });
  }
});
