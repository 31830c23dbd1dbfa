// The production build served by `next start` against the scratch database,
// started the way the HTTP tests start it (tests/support/app-setup.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { buildApp } from "../build-app";
import { buildIsCurrent, fingerprintSources, recordBuild } from "../build-stamp";
import { freePort } from "../../tests/support/free-port";
import { onCleanup } from "./cleanup";

const nextBin = path.resolve("node_modules/next/dist/bin/next");
// `npm start`'s default port; another copy of the app may well be on it.
const reservedPort = 3000;

async function freePortOtherThanReserved(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port !== reservedPort) return port;
  }
}

function applicationEnvironment(databaseUrl: string, appUrl: string, settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...settings,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: appUrl,
  };
}

/** Builds the app when its sources changed since the last build (the build stamp `npm start` and the tests share). */
export async function buildIfSourcesChanged(log: (message: string) => void): Promise<{ built: boolean; seconds: number }> {
  if (await buildIsCurrent()) {
    log("the production build is current");
    return { built: false, seconds: 0 };
  }
  log("building the app (next build; a few minutes)…");
  const started = performance.now();
  const sourcesBeforeBuild = await fingerprintSources();
  let stopBuild: () => Promise<void> = async () => {};
  const build = await buildApp(
    process.env,
    (phase) => log(`build: ${phase}`),
    (child) => {
      stopBuild = onCleanup("stop next build", () => {
        if (child.exitCode === null) child.kill("SIGTERM");
      });
    },
  );
  await stopBuild();
  if (!build.ok) {
    console.error(build.output);
    throw new Error("next build failed; its output is above.");
  }
  await recordBuild(sourcesBeforeBuild);
  const seconds = (performance.now() - started) / 1000;
  log(`built in ${seconds.toFixed(0)} s`);
  return { built: true, seconds };
}

export type RunningApp = { url: string; stop: () => Promise<void> };

function signalProcessGroup(leader: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-leader, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what stopping wanted.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

async function stopProcessGroup(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  // The server leads its own process group (detached), so any worker it forked stops with it.
  signalProcessGroup(server.pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 10_000, "timeout")));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    signalProcessGroup(server.pid, "SIGKILL");
    await exited;
  }
  clearTimeout(timer);
}

/**
 * `next start` on a free port (never 3000) against `databaseUrl`, with `settings` added to its environment;
 * stopped by the returned function or by the cleanups.
 */
export async function startApp(
  databaseUrl: string,
  log: (message: string) => void,
  settings: Record<string, string> = {},
): Promise<RunningApp> {
  const port = await freePortOtherThanReserved();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: applicationEnvironment(databaseUrl, url, settings),
    detached: true,
  });
  const stop = onCleanup("stop the web server", () => stopProcessGroup(server));
  let errors = "";
  server.stderr!.on("data", (chunk) => (errors += chunk));
  for (let attempt = 0; ; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`next start exited: ${errors.trim() || `status ${server.exitCode}`}`);
    try {
      await fetch(url, { redirect: "manual" });
      break;
    } catch {
      if (attempt > 240) throw new Error("next start did not answer within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const shown = Object.entries(settings)
    .map(([name, value]) => ` ${name}=${value}`)
    .join("");
  log(`serving ${url} (next start${shown}, against the scratch database)`);
  return { url, stop };
}
