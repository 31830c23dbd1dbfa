// Importing codings (CSV or JSON Lines) through the Export and import page, in
// Chromium: a bad file is refused line by line with nothing imported, the same
// file goes in with its invalid rows skipped, a good CSV goes in whole and is
// undone from History; the database is checked after each step.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createPrismaClient } from "@/lib/database/prisma";
import { formatCsv, parseCsv } from "@/lib/exchange/csv";
import {
  browserTestsEnabled,
  expectNoSeriousAxeViolations,
  expectNoSidewaysScroll,
  gotoHydrated,
  readDownload,
  saveScreenshot,
  signedInContext,
  useBrowser,
} from "../support/browser";
import { createActor } from "../support/factories";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

async function snap(page: Page, name: string) {
  const width = page.viewportSize()!.width;
  await saveScreenshot(page, name, { fullPage: true });
  await expectNoSidewaysScroll(page, `${name} at ${width} px`);
}

/** Downloads one of the page's two exports and gives its text. */
async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return (await readDownload(file)).toString("utf8");
}

describe.skipIf(!browserTestsEnabled())("importing codings on the Export and import page, in Chromium", () => {
  const browser = useBrowser();
  afterAll(() => db.$disconnect());

  it("an administrator sees a bad file's problems by line with nothing imported, imports it skipping them, then imports a good CSV", async () => {
    // Targets no one has coded toward: every row of the files below is a new coding.
    const [first, second, third] = [await createActor(db), await createActor(db), await createActor(db)];
    const codingsToward = (target: { id: string }) => db.stanceCoding.count({ where: { targetId: target.id, deletedAt: null } });
    const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 900 });
    await gotoHydrated(page, `${appUrl}/exchange`);
    await page.getByRole("heading", { name: "Import", exact: true }).waitFor();

    const exported = (await download(page, "Download JSON Lines")).split("\n").filter((line) => line.includes("Financial Times"));
    const row = JSON.parse(exported[0]!) as Record<string, unknown>;
    const toward = (target: { name: string; slug: string }, changes: Record<string, unknown> = {}) =>
      JSON.stringify({ ...row, recipient: target.name, recipient_slug: target.slug, comment: "imported on the page", ...changes });
    const badFile = {
      name: "codings.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from([toward(first!), "{ not json", toward(second!, { score: 7 })].join("\n")),
    };
    const fileBox = page.getByLabel("File (.csv or .jsonl)");
    const importButton = page.getByRole("button", { name: "Import", exact: true });

    // A name the export never gives is refused on the page, before anything is read or sent.
    await fileBox.setInputFiles({ name: "codings.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("x") });
    await importButton.click();
    await page.getByText("File (.csv or .jsonl): must end in .csv or .jsonl, the two formats Stancewatch exports").waitFor();
    expect(await fileBox.getAttribute("aria-invalid")).toBe("true");

    // At phone width: refused, every problem by its line, nothing imported.
    await fileBox.setInputFiles(badFile);
    await importButton.click();
    const alert = page.getByRole("alert").filter({ hasText: "cannot be imported" });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^2 row\(s\) cannot be imported, so nothing was imported/);
    const problems = await page.getByRole("table", { name: "Rows that cannot be imported" }).innerText();
    expect(problems).toMatch(/2\s+invalid JSON/);
    expect(problems).toMatch(/3\s+score: must be at most \+3/);
    expect(await codingsToward(first!)).toBe(0);
    expect(await codingsToward(second!)).toBe(0);
    await snap(page, "codings-import-refused");
    await expectNoSeriousAxeViolations(page, "codings import refused");

    // The same file with invalid rows skipped: the good row goes in, the two bad ones are listed.
    await page.getByLabel("Skip invalid rows and import the rest").check();
    await importButton.click();
    await page.getByText("Imported 1 coding(s); 0 were already present. 2 invalid row(s) were skipped (listed below).").waitFor();
    expect(await page.getByRole("table", { name: "Invalid rows skipped" }).innerText()).toMatch(/2\s+invalid JSON[\s\S]*3\s+score/);
    expect(await page.getByRole("table", { name: "Rows that cannot be imported" }).count()).toBe(0);
    expect(await codingsToward(first!)).toBe(1);
    expect(await codingsToward(second!)).toBe(0);
    await snap(page, "codings-import-skipped");

    // At desktop width: a good CSV, written as the export writes it, goes in whole; a row already stored is left as it is.
    await page.setViewportSize({ width: 1280, height: 900 });
    const [stored] = parseCsv(await download(page, "Download CSV")).rows.filter(
      (exportedRow) => exportedRow.recipient_slug === first!.slug,
    );
    expect(stored).toBeDefined();
    const csv = formatCsv([
      stored!,
      { ...stored!, recipient: second!.name, recipient_slug: second!.slug, score: -2 },
      { ...stored!, recipient: third!.name, recipient_slug: third!.slug, score: 3 },
    ]);
    await page.getByLabel("Skip invalid rows and import the rest").uncheck();
    await fileBox.setInputFiles({ name: "codings.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await importButton.click();
    await page.getByText("Imported 2 coding(s); 1 were already present.").waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "cannot be imported" }).count()).toBe(0);
    expect(await codingsToward(first!)).toBe(1);
    const imported = await db.stanceCoding.findMany({
      where: { targetId: { in: [second!.id, third!.id] }, deletedAt: null },
      select: { targetId: true, score: true, rationale: true },
    });
    expect(imported.sort((a, b) => a.score - b.score)).toEqual([
      { targetId: second!.id, score: -2, rationale: "imported on the page" },
      { targetId: third!.id, score: 3, rationale: "imported on the page" },
    ]);
    await snap(page, "codings-import-done");

    // A wrong file: the import is undone from its page in History, which takes out the two codings it added.
    page.on("dialog", (dialog) => void dialog.accept());
    await page.getByRole("link", { name: "Undo this import" }).click();
    await page.waitForURL(/\/admin\/history\/CodingImport\/[^/]+$/);
    await page.getByRole("heading", { level: 1, name: "Import of 2 codings" }).waitFor();
    await snap(page, "codings-import-history");
    await page.getByRole("button", { name: "Undo this import" }).click();
    await page.getByRole("heading", { level: 1, name: "Import undone: 2 codings deleted, 0 kept" }).waitFor();
    expect(await page.getByRole("button", { name: "Undo this import" }).count()).toBe(0);
    expect(await codingsToward(second!)).toBe(0);
    expect(await codingsToward(third!)).toBe(0);
    expect(await codingsToward(first!)).toBe(1);
    await expectNoSeriousAxeViolations(page, "an undone import's history");
    await page.setViewportSize({ width: 390, height: 900 });
    await snap(page, "codings-import-undone");
    await expectNoSeriousAxeViolations(page, "an undone import's history at 390 px");
    await context.close();
    await db.stanceCoding.deleteMany({ where: { targetId: { in: [first!.id, second!.id, third!.id] } } });
  });
});
