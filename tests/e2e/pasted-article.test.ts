import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, signedInContext, useBrowser, waitForHydration } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("from a pasted article to a coded statement, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst pastes an article, accepts a suggested statement, and codes it", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    const marker = `Test wire ${Date.now()}`;
    const text = `${marker}\n\nTehran — “We are ready to talk to Europe as equals,” Velayati said on Tuesday, adding that sanctions must end first.`;

    await gotoHydrated(page, `${appUrl}/sources/new`);
    await page.locator("#source-title").fill(marker);
    await page.locator("#source-publisher").fill("Test Wire");
    await page.locator("#source-publishedOn").fill("2030-01-08");
    await page.locator("#source-text").fill(text);
    await page.getByRole("button", { name: "Save source" }).click();
    // Not /sources/new, where the form is: the saved source's own page.
    await page.waitForURL(/\/sources\/(?!new$)[^/]+$/);
    await waitForHydration(page);
    const source = await db.source.findFirstOrThrow({ where: { title: marker } });
    expect(source.text).toBe(text);

    const accept = page.getByRole("button", { name: /^Accept the suggestion .We are ready to talk to Europe as equals/ });
    await accept.waitFor().catch(async (error: unknown) => {
      console.log(await page.locator("main").innerText());
      throw error;
    });
    await accept.click();
    await page.getByLabel("Channel", { exact: true }).first().selectOption("INTERVIEW");
    await page.getByRole("button", { name: "Save statement" }).click();
    await expect.poll(() => db.statement.count({ where: { sourceId: source.id } })).toBe(1);
    const statement = await db.statement.findFirstOrThrow({ where: { sourceId: source.id }, include: { speaker: true } });
    expect(statement.speaker.slug).toBe("ali-akbar-velayati");
    expect(text.slice(statement.startOffset, statement.endOffset)).toBe(statement.quote);
    expect(statement.quote).toContain("We are ready to talk to Europe as equals");
    expect(await db.stanceCoding.count({ where: { statementId: statement.id } })).toBe(0);

    // The newest source's statement comes first in the queue; code it by keyboard.
    await gotoHydrated(page, `${appUrl}/code`);
    await page.getByText("We are ready to talk to Europe as equals").first().waitFor();
    await page.keyboard.press("6");
    // Each key waits for the previous one's effect: typed before the rationale has focus, the letters would be taken as shortcuts.
    await page.locator('input[type="radio"][value="2"]:checked').first().waitFor();
    await page.keyboard.press("r");
    await page.locator("textarea:focus").waitFor();
    await page.keyboard.type("Offers talks with Europe on equal terms.");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");
    await expect.poll(() => db.stanceCoding.count({ where: { statementId: statement.id } })).toBe(1);
    await context.close();
  });
});
