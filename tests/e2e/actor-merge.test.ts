import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createSource, createStatement } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("merging duplicate actors, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an admin finds a duplicate by search, merges it into the kept actor, and undoes the merge from its history", async () => {
    const marker = Date.now();
    const kept = await createActor(db, { name: `Esmaeil Baghaei ${marker}` });
    const duplicate = await createActor(db, { name: `Baghaei ${marker}` });
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: duplicate.id, quote: "We seek calm," });

    const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await gotoHydrated(page, `${appUrl}/admin/actors`);
    await page.getByLabel("Search actors").fill(`baghaei ${marker}`);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByText("2 actors on this page").waitFor();
    await page.getByRole("button", { name: `Edit Baghaei ${marker}` }).click();
    await page.getByLabel(`Merge Baghaei ${marker} into another actor`).selectOption(kept.id);
    await saveScreenshot(page, "actor-merge");
    await page.getByRole("button", { name: "Merge…" }).click();
    await page.waitForURL(/\/admin\/history\/ActorMerge\//);
    await page.getByText("Merged. The entry below lists what moved").waitFor();
    expect((await db.statement.findUniqueOrThrow({ where: { id: statement.id } })).speakerId).toBe(kept.id);
    expect((await db.actor.findUniqueOrThrow({ where: { id: kept.id } })).aliases).toContain(`Baghaei ${marker}`);

    await page.getByRole("button", { name: "Undo this merge" }).click();
    await expect.poll(async () => (await db.statement.findUniqueOrThrow({ where: { id: statement.id } })).speakerId).toBe(duplicate.id);
    expect((await db.actor.findUniqueOrThrow({ where: { id: duplicate.id } })).deletedAt).toBeNull();
    await page.getByRole("button", { name: "Undo this merge" }).waitFor({ state: "detached" });

    await page.setViewportSize({ width: 390, height: 844 });
    await gotoHydrated(page, `${appUrl}/admin/actors`);
    await page.getByLabel("Search actors").fill(`${marker}`);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=/);
    await saveScreenshot(page, "actors", { fullPage: true });
    await context.close();
  });
});
