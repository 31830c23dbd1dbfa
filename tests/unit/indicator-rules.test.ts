import { describe, expect, it } from "vitest";
import {
  type IndicatorRule,
  describeIndicatorRule,
  indicatorRuleSchema,
  isCountedStatement,
  isTriggered,
  lastChange,
  windowStart,
} from "@/lib/indicators/rules";
import { describeZodError } from "@/lib/validation";

const iranTowardUnitedStates = {
  kind: "MEAN_STANCE",
  speakers: { actorSlug: "iran", includeRepresentatives: true },
  targetSlug: "united-states",
  windowDays: 30,
  comparison: "AT_LEAST",
  threshold: 1,
} as const satisfies IndicatorRule;

const hostilityTowardIsrael = {
  kind: "STATEMENT_COUNT",
  speakers: { actorSlug: "iranian-leadership", includeRepresentatives: false },
  targetSlug: "israel",
  windowDays: 7,
  scoreComparison: "AT_MOST",
  scoreThreshold: -2,
  comparison: "AT_LEAST",
  threshold: 3,
} as const satisfies IndicatorRule;

function problemsWith(input: unknown): string[] {
  const result = indicatorRuleSchema.safeParse(input);
  return result.success ? [] : describeZodError(result.error);
}

describe("indicatorRuleSchema", () => {
  it("accepts both kinds of rule", () => {
    expect(indicatorRuleSchema.parse(iranTowardUnitedStates)).toEqual(iranTowardUnitedStates);
    expect(indicatorRuleSchema.parse(hostilityTowardIsrael)).toEqual(hostilityTowardIsrael);
  });

  it("refuses an empty window and windows beyond ten years", () => {
    expect(problemsWith({ ...iranTowardUnitedStates, windowDays: 0 })).toEqual(["windowDays: the window must be at least one day"]);
    expect(problemsWith({ ...iranTowardUnitedStates, windowDays: 1.5 })).toEqual(["windowDays: the window is a whole number of days"]);
    expect(problemsWith({ ...iranTowardUnitedStates, windowDays: 3651 })).toEqual([
      "windowDays: the window can be at most 3650 days (ten years)",
    ]);
    expect(problemsWith({ ...iranTowardUnitedStates, windowDays: 1 })).toEqual([]);
    expect(problemsWith({ ...hostilityTowardIsrael, windowDays: 3650 })).toEqual([]);
  });

  it("refuses mean-stance thresholds that are impossible or always true", () => {
    expect(problemsWith({ ...iranTowardUnitedStates, threshold: 3.5 })).toEqual([
      "threshold: a mean stance is always between −3 and +3, so “at least +3.5” is impossible",
    ]);
    expect(problemsWith({ ...iranTowardUnitedStates, threshold: -3 })).toEqual([
      "threshold: a mean stance is always between −3 and +3: “at least −3.0” is always true, so it indicates nothing",
    ]);
    expect(problemsWith({ ...iranTowardUnitedStates, comparison: "AT_MOST", threshold: 3 })).toEqual([
      "threshold: a mean stance is always between −3 and +3: “at most +3.0” is always true, so it indicates nothing",
    ]);
    expect(problemsWith({ ...iranTowardUnitedStates, comparison: "AT_MOST", threshold: -3.5 })).toEqual([
      "threshold: a mean stance is always between −3 and +3, so “at most −3.5” is impossible",
    ]);
    // The ends themselves can be reached: every statement at +3, or every one at −3.
    expect(problemsWith({ ...iranTowardUnitedStates, threshold: 3 })).toEqual([]);
    expect(problemsWith({ ...iranTowardUnitedStates, comparison: "AT_MOST", threshold: -3 })).toEqual([]);
  });

  it("refuses score conditions every statement meets or none can", () => {
    expect(problemsWith({ ...hostilityTowardIsrael, scoreComparison: "AT_LEAST", scoreThreshold: -3 })).toEqual([
      "scoreThreshold: a score is always between −3 and +3: “at least −3” is always true, so it indicates nothing",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, scoreThreshold: 3 })).toEqual([
      "scoreThreshold: a score is always between −3 and +3: “at most +3” is always true, so it indicates nothing",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, scoreComparison: "AT_LEAST", scoreThreshold: 4 })).toEqual([
      "scoreThreshold: a score is always between −3 and +3, so “at least +4” is impossible",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, scoreThreshold: -1.5 })).toEqual([
      "scoreThreshold: a score is a whole number from −3 to +3",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, scoreThreshold: -3 })).toEqual([]);
  });

  it("refuses statement counts that are always met or negative", () => {
    expect(problemsWith({ ...hostilityTowardIsrael, threshold: 0 })).toEqual([
      "threshold: “at least 0 statements” is always true, so it indicates nothing: ask for at least 1",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, comparison: "AT_MOST", threshold: -1 })).toEqual([
      "threshold: a count cannot be negative",
    ]);
    expect(problemsWith({ ...hostilityTowardIsrael, threshold: 2.5 })).toEqual(["threshold: count whole statements"]);
    // "At most 0", i.e. none at all, is a real signpost: the hostility stopped.
    expect(problemsWith({ ...hostilityTowardIsrael, comparison: "AT_MOST", threshold: 0 })).toEqual([]);
    expect(problemsWith({ ...hostilityTowardIsrael, threshold: 1 })).toEqual([]);
  });

  it("refuses unknown kinds and malformed slugs", () => {
    expect(indicatorRuleSchema.safeParse({ ...iranTowardUnitedStates, kind: "MEDIAN_STANCE" }).success).toBe(false);
    expect(problemsWith({ ...iranTowardUnitedStates, targetSlug: "United States" })).toEqual([
      "targetSlug: use lower-case letters and digits, words joined by hyphens",
    ]);
  });
});

