// A column added to the schema must not be silently left out of the corpus
// bundle: every scalar field of every model Prisma generates is either written
// by a bundle kind or listed as excluded with a reason, and every model is
// either a bundle kind or left out with a reason (docs/decisions/0028).
import { describe, expect, it } from "vitest";
import { bundleKey, bundleKindNames, describeKind, modelsLeftOut } from "@/lib/exchange/bundle-kinds";
import { canonicalJson, encodeRecord, formatBundle, parseBundle } from "@/lib/exchange/bundle-format";
import { Prisma } from "@/lib/generated/prisma/client";

/** Each model's scalar columns as the generated client knows them (Prisma.<Model>ScalarFieldEnum). */
function scalarFieldsOf(model: string): string[] {
  const fieldEnum = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
  if (!fieldEnum) throw new Error(`the generated client has no ${model}ScalarFieldEnum`);
  return Object.values(fieldEnum);
}

describe("the bundle's field lists", () => {
  it("place every model in the schema: a bundle kind, or left out with a reason", () => {
    const kindModels = bundleKindNames.map((kind) => describeKind(kind).model);
    const placed = [...kindModels, ...Object.keys(modelsLeftOut)].sort();
    expect(placed).toEqual(Object.values(Prisma.ModelName).sort());
    for (const reason of Object.values(modelsLeftOut)) expect(reason.length).toBeGreaterThan(20);
  });

  for (const kind of bundleKindNames) {
    const descriptor = describeKind(kind);
    it(`${kind}: every ${descriptor.model} column is written or excluded with a reason, and none is made up`, () => {
      const columns = scalarFieldsOf(descriptor.model);
      const placed = Object.keys(descriptor.fields);
      const unplaced = columns.filter((column) => !placed.includes(column));
      expect(unplaced, `add these ${descriptor.model} fields to bundleKinds.${kind} in lib/exchange/bundle-kinds.ts`).toEqual([]);
      expect(placed.filter((field) => !columns.includes(field))).toEqual([]);
      for (const [field, rule] of Object.entries(descriptor.fields)) {
        if (rule.type === "excluded") expect(rule.reason.length, field).toBeGreaterThan(20);
      }
      // The record's own discriminator never collides with a column's key.
      const keys = Object.entries(descriptor.fields).map(([field, rule]) => bundleKey(field, rule));
      expect(keys).not.toContain("record");
      expect(new Set(keys).size).toBe(keys.length);
    });
  }
});

