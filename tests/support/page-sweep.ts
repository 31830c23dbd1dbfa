// The page sweep: every page an analyst or administrator opens, at desktop and phone width: it answers, it does
// not scroll sideways at 390 px, and axe-core finds no serious or critical accessibility violation, with an event
// whose title and description cannot break in the window. The pages are swept by two files
// (tests/e2e/page-sweep-*.test.ts), which run in both test lanes at once rather than as one file of a minute and
// a half that the other lane waits for at the end of a run (docs/benchmarks.md, "npm test"). No link on any of them
// prefetches its page (docs/decisions/0037).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssignmentDraw } from "@/lib/data/assignments";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  addAxeToEveryPage,
  browserTestsEnabled,
  expectNoSeriousAxeViolations,
  expectNavigationFits,
  expectNoSidewaysScroll,
  expectOnlyCrossTablesScroll,
  expectStackedRowsFit,
  gotoHydrated,
  missingChromiumMessage,
  signedInContext,
  useBrowser,
} from "./browser";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "./factories";
import { testPasswords } from "./test-passwords";
import { testLane } from "./lane";

/** What the pages' addresses are made of: records of the seed and of the sweep's own fixtures. */
/** `analystCodingId`: a coding by the lead analyst, which the administrator may delete but not edit. */
export type SweepRecords = { sourceId: string; unbrokenSourceId: string; scenarioSlug: string; analystId: string; analystCodingId: string };

/** Every page in `choosePages` at 1280 and 390 px, signed in as the administrator. */
export function describePageSweep(title: string, choosePages: (records: SweepRecords) => string[]): void {
  const appUrl = testLane().appUrl;
  const browserAvailable = browserTestsEnabled();
  if (!browserAvailable) console.warn(missingChromiumMessage);
  const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
  afterAll(async () => {
    if (unbrokenEventId) await db.event.update({ where: { id: unbrokenEventId }, data: { deletedAt: new Date() } });
    if (unbrokenSourceId) {
      // Leave nothing of it live for the files after this one: the coding, the statement and the source.
      const deletedAt = new Date();
      await db.stanceCoding.updateMany({ where: { statement: { sourceId: unbrokenSourceId } }, data: { deletedAt } });
      await db.statement.updateMany({ where: { sourceId: unbrokenSourceId }, data: { deletedAt } });
      await db.source.update({ where: { id: unbrokenSourceId }, data: { deletedAt } });
    }
    await db.$disconnect();
  });

  let pages: string[] = [];
  let unbrokenEventId: string | undefined;
  let unbrokenSourceId: string | undefined;
  beforeAll(async () => {
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    // Text with no place to break (an identifier, a pasted address) in the window the dashboard opens on: every page
    // that shows it must wrap it rather than grow wider than a phone.
    const unbroken = await db.event.create({
      data: {
        slug: `unbroken-${Date.now()}`,
        title: `Unbroken-${"x".repeat(90)}`,
        kind: "DIPLOMATIC",
        occurredOn: new Date("2024-10-27T00:00:00Z"),
        description: `https://example.org/${"y".repeat(120)}`,
      },
    });
    unbrokenEventId = unbroken.id;
    // The same for a speaker's name, a source's text and a quote, coded toward a tracked target so the dashboard,
    // the codings and the statements show them.
    const unbrokenSpeaker = await createActor(db, { name: `Speaker-${"n".repeat(80)}` });
    const unbrokenQuote = `Quote-${"q".repeat(120)}`;
    // Both sweep files add this source, and a lane's database keeps the first one's (soft-deleted, its content hash
    // still taken) when one lane runs both, as every run on the embedded database does: the tail makes each unique.
    const unbrokenSource = await createSource(
      db,
      `Reported: "${unbrokenQuote}" https://example.org/${"s".repeat(150)}${randomUUID().replaceAll("-", "")}`,
    );
    const unbrokenStatement = await createStatement(db, { source: unbrokenSource, speakerId: unbrokenSpeaker.id, quote: unbrokenQuote });
    const trackedTarget = await db.actor.findFirstOrThrow({ where: { isTrackedTarget: true, deletedAt: null } });
    const analystCoding = await createStanceCoding(db, {
      statement: unbrokenStatement,
      targetId: trackedTarget.id,
      coderId: analyst.id,
      score: -1,
    });
    unbrokenSourceId = unbrokenSource.id;
    // Pages show their tables only when there is something to list: give the assignments page a draw of its own.
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
    const assigned = await createSource(db);
    await createStatement(db, { source: assigned, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const coder = await createUser(db, "ANALYST");
    await createAssignmentDraw({ id: admin.id, role: admin.role }, { sourceId: assigned.id, coderIds: [coder.id], share: 1, overlap: 0 });
    const source = await db.source.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { createdAt: "asc" } });
    const scenario = await db.scenario.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { createdAt: "asc" } });
    pages = choosePages({
      sourceId: source.id,
      unbrokenSourceId: unbrokenSourceId!,
      scenarioSlug: scenario.slug,
      analystId: analyst.id,
      analystCodingId: analystCoding.id,
    });
  });

  describe.skipIf(!browserAvailable)(title, () => {
    const browser = useBrowser();

    for (const width of [1280, 390]) {
      // Sixteen-odd pages, each loaded, hydrated and run through axe, in one test: on a busy machine that needs more than the default minute.
      it(`answers, fits and passes axe at ${width} px`, { timeout: 240_000 }, async () => {
        const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
        try {
          await addAxeToEveryPage(context);
          const page = await context.newPage();
          await page.setViewportSize({ width, height: 900 });
          // No link prefetches its page (components/link.tsx): Next marks a prefetch with this header. The links in
          // view would have asked while each page was checked below, so the sweep needs no wait of its own.
          const prefetched: string[] = [];
          page.on("request", (request) => {
            const headers = request.headers();
            if (headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) prefetched.push(request.url());
          });
          for (const path of pages) {
            const response = await gotoHydrated(page, `${appUrl}${path}`);
            expect(response?.status(), path).toBe(200);
            await expectNoSidewaysScroll(page, `${path} at ${width} px`);
            await expectNavigationFits(page, `${path} at ${width} px`);
            await expectStackedRowsFit(page, `${path} at ${width} px`);
            await expectOnlyCrossTablesScroll(page, `${path} at ${width} px`);
            await expectNoSeriousAxeViolations(page, `${path} at ${width} px`);
          }
          expect(prefetched, "pages prefetched by links").toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });
}
