import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { createSource } from "@/lib/data/sources";
import { listStatementSuggestions } from "@/lib/data/suggestions";
import { NotFoundError } from "@/lib/errors";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }) => ({ id: user.id, role: user.role, isAdjudicator: false });

describe("statement suggestions through the data layer", () => {
  it("suggests on the seed article only what its statements do not cover, each pointing at exact characters and a named actor", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const source = await db.source.findFirstOrThrow({
      where: { title: { startsWith: "Iran ‘open’" } },
      select: { id: true, text: true, statements: { where: { deletedAt: null }, select: { startOffset: true, endOffset: true } } },
    });
    expect(source.statements.length).toBeGreaterThan(10);
    const suggestions = await listStatementSuggestions(analyst, source.id);
    expect(suggestions.length).toBeGreaterThan(0);
    const actors = new Map((await db.actor.findMany({ select: { id: true, name: true } })).map((actor) => [actor.id, actor.name]));
    for (const suggestion of suggestions) {
      expect(source.text.slice(suggestion.startOffset, suggestion.endOffset)).toBe(suggestion.quote);
      expect(suggestion.speakerText.trim()).not.toBe("");
      expect(suggestion.cue.trim()).not.toBe("");
      expect(suggestion.speakerName).toBe(suggestion.speakerId ? actors.get(suggestion.speakerId) : null);
      const covered = source.statements.some(
        (statement) => suggestion.startOffset < statement.endOffset && statement.startOffset < suggestion.endOffset,
      );
      expect(covered, suggestion.quote).toBe(false);
    }
  });

  it("names the matched actor of a quotation split by its attribution in both halves", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const { id } = await createSource(analyst, {
      title: `Split quotation ${Date.now()}`,
      publisher: "Test Wire",
      url: null,
      publishedOn: "2025-03-01",
      language: "en",
      text: `Tehran, ${Date.now()}. “We are ready to talk,” Velayati said. “But not under threats.”`,
    });
    const velayati = await db.actor.findUniqueOrThrow({ where: { slug: "ali-akbar-velayati" } });
    const suggestions = await listStatementSuggestions(analyst, id);
    expect(suggestions.map(({ quote, speakerId, speakerName, form }) => ({ quote, speakerId, speakerName, form }))).toEqual([
      { quote: "We are ready to talk", speakerId: velayati.id, speakerName: velayati.name, form: "DIRECT_QUOTE" },
      { quote: "But not under threats.", speakerId: velayati.id, speakerName: velayati.name, form: "DIRECT_QUOTE" },
    ]);
  });

  it("refuses viewers, and reports an unknown or deleted source as not found", async () => {
    const analyst = acting(await createUser(db, "ANALYST"));
    const viewer = acting(await createUser(db, "VIEWER"));
    const { id } = await createSource(analyst, {
      title: `Deleted source ${Date.now()}`,
      publisher: "Test Wire",
      url: null,
      publishedOn: "2025-03-01",
      language: "en",
      text: `Riyadh, ${Date.now()}. “We seek calm,” the minister said.`,
    });
    await expect(listStatementSuggestions(viewer, id)).rejects.toThrowError(PermissionDeniedError);
    expect(await listStatementSuggestions(analyst, id)).toHaveLength(1);
    await expect(listStatementSuggestions(analyst, "no-such-source")).rejects.toThrowError(NotFoundError);
    // Hostile ids (a NUL byte PostgreSQL cannot store, quotes, a megabyte) are not found either, never a database error.
    for (const hostile of ["\u0000", "' OR '1'='1", "x".repeat(1_000_000)])
      await expect(listStatementSuggestions(analyst, hostile)).rejects.toThrowError(NotFoundError);
    await db.source.update({ where: { id }, data: { deletedAt: new Date() } });
    await expect(listStatementSuggestions(analyst, id)).rejects.toThrowError(NotFoundError);
  });
});
