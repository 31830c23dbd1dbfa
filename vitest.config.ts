import path from "node:path";
import { defineConfig } from "vitest/config";
import SlowestFirstSequencer from "./tests/support/slowest-first-sequencer.ts";

// Four projects: unit (pure logic), component (React in a simulated DOM), integration (a fresh real PostgreSQL
// database per run) and e2e (the built app in Debian's Chromium).
//
// Integration and e2e files run in lanes (tests/support/lane.ts): two files at once, each on its own copy of the
// database (and, for e2e, its own app server), claimed by its worker (docs/decisions/0041). One lane on the
// embedded database (no TEST_DATABASE_URL), which has no template to copy and one session for every connection.
const lanes = process.env.TEST_DATABASE_URL ? 2 : 1;
// A lane's worker runs its files one after another in one process (isolate: false), so each file no longer pays
// for a process and for importing the data layer and the generated Prisma client again (about a second a file).
// The files of a worker share its modules: the data layer with its one client on the lane's database, the
// support modules, fetch's connections (tests/support/fresh-connections.ts); a file that fakes the clock or
// changes a module restores it before it ends.
const shared = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server-only throws outside React's server build; tests call the data layer directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
};

export default defineConfig({
  test: {
    // The longest files first in each project, so both lanes stay busy to the end (tests/support/slowest-first-sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      // Projects run in their groupOrder: unit and component together (1), then integration (2), then e2e (3).
      // The e2e setup builds the app in the background meanwhile, so the browser tests, run last, find it ready.
      // Without an order vitest puts the slowest files first (the e2e ones, which would then wait for the build
      // with nothing else to run) and, on two cores, the unit and component files last. Unit and component files
      // share the cores with that build, so they get 20 s per test rather than vitest's 5 (the slowest, zxcvbn's
      // first password check, took 4.7 s at a load average of 20). Two workers: vitest's default on two cores is
      // one, which left a core to the build alone. Unit and component files share a worker's modules too
      // (isolate: false): importing React, happy-dom and zod again for every file was most of their time (52 s
      // alone on this machine, 19 s shared). The files that fake a module or a global (next/navigation, fetch)
      // restore it in afterEach, and the suites pass in shuffled orders.
      {
        ...shared,
        test: {
          name: "unit",
          isolate: false,
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
          testTimeout: 20_000,
        },
      },
      // React components in a simulated DOM (happy-dom): render, keyboard, errors, ARIA. No server, no browser.
      {
        ...shared,
        test: {
          name: "component",
          isolate: false,
          include: ["tests/component/**/*.test.tsx"],
          environment: "happy-dom",
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
          testTimeout: 20_000,
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/database-setup.ts"],
          setupFiles: ["tests/support/database-environment.ts", "tests/support/memory-watch.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The e2e build runs meanwhile.
          maxWorkers: lanes,
          isolate: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        ...shared,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // app-setup builds and starts the app in the background; app-ready makes each file wait for it.
          // browser-setup launches the run's one Chromium, to which each file connects.
          globalSetup: ["tests/support/database-setup.ts", "tests/support/app-setup.ts", "tests/support/browser-setup.ts"],
          setupFiles: [
            "tests/support/database-environment.ts",
            "tests/support/app-ready.ts",
            "tests/support/fresh-connections.ts",
            "tests/support/memory-watch.ts",
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll waits here follow the app's work (a save landing, a page refreshing): on a busy machine
          // that takes longer, so they wait as long as Playwright's own waits do, not vitest's default second.
          expect: { poll: { timeout: 30_000 } },
          maxWorkers: lanes,
          isolate: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
