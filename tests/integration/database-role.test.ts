// The app's database role, on the real server: it does the app's work and
// nothing that could rewrite history or the schema.
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { defaultApplicationRole, grantApplicationRole } from "@/scripts/database/application-role";
import { testLane } from "../support/lane";

const isServer = inject("databaseKind") === "server";
if (!isServer && process.env.CI === "true") throw new Error("CI=true requires TEST_DATABASE_URL: the role is tested on a real server.");

const clients: pg.Client[] = [];
afterAll(() => Promise.all(clients.map((client) => client.end())));

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

/** The error PostgreSQL gives for `sql`, or null when it runs; rolled back either way. */
async function refusal(client: pg.Client, sql: string): Promise<string | null> {
  await client.query("BEGIN");
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query("ROLLBACK");
  }
}

describe.skipIf(!isServer)("the app's database role", () => {
  it("is what the tests and the app connect as: not a superuser, and owner of nothing", async () => {
    const app = await connect(testLane().databaseUrl);
    const { rows } = await app.query<{ user: string; superuser: boolean; owned: string }>(
      `SELECT current_user AS user, rolsuper AS superuser,
              (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ user: defaultApplicationRole, superuser: false, owned: "0" });
  });

  it("cannot switch triggers off, touch audit rows other than adding them, truncate, or change the schema", async () => {
    const app = await connect(testLane().databaseUrl);
    const entryId = (await app.query<{ id: string }>(`SELECT id FROM "AuditEntry" ORDER BY id LIMIT 1`)).rows[0]!.id;
    expect(await refusal(app, "SET session_replication_role = replica")).toMatch(/permission denied to set parameter/);
    expect(await refusal(app, "SET LOCAL session_replication_role = replica")).toMatch(/permission denied to set parameter/);
    expect(await refusal(app, `ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    expect(await refusal(app, `ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_refuse_update_delete"`)).toMatch(/must be owner/);
    expect(await refusal(app, `DELETE FROM "AuditEntry" WHERE id = ${entryId}`)).toMatch(/permission denied for table AuditEntry/);
    expect(await refusal(app, `UPDATE "AuditEntry" SET entity = 'forged' WHERE id = ${entryId}`)).toMatch(/permission denied/);
    expect(await refusal(app, `DROP TRIGGER "AuditEntry_refuse_update_delete" ON "AuditEntry"`)).toMatch(/must be owner/);
    expect(await refusal(app, `CREATE TABLE "Forged" (id int)`)).toMatch(/permission denied for schema public/);
    expect(await refusal(app, `SELECT * FROM _prisma_migrations`)).toMatch(/permission denied/);
    const tables = (await app.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows;
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) expect(await refusal(app, `TRUNCATE "${name}" CASCADE`), name).toMatch(/permission denied/);
    expect((await app.query(`SELECT count(*) FROM "AuditEntry" WHERE id = ${entryId}`)).rows[0]).toEqual({ count: "1" });
  });

  it("may add to the audit trail and read it, and write the app's tables", async () => {
    const app = await connect(testLane().databaseUrl);
    expect(
      await refusal(app, `INSERT INTO "AuditEntry" (action, entity, "entityId") VALUES ('CREATE', 'Actor', 'role-test') RETURNING id`),
    ).toBeNull();
    expect(await refusal(app, `UPDATE "Actor" SET version = version WHERE false`)).toBeNull();
    expect(await refusal(app, `DELETE FROM "SignInAttempt" WHERE false`)).toBeNull();
  });

  it("reads the chart's change counts but cannot change them, except through the writes they count", async () => {
    const app = await connect(testLane().databaseUrl);
    const sumOfChanges = async () =>
      (await app.query<{ sum: string }>(`SELECT sum(changes)::text AS sum FROM "StanceReadChange"`)).rows[0]!.sum;
    const before = await sumOfChanges();
    // Lowering the count would let a kept chart hide a change (docs/decisions/0050).
    expect(await refusal(app, `UPDATE "StanceReadChange" SET changes = 0`)).toMatch(/permission denied for table StanceReadChange/);
    expect(await refusal(app, `DELETE FROM "StanceReadChange"`)).toMatch(/permission denied for table StanceReadChange/);
    expect(await refusal(app, `INSERT INTO "StanceReadChange" (slot, changes) VALUES (-1, -100)`)).toMatch(/permission denied/);
    // The triggers' helper writes as its caller: the triggers call it as the owner, the app's role cannot.
    expect(await refusal(app, `SELECT "stance_read_count"(ARRAY['-1'])`)).toMatch(/permission denied for table StanceReadChange/);
    expect(await sumOfChanges()).toBe(before);
    // A write the count covers still counts: the trigger runs as the owner.
    await app.query(`UPDATE "Actor" SET version = version + 1 WHERE id = (SELECT id FROM "Actor" ORDER BY id LIMIT 1)`);
    expect(BigInt(await sumOfChanges())).toBe(BigInt(before) + 1n);
    // Folding the rows together, which anyone may ask for, keeps the sum.
    await app.query(`SELECT "stance_read_changes_fold"()`);
    expect(BigInt(await sumOfChanges())).toBe(BigInt(before) + 1n);
  });

  it("gets the same grants on tables a later migration adds, and the grants are idempotent", async () => {
    const owner = await connect(testLane().ownerDatabaseUrl);
    await owner.query(`CREATE TABLE "LaterTable" (id serial PRIMARY KEY, note text)`);
    try {
      const app = await connect(testLane().databaseUrl);
      // Default privileges: no new grant was run.
      expect(await refusal(app, `INSERT INTO "LaterTable" (note) VALUES ('x')`)).toBeNull();
      expect(await refusal(app, `TRUNCATE "LaterTable"`)).toMatch(/permission denied/);
      await grantApplicationRole(testLane().ownerDatabaseUrl, defaultApplicationRole);
      await grantApplicationRole(testLane().ownerDatabaseUrl, defaultApplicationRole);
      expect(await refusal(app, `INSERT INTO "LaterTable" (note) VALUES ('x')`)).toBeNull();
      expect(await refusal(app, `TRUNCATE "LaterTable"`)).toMatch(/permission denied/);
      expect(await refusal(app, `DELETE FROM "AuditEntry"`)).toMatch(/permission denied/);
    } finally {
      await owner.query(`DROP TABLE "LaterTable"`);
    }
  });
});
