// Bad configuration gets one line that says what to do, never a stack trace.
import { execFile } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

async function runScript(script: string, environment: Record<string, string>, args: string[] = []) {
  // The run's own database must not leak into a test of bad configuration.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { env: { ...inherited, ...environment }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("command-line errors", () => {
  it("npm start: a port already taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runScript("scripts/start.ts", { PORT: String(port) });
      expect(result.code).toBe(1);
      expectOneLineError(result.stderr, new RegExp(`^✖ Port ${port} is already in use\\. .*PORT=3001 npm start$`));
    } finally {
      blocker.close();
    }
  });

  it("npm start: an unreachable DATABASE_URL", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "0.0.0.0", () => {
        const free = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const result = await runScript("scripts/start.ts", { PORT: String(port), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(result.code).toBe(1);
    expectOneLineError(
      result.stderr,
      /^✖ Cannot use DATABASE_URL: nothing is listening at postgresql:\/\/postgres@127\.0\.0\.1:1\/nowhere\. Is PostgreSQL running/,
    );
  });

  it("npm start: a DATABASE_URL that is not PostgreSQL's", async () => {
    const result = await runScript("scripts/start.ts", { DATABASE_URL: "mysql://root@localhost/app" });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^✖ DATABASE_URL must be a postgresql:\/\/ URL; got a mysql:\/\/ one$/);
  });

  it("db:migrate and prisma db seed: an unreachable or missing database", async () => {
    const migrate = await runScript("scripts/migrate.ts", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" }, ["deploy"]);
    expect(migrate.code).toBe(1);
    // Migrations read _prisma_migrations before starting the engine, so the driver's refusal is described.
    expectOneLineError(
      migrate.stderr,
      /^✖ Could not migrate the database: nothing is listening at postgresql:\/\/postgres@127\.0\.0\.1:1\/nowhere\. Is PostgreSQL running/,
    );

    const seed = await runScript("prisma/seed.ts", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(seed.code).toBe(1);
    expectOneLineError(seed.stderr, /^✖ Seed aborted, nothing was written: could not seed the database: nothing is listening at/);

    const unset = await runScript("prisma/seed.ts", {});
    expect(unset.code).toBe(1);
    expectOneLineError(unset.stderr, /^✖ DATABASE_URL is not set\./);
  });
});
