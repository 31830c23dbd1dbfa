// `npm start`: everything a newcomer needs, in one command.
//   - no DATABASE_URL: starts the embedded PostgreSQL (PGlite) on .data/postgres
//   - applies migrations, seeds an empty database, builds when sources changed
//     (the build needs no database, so it runs while the database starts, migrates and seeds)
//   - serves on http://localhost:$PORT (3000) until Ctrl-C, then stops it all
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { readDatabaseUrl, readPort } from "../lib/config/environment";
import { restrictToOwner, startEmbeddedPostgres, type EmbeddedPostgres } from "./database/embedded";
import { describeDatabaseError } from "../lib/database/errors";
import { createPrismaClient } from "../lib/database/prisma";
import { migrateAndGrant, readApplicationRole, urlAsRole } from "./database/application-role";
import { describeSeedSummary, seedFromFiles } from "../lib/seed/run-seed";
import { SeedFileError } from "../lib/seed/seed-files";
import { fail } from "./cli";
import { buildApp, type BuildResult } from "./build-app";
import { buildIsCurrent, fingerprintSources, recordBuild } from "./build-stamp";

const dataDirectory = path.resolve(".data");
const lockFile = path.join(dataDirectory, "stancewatch.pid");
const credentialsFile = path.join(dataDirectory, "credentials.json");
const secretFile = path.join(dataDirectory, "nextauth-secret");

type Credential = { email: string; role: string; password: string };

function log(message: string) {
  console.log(`▸ ${message}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    // No host: every interface, IPv4 and IPv6, as scripts/serve.ts listens.
    probe.listen(port);
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** .data/ holds the embedded database, the session secret and the seeded passwords: this user's alone (0700, files 0600). */
async function prepareDataDirectory() {
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  await restrictToOwner(dataDirectory);
}

// PGlite's files must only be opened by one process at a time.
async function takeDataLock() {
  await prepareDataDirectory();
  if (existsSync(lockFile)) {
    const pid = Number(await readFile(lockFile, "utf8"));
    if (Number.isInteger(pid) && processIsAlive(pid))
      fail(`Stancewatch is already running on this data folder (process ${pid}). Stop it first.`);
  }
  await writeFile(lockFile, String(process.pid), { mode: 0o600 });
}

async function connects(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkConnection(url: string) {
  const error = await connects(url);
  if (error) fail(`Cannot use DATABASE_URL: ${describeDatabaseError(error, url)}`);
}

/**
 * The URL the web app connects with: DATABASE_URL as given when migrations have their own
 * (MIGRATION_DATABASE_URL); otherwise DATABASE_URL is the owner's, and the app gets the same
 * server as its own role when the server lets that role in.
 */
async function applicationUrl(url: string, role: string): Promise<string> {
  if (process.env.MIGRATION_DATABASE_URL || new URL(url).username === role) return url;
  const asRole = urlAsRole(url, role, process.env.APP_DATABASE_PASSWORD);
  const error = await connects(asRole);
  if (!error) {
    log(`The web app connects as the database role ${role} (it cannot alter tables or the audit trail).`);
    return asRole;
  }
  console.warn(
    `⚠ The web app connects as the tables' owner, because the role ${role} cannot sign in (${describeDatabaseError(error, asRole)}). ` +
      "Set APP_DATABASE_PASSWORD, or DATABASE_URL to the role and MIGRATION_DATABASE_URL to the owner (README, Production).",
  );
  return url;
}

async function seedIfEmpty(url: string, keepCredentials: boolean): Promise<Credential[]> {
  const db = createPrismaClient(url, { maxConnections: 2 });
  try {
    const [users, actors] = await Promise.all([db.user.count(), db.actor.count()]);
    if (users === 0 && actors === 0) {
      log("Empty database: seeding it from seeds/ (the FT article of 28 October 2024)…");
      const summary = await seedFromFiles(db);
      log(describeSeedSummary(summary));
      const credentials = summary.newUsers.map(({ email, role, password }) => ({ email, role, password }));
      if (keepCredentials) {
        // Only the embedded development database keeps its generated passwords, so
        // every start can print how to sign in; a real server's are shown once.
        await writeFile(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
      }
      return credentials;
    }
  } catch (error) {
    fail(
      error instanceof SeedFileError ? `Seed aborted: ${error.message}` : `Cannot seed the database: ${describeDatabaseError(error, url)}`,
    );
  } finally {
    await db.$disconnect();
  }
  if (keepCredentials && existsSync(credentialsFile)) return JSON.parse(await readFile(credentialsFile, "utf8")) as Credential[];
  return [];
}

/** NEXTAUTH_SECRET from the environment, or one generated once and kept in .data/ so sessions survive restarts. */
async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  await prepareDataDirectory();
  if (existsSync(secretFile)) return (await readFile(secretFile, "utf8")).trim();
  const secret = randomBytes(32).toString("base64");
  await writeFile(secretFile, secret, { mode: 0o600 });
  return secret;
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 240 && child.exitCode === null; attempt += 1) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * Builds the app when a source changed since the last build, printing a line per phase. The build reads no
 * database and no secret (every page is rendered per request), so it is given neither.
 */
