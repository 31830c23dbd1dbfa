import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { browserTestsEnabled, checkLayoutAtBothWidths, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

function fixture(name: string, marker: string): { name: string; mimeType: string; buffer: Buffer } {
  // A marker in every text keeps the run's database free of the same texts from earlier runs.
  const content = readFileSync(`tests/fixtures/intake/${name}`, "utf8")
    .replace("</article>", `<p>Reference ${marker}.</p></article>`)
    .replace(/<\/p>\]\]>/g, ` Reference ${marker}.</p>]]>`);
  return { name, mimeType: name.endsWith(".html") ? "text/html" : "application/xml", buffer: Buffer.from(content) };
}

describe.skipIf(!browserTestsEnabled())("importing many sources, in Chromium", () => {
  const browser = useBrowser();
  afterAll(() => db.$disconnect());

  it("an analyst uploads a set with a bad feed (refused, by file and line), then the good set, then keeps a near duplicate", async () => {
    const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
    const page = await context.newPage();
    const marker = `intake-${Date.now()}`;
    await page.goto(`${appUrl}/sources`);
    await page.getByRole("link", { name: "Import many" }).click();
    await page.waitForURL(`${appUrl}/sources/import`);
    await page.getByRole("heading", { name: "Import sources" }).waitFor();
    await checkLayoutAtBothWidths(page, "intake-empty");

    const before = await db.source.count();
    const article = fixture("muscat-talks-article.html", marker);
    await page.locator("#intake-files").setInputFiles([article, fixture("not-a-feed.xml", marker)]);
    await page.getByRole("button", { name: "Import" }).click();
    // (Next.js's route announcer is an alert too.)
    const alert = page.getByRole("alert").filter({ hasText: "cannot be imported" });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/1 item\(s\) cannot be imported, so nothing was imported/);
    expect(await page.getByRole("table", { name: "Problems" }).innerText()).toMatch(
      /not-a-feed\.xml, line \d+\s+not a well-formed XML feed/,
    );
    expect(await db.source.count()).toBe(before);
    await checkLayoutAtBothWidths(page, "intake-bad-file");

    await page.locator("#intake-files").setInputFiles([article, fixture("regional-wire.rss", marker)]);
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText("Imported 3 sources.").waitFor();
    expect(await db.source.count()).toBe(before + 3);
    await page.getByRole("link", { name: "Oman hosts new round of indirect talks as both sides signal flexibility" }).waitFor();
    await checkLayoutAtBothWidths(page, "intake-imported");

    // The same article with a new dateline: a near duplicate, imported only when kept.
    const edited = {
      ...article,
      name: "republished.html",
      buffer: Buffer.from(article.buffer.toString("utf8").replace("MUSCAT —", "DUBAI —")),
    };
    await page.locator("#intake-files").setInputFiles([edited]);
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText(/1 item\(s\) nearly repeat a stored source/).waitFor();
    expect(await db.source.count()).toBe(before + 3);
    await checkLayoutAtBothWidths(page, "intake-near-duplicate");
    // Chosen item by item: "Import with these choices" waits until each near duplicate is kept or skipped.
    const withChoices = page.getByRole("button", { name: "Import with these choices" });
    expect(await withChoices.isDisabled()).toBe(true);
    await page.getByRole("radio", { name: "Keep" }).check();
    await withChoices.click();
    await page.getByText("Imported 1 source.").waitFor();
    expect(await db.source.count()).toBe(before + 4);

    // Both source pages name each other.
    await page.getByRole("link", { name: "Oman hosts new round of indirect talks as both sides signal flexibility" }).click();
    const notice = page.getByRole("complementary", { name: "Near duplicates" });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/Another source repeats most of this text/);
    await checkLayoutAtBothWidths(page, "intake-source-page");
    await context.close();
  });
});
