// The dashboard in Chromium: the view lives in the URL, downloads hold what
// is shown, and axe-core finds no serious accessibility violations.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserTestsEnabled,
  expectNoSidewaysScroll,
  expectOnlyCrossTablesScroll,
  expectStackedRowsFit,
  gotoHydrated,
  missingChromiumMessage,
  readDownload,
  showStanceCharts,
  signedInContext,
  useBrowser,
  waitForHydration,
} from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { formatMonth } from "@/lib/dashboard/date-precision";
import { formatDate } from "@/lib/dashboard/summary";
import type { StanceSeriesResult } from "@/lib/dashboard/types";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** What the charts currently show: per chart, its statement and point counts and its text summary. */
async function readCharts(page: Page) {
  await showStanceCharts(page);
  const charts = page.locator("[data-testid^='stance-chart-']");
  return charts.evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute("data-testid"),
      statements: element.getAttribute("data-points"),
      points: element.getAttribute("data-chart-points"),
      summary: element.querySelector("canvas")?.getAttribute("aria-label"),
    })),
  );
}

/** The first chart's target, from its panel's heading id (stance-toward-<slug>). */
async function firstTargetSlug(page: Page): Promise<string> {
  const id = await page.locator("h3[id^='stance-toward-']").first().getAttribute("id");
  return id!.replace("stance-toward-", "");
}

