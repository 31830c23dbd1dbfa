import { describe, expect, it } from "vitest";
import {
  contrastRatio,
  minimumTextContrast,
  relativeLuminance,
  stanceCellColours,
  stanceColour,
  stanceScaleStops,
  textColourOn,
} from "@/lib/dashboard/colour-scale";

describe("contrast", () => {
  it("matches WCAG's figures", () => {
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
});

describe("stanceColour", () => {
  it("is the stop at whole scores, between stops elsewhere, and clamped at the ends", () => {
    expect(stanceColour(-3)).toBe(stanceScaleStops[0]);
    expect(stanceColour(0)).toBe(stanceScaleStops[3]);
    expect(stanceColour(3)).toBe(stanceScaleStops[6]);
    expect(stanceColour(7)).toBe(stanceScaleStops[6]);
    expect(stanceColour(-2.5)).not.toBe(stanceScaleStops[0]);
  });

  it("diverges: both ends are darker than neutral, and darker the further from it", () => {
    const lightness = [-3, -2, -1, 0, 1, 2, 3].map((score) => relativeLuminance(stanceColour(score)));
    expect(lightness[3]).toBeGreaterThan(lightness[2]!);
    expect(lightness[2]).toBeGreaterThan(lightness[1]!);
    expect(lightness[1]).toBeGreaterThan(lightness[0]!);
    expect(lightness[3]).toBeGreaterThan(lightness[4]!);
    expect(lightness[4]).toBeGreaterThan(lightness[5]!);
    expect(lightness[5]).toBeGreaterThan(lightness[6]!);
  });
});

describe("cell text", () => {
  it("reaches 4.5:1 against every colour of the scale", () => {
    for (let tenths = -30; tenths <= 30; tenths += 1) {
      const { background, text } = stanceCellColours(tenths / 10);
      expect(contrastRatio(text, background), `score ${tenths / 10} on ${background}`).toBeGreaterThanOrEqual(minimumTextContrast);
    }
  });

  it("is white on the dark ends and dark near neutral", () => {
    expect(textColourOn(stanceColour(-3))).toBe("#ffffff");
    expect(textColourOn(stanceColour(3))).toBe("#ffffff");
    expect(textColourOn(stanceColour(0))).toBe("#1f2328");
  });

  it("falls back to black where neither dark text nor white reaches 4.5:1", () => {
    const midGrey = "#7a7a7a";
    expect(Math.max(contrastRatio("#1f2328", midGrey), contrastRatio("#ffffff", midGrey))).toBeLessThan(minimumTextContrast);
    expect(textColourOn(midGrey)).toBe("#000000");
    expect(contrastRatio("#000000", midGrey)).toBeGreaterThanOrEqual(minimumTextContrast);
  });

  it("leaves cells without statements neutral", () => {
    expect(stanceCellColours(null)).toEqual({ background: "#f6f8fa", text: "#1f2328" });
  });
});
