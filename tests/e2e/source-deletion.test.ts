import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createSource, createStatement } from "../support/factories";
import { testLane } from "../support/lane";
import { testPasswords } from "../support/test-passwords";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("deleting a source and restoring it, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst is told why they may not; an admin deletes it from its page and restores it from History", async () => {
    const title = `Gulf report ${Date.now()}`;
    const source = await db.source.update({ where: { id: (await createSource(db)).id }, data: { title } });
    // Cut by no one the analyst is: an import's, say.
    await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });

    const analystContext = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const analystPage = await analystContext.newPage();
    const questions: string[] = [];
    analystPage.on("dialog", (dialog) => {
      questions.push(dialog.message());
      void dialog.accept();
    });
    await gotoHydrated(analystPage, `${appUrl}/sources/${source.id}`);
    await analystPage.getByRole("button", { name: "Delete source" }).click();
    await analystPage
      .getByRole("alert")
      .filter({
        hasText:
          "This source holds other people’s work (the source itself, added by someone else, 1 statement); only an administrator can delete it.",
      })
      .waitFor();
    expect(questions).toEqual([
      `Delete the source “${title}” and its 1 statement? They leave every list and chart; an administrator can restore them from History.`,
    ]);
    await saveScreenshot(analystPage, "source-deletion-refused");
    await analystPage.setViewportSize({ width: 390, height: 844 });
    await analystPage.getByRole("button", { name: "Delete source" }).scrollIntoViewIfNeeded();
    await saveScreenshot(analystPage, "source-deletion-refused");
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();
    await analystContext.close();

    const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await gotoHydrated(page, `${appUrl}/sources/${source.id}`);
    await page.getByRole("button", { name: "Delete source" }).click();
    await page.waitForURL(/\/sources\?deleted=1$/);
    await page.getByRole("status").filter({ hasText: "The source was deleted, with its statements and their codings." }).waitFor();
    await expect.poll(() => page.getByRole("link", { name: title }).count()).toBe(0);
    await saveScreenshot(page, "source-deleted");
    expect(await (await page.request.get(`${appUrl}/sources/${source.id}`)).status()).toBe(404);

    await gotoHydrated(page, `${appUrl}/admin/history`);
    await page
      .getByRole("row")
      .filter({ hasText: `Source “${title}”` })
      .getByRole("button", { name: "Restore" })
      .click();
    await page.waitForURL(/\/admin\/history\/Source\//);
    await expect.poll(async () => (await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();
    await gotoHydrated(page, `${appUrl}/sources/${source.id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await context.close();
  });
});
