// The statements, events and actors lists on real PostgreSQL: every filter
// (text filters in Persian, Arabic and accented Latin), every sort in both
// directions walked page by page with keyset cursors, the column headers'
// sort links, and bad input answered with a sentence.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorListDefinition } from "@/lib/actors/list";
import { createPrismaClient } from "@/lib/database/prisma";
import { listActorsPage } from "@/lib/data/actors";
import { listEventsPage } from "@/lib/data/events";
import { listStatements } from "@/lib/data/statements";
import { BadRequestError } from "@/lib/errors";
import { eventListDefinition } from "@/lib/events/list";
import { loadListPage } from "@/lib/lists/page";
import { parseListQuery, type ListDefinition, type ListQuery } from "@/lib/lists/parameters";
import { statementListDefinition } from "@/lib/statements/list";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";

const db = createPrismaClient(inject("databaseUrl"), { maxConnections: 2 });

type Acting = { id: string; role: "ADMIN" | "ANALYST" | "VIEWER" };
let admin: Acting;
const marker = `m${Date.now().toString(36)}`;
const created = {
  sources: [] as string[],
  statements: [] as string[],
  actors: [] as string[],
  events: [] as string[],
  codings: [] as string[],
};

let world: {
  persian: { id: string; slug: string };
  accented: { id: string; slug: string };
  sourceId: string;
  statementIds: string[];
};

function query<Filters extends Record<string, unknown>>(
  definition: ListDefinition<Filters>,
  search: string,
  pageSize = 2,
): ListQuery<Filters> {
  return { ...parseListQuery(definition, new URLSearchParams(search)), pageSize };
}

/** Every row of a list, page by page, following the cursors as a person following "Next page" would. */
async function walk<Filters extends Record<string, unknown>, Row extends { id: string }>(
  definition: ListDefinition<Filters>,
  search: string,
  load: (query: ListQuery<Filters>) => Promise<{ rows: Row[]; nextCursor: string | null }>,
): Promise<Row[]> {
  const all: Row[] = [];
  let current = query(definition, search);
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await load(current);
    expect(page.rows.length).toBeLessThanOrEqual(2);
    all.push(...page.rows);
    if (!page.nextCursor) return all;
    const next = new URLSearchParams(search);
    next.set("after", page.nextCursor);
    current = query(definition, next.toString());
  }
  throw new Error("more than 100 pages");
}

beforeAll(async () => {
  const adminUser = await createUser(db, "ADMIN");
  admin = { id: adminUser.id, role: "ADMIN" };
  const persian = await createActor(db, { name: `محمد جواد ظریف ${marker}` });
  const accented = await createActor(db, { name: `Masoud Pezeshkiān ${marker}` });
  const target = await createActor(db, { name: `Target ${marker}`, isTrackedTarget: true });
  const coder = await createUser(db, "ANALYST");
  created.actors.push(persian.id, accented.id, target.id);
  const source = await createSource(db, `${marker}: «ما خواهان آرامش هستیم» one, two, three, four, five, six.`);
  created.sources.push(source.id);
  const quotes = ["«ما خواهان آرامش هستیم»", "one", "two", "three", "four", "five", "six"];
  const statementIds: string[] = [];
  for (const [index, quote] of quotes.entries()) {
    const statement = await createStatement(db, {
      source,
      speakerId: index % 2 === 0 ? persian.id : accented.id,
      quote,
      // Dates repeat, so ties are broken by the id.
      saidOn: `2024-0${1 + (index % 3)}-15`,
      form: index < 3 ? "DIRECT_QUOTE" : "PARAPHRASE",
    });
    statementIds.push(statement.id);
    if (index === 1) await db.statement.update({ where: { id: statement.id }, data: { channel: "PRESS_CONFERENCE" } });
    if (index < 2) created.codings.push((await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 })).id);
  }
  created.statements.push(...statementIds);
  world = { persian, accented, sourceId: source.id, statementIds };

  const events = [
    { title: `اجلاس تهران ${marker}`, kind: "DIPLOMATIC", occurredOn: "2024-03-01", actorIds: [persian.id], sourceIds: [source.id] },
    { title: `Élection présidentielle ${marker}`, kind: "ELECTION", occurredOn: "2024-06-28", actorIds: [accented.id], sourceIds: [] },
    { title: `قمة الرياض ${marker}`, kind: "DIPLOMATIC", occurredOn: "2024-06-28", actorIds: [], sourceIds: [] },
    { title: `Strike ${marker}`, kind: "MILITARY_STRIKE", occurredOn: "2024-10-26", actorIds: [], sourceIds: [source.id] },
    { title: `Agreement ${marker}`, kind: "AGREEMENT", occurredOn: "2024-01-10", actorIds: [persian.id, accented.id], sourceIds: [] },
  ] as const;
  for (const [index, event] of events.entries()) {
    const row = await db.event.create({
      data: {
        slug: `${marker}-event-${index}`,
        title: event.title,
        kind: event.kind,
        occurredOn: new Date(`${event.occurredOn}T00:00:00Z`),
        description: index === 0 ? "دیدار وزیران خارجه" : "An event for the list tests.",
        actorIds: [...event.actorIds],
        sourceIds: [...event.sourceIds],
      },
    });
    created.events.push(row.id);
  }
  await db.actor.update({ where: { id: accented.id }, data: { aliases: ["President of Iran", "پزشکیان"] } });
});

