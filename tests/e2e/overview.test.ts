import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  browserTestsEnabled,
  gotoHydrated,
  missingChromiumMessage,
  signedInContext,
  showStanceCharts,
  useBrowser,
} from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);

describe.skipIf(!browserAvailable)("overview page in Chromium", () => {
  const browser = useBrowser();

  it("draws the seeded codings toward each tracked target, with events marked", async () => {
    const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 1 });
    const targets = await db.actor.findMany({ where: { isTrackedTarget: true }, select: { id: true, name: true } });
    const statementsPerTarget = new Map<string, number>();
    for (const target of targets) {
      const statements = await db.stanceCoding.findMany({
        // What the chart draws: live codings of live statements in live sources (other files may leave deleted ones).
        where: { targetId: target.id, deletedAt: null, statement: { deletedAt: null, source: { deletedAt: null } } },
        distinct: ["statementId"],
        select: { statementId: true },
      });
      statementsPerTarget.set(target.id, statements.length);
    }
    await db.$disconnect();
    expect(targets.map((target) => target.name).sort()).toEqual(["Europe", "Israel", "United States"]);

    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await gotoHydrated(page, appUrl);
    expect(response?.status()).toBe(200);

    // Each chart's code loads as it nears the viewport: bring every one into view first.
    await showStanceCharts(page);
    for (const target of targets) {
      const chart = page.getByTestId(`stance-chart-${target.id}`);
      await chart.locator("canvas").waitFor();
      // The chart's points come from the database, not from the page's code.
      expect(Number(await chart.getAttribute("data-points"))).toBe(statementsPerTarget.get(target.id));
      expect(statementsPerTarget.get(target.id)).toBeGreaterThan(0);
      // Chart.js has drawn: the canvas holds non-blank pixels.
      const inked = await chart.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
        const context = canvas.getContext("2d")!;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) count += 1;
        return count;
      });
      expect(inked).toBeGreaterThan(1000);
    }
    await expect(page.getByText("Israeli strikes on Iran", { exact: false }).first().isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