describe("describeIndicatorRule", () => {
  it("words a mean-stance rule with a signed threshold", () => {
    expect(describeIndicatorRule(iranTowardUnitedStates, { speakers: "Iran", target: "the United States" })).toBe(
      "Mean stance of Iran and those who speak for it toward the United States over the last 30 days is at least +1.0",
    );
    const rule: IndicatorRule = {
      ...iranTowardUnitedStates,
      speakers: { actorSlug: "iran", includeRepresentatives: false },
      windowDays: 1,
    };
    expect(describeIndicatorRule({ ...rule, comparison: "AT_MOST", threshold: -0.25 }, { speakers: "Iran", target: "Israel" })).toBe(
      "Mean stance of Iran toward Israel over the last day is at most −0.25",
    );
  });

  it("words a statement-count rule", () => {
    expect(describeIndicatorRule(hostilityTowardIsrael, { speakers: "Iranian leadership", target: "Israel" })).toBe(
      "At least 3 statements by Iranian leadership toward Israel scoring −2 or lower within 7 days",
    );
    const warming: IndicatorRule = {
      ...hostilityTowardIsrael,
      scoreComparison: "AT_LEAST",
      scoreThreshold: 2,
      comparison: "AT_MOST",
      windowDays: 1,
    };
    expect(describeIndicatorRule({ ...warming, threshold: 1 }, { speakers: "Iran", target: "Israel" })).toBe(
      "At most 1 statement by Iran toward Israel scoring +2 or higher within 1 day",
    );
    expect(describeIndicatorRule({ ...warming, threshold: 0 }, { speakers: "Iran", target: "Israel" })).toBe(
      "No statements by Iran toward Israel scoring +2 or higher within 1 day",
    );
  });
});

describe("isTriggered", () => {
  it("meets a mean-stance threshold exactly at it", () => {
    expect(isTriggered(iranTowardUnitedStates, 1)).toBe(true);
    expect(isTriggered(iranTowardUnitedStates, 0.99)).toBe(false);
    const atMost: IndicatorRule = { ...iranTowardUnitedStates, comparison: "AT_MOST", threshold: -1 };
    expect(isTriggered(atMost, -1)).toBe(true);
    expect(isTriggered(atMost, -0.5)).toBe(false);
  });

  it("reports no data, not a verdict, for a mean over a window without statements", () => {
    expect(isTriggered(iranTowardUnitedStates, null)).toBeNull();
  });

  it("meets a statement count exactly at it, zero statements being a count", () => {
    expect(isTriggered(hostilityTowardIsrael, 3)).toBe(true);
    expect(isTriggered(hostilityTowardIsrael, 2)).toBe(false);
    expect(isTriggered(hostilityTowardIsrael, 0)).toBe(false);
    const none: IndicatorRule = { ...hostilityTowardIsrael, comparison: "AT_MOST", threshold: 0 };
    expect(isTriggered(none, 0)).toBe(true);
    expect(isTriggered(none, 1)).toBe(false);
  });
});