afterAll(async () => {
  await db.stanceCoding.deleteMany({ where: { id: { in: created.codings } } });
  await db.statement.deleteMany({ where: { id: { in: created.statements } } });
  await db.event.deleteMany({ where: { id: { in: created.events } } });
  await db.source.deleteMany({ where: { id: { in: created.sources } } });
  await db.actor.deleteMany({ where: { id: { in: created.actors } } });
  await db.$disconnect();
});

describe("the statements list", () => {
  it("walks every page once, in order, for each sort and direction", async () => {
    const load = (q: ListQuery<Record<string, unknown>>) => listStatements(admin, q as never);
    for (const sort of ["said", "added"]) {
      for (const order of ["asc", "desc"]) {
        const search = `source=${world.sourceId}&sort=${sort}&order=${order}`;
        const walked = await walk(statementListDefinition, search, load);
        expect(walked.map((row) => row.id).sort()).toEqual([...world.statementIds].sort());
        const onePage = await listStatements(admin, query(statementListDefinition, search, 100));
        expect(
          walked.map((row) => row.id),
          `${sort} ${order}`,
        ).toEqual(onePage.rows.map((row) => row.id));
        const keys = walked.map((row) => (sort === "said" ? row.saidOn : row.createdAt));
        const sorted = [...keys].sort();
        expect(keys).toEqual(order === "asc" ? sorted : sorted.reverse());
      }
    }
  });

  it("applies each filter", async () => {
    const ids = async (search: string) =>
      (await listStatements(admin, query(statementListDefinition, `source=${world.sourceId}&${search}`, 100))).rows
        .map((row) => row.id)
        .sort();
    const expected = (pick: (index: number) => boolean) => world.statementIds.filter((_, index) => pick(index)).sort();
    expect(await ids(`speaker=${world.persian.slug}`)).toEqual(expected((index) => index % 2 === 0));
    expect(await ids(`speaker=${world.accented.slug}`)).toEqual(expected((index) => index % 2 === 1));
    expect(await ids("from=2024-02-01")).toEqual(expected((index) => index % 3 !== 0));
    expect(await ids("from=2024-02-01&to=2024-02-28")).toEqual(expected((index) => index % 3 === 1));
    expect(await ids("form=PARAPHRASE")).toEqual(expected((index) => index >= 3));
    expect(await ids("channel=PRESS_CONFERENCE")).toEqual(expected((index) => index === 1));
    expect(await ids("coded=yes")).toEqual(expected((index) => index < 2));
    expect(await ids("coded=no")).toEqual(expected((index) => index >= 2));
    expect(await ids(`coded=no&speaker=${world.persian.slug}&form=DIRECT_QUOTE`)).toEqual(expected((index) => index === 2));
    // The Persian quote, with its guillemets, comes back whole; the speaker's name in Persian script too.
    const persianRow = (await listStatements(admin, query(statementListDefinition, `source=${world.sourceId}&sort=added&order=asc`, 1)))
      .rows[0]!;
    expect(persianRow.quote).toBe("«ما خواهان آرامش هستیم»");
    expect(persianRow.speaker.name).toBe(`محمد جواد ظریف ${marker}`);
  });

  it("answers bad filters, an unknown speaker and a cursor of another sort with a sentence", async () => {
    expect(() => parseListQuery(statementListDefinition, new URLSearchParams("form=QUOTE&coded=maybe&sort=speaker"))).toThrowError(
      /form: use DIRECT_QUOTE or PARAPHRASE; coded: use yes or no; sort: use one of said, added/,
    );
    await expect(listStatements(admin, query(statementListDefinition, "speaker=nobody-at-all"))).rejects.toThrowError(
      /no actor has the key/,
    );
    await expect(listStatements(admin, query(statementListDefinition, "from=2024-05-01&to=2024-01-01"))).rejects.toThrowError(/swap them/);
    const page = await listStatements(admin, query(statementListDefinition, `source=${world.sourceId}`));
    expect(() => parseListQuery(statementListDefinition, new URLSearchParams({ sort: "added", after: page.nextCursor! }))).toThrowError(
      BadRequestError,
    );
    await expect(listStatements(null, query(statementListDefinition, ""))).rejects.toThrowError("Sign in to continue.");
  });
});

