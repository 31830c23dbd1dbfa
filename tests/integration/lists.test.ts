// The paged lists on real PostgreSQL: every filter, every sort, walking every
// page once, cursors that survive inserts, blind coding, bad input, and the
// plans that make a later page cost what the first does.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codingListDefinition, type CodingListFilters } from "@/lib/codings/list";
import { withDatabase } from "@/lib/database/client";
import { createPrismaClient, sessionSettings } from "@/lib/database/prisma";
import { listStanceCodingsForReview } from "@/lib/data/codings";
import { listSources } from "@/lib/data/sources";
import { listUsersPage } from "@/lib/data/users";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { userListDefinition } from "@/lib/users/list";
import { BadRequestError } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { parseListQuery, type ListQuery } from "@/lib/lists/parameters";
import { sourceListDefinition } from "@/lib/sources/list";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const url = testLane().databaseUrl;
const db = createPrismaClient(url, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Acting = { id: string; role: "ADMIN" | "ANALYST" | "VIEWER" };
let admin: Acting;
let world: {
  speaker: { id: string; slug: string };
  other: { id: string; slug: string };
  target: { id: string; slug: string };
  coderA: { id: string };
  coderB: { id: string };
  sourceId: string;
  codingIds: string[];
};

function codingQuery(search: string, pageSize = 2): ListQuery<CodingListFilters> {
  return { ...parseListQuery(codingListDefinition, new URLSearchParams(search)), pageSize };
}

/** Every row of a list, page by page, following the cursors. */
async function walk<Row extends { id: string }>(
  first: ListQuery<CodingListFilters>,
  load: (query: ListQuery<CodingListFilters>) => Promise<{ rows: Row[]; nextCursor: string | null }>,
): Promise<Row[]> {
  const all: Row[] = [];
  let query = first;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await load(query);
    all.push(...page.rows);
    if (!page.nextCursor) return all;
    const search = new URLSearchParams();
    search.set("after", page.nextCursor);
    if (query.sort.key !== "said") search.set("sort", query.sort.key);
    search.set("order", query.sort.direction);
    query = { ...first, cursor: parseListQuery(codingListDefinition, search).cursor, after: page.nextCursor };
  }
  throw new Error("more than 100 pages");
}

beforeAll(async () => {
  const adminUser = await createUser(db, "ADMIN");
  admin = { id: adminUser.id, role: "ADMIN" };
  const speaker = await createActor(db, { name: "List Speaker" });
  const other = await createActor(db, { name: "List Other" });
  const target = await createActor(db, { name: "List Target", isTrackedTarget: true });
  const coderA = await createUser(db, "ANALYST");
  const coderB = await createUser(db, "ANALYST");
  const source = await createSource(db, `List article ${Date.now()}: one, two, three, four, five, six, seven.`);
  const words = ["one", "two", "three", "four", "five", "six", "seven"];
  const codingIds: string[] = [];
  for (const [index, word] of words.entries()) {
    const statement = await createStatement(db, {
      source,
      speakerId: index < 5 ? speaker.id : other.id,
      quote: word,
      saidOn: `2024-0${1 + (index % 3)}-15`,
    });
    // Scores repeat (ties broken by id); coder B codes only some statements.
    codingIds.push((await createStanceCoding(db, { statement, targetId: target.id, coderId: coderA.id, score: (index % 3) - 1 })).id);
    if (index % 2 === 0)
      codingIds.push((await createStanceCoding(db, { statement, targetId: target.id, coderId: coderB.id, score: 2 })).id);
  }
  world = { speaker, other, target, coderA, coderB, sourceId: source.id, codingIds };
});

