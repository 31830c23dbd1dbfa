// The statements, events and actors lists in Chromium at desktop and phone
// width: sorting by a column header (aria-sort follows, filters stay, the next
// page stays in the header's order), keyset paging by link, text filters in
// the URL, no sideways scrolling, and axe-core.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  browserTestsEnabled,
  expectNoSeriousAxeViolations,
  expectNoSidewaysScroll,
  expectStackedRowsFit,
  gotoHydrated,
  saveScreenshot,
  signedInContext,
  useBrowser,
} from "../support/browser";
import { createActor, createSource, createStatement } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const marker = `s${Date.now().toString(36)}`;
let speaker: { id: string; slug: string };
const created = { statements: [] as string[], sources: [] as string[] };

beforeAll(async () => {
  speaker = await createActor(db, { name: `علی لاریجانی ${marker}` });
  const words = Array.from({ length: 30 }, (_, index) => `word${index}`);
  const source = await createSource(db, `${marker}: ${words.join(", ")}.`);
  created.sources.push(source.id);
  for (const [index, word] of words.entries()) {
    const day = String(1 + (index % 28)).padStart(2, "0");
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: word, saidOn: `2024-0${1 + (index % 9)}-${day}` });
    created.statements.push(statement.id);
  }
});

afterAll(async () => {
  await db.statement.deleteMany({ where: { id: { in: created.statements } } });
  await db.source.deleteMany({ where: { id: { in: created.sources } } });
  await db.actor.deleteMany({ where: { id: speaker.id } });
  await db.$disconnect();
});

