import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateQuote } from "@/lib/sources/offsets";
import { loadSeedFiles, SeedFileError } from "@/lib/seed/seed-files";
import { choosePasswordFromEnvironment, seedDirectory } from "@/lib/seed/run-seed";

async function copyOfSeeds(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "stancewatch-seeds-"));
  await cp(seedDirectory, directory, { recursive: true });
  return directory;
}

async function editJson(directory: string, file: string, edit: (value: unknown[]) => void) {
  const full = path.join(directory, file);
  const value = JSON.parse(await readFile(full, "utf8")) as unknown[];
  edit(value);
  await writeFile(full, JSON.stringify(value));
}

describe("the seed files", () => {
  it("hold the article's corpus, every quote verbatim in its text", async () => {
    const data = await loadSeedFiles(seedDirectory);
    const text = data.sources[0]!.text;
    expect(text).toContain("Iran ‘open’ to closer western ties, Khamenei adviser suggests");
    expect(data.statements.length).toBeGreaterThanOrEqual(12);
    const codings = data.statements.flatMap((statement) => statement.codings);
    expect(codings.length).toBeGreaterThanOrEqual(15);
    for (const statement of data.statements) expect(() => locateQuote(text, statement.quote, statement.occurrence)).not.toThrow();
    const doubleCoded = data.statements.filter((statement) => new Set(statement.codings.map((coding) => coding.coder)).size > 1);
    expect(doubleCoded.length).toBeGreaterThanOrEqual(5);
    const speakers = new Set(data.statements.map((statement) => statement.speaker));
    for (const slug of ["ali-akbar-velayati", "esmaeil-baghaei", "arab-governments"]) expect(speakers).toContain(slug);
    expect(
      data.actors
        .filter((actor) => actor.isTrackedTarget)
        .map((actor) => actor.name)
        .sort(),
    ).toEqual(["Europe", "Israel", "United States"]);
    expect(data.events.map((event) => event.occurredOn)).toEqual(
      expect.arrayContaining([
        "2023-10-07",
        "2024-07-31",
        "2024-09-27",
        "2024-10-01",
        "2024-10-26",
        "2024-11-05",
        "2015-07-14",
        "2018-05-08",
      ]),
    );
  });

  it("name the file and entry of a malformed value", async () => {
    const directory = await copyOfSeeds();
    await editJson(directory, "statements.json", (statements) => {
      (statements[2] as { codings: { score: number }[] }).codings[0]!.score = 7;
    });
    await expect(loadSeedFiles(directory)).rejects.toThrowError(
      /^seeds\/statements\.json, entry 3 \(quote ".*"\): codings\.0\.score: must be at most \+3/,
    );
  });

  it("name an unknown reference", async () => {
    const directory = await copyOfSeeds();
    await editJson(directory, "statements.json", (statements) => {
      (statements[0] as { speaker: string }).speaker = "nobody-known";
    });
    await expect(loadSeedFiles(directory)).rejects.toThrowError('seeds/statements.json, entry 1: unknown speaker "nobody-known"');
  });

  it("refuse a file that is not JSON", async () => {
    const directory = await copyOfSeeds();
    await writeFile(path.join(directory, "events.json"), "[{ not json");
    await expect(loadSeedFiles(directory)).rejects.toThrowError(SeedFileError);
    await expect(loadSeedFiles(directory)).rejects.toThrowError(/^seeds\/events\.json is not valid JSON/);
  });
});

describe("seeded passwords", () => {
  it("come from the environment when given, are generated otherwise, and are never fixed", () => {
    const user = { key: "lead-analyst", email: "a@b.c", name: "A", role: "ANALYST" as const };
    expect(choosePasswordFromEnvironment({ SEED_PASSWORD_LEAD_ANALYST: "a long enough passphrase" })(user)).toEqual({
      password: "a long enough passphrase",
      generated: false,
    });
    const first = choosePasswordFromEnvironment({})(user);
    const second = choosePasswordFromEnvironment({})(user);
    expect(first.generated).toBe(true);
    expect(first.password).toHaveLength(20);
    expect(first.password).not.toBe(second.password);
    expect(() => choosePasswordFromEnvironment({ SEED_PASSWORD_LEAD_ANALYST: "short" })(user)).toThrowError(
      /SEED_PASSWORD_LEAD_ANALYST: use at least 12 characters/,
    );
  });
});
