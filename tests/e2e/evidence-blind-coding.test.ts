// The evidence matrix of a statement re-coded since its row was rated, as an administrator reads it and as a coder
// still blind to the statement's codings reads it (decision 0005).
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createScenario, createScenarioSet, createSource, createStanceCoding, createStatement } from "../support/factories";
import { testLane } from "../support/lane";
import { testPasswords } from "../support/test-passwords";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("a re-coded evidence row under blind coding, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("names the change for an administrator, and only says to look again to a coder yet to code the statement", async () => {
    const set = await createScenarioSet(db);
    await createScenario(db, set.id, { title: "The talks resume" });
    const source = await createSource(db);
    const target = await createActor(db, { name: `Oman ${Date.now()}` });
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const lead = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    // Rated an hour ago, when nobody had coded it; coded since.
    await db.evidence.create({
      data: { setId: set.id, statementId: statement.id, codingSnapshot: {}, reviewedAt: new Date(Date.now() - 3_600_000) },
    });
    await createStanceCoding(db, { statement, targetId: target.id, coderId: lead.id, score: 2 });

    const admin = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const adminPage = await admin.newPage();
    await gotoHydrated(adminPage, `${appUrl}/scenarios/sets/${set.slug}`);
    await expect(adminPage.getByText("Re-coded since rated:").locator("..").textContent()).resolves.toContain(
      `toward ${target.name} not coded → +2`,
    );
    await admin.close();

    const blind = await signedInContext(browser(), appUrl, "second.analyst@stancewatch.local", testPasswords.SEED_PASSWORD_SECOND_ANALYST);
    const page = await blind.newPage();
    await gotoHydrated(page, `${appUrl}/scenarios/sets/${set.slug}`);
    const notice = page.getByText("Re-coded since rated.").locator("..");
    await expect(notice.textContent()).resolves.toBe(
      "Re-coded since rated. What changed shows once you have coded the statement (blind coding).",
    );
    expect(await page.locator("main").textContent()).not.toContain(target.name);
    expect(await page.getByRole("button", { name: /^Mark reviewed/ }).count()).toBe(0);
    await saveScreenshot(page, "evidence-recoded-blind");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "evidence-recoded-blind-phone");
    await blind.close();
  });

  it("lets an administrator clear the notice a change that moved no stance leaves with a blind coder", async () => {
    const set = await createScenarioSet(db);
    await createScenario(db, set.id, { title: "The talks resume" });
    const source = await createSource(db);
    const target = await createActor(db, { name: `Qatar ${Date.now()}` });
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const lead = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: lead.id, score: 2 });
    // Rated an hour ago with the stance as it still is; the coding's rationale was reworded since.
    await db.evidence.create({
      data: {
        setId: set.id,
        statementId: statement.id,
        codingSnapshot: { [target.id]: { targetName: target.name, score: 2 } },
        reviewedAt: new Date(Date.now() - 3_600_000),
      },
    });
    await db.stanceCoding.update({ where: { id: coding.id }, data: { rationale: "reworded", version: { increment: 1 } } });
    const blindNotice = "Re-coded since rated. What changed shows once you have coded the statement (blind coding).";

    const blind = await signedInContext(browser(), appUrl, "second.analyst@stancewatch.local", testPasswords.SEED_PASSWORD_SECOND_ANALYST);
    const blindPage = await blind.newPage();
    await gotoHydrated(blindPage, `${appUrl}/scenarios/sets/${set.slug}`);
    await blindPage.getByText(blindNotice).waitFor();

    const admin = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const adminPage = await admin.newPage();
    await gotoHydrated(adminPage, `${appUrl}/scenarios/sets/${set.slug}`);
    expect(await adminPage.getByText("Re-coded since rated:").count()).toBe(0);
    await adminPage.getByText("Its codings changed since it was rated, not its stance toward any target.", { exact: false }).waitFor();
    await saveScreenshot(adminPage, "evidence-changed-without-stance");
    await adminPage.setViewportSize({ width: 390, height: 844 });
    await adminPage.getByRole("button", { name: /^Mark reviewed/ }).scrollIntoViewIfNeeded();
    await saveScreenshot(adminPage, "evidence-changed-without-stance");
    await adminPage.getByRole("button", { name: /^Mark reviewed/ }).click();
    await expect.poll(() => adminPage.getByText("Its codings changed since it was rated", { exact: false }).count()).toBe(0);
    await admin.close();

    await gotoHydrated(blindPage, `${appUrl}/scenarios/sets/${set.slug}`);
    await blindPage.getByRole("heading", { level: 1 }).waitFor();
    expect(await blindPage.getByText(blindNotice).count()).toBe(0);
    await blind.close();
  });
});