describe("isCountedStatement", () => {
  it("counts statements at the score threshold", () => {
    expect([-3, -2, -1, 0].map((score) => isCountedStatement(hostilityTowardIsrael, score))).toEqual([true, true, false, false]);
  });
});

describe("lastChange", () => {
  it("finds the latest date the state flipped, no data counting as not triggered", () => {
    // At least +1: 0.5 no, 1.0 yes, 1.5 yes, no data → no, no data → no. Last flip: 4 October, off.
    const history = [
      { on: "2024-10-01", value: 0.5 },
      { on: "2024-10-02", value: 1 },
      { on: "2024-10-03", value: 1.5 },
      { on: "2024-10-04", value: null },
      { on: "2024-10-05", value: null },
    ];
    expect(lastChange(history, iranTowardUnitedStates)).toEqual({ on: "2024-10-04", triggered: false });
    expect(lastChange(history.slice(0, 3), iranTowardUnitedStates)).toEqual({ on: "2024-10-02", triggered: true });
  });

  it("is null when the state never changed within the history", () => {
    expect(lastChange([], iranTowardUnitedStates)).toBeNull();
    expect(lastChange([{ on: "2024-10-01", value: 2 }], iranTowardUnitedStates)).toBeNull();
    // No data, then a value below the threshold: not triggered both days.
    const quiet = [
      { on: "2024-10-01", value: null },
      { on: "2024-10-02", value: 0.2 },
    ];
    expect(lastChange(quiet, iranTowardUnitedStates)).toBeNull();
  });

  it("refuses a history out of date order", () => {
    const shuffled = [
      { on: "2024-10-02", value: 2 },
      { on: "2024-10-01", value: 0 },
    ];
    expect(() => lastChange(shuffled, iranTowardUnitedStates)).toThrowError(RangeError);
  });
});

describe("windowStart", () => {
  it("starts an N-day window N − 1 days before the date it ends on", () => {
    expect(windowStart("2024-10-30", 1)).toBe("2024-10-30");
    // Sunday 3 November back to Monday 28 October: 28, 29, 30, 31, 1, 2, 3 = 7 days.
    expect(windowStart("2024-11-03", 7)).toBe("2024-10-28");
  });

  it("crosses month, year and leap-day boundaries", () => {
    // 1 March 2024 − 29 days: 29 February is 1 back, 1 February 29 back.
    expect(windowStart("2024-03-01", 30)).toBe("2024-02-01");
    // 2023 has no 29 February: 28 February is 1 back, 1 February 28 back, 31 January 29 back.
    expect(windowStart("2023-03-01", 30)).toBe("2023-01-31");
    expect(windowStart("2025-01-01", 2)).toBe("2024-12-31");
    // 2015-01-01 .. 2024-12-31 is 3653 days (leap years 2016, 2020, 2024), so 3650 days start 3 later.
    expect(windowStart("2024-12-31", 3650)).toBe("2015-01-04");
  });

  it("reads the years 0001 to 0099 as themselves and stops at 0001-01-01", () => {
    expect(windowStart("0050-03-01", 2)).toBe("0050-02-28");
    expect(windowStart("0001-01-05", 365)).toBe("0001-01-01");
  });

  it("refuses empty or fractional windows and malformed dates", () => {
    expect(() => windowStart("2024-10-30", 0)).toThrowError(RangeError);
    expect(() => windowStart("2024-10-30", 1.5)).toThrowError(RangeError);
    expect(() => windowStart("2023-02-29", 1)).toThrowError(RangeError);
    expect(() => windowStart("2024-1-5", 1)).toThrowError(RangeError);
  });
});
