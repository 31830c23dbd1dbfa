import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";

const appUrl = inject("appUrl");
const db = createPrismaClient(inject("databaseUrl"), { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("events, in Chromium", () => {
  const browser = useBrowser();
  afterAll(async () => {
    await db.$disconnect();
  });

  it("an analyst adds an event on the events page and sees it on the dashboard's chart at once", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    const title = `Talks resume in Muscat ${Date.now()}`;
    await page.goto(`${appUrl}/events`);
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
    await page.screenshot({ path: "/tmp/events-form-1280.png", fullPage: true });
    await form.getByRole("button", { name: "Add event" }).click();
    await page.getByText(`Event “${title}” added.`).waitFor();
    const stored = await db.event.findFirstOrThrow({ where: { title } });
    expect(stored).toMatchObject({ kind: "DIPLOMATIC", ploverType: "CONSULT" });
    expect(stored.occurredOn.toISOString().slice(0, 10)).toBe("2024-10-15");
    expect(stored.actorIds).toHaveLength(1);

    await page.goto(`${appUrl}/?from=2024-06-01&to=2024-12-31`);
    await page.getByTestId("event-timeline").getByText(title).waitFor();
    await page.screenshot({ path: "/tmp/events-dashboard-1280.png", fullPage: false });

    // Corrected on the events page: the chart follows.
    await page.goto(`${appUrl}/events`);
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
    await page.screenshot({ path: "/tmp/events-390.png", fullPage: true });
    await context.close();
  });
});
