import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { sourceRecord } from "@/lib/sources/records";
import { browserTestsEnabled, gotoHydrated, saveScreenshot, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("events, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst adds an event on the events page and sees it on the dashboard's chart at once", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    const title = `Talks resume in Muscat ${Date.now()}`;
    await gotoHydrated(page, `${appUrl}/events`);
    await page.getByRole("button", { name: "Add an event…" }).click();
    const form = page.getByRole("form", { name: "New event" });
    // No date: refused in the form, nothing sent.
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Description").fill("Indirect talks resumed through Omani mediators.");
    await form.getByRole("button", { name: "Add event" }).click();
    await form.getByText("Date: enter the date it happened").waitFor();
    expect(await db.event.count({ where: { title } })).toBe(0);

    await form.getByLabel("Date", { exact: true }).fill("2024-10-15");
    await form.getByLabel("Kind").selectOption("DIPLOMATIC");
    await form.locator("summary", { hasText: "Actors involved" }).click();
    await form.getByRole("checkbox", { name: /^Iran/ }).first().check();
    await saveScreenshot(page, "events-form", { fullPage: true });
    await form.getByRole("button", { name: "Add event" }).click();
    await page.getByText(`Event “${title}” added.`).waitFor();
    const stored = await db.event.findFirstOrThrow({ where: { title } });
    expect(stored).toMatchObject({ kind: "DIPLOMATIC", ploverType: "CONSULT" });
    expect(stored.occurredOn.toISOString().slice(0, 10)).toBe("2024-10-15");
    expect(stored.actorIds).toHaveLength(1);

    await page.goto(`${appUrl}/?from=2024-06-01&to=2024-12-31`);
    await page.getByTestId("event-timeline").getByText(title).waitFor();
    await saveScreenshot(page, "events-dashboard");

    // Corrected on the events page: the chart follows.
    await gotoHydrated(page, `${appUrl}/events`);
    await page.getByRole("button", { name: `Edit ${title}` }).click();
    const edit = page.getByRole("form", { name: `Edit ${title}` });
    await edit.getByLabel("Date", { exact: true }).fill("2024-05-02");
    await edit.getByRole("button", { name: "Save event" }).click();
    await page.getByText(`Event “${title}” saved (version 2).`).waitFor();
    await page.goto(`${appUrl}/?from=2024-06-01&to=2024-12-31`);
    await page.getByTestId("event-timeline").first().waitFor();
    expect(await page.getByTestId("event-timeline").getByText(title).count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${appUrl}/events`);
    await saveScreenshot(page, "events", { fullPage: true });
    await context.close();
  });

  it("links an event to a source beyond the first page of sources, found by the server's search", async () => {
    // More sources than a page of the list (50) and than the form offers before searching (25); the one to link is the oldest.
    const run = Date.now();
    const filler = Array.from({ length: 55 }, (_, index) =>
      sourceRecord(
        { title: `Filler wire item ${run}-${index}`, publisher: "Test Wire", url: null, publishedOn: "2026-11-01", language: "en" },
        `Filler ${run} number ${index}: routine wire copy about shipping schedules.`,
      ),
    );
    await db.source.createMany({ data: filler });
    const wanted = await db.source.create({
      data: sourceRecord(
        {
          title: `Zanzibar ledger of the Muscat channel ${run}`,
          publisher: "Archive Wire",
          url: null,
          publishedOn: "1999-03-01",
          language: "en",
        },
        `Zanzibar ${run}. An archived account of messages carried between the capitals.`,
      ),
    });
    const created = [
      ...(await db.source.findMany({ where: { title: { startsWith: `Filler wire item ${run}-` } }, select: { id: true } })),
      wanted,
    ];
    const title = `Archive reopened ${run}`;
    try {
      const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
      const page = await context.newPage();
      await gotoHydrated(page, `${appUrl}/events`);
      await page.getByRole("button", { name: "Add an event…" }).click();
      const form = page.getByRole("form", { name: "New event" });
      await form.getByLabel("Title").fill(title);
      await form.getByLabel("Date", { exact: true }).fill("2024-10-20");
      await form.getByLabel("Description").fill("An archive of the Muscat channel's messages is opened to historians.");
      // Not among the recent sources offered before searching…
      await form.getByText(/most recent sources; type to search all of them/).waitFor();
      expect(await form.getByRole("checkbox", { name: new RegExp(`Zanzibar ledger of the Muscat channel ${run}`) }).count()).toBe(0);
      // …but found by the server's search.
      await form.getByLabel("Find a source to link").fill(`Zanzibar ledger ${run}`);
      const found = form.getByRole("checkbox", { name: new RegExp(`Zanzibar ledger of the Muscat channel ${run}`) });
      await found.check();
      await form.getByRole("list", { name: "Sources linked" }).getByText(`Zanzibar ledger of the Muscat channel ${run}`).first().waitFor();
      await saveScreenshot(page, "events-source-search", { fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await saveScreenshot(page, "events-source-search", { fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await form.getByRole("button", { name: "Add event" }).click();
      await page.getByText(`Event “${title}” added.`).waitFor();
      const stored = await db.event.findFirstOrThrow({ where: { title } });
      expect(stored.sourceIds).toEqual([wanted.id]);
      // The event's list entry names the linked source.
      await page.getByText(`Zanzibar ledger of the Muscat channel ${run}`).first().waitFor();
      await context.close();
    } finally {
      await db.event.updateMany({ where: { title }, data: { sourceIds: [] } });
      await db.source.deleteMany({ where: { id: { in: created.map((source) => source.id) } } });
    }
  });
});
