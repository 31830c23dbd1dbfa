// The history words a recorded value as the forms and pages show it: one set of labels per enum, so the history
// can never say "Makes it likelier" where the scenario page says "Supports this scenario".
import { describe, expect, it } from "vitest";
import { formatAuditValue } from "@/lib/audit/presentation";
import { confidenceLabels } from "@/lib/codings/labels";
import { indicatorEffectLabels, indicatorEffects, scenarioStatusLabels } from "@/lib/scenarios/labels";

const noNames = new Map<string, string>();

describe("formatAuditValue", () => {
  it("words an indicator's effect as the scenario page and the indicator form do", () => {
    for (const effect of indicatorEffects) {
      expect(formatAuditValue("effect", effect, noNames)).toBe(indicatorEffectLabels[effect]);
    }
    expect(formatAuditValue("effect", "SUPPORTS", noNames)).toBe("Supports this scenario");
  });

  it("words scenario status and confidence with their forms' labels", () => {
    for (const [status, label] of Object.entries(scenarioStatusLabels)) expect(formatAuditValue("status", status, noNames)).toBe(label);
    for (const [confidence, label] of Object.entries(confidenceLabels))
      expect(formatAuditValue("confidence", confidence, noNames)).toBe(label);
  });

  it("names a referenced record when its name is known and keeps an unknown id as it is", () => {
    const names = new Map([["cm0actor", "Ali Khamenei"]]);
    expect(formatAuditValue("speakerId", "cm0actor", names)).toBe("Ali Khamenei");
    expect(formatAuditValue("speakerId", "cm0other", names)).toBe("cm0other");
  });
});
