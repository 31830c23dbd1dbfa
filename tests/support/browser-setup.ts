// Vitest global setup for browser tests: one Chromium for the whole run, which each test file connects to
// (useBrowser in browser.ts) instead of launching its own. Each test still makes its own browser context.
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { browserTestsEnabled, chromiumLaunchOptions } from "./browser";

export default async function setup(project: TestProject) {
  if (!browserTestsEnabled()) {
    project.provide("browserWsEndpoint", "");
    return;
  }
  const server = await chromium.launchServer(chromiumLaunchOptions);
  project.provide("browserWsEndpoint", server.wsEndpoint());
  return () => server.close();
}
