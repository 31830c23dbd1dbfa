import { describe, expect, it } from "vitest";
import { formatDateFieldValue } from "@/components/format";

describe("the date fields' readout in the app's format", () => {
  it("writes a date field's value as the app writes dates", () => {
    expect(formatDateFieldValue("2024-10-28")).toBe("28 Oct 2024");
    expect(formatDateFieldValue("2024-01-05")).toBe("5 Jan 2024");
    expect(formatDateFieldValue("2024-10-01", "MONTH")).toBe("Oct 2024");
  });

  it("says nothing while the field is empty, half typed or not a real date", () => {
    for (const value of ["", "2024-10", "2024-02-30", "2023-02-29", "28/10/2024", "2024-13-01"])
      expect(formatDateFieldValue(value)).toBeNull();
    expect(formatDateFieldValue("2024-02-29")).toBe("29 Feb 2024");
  });
});