describe("the codings list", () => {
  it("walks every page once, in order, for each sort and direction", async () => {
    for (const sort of ["said", "score", "coded"]) {
      for (const order of ["asc", "desc"]) {
        const rows = await walk(codingQuery(`source=${world.sourceId}&sort=${sort}&order=${order}`), (query) =>
          listStanceCodingsForReview(admin, query),
        );
        expect(rows.map((row) => row.id).sort(), `${sort} ${order}`).toEqual([...world.codingIds].sort());
        const keys = rows.map((row) => (sort === "score" ? row.score : sort === "said" ? row.statement.saidOn : ""));
        if (sort !== "coded") {
          const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(keys).toEqual(order === "asc" ? sorted : sorted.reverse());
        }
      }
    }
  });

  it("applies each filter", async () => {
    const ids = async (search: string) =>
      (await walk(codingQuery(`source=${world.sourceId}&${search}`), (query) => listStanceCodingsForReview(admin, query))).map(
        (row) => row.id,
      );
    const all = await ids("");
    const rows = await walk(codingQuery(`source=${world.sourceId}`), (query) => listStanceCodingsForReview(admin, query));
    expect(all).toHaveLength(11);
    expect(await ids(`speaker=${world.other.slug}`)).toEqual(
      rows.filter((row) => row.statement.speakerName === "List Other").map((row) => row.id),
    );
    expect(await ids(`target=${world.target.slug}`)).toHaveLength(11);
    expect((await ids(`coder=${world.coderB.id}`)).length).toBe(4);
    expect(await ids("from=2024-02-01&to=2024-02-28")).toEqual(
      rows.filter((row) => row.statement.saidOn.startsWith("2024-02")).map((row) => row.id),
    );
    expect(await ids("min=0&max=1")).toEqual(rows.filter((row) => row.score >= 0 && row.score <= 1).map((row) => row.id));
    expect(await ids("min=2")).toHaveLength(4);
    expect(await ids("adjudicated=yes")).toEqual([]);
    expect(await ids("adjudicated=no")).toHaveLength(11);
  });

  it("keeps its place when codings are added ahead of the cursor while someone pages", async () => {
    const first = await listStanceCodingsForReview(admin, codingQuery(`source=${world.sourceId}&sort=score&order=desc`, 3));
    const statement = await db.statement.findFirstOrThrow({ where: { sourceId: world.sourceId, quote: "one" } });
    const late = await createUser(db, "ANALYST");
    const added = await createStanceCoding(db, { statement, targetId: world.target.id, coderId: late.id, score: 3 });
    try {
      const search = new URLSearchParams({ sort: "score", order: "desc", after: first.nextCursor! });
      const next = await listStanceCodingsForReview(admin, {
        ...codingQuery(`source=${world.sourceId}&sort=score&order=desc`, 3),
        cursor: parseListQuery(codingListDefinition, search).cursor,
      });
      expect(next.rows.map((row) => row.id)).not.toContain(added.id);
      expect(next.rows.some((row) => first.rows.some((seen) => seen.id === row.id))).toBe(false);
    } finally {
      await db.stanceCoding.delete({ where: { id: added.id } });
    }
  });

  it("shows a blind analyst only what blind coding allows, whatever the coder filter says", async () => {
    const outsider = await createUser(db, "ANALYST");
    const asOutsider = { id: outsider.id, role: "ANALYST" as const };
    expect(
      (await listStanceCodingsForReview(asOutsider, codingQuery(`source=${world.sourceId}&coder=${world.coderB.id}`, 50))).rows,
    ).toEqual([]);
    const asCoderA = { id: world.coderA.id, role: "ANALYST" as const };
    // Coder A coded every statement, so sees coder B's codings too.
    expect(
      (await listStanceCodingsForReview(asCoderA, codingQuery(`source=${world.sourceId}&coder=${world.coderB.id}`, 50))).rows,
    ).toHaveLength(4);
  });

  it("answers bad filters with a sentence", async () => {
    await expect(listStanceCodingsForReview(admin, codingQuery("speaker=no-such-actor"))).rejects.toThrowError(
      /no actor has the key “no-such-actor”/,
    );
    await expect(listStanceCodingsForReview(admin, codingQuery("from=2024-05-01&to=2024-01-01"))).rejects.toThrowError(BadRequestError);
    await expect(listStanceCodingsForReview(admin, codingQuery("min=2&max=-2"))).rejects.toThrowError(/lowest score is above its highest/);
    expect(() => parseListQuery(codingListDefinition, new URLSearchParams("after=AAAA"))).toThrowError(BadRequestError);
    // Year 0, which PostgreSQL does not have, is the user's to fix; the calendar's own ends are not.
    expect(() => codingQuery("from=0000-12-31")).toThrowError(/from: use a date from 0001-01-01 on: there was no year 0/);
    const wholeCalendar = await listStanceCodingsForReview(admin, codingQuery("from=0001-01-01&to=9999-12-31"));
    expect(wholeCalendar.rows.length).toBeGreaterThan(0);
  });
});

