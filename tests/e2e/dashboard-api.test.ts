// The dashboard's data endpoint and CSV export over HTTP, against the seed.
import { beforeAll, describe, expect, it } from "vitest";
import type { StanceSeriesResult } from "@/lib/dashboard/types";
import { anonymousSession, signInOverHttp, type HttpSession } from "../support/http-session";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
let viewer: HttpSession;

beforeAll(async () => {
  viewer = await signInOverHttp(appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
});

const seededView = "for=iran&target=israel&from=2024-10-20&to=2024-11-02&unit=day";

describe("GET /api/stance", () => {
  it("returns Iran's officials' stance toward Israel around the 26 October strikes, with the strikes as an event", async () => {
    const response = await viewer.request(`/api/stance?${seededView}&width=800`);
    expect(response.status).toBe(200);
    const result = (await response.json()) as StanceSeriesResult;
    expect(result.window).toEqual({ from: "2024-10-20", to: "2024-11-02" });
    expect(result.targets.map((target) => target.slug)).toEqual(["israel"]);
    const speakers = result.series.map((series) => series.speaker.slug);
    expect(speakers).toEqual(expect.arrayContaining(["ali-akbar-velayati", "ali-khamenei", "esmaeil-baghaei", "iranian-leadership"]));
    expect(speakers).not.toContain("arab-governments");
    expect(result.events.map((event) => event.slug)).toContain("israeli-strikes-on-iran-2024-10-26");
    const khamenei = result.series.find((series) => series.speaker.slug === "ali-khamenei")!;
    // Khamenei's one statement toward Israel: coders −1 and 0 → −0.5.
    expect(khamenei.points).toEqual([expect.objectContaining({ at: "2024-10-27", score: -0.5, statementCount: 1 })]);
    expect(khamenei.points[0]!.statement!.quote).toMatch(/measured response/);
  });

  it("refuses the anonymous, a malformed query (400) and an unknown actor (422), saying what to fix", async () => {
    expect((await anonymousSession(appUrl).request(`/api/stance?${seededView}`)).status).toBe(401);
    const malformed = await viewer.request("/api/stance?from=2024-13-01&unit=fortnight&width=5");
    expect(malformed.status).toBe(400);
    const message = ((await malformed.json()) as { error: string }).error;
    expect(message).toMatch(/“from”: use a real date/);
    expect(message).toMatch(/“unit”: choose day, week or month/);
    expect(message).toMatch(/“width” must be at least 100 pixels/);
    const unknown = await viewer.request("/api/stance?speaker=ali-akbar-velayatti");
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/No actor is known by “ali-akbar-velayatti”/);
  });
});

// The fuzzing of every route (hostile-input.test.ts) found `to=9999-12-31` answered with a 500.
describe("a window at the ends of the calendar", () => {
  it("answers the endpoint, the export and the page over 0001-01-01 to 9999-12-31; year 0 is a 400 that says so", async () => {
    for (const query of ["to=9999-12-31", "from=0001-01-01", "from=0001-01-01&to=9999-12-31", "from=9999-12-01&to=9999-12-31&unit=day"]) {
      const [json, csv, page] = await Promise.all([
        viewer.request(`/api/stance?for=iran&${query}`),
        viewer.request(`/api/stance/export?for=iran&${query}`),
        viewer.request(`/?for=iran&${query}`),
      ]);
      expect([query, json.status, csv.status, page.status]).toEqual([query, 200, 200, 200]);
      expect(((await json.json()) as StanceSeriesResult).window).toMatchObject(
        Object.fromEntries([...new URLSearchParams(query).entries()].filter(([name]) => name === "from" || name === "to")),
      );
      // A failed section streams its error in place of the section (a digest), under the page's 200.
      expect(await page.text()).not.toMatch(/Something went wrong|data-dgst|\$RX\(/);
    }
    const wide = (await (
      await viewer.request("/api/stance?for=iran&target=israel&from=0001-01-01&to=9999-12-31")
    ).json()) as StanceSeriesResult;
    expect(wide.series.map((series) => series.speaker.slug)).toContain("ali-khamenei");
    const yearZero = await viewer.request("/api/stance?from=0000-06-15");
    expect(yearZero.status).toBe(400);
    expect(((await yearZero.json()) as { error: string }).error).toMatch(/“from”: use a date from 0001-01-01 on: there was no year 0/);
  });
});

describe("GET /api/stance/export", () => {
  it("downloads the chart's points as CSV, the same figures the endpoint returns", async () => {
    const [csvResponse, jsonResponse] = await Promise.all([
      viewer.request(`/api/stance/export?${seededView}`),
      viewer.request(`/api/stance?${seededView}`),
    ]);
    expect(csvResponse.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get("content-disposition")).toMatch(
      /attachment; filename="stancewatch-stance-2024-10-20-to-2024-11-02\.csv"/,
    );
    const lines = (await csvResponse.text()).trim().split(/\r?\n/);
    const result = (await jsonResponse.json()) as StanceSeriesResult;
    expect(lines[0]).toMatch(/^target,speaker,date,score/);
    expect(lines).toHaveLength(1 + result.series.reduce((sum, series) => sum + series.points.length, 0));
    expect(lines.some((line) => line.startsWith("Israel,Ali Khamenei,2024-10-27,-0.5,"))).toBe(true);
  });
});