describe.skipIf(!browserTestsEnabled())("sorting and paging lists, in Chromium", () => {
  const browser = useBrowser();

  for (const width of [1280, 390]) {
    it(`sorts statements by a column header and pages in that order at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
      try {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, `${appUrl}/statements?speaker=${speaker.slug}&size=25`);
        const said = page.locator("thead th", { hasText: /^Said/ });
        await expect(said.getAttribute("aria-sort")).resolves.toBe("descending");
        await expect(page.locator("thead th", { hasText: /^Added/ }).getAttribute("aria-sort")).resolves.toBeNull();
        await page.getByRole("link", { name: /^Said, sorted descending; sort ascending/ }).click();
        await page.waitForURL(/order=asc/);
        expect(new URL(page.url()).searchParams.get("speaker")).toBe(speaker.slug);
        await expect(said.getAttribute("aria-sort")).resolves.toBe("ascending");
        const readSaidDates = () =>
          page
            .locator("main table tbody tr")
            .evaluateAll((rows) => rows.map((row) => row.querySelectorAll("time")[0]!.getAttribute("datetime")!));
        const firstDates = await readSaidDates();
        expect(firstDates).toHaveLength(25);
        expect(firstDates).toEqual([...firstDates].sort());
        const firstQuotes = await page.locator("main table tbody a.quote").allTextContents();
        await expectNoSidewaysScroll(page, `/statements at ${width}`);
        // On a phone each row is stacked, every cell on the screen (at 1280 the columns fit anyway).
        expect(await expectStackedRowsFit(page, `/statements at ${width} px`)).toBeGreaterThan(25 * 5);
        await expectNoSeriousAxeViolations(page, `/statements at ${width} px`);

        await page.getByRole("link", { name: "Next page →" }).click();
        await page.waitForURL(/after=/);
        const secondDates = await readSaidDates();
        expect(secondDates).toHaveLength(5);
        expect(secondDates).toEqual([...secondDates].sort());
        expect(secondDates[0]! >= firstDates.at(-1)!).toBe(true);
        const secondQuotes = await page.locator("main table tbody a.quote").allTextContents();
        expect(secondQuotes.filter((quote) => firstQuotes.includes(quote))).toEqual([]);
        await page.getByText("End of the list").waitFor();

        // Another header starts again from the first page in its own order; the filters stay.
        await page.getByRole("link", { name: "Sort by added" }).click();
        await page.waitForURL((url) => url.searchParams.get("sort") === "added" && !url.searchParams.has("after"));
        expect(new URL(page.url()).searchParams.get("speaker")).toBe(speaker.slug);
        await expect(page.locator("thead th", { hasText: /^Added/ }).getAttribute("aria-sort")).resolves.toBe("descending");
        await saveScreenshot(page, "statements", { fullPage: true });
      } finally {
        await context.close();
      }
    });

    it(`finds an actor by a Persian name with the list's search, and sorts actors by name at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
      try {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, `${appUrl}/admin/actors`);
        await page.getByLabel("Search actors").fill(`لاریجانی ${marker}`);
        await page.getByRole("button", { name: "Apply" }).click();
        await page.waitForURL(/q=/);
        await page.getByText("1 actor on this page").waitFor();
        await page.getByRole("button", { name: `Edit علی لاریجانی ${marker}` }).waitFor();
        await expect(page.getByLabel("Search actors").inputValue()).resolves.toBe(`لاریجانی ${marker}`);

        await gotoHydrated(page, `${appUrl}/admin/actors?size=25`);
        const names = () =>
          page.locator("main table tbody tr").evaluateAll((rows) => rows.map((row) => (row as HTMLTableRowElement).cells[0]!.textContent));
        const ascending = await names();
        await page.getByRole("link", { name: /^Name, sorted ascending; sort descending/ }).click();
        await page.waitForURL(/order=desc/);
        await expect(page.locator("thead th", { hasText: /^Name/ }).getAttribute("aria-sort")).resolves.toBe("descending");
        // The filter form says the same order as the heading, although the heading's link did not load a new page.
        await expect(page.getByLabel("Order", { exact: true }).inputValue()).resolves.toBe("desc");
        const descending = await names();
        expect(descending.length).toBeGreaterThan(0);
        expect(descending[0]).not.toBe(ascending[0]);
        await expectNoSidewaysScroll(page, `/admin/actors at ${width}`);
        await expectNoSeriousAxeViolations(page, `/admin/actors at ${width} px`);
        await saveScreenshot(page, "actors-list");
      } finally {
        await context.close();
      }
    });

    it(`filters events by text and sorts them by title; date fields read out in the app's format at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
      try {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, `${appUrl}/events?sort=title`);
        await page.getByRole("heading", { name: "All events, by title" }).waitFor();
        const titles = await page.locator("main h3").allTextContents();
        expect(titles.length).toBeGreaterThan(1);
        await page.getByLabel("Title or description contains").fill(titles[0]!.slice(0, 6));
        await page.getByRole("button", { name: "Apply" }).click();
        await page.waitForURL(/q=/);
        await page.getByRole("heading", { name: "Matching events, by title" }).waitFor();
        await expect(page.locator("main h3").first().textContent()).resolves.toBe(titles[0]);
        await expectNoSidewaysScroll(page, `/events at ${width}`);
        await expectNoSeriousAxeViolations(page, `/events at ${width} px`);

        // The list's date filter and the kit's DateField both say the chosen date as the app writes dates, beside the picker.
        const from = page.getByLabel("Happened from");
        await from.fill("2024-10-28");
        await expect(page.locator("#events-from-as-written").textContent()).resolves.toBe("28 Oct 2024");
        await expect(from.getAttribute("aria-describedby")).resolves.toBe("events-from-as-written");
        await page.getByRole("button", { name: "Add an event…" }).click();
        const form = page.getByRole("form", { name: "New event" });
        const date = form.getByLabel("Date", { exact: true });
        await date.fill("2024-05-02");
        const readoutId = (await date.getAttribute("aria-describedby"))!.split(" ")[0]!;
        await expect(page.locator(`[id="${readoutId}"]`).textContent()).resolves.toBe("2 May 2024");
        await form.getByLabel("Known to the").selectOption("MONTH");
        await expect(page.locator(`[id="${readoutId}"]`).textContent()).resolves.toBe("May 2024");
        await expectNoSidewaysScroll(page, `/events form at ${width}`);
        await saveScreenshot(page, "events-date");
      } finally {
        await context.close();
      }
    });
  }
});
