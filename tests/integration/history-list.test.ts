// The history as a person reads it: names and labels instead of ids and field
// names, sign-ins apart from changes, filters, and paging back to the first entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyListDefinition } from "@/lib/audit/history-list";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { updateStanceCoding } from "@/lib/data/codings";
import { listHistory } from "@/lib/data/history";
import { BadRequestError } from "@/lib/errors";
import { parseListQuery } from "@/lib/lists/parameters";
import { recordAudit } from "@/lib/audit/record-audit";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

let admin: { id: string; role: "ADMIN" };
let coder: { id: string; name: string };
let codingId: string;

const query = (search: string, pageSize = 50) => ({ ...parseListQuery(historyListDefinition, new URLSearchParams(search)), pageSize });

beforeAll(async () => {
  const adminUser = await createUser(db, "ADMIN");
  admin = { id: adminUser.id, role: "ADMIN" };
  const coderUser = await createUser(db, "ANALYST");
  coder = { id: coderUser.id, name: coderUser.name };
  const speaker = await createActor(db, { name: "History Speaker" });
  const target = await createActor(db, { name: "History Target" });
  const source = await createSource(db);
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 });
  codingId = coding.id;
  await db.$transaction((tx) =>
    recordAudit(tx, { userId: coder.id, action: "CREATE", entity: "StanceCoding", entityId: coding.id, after: coding }),
  );
  await updateStanceCoding({ id: coder.id, role: "ANALYST" }, coding.id, {
    version: 1,
    score: -2,
    isConditional: true,
    confidence: "HIGH",
    rationale: "second thoughts",
  });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      userId: coder.id,
      action: "SIGN_IN",
      entity: "User",
      entityId: coder.id,
      after: { email: "x@example.test", clientAddress: "127.0.0.1", outcome: "SUCCESS" },
    }),
  );
});

describe("the history list", () => {
  it("names records, fields and values as the forms do", async () => {
    const page = await listHistory(admin, query(`person=${coder.id}&kind=StanceCoding`));
    const update = page.rows.find((entry) => entry.action === "UPDATE" && entry.entityId === codingId)!;
    expect(update.userName).toBe(coder.name);
    expect(update.label).toMatch(/^Coding −2: second thoughts/);
    const byField = Object.fromEntries(update.changes.map((change) => [change.field, change]));
    expect(byField.score).toMatchObject({ label: "Score", beforeText: "+1", afterText: "−2" });
    expect(byField.confidence).toMatchObject({ label: "Confidence", beforeText: "Medium", afterText: "High" });
    expect(byField.isConditional).toMatchObject({ label: "Conditional", beforeText: "No", afterText: "Yes" });
    const created = page.rows.find((entry) => entry.action === "CREATE" && entry.entityId === codingId)!;
    const createdFields = Object.fromEntries(created.changes.map((change) => [change.field, change]));
    expect(createdFields.targetId).toMatchObject({ label: "Target", afterText: "History Target" });
    expect(createdFields.coderId).toMatchObject({ label: "Coder", afterText: coder.name });
    expect(createdFields.saidOn).toMatchObject({ label: "Said on", afterText: "28 Oct 2024" });
    expect(createdFields.statementId?.afterText).toBe("History Speaker: “We seek calm,”");
  });

  it("keeps sign-ins apart from changes", async () => {
    const changes = await listHistory(admin, query(`person=${coder.id}`));
    expect(changes.rows.some((entry) => entry.action === "SIGN_IN")).toBe(false);
    const signIns = await listHistory(admin, query(`person=${coder.id}&show=sign-ins`));
    expect(signIns.rows.map((entry) => entry.action)).toEqual(["SIGN_IN"]);
    expect(signIns.rows[0]!.changes.find((change) => change.field === "outcome")?.afterText).toBe("Signed in");
  });

  it("refuses a page link whose entry number is past PostgreSQL's bigint, rather than failing there", async () => {
    const first = await listHistory(admin, query("size=25", 25));
    const [sortKey, direction, value] = JSON.parse(Buffer.from(first.nextCursor!, "base64url").toString("utf8")) as unknown[];
    const forged = Buffer.from(JSON.stringify([sortKey, direction, value, "9999999999999999999"])).toString("base64url");
    await expect(listHistory(admin, query(`size=25&after=${forged}`, 25))).rejects.toMatchObject({ status: 400 });
  });

  it("pages back to the very first entry, each entry once", async () => {
    const total = await db.auditEntry.count({ where: { action: { notIn: ["SIGN_IN", "SIGN_IN_FAILED"] } } });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages += 1) {
      const search = new URLSearchParams({ size: "25" });
      if (after) search.set("after", after);
      const page = await listHistory(admin, query(search.toString(), 25));
      seen.push(...page.rows.map((entry) => entry.id));
      after = page.nextCursor;
      if (!after) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const first = await db.auditEntry.findFirstOrThrow({
      where: { action: { notIn: ["SIGN_IN", "SIGN_IN_FAILED"] } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(seen.at(-1)).toBe(first.id.toString());
  });

  it("filters by date and refuses bad filters and other roles", async () => {
    expect((await listHistory(admin, query("from=2000-01-01&to=2000-01-02"))).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listHistory(admin, query(`from=${today}&to=${today}&person=${coder.id}`))).rows.length).toBeGreaterThan(0);
    await expect(listHistory(admin, query("from=2024-02-01&to=2024-01-01"))).rejects.toThrowError(BadRequestError);
    expect(() => query("kind=Password")).toThrowError(/kind: use one of/);
    await expect(listHistory({ id: coder.id, role: "ANALYST" } as never, query(""))).rejects.toThrowError(PermissionDeniedError);
    const forged = Buffer.from(JSON.stringify(["time", "desc", new Date().toISOString(), "1 OR 1=1"])).toString("base64url");
    await expect(listHistory(admin, query(`after=${forged}`))).rejects.toThrowError(BadRequestError);
  });
});
