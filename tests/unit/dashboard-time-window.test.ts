import { describe, expect, it } from "vitest";
import { isCalendarDay, shiftIsoDate, timeOfIsoDay } from "@/lib/calendar";
import { chooseTimeUnit, chooseTimeWindow, windowWithoutData } from "@/lib/dashboard/time-window";
import { isoDateSchema } from "@/lib/validation";

describe("time window", () => {
  it("pads the statements' dates so the events before them show", () => {
    expect(chooseTimeWindow(["2024-10-28", "2024-10-27"])).toEqual({ from: "2024-09-12", to: "2024-11-11" });
    expect(chooseTimeWindow([])).toBeNull();
  });

  it("without statements, shows the 90 days up to today and nothing of the future", () => {
    expect(windowWithoutData("2026-11-30")).toEqual({ from: "2026-09-01", to: "2026-11-30" });
  });

  it("crosses month and year boundaries correctly", () => {
    expect(chooseTimeWindow(["2024-01-10"], { before: 15, after: 25 })).toEqual({ from: "2023-12-26", to: "2024-02-04" });
  });

  // The fuzzing of every route found `to=9999-12-31` answered with a 500: a day after it, or a padded window
  // before 0001-01-01, is a date that neither the ISO format's four digits nor PostgreSQL can hold.
  it("stops a window padded past either end of the calendar at 0001-01-01 or 9999-12-31", () => {
    expect(chooseTimeWindow(["0001-01-10", "9999-12-20"])).toEqual({ from: "0001-01-01", to: "9999-12-31" });
    expect(shiftIsoDate("0001-03-01", -59)).toBe("0001-01-01");
    expect(shiftIsoDate("0001-03-01", -60)).toBe("0001-01-01");
    expect(shiftIsoDate("9999-12-30", 1)).toBe("9999-12-31");
    expect(shiftIsoDate("9999-12-30", 2)).toBe("9999-12-31");
    // Years 0 to 99 are not read as 1900 to 1999.
    expect(shiftIsoDate("0050-03-01", -1)).toBe("0050-02-28");
    expect(shiftIsoDate("2024-02-28", 1)).toBe("2024-02-29");
    expect(timeOfIsoDay("0050-03-01")).toBe(Date.parse("0050-03-01T00:00:00Z"));
    for (const notADay of ["2023-02-29", "2024-13-01", "1", "2024-1-5", "+010000-01-01"]) expect(timeOfIsoDay(notADay), notADay).toBeNull();
  });

  it("accepts dates from 0001-01-01 to 9999-12-31 and refuses year 0, which PostgreSQL does not have", () => {
    expect(isoDateSchema.safeParse("0001-01-01").success).toBe(true);
    expect(isoDateSchema.safeParse("9999-12-31").success).toBe(true);
    const yearZero = isoDateSchema.safeParse("0000-06-15");
    expect(yearZero.success).toBe(false);
    expect(yearZero.error?.issues[0]?.message).toBe("use a date from 0001-01-01 on: there was no year 0");
    expect(isoDateSchema.safeParse("10000-01-01").success).toBe(false);
  });

  it("chooses ticks that fit the window", () => {
    expect(chooseTimeUnit({ from: "2024-10-20", to: "2024-10-30" })).toBe("day");
    expect(chooseTimeUnit({ from: "2024-09-12", to: "2024-11-11" })).toBe("week");
    expect(chooseTimeUnit({ from: "2024-06-01", to: "2024-11-11" })).toBe("month");
  });
});

describe("isCalendarDay", () => {
  it("accepts real days from 0001-01-01 to 9999-12-31 only", () => {
    for (const day of ["2024-10-28", "2024-02-29", "0001-01-01", "9999-12-31"]) expect(isCalendarDay(day), day).toBe(true);
    // A scenario page took asOf=0000-01-01 and failed in PostgreSQL: a 500 the page fuzzing found.
    for (const notOne of ["2023-02-29", "2024-10-28T00:00", "28/10/2024", "0000-01-01", "10000-01-01"])
      expect(isCalendarDay(notOne), notOne).toBe(false);
  });
});
