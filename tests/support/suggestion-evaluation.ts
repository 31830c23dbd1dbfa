/**
 * Measures statement suggestions against a hand-made gold: recall (gold statements found with the right speaker)
 * and precision (suggestions that are a gold statement with the right speaker). Shared by the unseen evaluation and
 * the development set, so that both are scored by the same rules.
 *
 * A suggestion is a gold statement when each covers at least half of the other's characters (so a span that merges
 * two statements, or a fragment of one, does not count). Its speaker is right when it is matched to the gold's
 * known actor, or, matched to no actor, when its speaker words contain one of the gold's names for the speaker
 * ("Saudi deputy foreign minister Khalid al-Rashed" contains "Khalid al-Rashed"; "she" contains none). A match to
 * the wrong known actor is wrong even if the words are right: it would code the statement to the wrong actor.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { suggestStatements, type KnownActor, type StatementSuggestion } from "@/lib/suggestions/extract-statements";

export type GoldStatement = { quote: string; actor?: string; names: string[] };
export type GoldArticle = { file: string; actors: KnownActor[]; statements: GoldStatement[] };

export type ArticleScore = {
  file: string;
  gold: number;
  suggested: number;
  /** Gold statements found with the right speaker. */
  found: number;
  /** Suggestions that are a gold statement with the right speaker (one suggestion per gold statement). */
  correct: number;
  misses: string[];
  wrong: string[];
};

export function readGold(directory: string): GoldArticle[] {
  const gold = JSON.parse(readFileSync(path.join(directory, "gold.json"), "utf8")) as { articles: GoldArticle[] };
  return gold.articles;
}

function normalise(words: string): string {
  return ` ${words
    .normalize("NFC")
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'-]+/gu, " ")
    .trim()} `;
}

function speakerIsRight(suggestion: StatementSuggestion, statement: GoldStatement): boolean {
  if (suggestion.speakerId !== null) return suggestion.speakerId === statement.actor;
  const words = normalise(suggestion.speakerText);
  return statement.names.some((name) => words.includes(normalise(name)));
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function scoreArticle(directory: string, article: GoldArticle): ArticleScore {
  const text = readFileSync(path.join(directory, article.file), "utf8");
  const suggestions = suggestStatements(text, article.actors);
  const gold = article.statements.map((statement) => {
    const start = text.indexOf(statement.quote);
    if (start < 0) throw new Error(`${article.file}: gold quote not in the text: ${statement.quote}`);
    return { statement, start, end: start + statement.quote.length };
  });
  const sameStatement = (suggestion: StatementSuggestion, span: (typeof gold)[number]) => {
    const shared = overlap({ start: suggestion.startOffset, end: suggestion.endOffset }, span);
    return shared * 2 >= span.end - span.start && shared * 2 >= suggestion.endOffset - suggestion.startOffset;
  };

  const used = new Set<StatementSuggestion>();
  const misses: string[] = [];
  let found = 0;
  for (const span of gold) {
    const match = suggestions.find(
      (suggestion) => !used.has(suggestion) && sameStatement(suggestion, span) && speakerIsRight(suggestion, span.statement),
    );
    if (match) {
      used.add(match);
      found++;
    } else {
      const nearest = suggestions.find((suggestion) => sameStatement(suggestion, span));
      misses.push(
        `${span.statement.quote.slice(0, 70)} — ${nearest ? `speaker “${nearest.speakerText}” (${nearest.speakerId ?? "no actor"})` : "not found"}`,
      );
    }
  }
  const wrong = suggestions
    .filter((suggestion) => !used.has(suggestion))
    .map(
      (suggestion) =>
        `${suggestion.form} “${suggestion.quote.slice(0, 70)}” ← “${suggestion.speakerText}” (${suggestion.speakerId ?? "no actor"})`,
    );
  return { file: article.file, gold: gold.length, suggested: suggestions.length, found, correct: used.size, misses, wrong };
}

export type Totals = { gold: number; suggested: number; found: number; correct: number; recall: number; precision: number };

export function totals(scores: ArticleScore[]): Totals {
  const sum = (pick: (score: ArticleScore) => number) => scores.reduce((total, score) => total + pick(score), 0);
  const gold = sum((s) => s.gold);
  const suggested = sum((s) => s.suggested);
  const found = sum((s) => s.found);
  const correct = sum((s) => s.correct);
  return { gold, suggested, found, correct, recall: found / gold, precision: suggested === 0 ? 0 : correct / suggested };
}

/** A table for the test output: one line per article and one for the whole set, with what was missed or wrong. */
export function report(title: string, scores: ArticleScore[], details: boolean): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
  const lines = [`${title}: recall = gold statements found with the right speaker; precision = suggestions that are one`];
  for (const score of scores) {
    lines.push(
      `  ${score.file.padEnd(44)} recall ${percent(score.found / score.gold)} (${score.found}/${score.gold})  precision ${percent(score.suggested ? score.correct / score.suggested : 0)} (${score.correct}/${score.suggested})`,
    );
    if (details) {
      for (const miss of score.misses) lines.push(`      missed: ${miss}`);
      for (const wrong of score.wrong) lines.push(`      extra:  ${wrong}`);
    }
  }
  const all = totals(scores);
  lines.push(
    `  ${"overall".padEnd(44)} recall ${percent(all.recall)} (${all.found}/${all.gold})  precision ${percent(all.precision)} (${all.correct}/${all.suggested})`,
  );
  return lines.join("\n");
}