describe("the sources list", () => {
  it("filters by coverage and language, sorts by title, and pages", async () => {
    const marker = `zz-list-${Date.now()}`;
    const empty = await db.source.create({
      data: {
        title: `${marker} b`,
        publisher: "P",
        publishedOn: new Date("2020-01-01"),
        language: "fa",
        text: `${marker} b`,
        contentHash: `${marker}-b`,
      },
    });
    const reviewed = await db.source.create({
      data: {
        title: `${marker} a`,
        publisher: "P",
        publishedOn: new Date("2020-01-02"),
        language: "fa",
        text: `${marker} a`,
        contentHash: `${marker}-a`,
        nothingToCodeAt: new Date(),
      },
    });
    const parse = (search: string, pageSize = 1) => ({ ...parseListQuery(sourceListDefinition, new URLSearchParams(search)), pageSize });
    const persian = await listSources(admin, parse("language=fa&from=2020-01-01&to=2020-01-02&sort=title&order=asc", 1));
    expect(persian.rows.map((row) => row.id)).toEqual([reviewed.id]);
    const second = await listSources(admin, {
      ...parse("language=fa&from=2020-01-01&to=2020-01-02&sort=title&order=asc", 1),
      cursor: parseListQuery(sourceListDefinition, new URLSearchParams({ sort: "title", order: "asc", after: persian.nextCursor! })).cursor,
    });
    expect(second.rows.map((row) => row.id)).toEqual([empty.id]);
    expect(second.nextCursor).toBeNull();
    expect(
      (await listSources(admin, parse("language=fa&from=2020-01-01&to=2020-01-02&coverage=nothing-to-code", 50))).rows.map((row) => row.id),
    ).toEqual([reviewed.id]);
    expect(
      (await listSources(admin, parse("language=fa&from=2020-01-01&to=2020-01-02&coverage=not-started", 50))).rows.map((row) => row.id),
    ).toEqual([empty.id]);
    expect((await listSources(admin, parse(`coverage=has-statements&from=2020-01-01&to=2020-01-31`, 50))).rows).toEqual([]);
    const withStatements = await listSources(admin, parse("coverage=has-statements", 100));
    expect(withStatements.rows.map((row) => row.id)).toContain(world.sourceId);
  });
});

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Filter?: string;
  Plans?: PlanNode[];
};

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

describe("the users list", () => {
  it("filters by role and status, pages by name with ties on the id, and is for administrators only", async () => {
    const marker = `zz-pager-${Date.now()}`;
    const created: { id: string }[] = [];
    for (let index = 0; index < 3; index += 1)
      created.push(
        await db.user.create({ data: { email: `${marker}-${index}@example.test`, name: `${marker} same name`, role: "VIEWER" } }),
      );
    await db.user.update({ where: { id: created[2]!.id }, data: { disabledAt: new Date() } });
    const parse = (search: string) => ({ ...parseListQuery(userListDefinition, new URLSearchParams(search)), pageSize: 1 });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages += 1) {
      const search = new URLSearchParams({ role: "VIEWER", sort: "name", order: "desc" });
      if (after) search.set("after", after);
      const page = await listUsersPage(admin, parse(search.toString()));
      seen.push(...page.rows.map((row) => row.id));
      after = page.nextCursor;
      if (!after) break;
    }
    const ours = seen.filter((id) => created.some((user) => user.id === id));
    // Equal names: the id decides, in the same direction as the sort.
    expect(ours).toEqual(
      created
        .map((user) => user.id)
        .sort()
        .reverse(),
    );
    expect(new Set(seen).size).toBe(seen.length);
    const disabled = await listUsersPage(admin, { ...parse("status=disabled"), pageSize: 100 });
    expect(disabled.rows.map((row) => row.id)).toContain(created[2]!.id);
    expect(disabled.rows.every((row) => row.disabled)).toBe(true);
    await expect(listUsersPage({ id: world.coderA.id, role: "ANALYST" }, parse(""))).rejects.toThrowError(PermissionDeniedError);
    expect(() => parse("role=ROOT")).toThrowError(/role: use VIEWER, ANALYST or ADMIN/);
  });
});

