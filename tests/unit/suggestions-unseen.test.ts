/**
 * Recall and precision of the statement suggestions on news articles they were not developed against
 * (tests/fixtures/unseen: articles and gold committed before any tuning; see docs/decisions/0022).
 * Improvements are made on tests/fixtures/suggestions-dev only.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGold, report, scoreArticle, totals } from "../support/suggestion-evaluation";

const directory = path.resolve(import.meta.dirname, "../fixtures/unseen");

describe("suggestions on unseen news", () => {
  const scores = readGold(directory).map((article) => scoreArticle(directory, article));
  const all = totals(scores);
  console.log(report("Unseen articles", scores, process.env.SUGGESTION_DETAILS === "1"));

  it("finds at least 9 of 10 attributed statements with the right speaker", () => {
    expect(all.gold).toBeGreaterThanOrEqual(90);
    expect(all.recall).toBeGreaterThanOrEqual(0.9);
  });

  // A wrong suggestion is worse than a missing one: accepted unread, it codes a statement to the wrong actor. So at
  // least 9 in 10 suggestions must be a real statement with the right speaker.
  it("keeps at least 9 in 10 suggestions right", () => {
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
  });
});
