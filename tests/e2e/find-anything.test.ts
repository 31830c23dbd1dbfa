// Search and paged lists over HTTP and in Chromium, at desktop and phone width:
// the header's search box, grouped and highlighted results, the JSON routes'
// answers to bad input, keyset paging by link, no sideways scrolling at 390 px,
// and axe-core on each new page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserTestsEnabled,
  expectNoSeriousAxeViolations,
  expectNoSidewaysScroll,
  gotoHydrated,
  missingChromiumMessage,
  signedInContext,
  useBrowser,
} from "../support/browser";
import { anonymousSession, signInOverHttp, type HttpSession } from "../support/http-session";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);

let viewer: HttpSession;
beforeAll(async () => {
  viewer = await signInOverHttp(appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
});

describe("the search and list routes", () => {
  it("answer anonymous visitors 401 and signed-in users with JSON", async () => {
    const anonymous = anonymousSession(appUrl);
    for (const path of ["/api/search?q=iran", "/api/codings", "/api/sources"]) {
      expect((await anonymous.request(path)).status, path).toBe(401);
    }
    const response = await viewer.request("/api/search?q=Khamenei");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { actors: { name: string }[]; statements: unknown[]; terms: string[] };
    expect(body.actors.map((actor) => actor.name)).toContain("Ali Khamenei");
    expect(body.terms).toEqual(["khamenei"]);
    const codings = (await (await viewer.request("/api/codings?size=25&sort=score")).json()) as {
      rows: unknown[];
      nextCursor: string | null;
    };
    expect(codings.rows).toHaveLength(25);
    expect(codings.nextCursor).toEqual(expect.any(String));
    const next = (await (await viewer.request(`/api/codings?size=25&sort=score&after=${codings.nextCursor}`)).json()) as {
      rows: { id: string }[];
    };
    expect(next.rows.length).toBeGreaterThan(0);
  });

  it("answer bad parameters with 400 and a sentence, never a stack or SQL", async () => {
    const cases = [
      "/api/search?kind=users&q=iran",
      `/api/search?q=${"x".repeat(201)}`,
      "/api/codings?after=garbage!",
      "/api/codings?after=WyJzY29yZSIsImRlc2MiLDMsIngiXQ",
      "/api/codings?speaker=no-such-actor",
      "/api/codings?min=7",
      "/api/codings?from=2024-05-01&to=2024-01-01",
      "/api/sources?coverage=everything",
      "/api/sources?sort=rank",
    ];
    for (const path of cases) {
      const response = await viewer.request(path);
      const body = (await response.json()) as { error?: string };
      expect(response.status, path).toBe(400);
      expect(body.error, path).toMatch(/\w+ \w+/);
      expect(JSON.stringify(body), path).not.toMatch(/prisma|SELECT|stack|at .*\.js/i);
    }
  });
});

describe.skipIf(!browserAvailable)("search and lists in Chromium", () => {
  const browser = useBrowser();
  const contexts: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  for (const width of [1280, 390]) {
    it(`searches from the header and shows grouped, highlighted results at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "analyst@stancewatch.local", testPasswords.SEED_PASSWORD_LEAD_ANALYST);
      contexts.push(context);
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await gotoHydrated(page, `${appUrl}/sources`);
      const box = page.getByRole("searchbox", { name: "Search" }).first();
      await box.fill("“open to co-operation”");
      await box.press("Enter");
      await page.waitForURL(/\/search\?q=/);
      await page.getByRole("heading", { name: /^Statements/ }).waitFor();
      const marked = await page.locator("main mark").allTextContents();
      expect(marked.map((text) => text.toLowerCase())).toEqual(expect.arrayContaining(["open", "co", "operation"]));
      await expect(page.getByRole("heading", { name: /^Sources/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("heading", { name: /^Actors/ }).isVisible()).resolves.toBe(true);
      await expectNoSidewaysScroll(page, `/search at ${width}`);
      if (width === 1280) await expectNoSeriousAxeViolations(page, "/search");

      // A misspelt name still finds the actor, and the link opens the dashboard for that speaker.
      await page.goto(`${appUrl}/search?q=Khamenai`);
      await page.getByRole("link", { name: "Ali Khamenei" }).click();
      await page.waitForURL(/\/\?speaker=ali-khamenei/);
    });

    it(`pages through codings by link and keeps filters in the URL at ${width} px`, async () => {
      const context = await signedInContext(browser(), appUrl, "admin@stancewatch.local", testPasswords.SEED_PASSWORD_ADMIN);
      contexts.push(context);
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await gotoHydrated(page, `${appUrl}/codings`);
      await page.getByLabel("Per page").selectOption("25");
      await page.getByLabel("Sort by", { exact: true }).selectOption("score");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/size=25/);
      const firstPage = await page.getByTestId("codings-table").locator("tbody tr").count();
      expect(firstPage).toBe(25);
      const firstIds = await page
        .getByTestId("codings-table")
        .locator("tbody a.quote")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      await page.getByRole("link", { name: "Next page →" }).click();
      await page.waitForURL(/after=/);
      const secondIds = await page
        .getByTestId("codings-table")
        .locator("tbody a.quote")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(secondIds.length).toBeGreaterThan(0);
      expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
      expect(new URL(page.url()).searchParams.get("sort")).toBe("score");
      await expectNoSidewaysScroll(page, `/codings at ${width}`);
      await page.getByRole("link", { name: "← First page" }).click();
      await page.waitForURL((url) => !url.searchParams.has("after"));

      await page.getByLabel("Lowest score").selectOption("+2");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/min=%2B2|min=\+2/);
      const scores = await page.getByTestId("codings-table").locator("tbody strong.score").allTextContents();
      expect(scores.length).toBeGreaterThan(0);
      for (const score of scores) expect(Number(score.replace("−", "-"))).toBeGreaterThanOrEqual(2);
      if (width === 1280) await expectNoSeriousAxeViolations(page, "/codings");

      await page.goto(`${appUrl}/codings?after=forged`);
      await expect(page.locator("main .alert").textContent()).resolves.toMatch(/go back to the first page/);

      await page.goto(`${appUrl}/sources?coverage=has-statements`);
      await page.getByRole("heading", { name: /Matching sources/ }).waitFor();
      await expectNoSidewaysScroll(page, `/sources at ${width}`);
      if (width === 1280) await expectNoSeriousAxeViolations(page, "/sources");
    });
  }
});
