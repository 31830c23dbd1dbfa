import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createSource, createStanceCoding, createStatement } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("correcting a statement in its source's panel, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst fixes a wrong speaker and a wrong span; the coding is kept, follows, and is flagged for review", async () => {
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    const velayati = await db.actor.findUniqueOrThrow({ where: { slug: "ali-akbar-velayati" } });
    const wrongSpeaker = await createActor(db, { name: `Wrongly credited ${Date.now()}` });
    const target = await createActor(db, { name: `Target ${Date.now()}` });
    const text = `Tehran ${Date.now()}. Velayati said: “We are ready to talk to Europe as equals, but sanctions must end first.” The ministry declined to comment.`;
    const source = await createSource(db, text);
    // Made by mistake: the wrong speaker, and a span that runs into the next sentence.
    const statement = await createStatement(db, {
      source,
      speakerId: wrongSpeaker.id,
      quote: "but sanctions must end first.” The ministry declined",
    });
    const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: analyst.id, score: -1 });

    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/sources/${source.id}#statement-${statement.id}`);
    await page.getByRole("button", { name: "Correct this statement…" }).click();
    await page.getByRole("heading", { name: `Correct the statement by ${wrongSpeaker.name}` }).waitFor();

    await page.getByLabel("Search speaker by name").fill("velayati");
    await page.getByLabel("Speaker", { exact: true }).selectOption(velayati.id);
    await page.getByText("Find the words instead of selecting them").click();
    await page.getByLabel("Words from the text").fill("We are ready to talk to Europe as equals, but sanctions must end first.");
    await page.getByRole("button", { name: "Find", exact: true }).click();
    await page.getByRole("form", { name: "Correct this statement" }).getByText("New words, cut from the text.").waitFor();
    await saveScreenshot(page, "correct-statement");
    await page.getByRole("button", { name: "Save correction" }).click();
    await page.getByText(/Statement corrected \(version 2\)\. Its codings are kept and marked/).waitFor();

    const stored = await db.statement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(stored).toMatchObject({
      speakerId: velayati.id,
      quote: "We are ready to talk to Europe as equals, but sanctions must end first.",
      version: 2,
    });
    expect(text.slice(stored.startOffset, stored.endOffset)).toBe(stored.quote);
    const storedCoding = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(storedCoding).toMatchObject({ speakerId: velayati.id, score: -1, deletedAt: null });
    expect(storedCoding.statementChangedAt).not.toBeNull();
    // The panel now shows the corrected statement and the coding's flag.
    await page.getByRole("heading", { name: `Statement by ${velayati.name}` }).waitFor();
    await page.getByText("The statement’s words or speaker were corrected after this coding was saved").waitFor();

    // The coder confirms the coding still fits: the flag clears.
    await gotoHydrated(page, `${appUrl}/codings/${coding.id}`);
    await page.getByRole("button", { name: "Confirm it still fits" }).click();
    await expect.poll(async () => (await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementChangedAt).toBeNull();

    await page.setViewportSize({ width: 390, height: 844 });
    await gotoHydrated(page, `${appUrl}/sources/${source.id}#statement-${statement.id}`);
    await page.getByRole("button", { name: "Correct this statement…" }).click();
    await saveScreenshot(page, "correct-statement", { fullPage: true });
    await context.close();
  });
});
