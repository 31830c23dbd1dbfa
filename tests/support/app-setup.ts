// Vitest global setup for HTTP and browser tests: builds the app when its
// sources changed and serves it, one server per lane (see lane.ts), each on a
// free port against its lane's database.
//
// Vitest runs every project's global setup before any test file, so waiting
// here for the build (a minute or more on two cores) would hold up the unit,
// component and integration tests too. Instead the build and the server start
// in the background and the setup returns at once; each e2e test file waits in
// tests/support/app-ready.ts until the app answers (or fails), by then usually
// long done, since the e2e files run last.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp } from "@/scripts/build-app";
import { buildIsCurrent, fingerprintSources, recordBuild } from "@/scripts/build-stamp";
import type { AppStatus } from "./app-ready";
import { freePort } from "./free-port";
import type { TestLane } from "./lane";

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export default async function setup(project: TestProject) {
  const lanes = project.getProvidedContext().lanes;
  const ports: number[] = [];
  // One at a time, so that two lanes are never handed the same free port.
  while (ports.length < lanes.length) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const statusFile = path.join(os.tmpdir(), `stancewatch-app-${process.pid}-${ports[0]}.json`);
  // Written aside and renamed into place, so a worker reading it never sees half a file.
  const report = (status: AppStatus) => {
    writeFileSync(`${statusFile}.next`, JSON.stringify(status));
    renameSync(`${statusFile}.next`, statusFile);
  };
  report({ state: "starting" });
  const nextAuthSecret = randomBytes(32).toString("base64");
  const environmentOf = (lane: TestLane, url: string) => ({
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: lane.databaseUrl,
    NEXTAUTH_SECRET: nextAuthSecret,
    NEXTAUTH_URL: url,
  });
  const running: { servers: ChildProcess[]; build?: ChildProcess; stopping: boolean } = { servers: [], stopping: false };

  async function serve(lane: TestLane, port: number, url: string): Promise<void> {
    const serverStarted = performance.now();
    // The production server (`npm start` runs the same), which decides the client address from the socket.
    const server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts"), "-p", String(port), "-H", "127.0.0.1"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: environmentOf(lane, url),
    });
    running.servers.push(server);
    let errors = "";
    server.stderr.on("data", (chunk) => (errors += chunk));
    // Ready when it answers; no deadline of its own: on a busy machine that only takes longer, and if it
    // exits instead, its error output says why.
    for (;;) {
      if (running.stopping) return;
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the app server exited: ${errors}`);
      try {
        await fetch(url);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    console.info(`test setup: app server ${url} answering after ${seconds(serverStarted)}`);
  }

  async function buildAndServe(): Promise<void> {
    const started = performance.now();
    if (await buildIsCurrent()) {
      console.info("test setup: the app's build is current (no source changed since it was built)");
    } else {
      const sourcesBeforeBuild = await fingerprintSources();
      const build = await buildApp(
        environmentOf(lanes[0]!, urls[0]!),
        () => {},
        (child) => (running.build = child),
      );
      if (running.stopping) return;
      if (!build.ok) throw new Error(`next build failed:\n${build.output}`);
      await recordBuild(sourcesBeforeBuild);
      console.info(`test setup: next build ${seconds(started)}`);
    }
    await Promise.all(lanes.map((lane, index) => serve(lane, ports[index]!, urls[index]!)));
  }

  const ready = buildAndServe().then(
    () => report({ state: "ready" }),
    (error: unknown) => report({ state: "failed", message: (error as Error).message }),
  );
  project.provide(
    "lanes",
    lanes.map((lane, index) => ({ ...lane, appUrl: urls[index]! })),
  );
  project.provide("appStatusFile", statusFile);
  return async () => {
    running.stopping = true;
    running.build?.kill("SIGTERM");
    await ready;
    for (const server of running.servers) {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill("SIGTERM");
        await new Promise((resolve) => server.once("exit", resolve));
      }
    }
    rmSync(statusFile, { force: true });
  };
}
