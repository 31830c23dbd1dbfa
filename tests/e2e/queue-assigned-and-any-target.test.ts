import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssignmentDraw } from "@/lib/data/assignments";
import { createPrismaClient } from "@/lib/database/prisma";
import { hashPassword } from "@/lib/users/passwords";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { createActor, createSource, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const password = "a queue coder's long passphrase";

// A coder of its own, so that assigning work here does not reorder the seeded analysts' queues other tests read.
let coder: { id: string; email: string };
let assignedQuotes: string[] = [];

beforeAll(async () => {
  const user = await createUser(db, "ANALYST");
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  coder = user;
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
  // Published long ago, so that without the assignment these statements would come last in reading order.
  const source = await createSource(
    db,
    `Muscat. "We want the talks to resume," the minister said. "Oman will keep carrying messages," he added.`,
    { publishedOn: "2001-01-01" },
  );
  const speaker = await createActor(db, { name: `Omani minister ${Date.now()}` });
  assignedQuotes = ["We want the talks to resume,", "Oman will keep carrying messages,"];
  for (const quote of assignedQuotes) await createStatement(db, { source, speakerId: speaker.id, quote });
  await createAssignmentDraw({ id: admin.id, role: admin.role }, { sourceId: source.id, coderIds: [coder.id], share: 1, overlap: 0 });
});

afterAll(async () => {
  await db.$disconnect();
});

describe.skipIf(!browserTestsEnabled())("the coding queue in Chromium", () => {
  const browser = useBrowser();

  it("shows the statements assigned to the coder first, marked in words, then the rest unmarked", async () => {
    const context = await signedInContext(browser(), appUrl, coder.email, password);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/code`);
    await page.getByText("2 statements are assigned to you and come first").waitFor();

    for (const quote of assignedQuotes) {
      expect(await page.getByTestId("queue-quote").textContent()).toContain(quote);
      expect(await page.getByTestId("queue-assigned-marker").textContent()).toBe("Assigned to you");
      await page.keyboard.press("j");
      await page
        .getByRole("status")
        .getByText(/^Statement \d+ of/)
        .waitFor();
    }
    // The third statement is not assigned: no marker, and the text says so.
    expect(await page.getByTestId("queue-assigned-marker").count()).toBe(0);
    await page.getByText("Not assigned: open for any coder").waitFor();
    await context.close();
  });

  it("adds a coding toward an untracked actor from the queue, and the dashboard's target filter lists that actor", async () => {
    const untracked = await createActor(db, { name: `Sultanate of Oman ${Date.now()}` });
    const context = await signedInContext(browser(), appUrl, coder.email, password);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/code`);
    const quote = (await page.getByTestId("queue-quote").textContent())!;
    const statement = await db.statement.findFirstOrThrow({ where: { quote: assignedQuotes[0] } });
    expect(quote).toContain(assignedQuotes[0]);

    await page.getByRole("button", { name: "Code toward another actor…" }).click();
    await page.getByLabel("Search another target by name").fill(untracked.name.slice(0, 18));
    await page.getByLabel("Another target", { exact: true }).selectOption(untracked.id);
    await page.getByRole("button", { name: `Add a row toward ${untracked.name}` }).click();
    const row = page.getByRole("region", { name: `Toward ${untracked.name}` });
    await row.waitFor();
    // The added row has the focus: the digit keys score it, as for the tracked targets.
    await page.keyboard.press("6");
    await row.locator('input[type="radio"][value="2"]:checked').waitFor();
    await page.keyboard.press("r");
    await row.locator("textarea:focus").waitFor();
    await page.keyboard.type("Praises Oman as a reliable channel; coded from the queue.");
    await saveScreenshot(page, "queue-other-target", { fullPage: true });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(/Saved 1 coding of/)
      .waitFor();

    await expect
      .poll(() => db.stanceCoding.findFirst({ where: { statementId: statement.id, coderId: coder.id, deletedAt: null } }))
      .toMatchObject({ targetId: untracked.id, score: 2 });

    await gotoHydrated(page, `${appUrl}/`);
    await page.getByText("Targets", { exact: true }).first().click();
    await page.getByRole("checkbox", { name: untracked.name }).waitFor();
    await context.close();
  });
});
