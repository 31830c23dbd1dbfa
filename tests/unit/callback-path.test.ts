import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/codings/abc?tab=1")).toBe("/codings/abc?tab=1");
  });

  it("refuses other sites, however disguised, and loops through sign-in or sign-out", () => {
    for (const unsafe of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in",
      "/sign-out?x=1",
      "/sign-in/",
    ]) {
      expect(safeCallbackPath(unsafe), String(unsafe)).toBe("/");
    }
    expect(safeCallbackPath("/sign-in-help")).toBe("/sign-in-help");
  });
});
