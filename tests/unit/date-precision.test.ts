import { describe, expect, it } from "vitest";
import { chartDateOf, formatMonth, lastCountedDayOf } from "@/lib/dashboard/date-precision";

describe("chartDateOf", () => {
  it("charts a month-precision statement at the middle of its month, never on the 1st", () => {
    // July 2024 has 31 days: the 16th has 15 days before it and 15 after.
    expect(chartDateOf("2024-07-01", "MONTH")).toBe("2024-07-16");
    // February 2024 has 29 days: the 15th; 2023's 28 days: the 15th.
    expect(chartDateOf("2024-02-01", "MONTH")).toBe("2024-02-15");
    expect(chartDateOf("2023-02-01", "MONTH")).toBe("2023-02-15");
    expect(chartDateOf("2024-09-01", "MONTH")).toBe("2024-09-16");
  });

  it("leaves a day-precision date alone", () => {
    expect(chartDateOf("2024-07-31", "DAY")).toBe("2024-07-31");
  });
});

describe("formatMonth", () => {
  it("names the month, with no day", () => {
    expect(formatMonth("2024-07-01")).toBe("July 2024");
  });
});

describe("lastCountedDayOf", () => {
  it("counts a month-precision statement from the last day of its month, leap years included", () => {
    expect(lastCountedDayOf("2024-07-01", "MONTH")).toBe("2024-07-31");
    expect(lastCountedDayOf("2024-02-01", "MONTH")).toBe("2024-02-29");
    expect(lastCountedDayOf("2023-02-01", "MONTH")).toBe("2023-02-28");
    expect(lastCountedDayOf("2024-09-01", "MONTH")).toBe("2024-09-30");
    expect(lastCountedDayOf("2024-12-01", "MONTH")).toBe("2024-12-31");
  });

  it("leaves a day-precision date alone", () => {
    expect(lastCountedDayOf("2024-07-01", "DAY")).toBe("2024-07-01");
  });
});
