import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("keyboard coding in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst codes a statement with the keyboard alone and sees it in the queue's progress", async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    // Until hydration the shortcuts have no handler: a key pressed earlier is lost.
    await gotoHydrated(page, `${appUrl}/code`);
    const progress = page.locator("#queue-progress-label");
    const before = (await progress.textContent())!.match(/(\d+)\s*of\s*(\d+)/)!;
    const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
    const codingsBefore = await db.stanceCoding.count({ where: { coderId: coder.id } });

    // The help lists the shortcuts.
    await page.keyboard.press("?");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    // A key pressed while the help is still closing goes to the help, not the queue: the score would be
    // lost and Enter would then save nothing instead of a coding.
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    // +2 for the first target, a rationale, then save with Enter.
    await page.keyboard.press("6");
    await page.locator('input[type="radio"][value="2"]:checked').first().waitFor();
    await page.keyboard.press("r");
    // Typed before the rationale has focus, the letters would be taken as shortcuts.
    await page.locator("textarea:focus").waitFor();
    await page.keyboard.type("Welcomes co-operation in general terms; coded by keyboard.");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");

    // Wait for what the app shows once the save and the page's refresh have landed, not for a fixed time:
    // on a busy machine that only takes longer.
    const expected = `${Number(before[1]) + 1}\\s*of\\s*${Number(before[2])}\\b`;
    await page.locator("#queue-progress-label", { hasText: new RegExp(`\\b${expected}`) }).waitFor({ timeout: 0 });
    const saved = await db.stanceCoding.findMany({ where: { coderId: coder.id }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(await db.stanceCoding.count({ where: { coderId: coder.id } })).toBe(codingsBefore + 1);
    expect(saved[0]).toMatchObject({ score: 2, rationale: "Welcomes co-operation in general terms; coded by keyboard." });
    await context.close();
  });

  it("Enter on an untouched statement records nothing; Shift+N records that it takes no stance", async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/code`);
    const heading = page.locator("#queue-statement-heading");
    await heading.waitFor();
    const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
    const reviewsBefore = await db.statementReview.findMany({ where: { coderId: coder.id } });
    const codingsBefore = await db.stanceCoding.count({ where: { coderId: coder.id } });
    const quote = await page.getByTestId("queue-quote").textContent();

    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(/Nothing is scored yet/)
      .waitFor();
    // Still the same statement, and nothing was written.
    expect(await page.getByTestId("queue-quote").textContent()).toBe(quote);
    expect(await db.statementReview.count({ where: { coderId: coder.id } })).toBe(reviewsBefore.length);
    expect(await db.stanceCoding.count({ where: { coderId: coder.id } })).toBe(codingsBefore);

    await page.keyboard.press("Shift+N");
    await page
      .getByRole("status")
      .getByText(/takes no stance toward the tracked targets/)
      .waitFor();
    await expect.poll(() => db.statementReview.count({ where: { coderId: coder.id } })).toBe(reviewsBefore.length + 1);
    expect(await db.stanceCoding.count({ where: { coderId: coder.id } })).toBe(codingsBefore);
    const known = new Set(reviewsBefore.map((review) => review.id));
    const review = (await db.statementReview.findMany({ where: { coderId: coder.id } })).find((candidate) => !known.has(candidate.id))!;
    const statement = await db.statement.findUniqueOrThrow({ where: { id: review.statementId } });
    expect(quote).toContain(statement.quote);
    await context.close();
  });

  it("U undoes a queue save through the API: the coding is soft-deleted, audited, and the statement comes back", async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/code`);
    await page.locator("#queue-statement-heading").waitFor();
    const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
    const known = new Set((await db.stanceCoding.findMany({ where: { coderId: coder.id }, select: { id: true } })).map((row) => row.id));
    const quote = await page.getByTestId("queue-quote").textContent();

    await page.keyboard.press("2");
    await page.locator('input[type="radio"][value="-2"]:checked').first().waitFor();
    await page.keyboard.press("r");
    await page.locator("textarea:focus").waitFor();
    await page.keyboard.type("Coded, then undone from the queue.");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");
    const toast = page.getByTestId("undo-toast");
    await toast.getByRole("button", { name: /Undo/ }).waitFor();
    await expect.poll(() => db.stanceCoding.count({ where: { coderId: coder.id, deletedAt: null } })).toBe(known.size + 1);
    const created = (await db.stanceCoding.findMany({ where: { coderId: coder.id } })).find((row) => !known.has(row.id))!;
    expect(created).toMatchObject({ score: -2, deletedAt: null });
    await expect.poll(() => page.getByTestId("queue-quote").textContent()).not.toBe(quote);

    await page.keyboard.press("u");
    await page
      .getByRole("status")
      .getByText(/Undone: .* back in your queue with the scores you gave/)
      .waitFor();
    await expect.poll(async () => (await db.stanceCoding.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).not.toBeNull();
    const audit = await db.auditEntry.findMany({ where: { entity: "StanceCoding", entityId: created.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.userId])).toEqual([
      ["CREATE", coder.id],
      ["DELETE", coder.id],
    ]);
    // The statement is back, with the score that was saved, and the toast is gone.
    await expect.poll(() => page.getByTestId("queue-quote").textContent()).toBe(quote);
    await page.locator('input[type="radio"][value="-2"]:checked').first().waitFor();
    expect(await toast.count()).toBe(0);
    await context.close();
  });

  it('U undoes a "no stance" from the queue: the review is deleted, audited, and the statement comes back', async () => {
    const context = await signedInContext(
      browser(),
      appUrl,
      "second.analyst@stancewatch.local",
      testPasswords.SEED_PASSWORD_SECOND_ANALYST,
    );
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/code`);
    await page.locator("#queue-statement-heading").waitFor();
    const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
    const known = new Set((await db.statementReview.findMany({ where: { coderId: coder.id }, select: { id: true } })).map((row) => row.id));
    const quote = await page.getByTestId("queue-quote").textContent();

    await page.keyboard.press("Shift+N");
    const toast = page.getByTestId("undo-toast");
    await toast.getByText(/“No stance” recorded/).waitFor();
    await expect.poll(() => db.statementReview.count({ where: { coderId: coder.id, deletedAt: null } })).toBe(known.size + 1);
    const review = (await db.statementReview.findMany({ where: { coderId: coder.id } })).find((row) => !known.has(row.id))!;

    // The toast's button does the same as U.
    await toast.getByRole("button", { name: /Undo/ }).click();
    await page
      .getByRole("status")
      .getByText(/Undone: .* back in your queue\./)
      .waitFor();
    await expect.poll(async () => (await db.statementReview.findUniqueOrThrow({ where: { id: review.id } })).deletedAt).not.toBeNull();
    const audit = await db.auditEntry.findMany({ where: { entity: "StatementReview", entityId: review.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.userId])).toEqual([
      ["CREATE", coder.id],
      ["DELETE", coder.id],
    ]);
    await expect.poll(() => page.getByTestId("queue-quote").textContent()).toBe(quote);
    await context.close();
  });
});