describe("the events list", () => {
  const mine = `q=${marker}`;
  it("walks every page once for each sort and direction", async () => {
    for (const sort of ["occurred", "title"]) {
      for (const order of ["asc", "desc"]) {
        const search = `${mine}&sort=${sort}&order=${order}`;
        const walked = await walk(eventListDefinition, search, (q) => listEventsPage(admin, q));
        expect(walked.map((row) => row.id).sort()).toEqual([...created.events].sort());
        const onePage = await listEventsPage(admin, query(eventListDefinition, search, 100));
        expect(
          walked.map((row) => row.id),
          `${sort} ${order}`,
        ).toEqual(onePage.rows.map((row) => row.id));
        if (sort === "occurred") {
          const dates = walked.map((row) => row.occurredOn);
          const sorted = [...dates].sort();
          expect(dates).toEqual(order === "asc" ? sorted : sorted.reverse());
        }
      }
    }
  });

  it("filters by text in Persian, Arabic and accented Latin, kind, actor, source and dates", async () => {
    const titles = async (search: string) =>
      (await listEventsPage(admin, query(eventListDefinition, search, 100))).rows
        .filter((row) => created.events.includes(row.id))
        .map((row) => row.title.replace(` ${marker}`, ""))
        .sort();
    expect(await titles("q=تهران")).toEqual(["اجلاس تهران"]);
    expect(await titles("q=الرياض")).toEqual(["قمة الرياض"]);
    // Case-insensitive beyond ASCII: "élection" finds "Élection".
    expect(await titles("q=élection")).toEqual(["Élection présidentielle"]);
    // Folded as the search folds: no accents typed, and the Persian yeh for the Arabic one in "الرياض".
    expect(await titles("q=election presidentielle")).toEqual(["Élection présidentielle"]);
    expect(await titles("q=الریاض")).toEqual(["قمة الرياض"]);
    // LIKE's wildcards are taken as typed: "%" and "_" match only themselves.
    expect(await titles(`q=${marker.slice(0, 3)}%`)).toEqual([]);
    expect(await titles("q=_")).toEqual([]);
    expect(await titles("q=دیدار وزیران")).toEqual(["اجلاس تهران"]);
    expect(await titles(`${mine}&kind=DIPLOMATIC`)).toEqual(["اجلاس تهران", "قمة الرياض"].sort());
    expect(await titles(`${mine}&actor=${world.persian.slug}`)).toEqual(["Agreement", "اجلاس تهران"].sort());
    expect(await titles(`${mine}&source=${world.sourceId}`)).toEqual(["Strike", "اجلاس تهران"].sort());
    expect(await titles(`${mine}&from=2024-06-28&to=2024-06-28`)).toEqual(["Élection présidentielle", "قمة الرياض"].sort());
    await expect(listEventsPage(admin, query(eventListDefinition, "actor=nobody-at-all"))).rejects.toThrowError(/no actor has the key/);
    expect(() => parseListQuery(eventListDefinition, new URLSearchParams("kind=PARTY"))).toThrowError(/kind: use one of ATTACK/);
  });
});

