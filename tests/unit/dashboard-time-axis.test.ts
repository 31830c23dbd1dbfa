import { describe, expect, it } from "vitest";
import { speakerStyle, speakerStyleIndexes } from "@/components/dashboard/chart-style";
import { formatTimestamp, stepOfTicks, tickLabel, timeTicks, utcTimestamp } from "@/components/dashboard/time-axis";
import { araghchi, europe, series, unitedStates, velayati } from "./dashboard-fixtures";

const iso = (value: number) => new Date(value).toISOString().slice(0, 10);

describe("timeTicks", () => {
  it("uses days when they fit", () => {
    const { step, ticks } = timeTicks(utcTimestamp("2024-10-01"), utcTimestamp("2024-10-05"), 10);
    expect(step).toEqual({ unit: "day", count: 1 });
    expect(ticks.map(iso)).toEqual(["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05"]);
  });

  it("puts weekly ticks on Mondays", () => {
    const { step, ticks } = timeTicks(utcTimestamp("2024-10-01"), utcTimestamp("2024-11-15"), 8);
    expect(step.unit).toBe("week");
    expect(ticks.map(iso)).toContain("2024-10-28");
    for (const tick of ticks) expect(new Date(tick).getUTCDay()).toBe(1);
  });

  it("puts monthly and yearly ticks on first days, within the limit", () => {
    const months = timeTicks(utcTimestamp("2024-01-15"), utcTimestamp("2024-12-20"), 12);
    expect(months.step).toEqual({ unit: "month", count: 1 });
    expect(months.ticks.map(iso)[0]).toBe("2024-02-01");
    const years = timeTicks(utcTimestamp("2015-03-01"), utcTimestamp("2024-12-31"), 6);
    expect(years.step).toEqual({ unit: "year", count: 2 });
    expect(years.ticks.map(iso)).toEqual(["2016-01-01", "2018-01-01", "2020-01-01", "2022-01-01", "2024-01-01"]);
  });

  it("places ticks in the years 1 to 99 there, in order, on a chart of the whole calendar", () => {
    const early = timeTicks(utcTimestamp("0001-01-01"), utcTimestamp("0120-12-31"), 6);
    expect(early.ticks.map(iso)).toEqual(["0025-01-01", "0050-01-01", "0075-01-01", "0100-01-01"]);
    // The whole calendar within the width's 12 ticks, not a tick every century.
    const whole = timeTicks(utcTimestamp("0001-01-01"), utcTimestamp("9999-12-31"), 12);
    expect(whole.step).toEqual({ unit: "year", count: 1000 });
    expect(whole.ticks.map(iso)).toEqual(Array.from({ length: 9 }, (_, index) => `${index + 1}000-01-01`));
    // On a phone the axis has room for two ticks: one, not nine on top of each other.
    const phone = timeTicks(utcTimestamp("0001-01-01"), utcTimestamp("9999-12-31"), 2);
    expect(phone.ticks.map(iso)).toEqual(["5000-01-01"]);
  });
});

describe("tick labels", () => {
  it("names the year at the first tick and where it changes", () => {
    const ticks = ["2024-12-23", "2024-12-30", "2025-01-06"].map(utcTimestamp);
    const unit = stepOfTicks(ticks);
    expect(unit).toBe("day");
    expect(ticks.map((tick, index) => tickLabel(tick, index > 0 ? ticks[index - 1]! : null, unit))).toEqual([
      ["23 Dec", "2024"],
      ["30 Dec"],
      ["6 Jan", "2025"],
    ]);
    expect(tickLabel(utcTimestamp("2024-10-01"), null, "month")).toEqual(["Oct", "2024"]);
    expect(tickLabel(utcTimestamp("2024-01-01"), null, "year")).toEqual(["2024"]);
    expect(formatTimestamp(utcTimestamp("2024-10-28"))).toBe("28 Oct 2024");
  });
});

describe("speaker styles", () => {
  it("keeps a speaker's style across panels", () => {
    const indexes = speakerStyleIndexes([
      series({ speaker: velayati, target: europe }),
      series({ speaker: araghchi, target: europe }),
      series({ speaker: velayati, target: unitedStates }),
    ]);
    expect(indexes).toEqual({ [velayati.id]: 0, [araghchi.id]: 1 });
  });

  it("differs in colour or shape for the first 64 speakers", () => {
    const styles = new Set(Array.from({ length: 64 }, (_, index) => JSON.stringify(speakerStyle(index))));
    expect(styles.size).toBe(64);
  });
});
