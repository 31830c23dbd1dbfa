// Vitest global setup for HTTP and browser tests: builds the app when its
// sources changed and serves it on a free port against the run's database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp } from "@/scripts/build-app";
import { buildIsCurrent, fingerprintSources, recordBuild } from "@/scripts/build-stamp";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const environment = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: project.getProvidedContext().databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: url,
  };
  if (!(await buildIsCurrent())) {
    const sourcesBeforeBuild = await fingerprintSources();
    const build = await buildApp(environment, () => {});
    if (!build.ok) {
      console.error(build.output);
      throw new Error("next build failed; its output is above.");
    }
    await recordBuild(sourcesBeforeBuild);
  }
  // The production server (`npm start` runs the same), which decides the client address from the socket.
  const server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts"), "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: environment,
  });
  let errors = "";
  server.stderr.on("data", (chunk) => (errors += chunk));
  for (let attempt = 0; ; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`the app server exited: ${errors}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (attempt > 240) throw new Error("the app server did not answer within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  project.provide("appUrl", url);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
  };
}
