import { describe, expect, it } from "vitest";
import { hasPermission, PermissionDeniedError, requirePermission } from "@/lib/auth/permissions";

describe("permissions", () => {
  it("grants each role what the brief says", () => {
    const table = (["VIEWER", "ANALYST", "ADMIN"] as const).map((role) =>
      (["read", "edit", "adjudicate", "administer", "assign", "publish-codebook"] as const).map((permission) => hasPermission({ id: "u", role }, permission)),
    );
    expect(table).toEqual([
      [true, false, false, false, false, false],
      [true, true, false, false, false, false],
      [true, true, true, true, true, true],
    ]);
    // The adjudicator right adds adjudication to an analyst, and nothing to a viewer.
    expect(hasPermission({ id: "u", role: "ANALYST", isAdjudicator: true }, "adjudicate")).toBe(true);
    expect(hasPermission({ id: "u", role: "ANALYST", isAdjudicator: true }, "administer")).toBe(false);
    expect(hasPermission({ id: "u", role: "ANALYST", isAdjudicator: true }, "assign")).toBe(false);
    expect(hasPermission({ id: "u", role: "VIEWER", isAdjudicator: true }, "adjudicate")).toBe(false);
  });

  it("refuses with a message that says whether signing in would help", () => {
    expect(() => requirePermission(null, "edit")).toThrowError(new PermissionDeniedError("edit", false));
    expect(() => requirePermission(null, "edit")).toThrowError("Sign in to continue.");
    expect(() => requirePermission({ id: "u", role: "VIEWER" }, "edit")).toThrowError(
      "Your role does not allow you to create or edit records (analysts and admins can).",
    );
    expect(hasPermission(null, "read")).toBe(false);
  });
});
