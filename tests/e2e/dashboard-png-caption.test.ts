// The dashboard's exported PNG carries its caption (window, unit, n, filters,
// source line, export date), so it stands alone when pasted into a brief: the
// text Chart.js draws while exporting is recorded through the canvas's own
// fillText, and the downloaded image's bottom band holds ink that the chart on
// the page (caption hidden again) does not.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { truncate } from "@/components/format";
import { formatDate } from "@/lib/dashboard/summary";
import { browserTestsEnabled, gotoHydrated, readDownload, showStanceCharts, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;

/** Dark pixels in the bottom `rows` rows of an image, decoded in the page. */
async function inkInBottomBand(page: Page, dataUrl: string, rows: number): Promise<number> {
  return page.evaluate(
    async ({ url, band }) => {
      const image = new Image();
      image.src = url;
      await image.decode();
      const scratch = document.createElement("canvas");
      scratch.width = image.width;
      scratch.height = image.height;
      const context = scratch.getContext("2d")!;
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, image.width, image.height);
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, image.height - band, image.width, band).data;
      let dark = 0;
      for (let index = 0; index < data.length; index += 4) if (data[index]! + data[index + 1]! + data[index + 2]! < 300) dark += 1;
      return dark;
    },
    { url: dataUrl, band: rows },
  );
}

/** Where a string was drawn on a canvas, in canvas pixels. */
type DrawnText = { text: string; left: number; right: number; top: number; bottom: number; frame: number };

/**
 * Records every string drawn on a canvas, with its box, once the page says so (window.__recordText, set just before
 * exporting: the export draws the chart's final frame at once, with no animation under way).
 */
async function recordDrawnText(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const drawn: DrawnText[] = [];
    (window as unknown as { __drawnText: DrawnText[] }).__drawnText = drawn;
    // Chart.js clears the whole canvas before drawing each frame.
    let frame = 0;
    const clearRect = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (x: number, y: number, width: number, height: number) {
      if (x === 0 && y === 0) frame += 1;
      return clearRect.call(this, x, y, width, height);
    };
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      if ((window as unknown as { __recordText?: boolean }).__recordText) {
        // Chart.js translates the context for some text (axis ticks); the box is where the text lands.
        const box = this.measureText(String(text));
        const { e: shiftX, f: shiftY } = this.getTransform();
        drawn.push({
          text: String(text),
          left: shiftX + x - box.actualBoundingBoxLeft,
          right: shiftX + x + box.actualBoundingBoxRight,
          top: shiftY + y - box.actualBoundingBoxAscent,
          bottom: shiftY + y + box.actualBoundingBoxDescent,
          frame,
        });
      }
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
}

async function drawnText(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => (window as unknown as { __drawnText: DrawnText[] }).__drawnText);
}

describe.skipIf(!browserTestsEnabled())("the dashboard's exported PNG, in Chromium", () => {
  const browser = useBrowser();

  for (const width of [1280, 390]) {
    it(`carries a caption with the window, n, filters, source and export date at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
      try {
        // Every string drawn on a canvas is recorded once the test says so (just before exporting).
        await recordDrawnText(context);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, `${appUrl}/?for=iran&target=israel&from=2024-10-20&to=2024-11-02&unit=day`);
        await showStanceCharts(page);
        const chart = page.locator("[data-testid^='stance-chart-']").first();
        const statements = await chart.getAttribute("data-points");
        const onPage = await chart
          .locator("canvas")
          .evaluate((canvas: HTMLCanvasElement) => ({ url: canvas.toDataURL("image/png"), width: canvas.width, height: canvas.height }));

        await page.evaluate(() => ((window as unknown as { __recordText: boolean }).__recordText = true));
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download PNG" }).first().click(),
        ]);
        const drawn = (await drawnText(page)).map((entry) => entry.text);
        const png = await readDownload(download);
        expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
        expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: onPage.width, height: onPage.height });

        const today = formatDate(new Date().toISOString().slice(0, 10));
        const caption = drawn.join("\n");
        expect(caption).toContain(`20 Oct 2024 to 2 Nov 2024 · mean per day · n = ${statements} statement`);
        expect(caption).toMatch(/Source: Stancewatch codings of public statements/);
        expect(caption).toContain(`Exported ${today}.`);
        // The filters line says whose statements these are (the URL's "for=iran": everyone speaking for Iran).
        expect(drawn.find((line) => line.startsWith("Filters:"))).toMatch(/^Filters: .*Iran/);

        // The caption is ink at the bottom of the image; the chart on the page has no such band.
        const band = Math.round(onPage.height * 0.08);
        const exportedInk = await inkInBottomBand(page, `data:image/png;base64,${png.toString("base64")}`, band);
        const pageInk = await inkInBottomBand(page, onPage.url, band);
        expect(exportedInk).toBeGreaterThan(pageInk + 50);
      } finally {
        await context.close();
      }
    });
  }

  for (const width of [1280, 390]) {
    it(`labels the events' lines without drawing one label over another at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
      try {
        await recordDrawnText(context);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, appUrl);
        await showStanceCharts(page);
        const titles = await page.getByTestId("event-timeline").locator("strong").allTextContents();
        expect(titles.length).toBeGreaterThan(4);
        const labels = new Set(titles.map((title) => truncate(title, 26)));

        await page.evaluate(() => ((window as unknown as { __recordText: boolean }).__recordText = true));
        await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).first().click()]);
        // The export draws the chart twice, with its caption for the image and without it again for the page.
        const recorded = await drawnText(page);
        const drawn = recorded.filter((entry) => entry.frame === recorded[0]!.frame);
        const drawnLabels = drawn.filter((entry) => labels.has(entry.text));
        // Labels are left off only for want of room, so at least one a row is drawn. (Other tests in the lane add
        // events, on dates of their own, so how many fit is not fixed.)
        expect(drawnLabels.length).toBeGreaterThanOrEqual(Math.min(titles.length, 4));
        for (const [index, first] of drawnLabels.entries()) {
          for (const second of drawnLabels.slice(index + 1)) {
            const apart =
              first.right <= second.left || second.right <= first.left || first.bottom <= second.top || second.bottom <= first.top;
            expect(apart, `"${first.text}" and "${second.text}" drawn over each other`).toBe(true);
          }
        }
        // The y axis names the scores in words where there is room for them, and gives the numbers alone on a phone.
        const axisText = drawn.map((entry) => entry.text);
        expect(axisText).toContain(width >= 1000 ? "+3 Very conciliatory" : "+3");
        if (width < 1000) expect(axisText).not.toContain("+3 Very conciliatory");
      } finally {
        await context.close();
      }
    });
  }
});
