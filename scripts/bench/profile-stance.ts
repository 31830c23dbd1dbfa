// Profiles GET /api/stance on a seeded database: serves the built app
// (scripts/serve.ts) under `node --cpu-prof`, signs in, warms up, sends a fixed
// number of requests with autocannon and prints where the CPU time of the
// measured window went (scripts/bench/profile-summary.ts).
//   DATABASE_URL=… SEED_PASSWORD_VIEWER=… npx tsx scripts/bench/profile-stance.ts [REQUESTS] [QUERY]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { signInOverHttp } from "../../tests/support/http-session";

const requests = Number(process.argv[2] ?? 400);
const query = process.argv[3] ?? "";
const port = 3990 + Math.floor(Math.random() * 9);
const appUrl = `http://127.0.0.1:${port}`;
const profileDirectory = mkdtempSync(path.join(os.tmpdir(), "stance-profile-"));
const server = spawn(
  process.execPath,
  [
    "--cpu-prof",
    `--cpu-prof-dir=${profileDirectory}`,
    "--import",
    "tsx",
    path.resolve("scripts/serve.ts"),
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
  ],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: randomBytes(32).toString("base64"), NEXTAUTH_URL: appUrl },
  },
);
for (;;) {
  if (server.exitCode !== null) throw new Error("the app server exited");
  try {
    await fetch(`${appUrl}/api/auth/csrf`);
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const session = await signInOverHttp(appUrl, "viewer@stancewatch.local", process.env.SEED_PASSWORD_VIEWER ?? "");
const load = (amount: number) =>
  autocannon({ url: `${appUrl}/api/stance${query}`, connections: 8, amount, headers: { cookie: session.cookie } });
await load(100); // warm-up: JIT, connection pool, Next's route module
const from = process.hrtime.bigint() / 1000n;
const result = await load(requests);
const to = process.hrtime.bigint() / 1000n;
server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));
const profile = readdirSync(profileDirectory).find((name) => name.endsWith(".cpuprofile"))!;
const window = path.join(profileDirectory, "window.json");
writeFileSync(window, JSON.stringify({ from: Number(from), to: Number(to) }));
console.log(`${result.requests.total} requests, ${result.non2xx} not 2xx, ${result.errors} errors`);
console.log(`profile: ${path.join(profileDirectory, profile)} (measured window in ${window})`);