describe("list plans", () => {
  it("read the first and a later page of codings from the sort's index, starting at the cursor, with no sort step", async () => {
    // As the tables' owner: only the owner may ANALYZE them.
    const raw = new pg.Client({ connectionString: testLane().ownerDatabaseUrl, options: sessionSettings });
    await raw.connect();
    try {
      await raw.query(
        `
        INSERT INTO "Statement" (id, "sourceId", "speakerId", quote, "startOffset", "endOffset", "saidOn", "saidOnPrecision", form, channel, "updatedAt")
        SELECT 'bulk-' || g, $1, $2, 'x', 1000 + g, 1001 + g, date '2015-01-01' + (g % 3650), 'DAY', 'PARAPHRASE', 'INTERVIEW', now()
        FROM generate_series(1, 4000) g`,
        [world.sourceId, world.speaker.id],
      );
      await raw.query(
        `
        INSERT INTO "StanceCoding" (id, "statementId", "speakerId", "saidOn", "targetId", "coderId", score, rationale, "updatedAt")
        SELECT 'bulk-coding-' || s.id, s.id, s."speakerId", s."saidOn", $1, $2, (s."startOffset" % 7) - 3, 'x', now()
        FROM "Statement" s WHERE s.id LIKE 'bulk-%'`,
        [world.target.id, world.coderA.id],
      );
      await raw.query(`ANALYZE "StanceCoding"`);
      await raw.query(`ANALYZE "Statement"`);

      const captured: { query: string; params: string }[] = [];
      const logging = new PrismaClient({
        adapter: new PrismaPg({ connectionString: url, max: 2, options: sessionSettings }),
        log: [{ emit: "event", level: "query" }],
      });
      logging.$on("query", (event) => captured.push({ query: event.query, params: event.params }));
      try {
        for (const sort of ["said", "score", "coded"]) {
          const first = await withDatabase(logging, () => listStanceCodingsForReview(admin, codingQuery(`sort=${sort}`, 50)));
          const cursor = parseListQuery(codingListDefinition, new URLSearchParams({ sort, after: first.nextCursor! })).cursor;
          captured.length = 0;
          await withDatabase(logging, () => listStanceCodingsForReview(admin, { ...codingQuery(`sort=${sort}`, 50), cursor }));
          // The page's ids in SQL: one query, the cursor a row comparison (column, id) past the last row's.
          const listQueries = captured.filter((entry) => entry.query.includes('FROM "StanceCoding" c') && entry.query.includes("LIMIT"));
          expect(listQueries.length, `the ${sort} page queries`).toBe(1);
          const index = { said: "StanceCoding_saidOn_id_idx", score: "StanceCoding_score_id_idx", coded: "StanceCoding_createdAt_id_idx" }[
            sort
          ]!;
          for (const listQuery of listQueries) {
            const { rows } = await raw.query(`EXPLAIN (FORMAT JSON) ${listQuery.query}`, JSON.parse(listQuery.params));
            const plan = rows[0]["QUERY PLAN"][0].Plan as PlanNode;
            const nodes = flatten(plan);
            const scan = nodes.find((node) => node["Relation Name"] === "StanceCoding");
            expect(scan?.["Node Type"], sort).toBe("Index Scan");
            expect(scan?.["Index Name"], sort).toBe(index);
            expect(
              nodes.some((node) => node["Node Type"] === "Sort"),
              sort,
            ).toBe(false);
            // The range starts at the cursor: the condition on the sort column is in the index condition, and no OR is left to filter.
            expect(scan?.["Index Cond"], sort).toBeDefined();
            expect(scan?.Filter ?? "", sort).not.toContain(" OR ");
          }
        }
      } finally {
        await logging.$disconnect();
      }
    } finally {
      // The bulk rows break the seed's invariants (their quotes are not cut from the source) and would crowd
      // every coder's queue in the files that run after this one.
      await raw.query(`DELETE FROM "StanceCoding" WHERE id LIKE 'bulk-coding-%'`);
      await raw.query(`DELETE FROM "Statement" WHERE id LIKE 'bulk-%'`);
      await raw.end();
    }
  });
});
