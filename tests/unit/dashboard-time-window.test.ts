import { describe, expect, it } from "vitest";
import { chooseTimeUnit, chooseTimeWindow, windowWithoutData } from "@/lib/dashboard/time-window";

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

  it("chooses ticks that fit the window", () => {
    expect(chooseTimeUnit({ from: "2024-10-20", to: "2024-10-30" })).toBe("day");
    expect(chooseTimeUnit({ from: "2024-09-12", to: "2024-11-11" })).toBe("week");
    expect(chooseTimeUnit({ from: "2024-06-01", to: "2024-11-11" })).toBe("month");
  });
});
