// Issue 16's sections of `npm run bench`: the dashboard page at a million
// codings (on the corpus's running app), and, on the seed in an app of its
// own, the stance endpoint's throughput against the framework's floor and
// Lighthouse scores. Each can run alone: `npm run bench -- throughput`,
// `npm run bench -- lighthouse`, `npm run bench -- dashboard-page [--reuse]`.
import os from "node:os";
import { signInOverHttp, type HttpSession } from "../../tests/support/http-session";
import { buildIfSourcesChanged, startApp } from "./app-server";
import { measureDashboardPage } from "./dashboard-page";
import { measureLighthouse } from "./lighthouse";
import { prepareSeedDatabase } from "./seed-app";
import {
  dashboardPageVerdict,
  lighthouseVerdicts,
  renderDashboardPage,
  renderLighthouse,
  renderThroughput,
  throughputVerdict,
  writeSpeedSection,
  type SectionContext,
  type SpeedVerdict,
} from "./speed-report";
import { measureThroughput } from "./throughput";

export const seedSections = ["throughput", "lighthouse"] as const;
export type SeedSection = (typeof seedSections)[number];

type Log = { heading: (message: string) => void; detail: (message: string) => void };

const context = (command: string): SectionContext => ({ measuredAt: new Date(), command, processors: os.availableParallelism() });

function printVerdicts(results: SpeedVerdict[]): void {
  for (const result of results) console.log(`  ${result.goal}: ${result.measured}  ${result.passed ? "PASS" : "MISS"}`);
}

/** The dashboard page on an app already serving the corpus, signed in. */
export async function benchDashboardPage(session: HttpSession, command: string, log: Log): Promise<void> {
  log.heading("Dashboard page at a million codings (server time)");
  const figures = await measureDashboardPage(session, "/", log.detail);
  printVerdicts([dashboardPageVerdict(figures)]);
  console.log(`  Figures written to ${await writeSpeedSection("dashboard-page", renderDashboardPage(figures, context(command)))}`);
}

/** Builds the seed's database and an app on it, then runs the given sections against it. */
export async function benchOnSeed(benchDatabaseUrl: string, sections: readonly SeedSection[], command: string, log: Log): Promise<void> {
  log.heading("The seed, served by next start");
  const seed = await prepareSeedDatabase(benchDatabaseUrl, log.detail);
  await buildIfSourcesChanged(log.detail);
  const app = await startApp(seed.url, log.detail);
  try {
    const session = await signInOverHttp(app.url, seed.administrator.email, seed.administrator.password);
    if (sections.includes("throughput")) {
      log.heading("Stance endpoint throughput against /api/auth/csrf (seed, 32 clients)");
      const figures = await measureThroughput(app.url, "/api/stance", session.cookie, log.detail);
      printVerdicts([throughputVerdict(figures)]);
      console.log(`  Figures written to ${await writeSpeedSection("throughput", renderThroughput(figures, context(command)))}`);
    }
    if (sections.includes("lighthouse")) {
      log.heading("Lighthouse, mobile preset (seed)");
      const figures = await measureLighthouse(app.url, session.cookie, log.detail);
      printVerdicts(lighthouseVerdicts(figures));
      console.log(`  Figures written to ${await writeSpeedSection("lighthouse", renderLighthouse(figures, context(command)))}`);
    }
  } finally {
    await app.stop();
  }
}
