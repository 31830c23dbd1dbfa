// An analyst's track record in Chromium: from a resolved scenario's scores to
// the analyst's page, with its calibration chart and the questions behind it.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  browserTestsEnabled,
  expectNoSidewaysScroll,
  expectOnlyCrossTablesScroll,
  expectStackedRowsFit,
  gotoHydrated,
  missingChromiumMessage,
  signedInContext,
  useBrowser,
} from "../support/browser";
import { createScenario, createScenarioSet, createUser } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);

const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe.skipIf(!browserAvailable)("the track record page in Chromium", () => {
  const browser = useBrowser();

  it("is reached from a resolved scenario's scores and shows the scores, the calibration chart and the questions behind it", async () => {
    // Recorded straight into the database with past dates, as the seed's estimates are: the app would date them today.
    const forecaster = await createUser(db);
    const teammate = await createUser(db);
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id, { title: "The talks resume" });
    await db.scenarioEstimate.createMany({
      data: [
        { scenarioId: scenario.id, analystId: forecaster.id, probability: 0.8, rationale: "x", estimatedOn: day("2024-11-01") },
        { scenarioId: scenario.id, analystId: teammate.id, probability: 0.4, rationale: "x", estimatedOn: day("2024-11-01") },
      ],
    });
    await db.scenario.update({ where: { id: scenario.id }, data: { status: "RESOLVED_YES", resolvedOn: day("2024-11-02") } });

    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await gotoHydrated(page, `${appUrl}/scenarios/${scenario.slug}`);
    const scores = page.getByRole("region", { name: "Scores: Brier (0–2) and log" });
    await scores.getByRole("columnheader", { name: "Brier (0–2)" }).waitFor();
    await scores.getByRole("link", { name: forecaster.name }).click();

    await page.getByRole("heading", { name: `Track record: ${forecaster.name}`, level: 1 }).waitFor();
    expect(page.url()).toBe(`${appUrl}/analysts/${forecaster.id}`);
    const chart = page.getByTestId("calibration-chart");
    await chart.locator("canvas").waitFor();
    // One question, forecast at 80 % throughout: one bin.
    expect(await chart.getAttribute("data-bins")).toBe("1");
    await expect(page.getByTestId("calibration-question-count").textContent()).resolves.toMatch(/Based on 1 resolved question\./);
    // 2(0.8 − 1)² = 0.080 on both days; the median of 0.08 and 2(0.4 − 1)² = 0.72 is 0.4, so 0.08 − 0.4 = −0.320.
    const summary = page.getByTestId("track-record-summary");
    await expect(summary.textContent()).resolves.toContain("0.080");
    await expect(summary.textContent()).resolves.toContain("\u22120.320");
    await page.getByRole("link", { name: "The talks resume" }).waitFor();

    // An analyst with nothing resolved gets an empty state, not an empty chart.
    const newcomer = await createUser(db);
    await gotoHydrated(page, `${appUrl}/analysts/${newcomer.id}`);
    await page.getByText("has no forecasts on a resolved scenario yet").waitFor();
    expect(await page.getByTestId("calibration-chart").count()).toBe(0);

    // On a phone the scores, the questions and the calibration bins stack each row into a card of labelled figures.
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of [`/scenarios/${scenario.slug}`, `/analysts/${forecaster.id}`]) {
      await gotoHydrated(page, `${appUrl}${path}`);
      await expectNoSidewaysScroll(page, `${path} at 390 px`);
      await expectOnlyCrossTablesScroll(page, `${path} at 390 px`);
      expect(await expectStackedRowsFit(page, `${path} at 390 px`), path).toBeGreaterThanOrEqual(5);
    }
    const brier = page.locator("table.stack-on-phone td[data-label='Brier (0–2)']").first();
    await gotoHydrated(page, `${appUrl}/scenarios/${scenario.slug}`);
    // The figure sits under its column's name, on the card of its forecaster.
    await expect(brier.evaluate((cell) => getComputedStyle(cell, "::before").content)).resolves.toBe('"Brier (0–2)"');
    expect((await brier.boundingBox())!.y).toBeGreaterThan((await page.getByRole("rowheader", { name: forecaster.name }).boundingBox())!.y);

    const missing = await gotoHydrated(page, `${appUrl}/analysts/no-such-analyst`);
    expect(missing?.status()).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});