describe("the actors list", () => {
  it("finds actors by name, alias and key in any script, and pages by name and by date added", async () => {
    const names = async (search: string) =>
      (await listActorsPage(admin, query(actorListDefinition, search, 100))).rows
        .filter((row) => created.actors.includes(row.id))
        .map((row) => row.name.replace(` ${marker}`, ""))
        .sort();
    expect(await names("q=جواد ظریف")).toEqual(["محمد جواد ظریف"]);
    expect(await names("q=پزشکیان")).toEqual(["Masoud Pezeshkiān"]);
    expect(await names("q=pezeshkiān")).toEqual(["Masoud Pezeshkiān"]);
    // Accents and Arabic-script variants folded as the search folds them: typed without the macron, in capitals,
    // and with the Arabic letters yeh (ي) and kaf (ك) and a vowel mark where the stored names have the Persian ones.
    expect(await names("q=PEZESHKIAN")).toEqual(["Masoud Pezeshkiān"]);
    expect(await names("q=جَواد ظريف")).toEqual(["محمد جواد ظریف"]);
    expect(await names("q=پزشكيان")).toEqual(["Masoud Pezeshkiān"]);
    // LIKE's characters typed after folding stay literal too: "_" is no wildcard.
    expect(await names("q=Masoud_Pezeshkian")).toEqual([]);
    expect(await names("q=president of")).toEqual(["Masoud Pezeshkiān"]);
    expect(await names(`q=${world.persian.slug}`)).toEqual(["محمد جواد ظریف"]);
    // LIKE's own characters are taken literally.
    expect(await names("q=%25")).toEqual([]);
    expect(await names(`q=${marker}&tracked=yes`)).toEqual(["Target"]);
    expect(await names(`q=${marker}&tracked=no`)).toEqual(["Masoud Pezeshkiān", "محمد جواد ظریف"].sort());
    expect(await names(`q=${marker}&kind=GOVERNMENT`)).toEqual([]);
    // Each row's statements, counted for the page's rows.
    const counted = (await listActorsPage(admin, query(actorListDefinition, `q=${marker}`, 100))).rows;
    expect(Object.fromEntries(counted.map((row) => [row.id, row.statementCount]))).toEqual({
      [world.persian.id]: 4,
      [world.accented.id]: 3,
      [created.actors[2]!]: 0,
    });
    for (const sort of ["name", "added"]) {
      for (const order of ["asc", "desc"]) {
        const search = `q=${marker}&sort=${sort}&order=${order}`;
        const walked = await walk(actorListDefinition, search, (q) => listActorsPage(admin, q));
        expect(walked.map((row) => row.id).sort()).toEqual([...created.actors].sort());
        const onePage = await listActorsPage(admin, query(actorListDefinition, search, 100));
        expect(
          walked.map((row) => row.id),
          `${sort} ${order}`,
        ).toEqual(onePage.rows.map((row) => row.id));
      }
    }
  });
});

describe("sortable column headers", () => {
  it("link each sort in its natural direction, flip the current one, keep the filters and drop the cursor", async () => {
    const list = await loadListPage(statementListDefinition, { source: world.sourceId, coded: "no", size: "25" }, "/statements", (q) =>
      listStatements(admin, q),
    );
    expect(list.sortLinks.said).toEqual({ href: `/statements?source=${world.sourceId}&coded=no&order=asc&size=25`, direction: "desc" });
    expect(list.sortLinks.added).toEqual({ href: `/statements?source=${world.sourceId}&coded=no&sort=added&size=25`, direction: null });
    const later = await loadListPage(
      statementListDefinition,
      { source: world.sourceId, sort: "added", order: "asc", size: "25", after: "abc" },
      "/statements",
      async () => ({ rows: [], nextCursor: null }),
    );
    expect(later.sortLinks.added!.href).not.toContain("after=");
  });
});
