import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createSource, createStatement } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("coding toward an untracked actor, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst codes a statement toward an actor that is not tracked, and finds it in the dashboard's target filter", async () => {
    const diplomats = await db.actor.findUniqueOrThrow({ where: { slug: "western-diplomats-tehran" } });
    const untracked = await createActor(db, { name: `Sultanate of Oman ${Date.now()}` });
    const source = await createSource(db, `Muscat ${Date.now()}. "Oman has been a reliable channel," the diplomats said.`);
    const statement = await createStatement(db, { source, speakerId: diplomats.id, quote: "Oman has been a reliable channel," });
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });

    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/sources/${source.id}#statement-${statement.id}`);
    await page.getByRole("button", { name: "Code toward another actor…" }).click();
    await page.getByLabel("Search another target by name").fill(untracked.name.slice(0, 14));
    await page.getByLabel("Another target", { exact: true }).selectOption(untracked.id);
    const form = page.getByRole("form", { name: `Toward ${untracked.name}` });
    await form.getByRole("radio", { name: /^\+2/ }).check();
    await form.getByLabel("Rationale").fill("Praises Oman as a reliable channel.");
    await saveScreenshot(page, "any-target");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText(`toward ${untracked.name}.`).first().waitFor();
    const coding = await db.stanceCoding.findFirstOrThrow({ where: { statementId: statement.id, coderId: analyst.id } });
    expect(coding).toMatchObject({ targetId: untracked.id, score: 2 });

    await gotoHydrated(page, `${appUrl}/`);
    await page.getByText("Targets", { exact: true }).first().click();
    await page.getByRole("checkbox", { name: untracked.name }).waitFor();
    await context.close();
  });
});
