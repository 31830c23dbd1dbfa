import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";

const appUrl = inject("appUrl");
const db = createPrismaClient(inject("databaseUrl"), { maxConnections: 2 });

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
    await page.goto(`${appUrl}/code`);
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
    await page.keyboard.type("Welcomes co-operation in general terms; coded by keyboard.");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");

    // The count settles once the page's refresh lands; poll rather than read a single moment.
    const counts = async () =>
      (await progress.textContent())!
        .match(/(\d+)\s*of\s*(\d+)/)!
        .slice(1, 3)
        .map(Number);
    await expect.poll(counts, { timeout: 15_000 }).toEqual([Number(before[1]) + 1, Number(before[2])]);
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
    await page.goto(`${appUrl}/code`);
    const heading = page.locator("#queue-statement-heading");
    await heading.waitFor();
    const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
    const reviewsBefore = await db.statementReview.findMany({ where: { coderId: coder.id } });
    const codingsBefore = await db.stanceCoding.count({ where: { coderId: coder.id } });
    const quote = await page.locator(".coding-queue__quote").textContent();

    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(/Nothing is scored yet/)
      .waitFor();
    // Still the same statement, and nothing was written.
    expect(await page.locator(".coding-queue__quote").textContent()).toBe(quote);
    expect(await db.statementReview.count({ where: { coderId: coder.id } })).toBe(reviewsBefore.length);
    expect(await db.stanceCoding.count({ where: { coderId: coder.id } })).toBe(codingsBefore);

    await page.keyboard.press("Shift+N");
    await page
      .getByRole("status")
      .getByText(/takes no stance toward the tracked targets/)
      .waitFor();
    await expect.poll(() => db.statementReview.count({ where: { coderId: coder.id } }), { timeout: 10_000 }).toBe(reviewsBefore.length + 1);
    expect(await db.stanceCoding.count({ where: { coderId: coder.id } })).toBe(codingsBefore);
    const known = new Set(reviewsBefore.map((review) => review.id));
    const review = (await db.statementReview.findMany({ where: { coderId: coder.id } })).find((candidate) => !known.has(candidate.id))!;
    const statement = await db.statement.findUniqueOrThrow({ where: { id: review.statementId } });
    expect(quote).toContain(statement.quote);
    await context.close();
  });
});