describe.skipIf(!browserAvailable)("the dashboard in Chromium", () => {
  const browser = useBrowser();

  it("keeps the view in the URL: a filter change is a new URL, a reload shows the same charts, back returns", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await gotoHydrated(page, appUrl);
    const unfiltered = await readCharts(page);

    await page.locator("summary", { hasText: "Everyone who speaks for" }).click();
    await page.getByRole("checkbox", { name: "Iran", exact: true }).check();
    await page.waitForURL(/[?&]for=iran/);
    await page.getByLabel("From", { exact: true }).fill("2024-10-20");
    await page.waitForURL(/from=2024-10-20/);
    await page.getByLabel("To", { exact: true }).fill("2024-11-02");
    await page.waitForURL(/to=2024-11-02/);
    await page.getByLabel("Mean per").selectOption("day");
    await page.waitForURL(/unit=day/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ for: "iran", from: "2024-10-20", to: "2024-11-02", unit: "day" });

    const filtered = await readCharts(page);
    expect(filtered).not.toEqual(unfiltered);
    // Arab governments do not speak for Iran, so their statement toward Israel is gone.
    const israel = filtered.find((chart) => chart.summary?.includes("Israel"))!;
    expect(israel.summary).not.toMatch(/Arab governments/);
    expect(israel.summary).toMatch(/Ali Akbar Velayati/);
    await expect(page.getByText("Israeli strikes on Iran", { exact: false }).first().isVisible()).resolves.toBe(true);

    await page.reload();
    await waitForHydration(page);
    expect(await readCharts(page)).toEqual(filtered);

    await page.goBack();
    await page.waitForURL((current) => !current.searchParams.has("unit"));
    expect(new URL(page.url()).searchParams.get("for")).toBe("iran");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("downloads a PNG of the chart as drawn and a CSV of the points shown", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/?for=iran&target=israel&from=2024-10-20&to=2024-11-02&unit=day`);
    const [chart] = await readCharts(page);
    const canvas = page.locator("[data-testid^='stance-chart-'] canvas").first();
    const canvasSize = await canvas.evaluate((element: HTMLCanvasElement) => ({ width: element.width, height: element.height }));

    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(pngDownload.suggestedFilename()).toBe("stance-toward-israel-2024-10-20-2024-11-02.png");
    const png = await readDownload(pngDownload);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // IHDR: the image is the canvas, pixel for pixel.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(canvasSize);
    // Decoded in the page: an opaque white background with the series drawn in their colours.
    const pixels = await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const scratch = document.createElement("canvas");
        scratch.width = image.width;
        scratch.height = image.height;
        const context = scratch.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, image.width, image.height).data;
        let transparent = 0;
        let coloured = 0;
        for (let index = 0; index < data.length; index += 4) {
          if (data[index + 3]! < 255) transparent += 1;
          const [red, green, blue] = [data[index]!, data[index + 1]!, data[index + 2]!];
          if (Math.max(red, green, blue) - Math.min(red, green, blue) > 60) coloured += 1;
        }
        return { transparent, coloured };
      },
      `data:image/png;base64,${png.toString("base64")}`,
    );
    expect(pixels.transparent).toBe(0);
    expect(pixels.coloured).toBeGreaterThan(200);

    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = (await readDownload(csvDownload)).toString("utf8").trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^target,speaker,date,score/);
    expect(csv).toHaveLength(1 + Number(chart!.points));
    // The data table under the chart lists the same rows the CSV holds.
    await page.getByText("Show the data as a table").first().click();
    // The rows are made when the table opens.
    await page.getByTestId("stance-data-table").locator("tbody tr").first().waitFor();
    const tableQuotes = await page.getByTestId("stance-data-table").locator("tbody tr").count();
    expect(tableQuotes).toBe(Number(chart!.points));
    expect(csv.some((line) => line.startsWith("Israel,Ali Khamenei,2024-10-27,-0.5,"))).toBe(true);
    await context.close();
  });

  it("has no serious or critical axe-core violations, with every disclosure open", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/?for=iran&from=2024-07-01&to=2024-11-15&unit=week`);
    await readCharts(page);
    await page.evaluate(() => document.querySelectorAll("details").forEach((details) => details.setAttribute("open", "")));
    // Each chart's table makes its rows once opened: check them too.
    for (const table of await page.getByTestId("stance-data-table").all()) await table.locator("tbody tr").first().waitFor();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } })
        .axe;
      const result = await axe.run();
      return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
    });
    expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
    await context.close();
  });

  it("opens a statement in its source from the chart's data table", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/?speaker=ali-khamenei&target=israel&from=2024-10-20&to=2024-11-02`);
    await page.getByText("Show the data as a table").first().click();
    await page.getByTestId("stance-data-table").locator("tbody a").first().click();
    await page.waitForURL(/\/sources\/[^#]+#statement-/);
    await waitForHydration(page);
    // The statement is open in the side panel, not merely the page scrolled.
    await page.getByRole("heading", { name: /Statement by Ali Khamenei/ }).waitFor();
    await context.close();
  });

  for (const width of [1280, 390]) {
    it(`opens a chart's table by keyboard at ${width} px: it arrives on opening, its rows are the chart's points, and a quote opens its statement`, async () => {
      const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const query = "for=iran&from=2024-07-01&to=2024-11-15&unit=week";
      await gotoHydrated(page, `${appUrl}/?${query}`);
      const charts = await readCharts(page);
      const table = page.getByTestId("stance-data-table").first();
      // Not sent with the page: the rows are made from the chart's series when the table opens.
      expect(await table.locator("tr").count()).toBe(0);

      // From the chart's last control, Tab reaches the table's disclosure and Enter opens it.
      await page.locator("[data-stance-chart-slot]").first().getByRole("button", { name: "Download PNG" }).focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Show the data as a table");
      await page.keyboard.press("Enter");
      await table.locator("tbody tr").first().waitFor();
      // The count is announced (a status region), and matches the chart's.
      await expect(table.getByRole("status").textContent()).resolves.toBe(`${charts[0]!.points} points, by date.`);

      // Row by row, the chart's points as the data endpoint returns them for the same view and width, by date then speaker.
      const api = await page.request.get(`${appUrl}/api/stance?${query}&target=${await firstTargetSlug(page)}&width=1000`);
      const result = (await api.json()) as StanceSeriesResult;
      const expected = result.series
        .flatMap((series) =>
          series.points.map((point) => ({
            at: point.at,
            row: [
              point.statement?.datePrecision === "MONTH" ? formatMonth(point.statement.saidOn ?? point.at) : formatDate(point.at),
              series.speaker.name,
              String(point.statementCount),
              point.statement ? `“${point.statement.quote}”` : "",
            ],
          })),
        )
        .sort((first, second) => first.at.localeCompare(second.at) || first.row[1]!.localeCompare(second.row[1]!, "en"))
        .map(({ row }) => row);
      const shown = await table.locator("tbody tr").evaluateAll((rows) =>
        rows.map((row) => {
          const cells = [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "");
          return [cells[0], cells[1], cells[3], row.querySelector("a")?.textContent ?? ""];
        }),
      );
      expect(expected.length).toBeGreaterThan(1);
      expect(shown).toEqual(expected);
      // The page stays as wide as the screen; on a phone the table stacks each point into a card rather than scrolling.
      await expectNoSidewaysScroll(page, `the dashboard at ${width} px with a table open`);
      await expectOnlyCrossTablesScroll(page, `the dashboard at ${width} px with a table open`);
      expect(await expectStackedRowsFit(page, `the dashboard at ${width} px with a table open`)).toBeGreaterThan(shown.length);

      // Tab on into the table (its scrolling box, then the first quote's link); Enter opens the statement in its source.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("tbody") !== null)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/sources\/[^#]+#statement-/);
      await context.close();
    });
  }

  it("runs a chart's code only once the chart nears the screen: on a phone the later charts sit screens below", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await gotoHydrated(page, appUrl);
    // Whatever an eager load would have fetched has arrived by now.
    await page.waitForLoadState("networkidle");
    const farCharts = () =>
      page.locator("[data-stance-chart-slot]").evaluateAll((slots) =>
        slots
          // Well beyond the distance at which a chart starts loading (400 px below the screen).
          .filter((slot) => slot.getBoundingClientRect().top > window.innerHeight + 600)
          .map((slot) => ({
            drawn: slot.querySelector("canvas") !== null,
            placeholder: slot.querySelector("[aria-busy='true']") !== null,
          })),
      );
    const before = await farCharts();
    expect(before.length).toBeGreaterThan(0);
    expect(before).toEqual(before.map(() => ({ drawn: false, placeholder: true })));
    await showStanceCharts(page);
    expect(await page.locator("[data-stance-chart-slot] canvas").count()).toBe(await page.locator("[data-stance-chart-slot]").count());
    await context.close();
  });

  it("folds the filters into one line on a phone, so the first chart starts on the first screen, and keeps them open wider", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await gotoHydrated(page, `${appUrl}/?for=iran&confidence=medium`);
    const filters = page.getByRole("form", { name: "Filters" });
    const opener = filters.locator("summary").first();
    await expect(opener.textContent()).resolves.toBe("FiltersEveryone toward tracked targets · 2 more settings");
    expect((await filters.boundingBox())!.height).toBeLessThan(100);
    await expect(page.getByLabel("Mean per").isVisible()).resolves.toBe(false);
    const firstChartTop = await page.locator("[data-stance-chart-slot]").first().evaluate((slot) => slot.getBoundingClientRect().top);
    expect(firstChartTop).toBeLessThan(800);

    // Opened, the filters work as on a wide screen, and stay open across the new view.
    await opener.click();
    await page.getByLabel("Mean per").selectOption("week");
    await page.waitForURL(/unit=week/);
    await expect(page.getByLabel("Mean per").isVisible()).resolves.toBe(true);
    await expect(opener.textContent()).resolves.toBe("FiltersEveryone toward tracked targets · 3 more settings");
    await expectNoSidewaysScroll(page, "the dashboard with its filters open at 390 px");

    // Wider than a phone: no line to open, every filter on screen, although the disclosure is closed.
    await gotoHydrated(page, `${appUrl}/?for=iran`);
    await page.setViewportSize({ width: 820, height: 900 });
    await expect(opener.isVisible()).resolves.toBe(false);
    await expect(filters.locator("details").first().getAttribute("open")).resolves.toBeNull();
    for (const label of ["From", "To", "Mean per", "Minimum confidence", "Direct quotes only"])
      await expect(page.getByLabel(label, { exact: true }).isVisible(), label).resolves.toBe(true);
    await page.getByLabel("Direct quotes only").check();
    await page.waitForURL(/quotes=direct/);
    await context.close();
  });

  it("fits the speakers × targets matrix to a phone: caption and legend on screen, speakers in view while targets scroll", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await gotoHydrated(page, appUrl);
    const table = page.getByRole("table", { name: /^Mean stance .* n = codings$/ });
    await table.scrollIntoViewIfNeeded();
    const caption = page.locator("#stance-matrix-caption");
    const captionBox = (await caption.boundingBox())!;
    expect(captionBox.x + captionBox.width).toBeLessThanOrEqual(390);

    // The legend's seven steps on one line each: numbers, with the words kept for screen readers.
    const steps = page.getByRole("figure").filter({ hasText: "Colour: mean stance" }).getByRole("listitem");
    expect(await steps.allTextContents()).toEqual([
      "−3 Very hostile",
      "−2 Hostile",
      "−1 Somewhat hostile",
      "0 Neutral or mixed",
      "+1 Somewhat conciliatory",
      "+2 Conciliatory",
      "+3 Very conciliatory",
    ]);
    const stepBoxes = await steps.evaluateAll((items) => items.map((item) => item.getBoundingClientRect()));
    for (const box of stepBoxes) {
      expect(box.top).toBe(stepBoxes[0]!.top);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(stepBoxes[0]!.height).toBeLessThan(32);

    // Scrolled sideways, the speakers' column stays where it was.
    const speaker = table.getByRole("rowheader").first();
    const before = (await speaker.boundingBox())!;
    const scrolled = await table.evaluate((element) => {
      const box = element.parentElement!;
      box.scrollLeft = box.scrollWidth;
      return box.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(50);
    const after = (await speaker.boundingBox())!;
    expect(after.x).toBe(before.x);
    await context.close();
  });
});
