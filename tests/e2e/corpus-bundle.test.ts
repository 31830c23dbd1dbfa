// The corpus bundle on the Export and import page, in Chromium: download it,
// upload it with a conflicting and a bad line, see the report, skip the
// conflict; and the route's answers to bad input over HTTP (docs/decisions/0028).
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { bodyLimits } from "@/lib/http/route";
import {
  browserTestsEnabled,
  checkLayoutAtBothWidths,
  expectNoSeriousAxeViolations,
  gotoHydrated,
  readDownload,
  signedInContext,
  useBrowser,
} from "../support/browser";
import { createActor } from "../support/factories";
import { anonymousSession, signInOverHttp } from "../support/http-session";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";
import { streamedBody } from "../support/streamed-body";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

describe.skipIf(!browserTestsEnabled())("the corpus bundle on the page, in Chromium", () => {
  const browser = useBrowser();
  afterAll(() => db.$disconnect());

  it("an administrator downloads the bundle, uploads it changed, sees the conflict and the bad line by number, then skips the conflict", async () => {
    const actor = await createActor(db, { name: "Bundle page actor" });
    const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const page = await context.newPage();
    await gotoHydrated(page, `${appUrl}/exchange`);
    await page.getByRole("heading", { name: "Corpus bundle" }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download corpus bundle" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^stancewatch-bundle-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = (await readDownload(download)).toString("utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: "stancewatch-bundle", formatVersion: 2 });
    const actorIndex = lines.findIndex((line) => line.includes(`"id":"${actor.id}"`));
    expect(actorIndex).toBeGreaterThan(0);
    const stamp = Date.now();
    const original = JSON.parse(lines[actorIndex]!) as Record<string, unknown>;
    lines[actorIndex] = JSON.stringify({ ...original, name: "Renamed in the file" });
    const newActor = { ...original, id: `page-new-${stamp}`, slug: `page-new-${stamp}`, name: "New from the bundle" };
    lines.push(JSON.stringify(newActor));
    const withConflict = lines.join("\n");
    const upload = (content: string) => ({ name: "bundle.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(content) });

    // A bad line besides: refused, with both tables, nothing imported.
    await page.locator("#bundle-file").setInputFiles(upload(`${withConflict}\n{"record":"actor","id":"broken"}`));
    await page.getByRole("button", { name: "Import bundle" }).click();
    await page.getByRole("alert").filter({ hasText: "cannot be imported" }).waitFor();
    const errors = await page.getByRole("table", { name: "Lines that cannot be imported" }).innerText();
    expect(errors).toMatch(new RegExp(`${lines.length + 1}\\s+missing fields slug, name, kind,`));
    expect(await page.getByRole("table", { name: "Lines that conflict with what is stored" }).innerText()).toMatch(
      new RegExp(`${actorIndex + 1}\\s+an actor with the id ${actor.id} is stored with other values \\(name\\)`),
    );
    expect(await db.actor.count({ where: { id: newActor.id } })).toBe(0);
    await checkLayoutAtBothWidths(page, "bundle-refused");
    await expectNoSeriousAxeViolations(page, "bundle import refused");

    // Only the conflict: refused until skipping is chosen.
    await page.locator("#bundle-file").setInputFiles(upload(withConflict));
    await page.getByRole("button", { name: "Import bundle" }).click();
    await page.getByRole("alert").filter({ hasText: "conflict with what is stored" }).waitFor();
    expect(await db.actor.count({ where: { id: newActor.id } })).toBe(0);

    await page.getByLabel("Skip conflicting lines, keeping what is stored, and import the rest").check();
    await page.getByRole("button", { name: "Import bundle" }).click();
    await page.getByText(/Imported 1 actor\(s\); \d+ record\(s\) were already stored unchanged; 1 conflicting line\(s\) skipped/).waitFor();
    expect(await page.getByRole("table", { name: "Conflicting lines skipped" }).innerText()).toMatch(new RegExp(`${actorIndex + 1}\\s+`));
    expect((await db.actor.findUniqueOrThrow({ where: { id: actor.id } })).name).toBe("Bundle page actor");
    expect((await db.actor.findUniqueOrThrow({ where: { id: newActor.id } })).name).toBe("New from the bundle");
    await checkLayoutAtBothWidths(page, "bundle-imported");
    await context.close();
    await db.auditEntry.count({ where: { entity: "Actor", entityId: newActor.id } }).then((count) => expect(count).toBe(1));
    await db.actor.delete({ where: { id: newActor.id } });
  });

  it("answers bad requests over HTTP with a status and a sentence, and changes nothing", async () => {
    const admin = await signInOverHttp(appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
    const viewer = await signInOverHttp(appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    expect((await anonymousSession(appUrl).request("/api/exchange/bundle")).status).toBe(401);
    const viewerExport = await viewer.request("/api/exchange/bundle");
    expect(viewerExport.status).toBe(200);
    expect(viewerExport.headers.get("content-type")).toMatch(/application\/x-ndjson/);

    const post = (path: string, body: BodyInit) =>
      admin.request(path, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body });
    const badOption = await post("/api/exchange/bundle?skipConflicts=perhaps", "");
    expect(badOption.status).toBe(422);
    expect(await badOption.json()).toMatchObject({ fieldErrors: { skipConflicts: "must be true or false" } });
    const notABundle = await post("/api/exchange/bundle", "actor,name\niran,Iran\n");
    expect(notABundle.status).toBe(422);
    expect(((await notABundle.json()) as { error: string }).error).toMatch(/first line must be the bundle's header/);
    expect((await viewer.request("/api/exchange/bundle", { method: "POST", body: "x" })).status).toBe(403);

    // Over the import limit: refused while it streams in, before it is parsed.
    const oversized = streamedBody(bodyLimits.import + 2 * 1024 * 1024, 1024 * 1024);
    const tooLarge = await admin.request("/api/exchange/bundle", oversized.init).finally(oversized.stop);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: string }).error).toMatch(/larger than 64 MB/);
  });
});
