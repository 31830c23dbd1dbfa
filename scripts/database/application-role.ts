// The role the web app connects as: it may read and write the app's rows and
// nothing more. It is not a superuser and owns nothing, so it cannot disable
// triggers, switch replication mode off, truncate, alter or drop tables; on
// the audit trail it may only add and read entries. Migrations run as the
// owner and call `grantApplicationRole` after every deploy, so tables added
// later get the same grants. See docs/decisions/0010-least-privilege-database-role.md.
import pg from "pg";
import { backfillSourceFingerprints } from "./fingerprint-backfill";
import { applyMigrations, type MigrationProgress } from "./schema-engine";

export const defaultApplicationRole = "stancewatch_app";

/** Tables the app may only append to and read. */
const appendOnlyTables = ["AuditEntry"];
/** Tables the app may only read: their rows are written by triggers that run as the owner. */
const readOnlyTables = ["StanceReadChange"];
/** Tables the app has no business reading at all. */
const ownerOnlyTables = ["_prisma_migrations"];

/** APP_DATABASE_ROLE, or the default; a plain lower-case name so it needs no quoting surprises. */
export function readApplicationRole(environment: Record<string, string | undefined>): string {
  const role = environment.APP_DATABASE_ROLE?.trim() || defaultApplicationRole;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new Error(`APP_DATABASE_ROLE must be lower-case letters, digits and underscores (at most 63); got "${role}"`);
  return role;
}

/** The same URL with another user (and password, if given): the app's connection to the database the owner migrated. */
export function urlAsRole(url: string, role: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password ?? "";
  return parsed.toString();
}

const duplicateObject = "42710";
const uniqueViolation = "23505";

/**
 * Creates the role if it is missing (the connecting user needs CREATEROLE for that; otherwise create
 * it once by hand) and sets its grants in the database `ownerUrl` names, as that database's owner.
 * Idempotent: run after every migration. `password`, when given, becomes the role's password.
 */
export async function grantApplicationRole(ownerUrl: string, role: string, options: { password?: string } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role);
    const existing = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
      [role],
    );
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
      } catch (error) {
        const code = (error as { code?: string }).code;
        // Another migration (a parallel test run) created it first: the same outcome.
        if (code !== duplicateObject && code !== uniqueViolation)
          throw new Error(
            `Cannot create the database role ${role} for the app (${(error as Error).message}). ` +
              `Create it once as a user who may (CREATE ROLE ${role} LOGIN), or name an existing one in APP_DATABASE_ROLE.`,
          );
      }
    } else if (existing.rows[0]!.rolsuper || existing.rows[0]!.rolbypassrls) {
      throw new Error(`The database role ${role} is a superuser or bypasses row security; the app must run as an ordinary role.`);
    }
    const owner = (await client.query<{ owner: string }>("SELECT current_user AS owner")).rows[0]!.owner;
    if (owner === role)
      throw new Error(`Migrations must run as the tables' owner, not as the app's role ${role}: use MIGRATION_DATABASE_URL.`);
    if (options.password) await client.query(`ALTER ROLE ${name} WITH LOGIN PASSWORD ${client.escapeLiteral(options.password)}`);
    const ownerName = client.escapeIdentifier(owner);
    const tables = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map(
      (row) => row.name,
    );
    const statements = [
      `GRANT USAGE ON SCHEMA public TO ${name}`,
      // Starting from nothing each time, so that a grant made by hand does not linger.
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`,
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${name}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`,
      ...appendOnlyTables
        .filter((table) => tables.includes(table))
        .map((table) => `REVOKE UPDATE, DELETE ON ${client.escapeIdentifier(table)} FROM ${name}`),
      ...readOnlyTables
        .filter((table) => tables.includes(table))
        .map((table) => `REVOKE INSERT, UPDATE, DELETE ON ${client.escapeIdentifier(table)} FROM ${name}`),
      ...ownerOnlyTables
        .filter((table) => tables.includes(table))
        .map((table) => `REVOKE ALL ON ${client.escapeIdentifier(table)} FROM ${name}`),
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`,
      // Tables and sequences the owner creates later (the next migrations) follow the same rule.
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerName} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${name}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerName} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${name}`,
    ];
    await client.query("BEGIN");
    for (const statement of statements) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Applies pending migrations as the owner, then (re)grants the app's role. Returns the migrations applied. */
export async function migrateAndGrant(
  ownerUrl: string,
  role: string,
  options: { password?: string; onApplied?: (progress: MigrationProgress) => void } = {},
): Promise<string[]> {
  const applied = await applyMigrations(ownerUrl, options.onApplied);
  await grantApplicationRole(ownerUrl, role, options);
  // Data the migrations cannot compute in SQL: sources stored before near-duplicate fingerprints existed.
  await backfillSourceFingerprints(ownerUrl);
  return applied;
}
