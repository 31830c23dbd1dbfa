import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  browserTestsEnabled,
  expectNoSeriousAxeViolations,
  expectNoSidewaysScroll,
  gotoHydrated,
  saveScreenshot,
  signedInContext,
  useBrowser,
  waitForHydration,
} from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

const persian = readFileSync("tests/fixtures/translation/araghchi-muscat.fa.txt", "utf8").trim();
const english = readFileSync("tests/fixtures/translation/araghchi-muscat.en.txt", "utf8").trim();
const threat = "ما هیچ‌گاه میز مذاکره را ترک نکرده‌ایم، اما زبان تهدید را نمی‌پذیریم.";

/** Selects words in the original as a mouse drag would, and lets go. */
async function selectInOriginal(page: Page, words: string) {
  await page.evaluate((words) => {
    const container = document.querySelector('[data-testid="original-text"]')!;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(words);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new PointerEvent("pointerup", { bubbles: true }));
      return;
    }
    throw new Error(`not in the original: ${words}`);
  }, words);
}

const direction = (page: Page, testId: string) =>
  page
    .locator(`[data-testid="${testId}"]`)
    .first()
    .evaluate((element) => getComputedStyle(element).direction);

describe.skipIf(!browserTestsEnabled())("a Persian source with its English translation, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("is entered with its translation, reads right to left beside it, and the panel shows the aligned passage at 1280 and 390 px", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const marker = `Araghchi in Muscat ${Date.now()}`;

    await gotoHydrated(page, `${appUrl}/sources/new`);
    await page.locator("#source-title").fill(marker);
    await page.locator("#source-publisher").fill("Hamshahri");
    await page.locator("#source-publishedOn").fill("2026-11-23");
    await page.locator("#source-language").fill("fa");
    await page.locator("#source-text").fill(`${persian}\n\n${marker}`);
    await page.locator("#source-translation").fill(`${english}\n\n${marker}`);
    await page.getByRole("button", { name: "Save source" }).click();
    await page.waitForURL(/\/sources\/(?!new$)[^/]+$/);
    await waitForHydration(page);
    const source = await db.source.findFirstOrThrow({ where: { title: marker } });
    expect(source).toMatchObject({ language: "fa", translationLanguage: "en", translation: `${english}\n\n${marker}` });
    const sourceUrl = page.url();

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await gotoHydrated(page, sourceUrl);
      const original = page.locator('[data-testid="original-text"]');
      await original.waitFor().catch(async (error: unknown) => {
        console.log(page.url(), (await page.locator("body").innerText()).slice(0, 1500));
        throw error;
      });
      expect(await original.getAttribute("lang")).toBe("fa");
      expect(await original.getAttribute("dir")).toBe("rtl");
      expect(await direction(page, "original-text")).toBe("rtl");
      expect(await direction(page, "translation-text")).toBe("ltr");
      // Side by side on a wide screen, stacked on a phone.
      const [originalBox, translationBox] = await Promise.all([
        original.boundingBox(),
        page.locator('[data-testid="translation-text"]').boundingBox(),
      ]);
      if (width === 1280) expect(translationBox!.x).toBeGreaterThan(originalBox!.x + originalBox!.width - 1);
      else expect(translationBox!.y).toBeGreaterThan(originalBox!.y + originalBox!.height - 1);

      await selectInOriginal(page, threat);
      const passage = page.locator('[data-testid="translation-passage"]').first();
      await passage.waitFor();
      expect(await passage.innerText()).toContain(
        "We have never left the negotiating table, but we do not accept the language of threats.",
      );
      expect(await passage.locator("blockquote").getAttribute("lang")).toBe("en");
      // The same passage is marked in the translation beside the text.
      expect(await page.locator('[data-testid="translation-text"] mark[data-passage]').innerText()).toMatch(
        /^At a joint press conference.*language of threats\."$/,
      );
      await expectNoSidewaysScroll(page, `source with translation at ${width} px`);
      await saveScreenshot(page, "translation-source");
    }
    await expectNoSeriousAxeViolations(page, "source with translation");
    await context.close();
  });
});
