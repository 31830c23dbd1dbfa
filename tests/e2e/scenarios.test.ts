// Scenario analysis in Chromium: an analyst adds an estimate, the history
// chart and the team median move, and withdrawing it moves them back.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserTestsEnabled, gotoHydrated, missingChromiumMessage, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { scenarioSetSchema } from "@/lib/scenarios/schemas";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);

const scenarioPath = "/scenarios/iran-refrains-from-immediate-military-response";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Serious and critical axe-core violations on the page as it stands, every disclosure open. */
async function seriousViolations(page: Page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => details.setAttribute("open", "")));
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return (await axe.run()).violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

async function readHistoryChart(page: Page) {
  // The chart's code loads as it nears the viewport, so bring its slot into view first.
  await page.locator("[data-probability-chart-slot]").scrollIntoViewIfNeeded();
  const chart = page.getByTestId("probability-history-chart");
  await chart.locator("canvas").waitFor();
  return { estimates: await chart.getAttribute("data-estimates"), median: await chart.getAttribute("data-team-median") };
}

describe.skipIf(!browserAvailable)("scenarios in Chromium", () => {
  const browser = useBrowser();

  it("shows the seeded scenario's indicators and evidence, takes an estimate, and moves the team median", async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("dialog", (dialog) => void dialog.accept());

    await gotoHydrated(page, `${appUrl}${scenarioPath}`);
    await page.getByRole("heading", { name: "Iran refrains from an immediate military response", level: 1 }).waitFor();
    // The seed's indicators, evaluated on the article's codings (as of its latest statement).
    await page.getByText("Iran’s officials stay restrained toward Israel").first().waitFor();
    await page.getByText("A burst of hostile statements toward Israel").first().waitFor();
    // The lead analyst's seeded 70 %.
    expect(await readHistoryChart(page)).toEqual({ estimates: "1", median: "0.7" });

    // A refused estimate says what to fix and changes nothing.
    await page.getByLabel("Probability (%)").fill("30");
    // The estimate is dated by the server; the analyst may state the date of the information used.
    await page.getByLabel("Information as of (optional)").fill("2024-10-29");
    await page.getByRole("button", { name: "Record estimate" }).click();
    await page.getByText("Rationale: say why").first().waitFor();
    expect(await readHistoryChart(page)).toEqual({ estimates: "1", median: "0.7" });

    await page
      .getByLabel("Rationale")
      .fill("Khamenei's measured tone and Baghaei's stress on diplomacy; but the right to respond is kept.");
    // What moved it: Khamenei's statement, found with the picker's search box.
    await page.locator("summary", { hasText: "Statements that moved it" }).click();
    await page.getByLabel("Find in statements that moved it").fill("measured response");
    await page.getByRole("checkbox", { name: /signalled a measured response/ }).check();
    await page.getByRole("button", { name: "Record estimate" }).click();
    // median(70 %, 30 %) = 50 %.
    await expect.poll(() => readHistoryChart(page)).toEqual({ estimates: "2", median: "0.5" });
    await page.getByRole("cell", { name: "Jonas Weber" }).first().waitFor();
    await page
      .getByRole("link", { name: /signalled a measured response/ })
      .first()
      .waitFor();

    await page.getByRole("button", { name: /Withdraw your estimate of/ }).click();
    await expect.poll(() => readHistoryChart(page)).toEqual({ estimates: "1", median: "0.7" });
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("checks a new scenario set with the route's schema in the page before any request, then adds it", async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const apiRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) apiRequests.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await gotoHydrated(page, `${appUrl}/scenarios`);
    const form = page.getByRole("form", { name: "New scenario set" });
    const add = form.getByRole("button", { name: "Add scenario set" });

    // Sent untouched: the schema is loaded by the submit itself (no field has changed yet), then refuses.
    await add.click();
    await form.getByText("Title: must not be empty").waitFor();

    await form.getByLabel("Title").fill("Gulf shipping escalation");
    await form.getByLabel("Slug").fill("Gulf Shipping!");
    await add.click();
    const refused = scenarioSetSchema.safeParse({
      title: "Gulf shipping escalation",
      slug: "Gulf Shipping!",
      description: "",
      mutuallyExclusive: false,
    });
    // The route's own message, read from the schema rather than copied here.
    const slugMessage = refused.error!.issues.find((issue) => issue.path[0] === "slug")!.message;
    await form.getByText(`Slug: ${slugMessage}`).waitFor();
    expect(await form.getByLabel("Slug").getAttribute("aria-invalid")).toBe("true");
    expect(apiRequests).toEqual([]);

    await form.getByLabel("Description").fill("How far attacks on Gulf shipping go.");
    await form.getByLabel("Slug").fill("gulf-shipping-escalation");
    await add.click();
    await expect.poll(() => form.textContent()).toMatch(/“Gulf shipping escalation” was added/);
    expect(apiRequests).toEqual(["POST /api/scenario-sets"]);
    // The refreshed list shows the new set.
    await page.getByRole("heading", { name: "Gulf shipping escalation", level: 2 }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the evidence matrix with each scenario's weighted inconsistency", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/scenarios/sets/iran-response-to-2024-10-26-strikes`);
    await page.getByRole("columnheader", { name: /Iran refrains from an immediate military response/ }).waitFor();
    await expect(page.getByRole("table").first().textContent()).resolves.toMatch(/signalled a measured response/);
    // A viewer reads the ratings; there is nothing to edit.
    expect(await page.locator("select").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
