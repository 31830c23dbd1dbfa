// Runs in each e2e test worker before its file: waits until the app that
// tests/support/app-setup.ts builds and starts in the background answers.
// It waits for the app's own signal, not for a time: a busy machine only makes it slower.
import { existsSync, readFileSync } from "node:fs";
import { inject } from "vitest";

export type AppStatus = { state: "starting" } | { state: "ready" } | { state: "failed"; message: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** A file in which the e2e global setup says whether the app is still starting, ready or failed. */
    appStatusFile: string;
  }
}

function readStatus(file: string): AppStatus {
  // The setup renames each status into place whole, so the file is either absent or complete.
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as AppStatus) : { state: "starting" };
}

export async function waitForApp(statusFile: string): Promise<void> {
  for (;;) {
    const status = readStatus(statusFile);
    if (status.state === "ready") return;
    if (status.state === "failed") throw new Error(`The app under test did not start: ${status.message}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

await waitForApp(inject("appStatusFile"));
