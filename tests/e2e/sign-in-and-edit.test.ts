import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  browserContextOptions,
  browserTestsEnabled,
  gotoHydrated,
  saveScreenshot,
  signedInContext,
  useBrowser,
  waitForHydration,
} from "../support/browser";
import { createActor, createSource, createStanceCoding, createStatement } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("signing in and editing in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst signs in, edits a coding, re-applies a change over a conflicting edit, and signs out", async () => {
    const context = await browser().newContext(browserContextOptions({ width: 1280, height: 900 }));
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/codings`);
    await page.waitForURL(/\/sign-in\?callbackUrl=%2Fcodings/);
    await page.getByLabel("E-mail address").fill("analyst@stancewatch.local");
    await page.getByLabel("Password").fill(testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/codings`);
    await waitForHydration(page);
    await expect(page.getByText("Amira Haddad · Analyst").isVisible()).resolves.toBe(true);

    const editLinks = page.getByRole("link", { name: /^Edit/ });
    expect(await editLinks.count()).toBeGreaterThan(0);
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    await editLinks.first().click();
    await page.waitForURL(/\/codings\/[^/]+$/);
    await waitForHydration(page);
    const codingId = page.url().split("/").at(-1)!;
    const before = await db.stanceCoding.findUniqueOrThrow({ where: { id: codingId } });
    expect(before.coderId).toBe(analyst.id);

    const newScore = before.score === 3 ? 2 : before.score + 1;
    await page.locator(`input[name="score"][value="${newScore}"]`).check();
    await page.getByLabel("Rationale").fill("Re-read in context: more conciliatory than first coded.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByRole("status")
      .getByText(`Saved (version ${before.version + 1}).`)
      .waitFor();
    const saved = await db.stanceCoding.findUniqueOrThrow({ where: { id: codingId } });
    expect(saved).toMatchObject({
      score: newScore,
      rationale: "Re-read in context: more conciliatory than first coded.",
      version: before.version + 1,
    });
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { entity: "StanceCoding", entityId: codingId, action: "UPDATE" },
      orderBy: { id: "desc" },
    });
    expect(audit.userId).toBe(analyst.id);

    // The same coding changed in another tab meanwhile: this tab's save conflicts visibly.
    const otherTab = await context.newPage();
    await gotoHydrated(otherTab, `${appUrl}/codings/${codingId}`);
    // A confidence other than the coding's own, or Save stays disabled (nothing changed).
    const otherConfidence = before.confidence === "LOW" ? "HIGH" : "LOW";
    await otherTab.getByLabel("Confidence").selectOption(otherConfidence);
    await otherTab.getByRole("button", { name: "Save", exact: true }).click();
    await otherTab
      .getByRole("status")
      .getByText(`Saved (version ${before.version + 2}).`)
      .waitFor();

    await page.getByLabel("Rationale").fill("My later thought, which must not be lost.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Re-apply my change" }).waitFor();
    await expect(page.getByText("Your unsaved version").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Re-apply my change" }).click();
    await page
      .getByRole("status")
      .getByText(`Saved (version ${before.version + 3}).`)
      .waitFor();
    // Re-applying keeps the other tab's change to a field this tab did not touch.
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: codingId } })).toMatchObject({
      rationale: "My later thought, which must not be lost.",
      confidence: otherConfidence,
      score: newScore,
      version: before.version + 3,
    });

    await gotoHydrated(page, `${appUrl}/sign-out`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await gotoHydrated(page, `${appUrl}/codings`);
    await page.waitForURL(/\/sign-in\?callbackUrl=/);
    await context.close();
  });

  it("an admin deletes another coder's coding from its page (an import's, say) and restores it from History", async () => {
    const coder = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    const speaker = await createActor(db);
    const statement = await createStatement(db, { source: await createSource(db), speakerId: speaker.id, quote: "We seek calm," });
    const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: coder.id, score: 2 });
    const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const page = await context.newPage();
    const questions: string[] = [];
    page.on("dialog", (dialog) => {
      questions.push(dialog.message());
      void dialog.accept();
    });
    await gotoHydrated(page, `${appUrl}/codings/${coding.id}`);
    // Read-only: the administrator deletes, never edits, someone else's score.
    expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);
    await page.getByText(`Only the coder, ${coder.name}, can change this coding. As an administrator you may delete it`).waitFor();
    await saveScreenshot(page, "coding-admin-delete");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Delete coding" }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "coding-admin-delete");
    await page.getByRole("button", { name: "Delete coding" }).click();
    await page.waitForURL(/\/codings\?deleted=1$/);
    expect(questions).toEqual([`Delete ${coder.name}’s coding? It leaves every list and chart; you can restore it from History.`]);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).not.toBeNull();
    const deletion = await db.auditEntry.findFirstOrThrow({ where: { entity: "StanceCoding", entityId: coding.id, action: "DELETE" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: deletion.userId! } })).email).toBe("admin@stancewatch.local");

    await gotoHydrated(page, `${appUrl}/admin/history/StanceCoding/${coding.id}`);
    await page.getByRole("button", { name: "Restore the version deleted here" }).click();
    await expect.poll(async () => (await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).toBeNull();
    await context.close();
  });

  it("a viewer sees no edit controls, and the viewer's forged request is refused", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/codings`);
    await expect(page.getByText("Priya Nair · Viewer").isVisible()).resolves.toBe(true);
    expect(await page.getByRole("link", { name: /^Edit/ }).count()).toBe(0);

    const coding = await db.stanceCoding.findFirstOrThrow({ where: { deletedAt: null, coder: { email: "analyst@stancewatch.local" } } });
    await gotoHydrated(page, `${appUrl}/codings/${coding.id}`);
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(0);
    expect(await page.locator("textarea, input[name=score]").count()).toBe(0);

    const forged = await page.evaluate(
      async ({ id, version }) => {
        const response = await fetch(`/api/codings/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ version, score: -3, isConditional: false, confidence: "HIGH", rationale: "forged" }),
        });
        return { status: response.status, body: (await response.json()) as { error: string } };
      },
      { id: coding.id, version: coding.version },
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error).toMatch(/role does not allow/);
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).toEqual(coding);
    await context.close();
  });

  it("an admin creates a user, who must replace the one-time password with a long passphrase before using the app, then signs in with it", async () => {
    const admin = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const adminPage = await admin.newPage();
    await gotoHydrated(adminPage, `${appUrl}/admin/users`);
    const email = `new.analyst.${Date.now()}@example.test`;
    await adminPage.locator("#new-user-email").fill(email);
    await adminPage.locator("#new-user-name").fill("Nadia Karimi");
    await adminPage.locator("#new-user-role").selectOption("ANALYST");
    await adminPage.getByRole("button", { name: "Create user" }).click();
    const oneTimePassword = (await adminPage.getByTestId("one-time-password").textContent())!.trim();
    expect(oneTimePassword).toHaveLength(20);
    await admin.close();

    const context = await browser().newContext(browserContextOptions({ width: 820, height: 1000 }));
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/sign-in`);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(oneTimePassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/account/password`);
    await waitForHydration(page);
    // Until the password is changed, the rest of the app sends them back here.
    await gotoHydrated(page, `${appUrl}/codings`);
    await page.waitForURL(`${appUrl}/account/password`);
    await waitForHydration(page);

    const passphrase = "a long passphrase about the balance of power in the Gulf, ".repeat(3).trim();
    expect(passphrase.length).toBeGreaterThanOrEqual(128);
    await page.locator("#currentPassword").fill(oneTimePassword);
    await page.locator("#newPassword").fill(passphrase);
    await page.locator("#confirmPassword").fill(passphrase);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/sign-in\?message=password-changed/);
    await waitForHydration(page);

    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(passphrase);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/`);
    await waitForHydration(page);
    await expect(page.getByText("Nadia Karimi · Analyst").isVisible()).resolves.toBe(true);
    const stored = await db.user.findUniqueOrThrow({ where: { email } });
    expect(stored.mustChangePassword).toBe(false);
    await context.close();
  });
});