describe("the bundle file", () => {
  const actorRow = {
    id: "a1",
    slug: "iran",
    name: "Iran",
    kind: "GOVERNMENT",
    office: null,
    speaksForId: null,
    wikidataId: "Q794",
    isTrackedTarget: true,
    version: 2,
    createdAt: new Date("2024-10-28T09:00:00.000Z"),
    updatedAt: new Date("2024-10-29T09:00:00.000Z"),
    deletedAt: null,
    aliases: ["Tehran"],
  };

  it("writes the same bytes for the same records, whatever order they come in, and reads them back", () => {
    const second = { ...actorRow, id: "a0", slug: "israel", name: "Israel", wikidataId: null, aliases: [] };
    const records = [encodeRecord("actor", actorRow, () => undefined), encodeRecord("actor", second, () => undefined)];
    const one = formatBundle({ appVersion: "1.0.0", exportedAt: "2025-01-01T00:00:00.000Z" }, records);
    const other = formatBundle({ appVersion: "1.0.0", exportedAt: "2025-01-01T00:00:00.000Z" }, [...records].reverse());
    expect(one).toBe(other);
    const lines = one.trimEnd().split("\n");
    expect(JSON.parse(lines[0]!)).toEqual({
      format: "stancewatch-bundle",
      formatVersion: 2,
      appVersion: "1.0.0",
      records: { actor: 2 },
      exportedAt: "2025-01-01T00:00:00.000Z",
    });
    expect(lines[1]).toMatch(/^\{"record":"actor","id":"a0","slug":"israel",/);
    const parsed = parseBundle(one);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((record) => [record.line, record.id])).toEqual([
      [2, "a0"],
      [3, "a1"],
    ]);
    // Cut short: the header's counts tell.
    const truncated = parseBundle(lines.slice(0, 2).join("\n"));
    expect(truncated.errors).toEqual([
      {
        line: 1,
        message: expect.stringMatching(/^header: the bundle announces 2 actor\(s\) but holds 1: the file may have been cut short/),
      },
    ]);
    // Lines added by hand are fine.
    expect(parseBundle(`${one}${lines[1]!.replaceAll("a0", "a2").replace("israel", "egypt")}\n`).errors).toEqual([]);
  });

  it("refuses a JSON value nested past any stored one by its line, rather than failing on it", () => {
    const header = JSON.stringify({
      format: "stancewatch-bundle",
      formatVersion: 1,
      appVersion: "1.0.0",
      exportedAt: "2025-01-01T00:00:00.000Z",
    });
    const evidence = (snapshot: string) =>
      `{"record":"evidence","id":"e1","setId":"s1","statementId":null,"eventId":"v1","credibility":"MEDIUM","note":"","codingSnapshot":${snapshot},"reviewedAt":"2025-01-01T00:00:00.000Z","createdByEmail":null,"version":1,"createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2025-01-01T00:00:00.000Z"}`;
    // 200,000 levels in 400 KB: JSON.parse reads it, JSON.stringify and jsonb cannot.
    const parsed = parseBundle(`${header}\n${evidence(`${"[".repeat(200_000)}${"]".repeat(200_000)}`)}\n`);
    expect(parsed.errors).toEqual([{ line: 2, message: expect.stringMatching(/^codingSnapshot: nests more than 32 levels deep/) }]);
    expect(parseBundle(`${header}\n${evidence('{"t1":{"score":1}}')}\n`).errors).toEqual([]);
  });

  it("refuses by line and field a text longer than the app's forms take, and reads one at the limit", () => {
    const header = JSON.stringify({ format: "stancewatch-bundle", formatVersion: 1, appVersion: "1.0.0", exportedAt: "x" });
    const actor = (id: string, length: number) => {
      const row = { ...actorRow, id, name: "n".repeat(length), aliases: ["a".repeat(length)] };
      return JSON.stringify({ record: "actor", ...encodeRecord("actor", row, () => undefined).values });
    };
    const review = `{"record":"statementReview","id":"r1","statementId":"s1","coderEmail":"${"e".repeat(320)}@x.org","createdAt":"2025-01-01T00:00:00.000Z","version":1}`;
    const parsed = parseBundle([header, actor("a1", 201), review, actor("a2", 200)].join("\n"));
    expect(parsed.errors).toEqual([
      { line: 2, message: "name: must be at most 200 characters" },
      { line: 2, message: "aliases: each must be at most 200 characters" },
      { line: 3, message: "coderEmail: must be at most 320 characters" },
    ]);
    expect(parsed.records.map((record) => record.line)).toEqual([4]);
  });

  it("refuses by line an id, a reference or an e-mail holding the NUL character, which PostgreSQL cannot take", () => {
    const header = JSON.stringify({ format: "stancewatch-bundle", formatVersion: 1, appVersion: "1.0.0", exportedAt: "x" });
    const review = (id: string, statementId: string, email: string) =>
      JSON.stringify({ record: "statementReview", id, statementId, coderEmail: email, createdAt: "2025-01-01T00:00:00.000Z", version: 1 });
    const parsed = parseBundle(
      [header, review("r\u0000", "s1", "a@x.org"), review("r2", "s\u0000", "a@x.org"), review("r3", "s1", "a\u0000@x.org")].join("\n"),
    );
    expect(parsed.errors.map((error) => [error.line, error.message.split(":")[0]])).toEqual([
      [2, "id"],
      [3, "statementId"],
      [4, "coderEmail"],
    ]);
  });

  it("sorts JSON values' keys, so equal rules and codebooks serialise alike", () => {
    expect(JSON.stringify(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } }))).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });

  it("reports every problem of every line with its number", () => {
    const header = JSON.stringify({ format: "stancewatch-bundle", formatVersion: 1, appVersion: "1.0.0", records: {}, exportedAt: "x" });
    const good = JSON.stringify({ record: "actor", ...encodeRecord("actor", actorRow, () => undefined).values });
    const text = [
      header,
      good,
      "",
      JSON.stringify({ ...JSON.parse(good), kind: "PLANET", isTrackedTarget: "yes", extra: 1 }),
      JSON.stringify({ ...JSON.parse(good), createdAt: "yesterday" }),
      "[1]",
      JSON.stringify({ ...JSON.parse(good), id: "a2", slug: "year-zero", updatedAt: "0000-12-31T00:00:00.000Z" }),
      JSON.stringify({ record: "actor", id: "a9", name: "Only a name" }),
    ].join("\r\n");
    const parsed = parseBundle(text);
    expect(parsed.records.map((record) => record.line)).toEqual([2]);
    expect(parsed.errors).toEqual([
      { line: 4, message: expect.stringMatching(/^kind: must be one of PERSON, GOVERNMENT/) },
      { line: 4, message: 'isTrackedTarget: must be true or false, not "yes"' },
      { line: 4, message: 'unknown field "extra" (no actor has it)' },
      { line: 4, message: "id: a1 is also the id of the actor on line 2" },
      { line: 5, message: expect.stringMatching(/^createdAt: must be a UTC time/) },
      { line: 5, message: "id: a1 is also the id of the actor on line 2" },
      { line: 6, message: "a record must be a JSON object, not an array" },
      { line: 7, message: expect.stringMatching(/^updatedAt: must be a UTC time/) },
      {
        line: 8,
        message:
          "missing fields slug, kind, office, speaksForId, wikidataId, isTrackedTarget, version, createdAt, updatedAt, aliases (every actor has them)",
      },
    ]);
  });
});