async function buildIfSourcesChanged(onSpawn: (build: ChildProcess) => void): Promise<BuildResult> {
  if (await buildIsCurrent()) {
    log("The build is current (no source changed since the last one).");
    return { ok: true, output: "" };
  }
  const sourcesBeforeBuild = await fingerprintSources();
  log("Building the app (first start, or the sources changed)…");
  const started = performance.now();
  const build = await buildApp({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, (phase) => log(`  build: ${phase}`), onSpawn);
  if (build.ok) {
    await recordBuild(sourcesBeforeBuild);
    log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  }
  return build;
}

async function main() {
  let port: number;
  let configuredUrl: string | undefined;
  let role: string;
  try {
    port = readPort(process.env);
    configuredUrl = readDatabaseUrl(process.env);
    role = readApplicationRole(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  if (!(await portIsFree(port)))
    fail(`Port ${port} is already in use. Stop whatever is using it, or start on another port: PORT=3001 npm start`);

  const running: { server?: ChildProcess; build?: ChildProcess } = {};
  // Whatever ends this process (a failed check calls process.exit) ends a build still running.
  process.on("exit", () => running.build?.kill("SIGTERM"));
  // Started before migrating and seeding: on a fresh clone the build is most of the wait, and it needs no
  // database. Not before the checks that end a start at once, though: with the embedded database, once this
  // process holds the data folder's lock (a second `npm start` refused as "already running" must not rebuild
  // .next under the running one); with DATABASE_URL, once the server answers.
  const startBuilding = () => buildIfSourcesChanged((build) => (running.build = build));
  let building: Promise<BuildResult>;

  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  if (configuredUrl) {
    url = configuredUrl;
    log("Using the PostgreSQL server in DATABASE_URL.");
    // Once the server answers: a wrong DATABASE_URL ends the start at once, with no build begun.
    await checkConnection(process.env.MIGRATION_DATABASE_URL || url);
    building = startBuilding();
  } else {
    await takeDataLock();
    building = startBuilding();
    log("No DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres)…");
    embedded = await startEmbeddedPostgres({ dataDirectory: path.join(dataDirectory, "postgres") });
    url = embedded.url;
    log("The embedded PostgreSQL is ready; checking for migrations to apply…");
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const build = running.build;
    if (build && build.exitCode === null && build.signalCode === null) {
      build.kill("SIGTERM");
      await new Promise((resolve) => build.once("exit", resolve));
    }
    const server = running.server;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    await embedded?.stop();
    if (embedded) await rm(lockFile, { force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const migrationUrl = (configuredUrl && process.env.MIGRATION_DATABASE_URL) || url;
  try {
    const applied = await migrateAndGrant(migrationUrl, role, {
      password: process.env.APP_DATABASE_PASSWORD,
      onApplied: ({ name, milliseconds }) => log(`Applied migration ${name} (${(milliseconds / 1000).toFixed(1)} s)`),
    });
    log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
  } catch (error) {
    console.error(`✖ Cannot migrate the database: ${describeDatabaseError(error, migrationUrl)}`);
    return stop(1);
  }
  const credentials = await seedIfEmpty(url, embedded !== undefined);
  if (embedded) await embedded.actAs(role);
  else url = await applicationUrl(url, role);

  const environment = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: await authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const build = await building;
  if (!build.ok) {
    console.error(build.output);
    console.error("✖ The build failed; Next's output is above.");
    return stop(1);
  }

  // scripts/serve.ts rather than `next start`: it decides the client address from the socket (see README, TRUSTED_PROXIES).
  const server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts"), "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: environment,
  });
  running.server = server;
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`✖ The web server stopped unexpectedly (exit code ${code}).`);
      void stop(code ?? 1);
    }
  });
  const address = `http://localhost:${port}`;
  if (!(await waitUntilServing(address, server))) return stop(1);

  console.log(`\n  Stancewatch is running at ${address}\n`);
  if (credentials.length) {
    console.log(`  Sign in at ${address}/sign-in with one of the seeded accounts:`);
    for (const credential of credentials)
      console.log(`    ${credential.role.padEnd(8)} ${credential.email.padEnd(36)} ${credential.password}`);
    if (!embedded) console.log("  These generated passwords are shown only this once.");
  } else if (!embedded) {
    console.log("  Sign in with your account (create the first admin with npm run user:create).");
  }
  console.log("\n  Press Ctrl-C to stop.\n");
}

await main();
