import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Download, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { signInOverHttp } from "./http-session";

// Debian's headless shell first: the same Chromium engine without the full browser around it, which takes about a
// third less processor time over the browser tests than /usr/bin/chromium (docs/decisions/0044). The full
// browser still runs them where only it is installed.
const chromiumCandidates = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];
export const chromiumPath = chromiumCandidates.find((candidate) => existsSync(candidate)) ?? chromiumCandidates[0]!;
export const missingChromiumMessage = `Browser tests skipped: no Chromium at ${chromiumCandidates.join(" or ")}. Install Debian's with \`sudo apt-get install -y chromium-headless-shell\` (or set CHROMIUM_PATH).`;

/** Browser tests run when Chromium is installed; under CI=true its absence is an error, not a skip. */
export function browserTestsEnabled(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === "true") throw new Error(`CI=true requires Chromium for the browser tests. ${missingChromiumMessage}`);
  return false;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's one Chromium (tests/support/browser-setup.ts); empty when browser tests are skipped. */
    browserWsEndpoint: string;
  }
}

export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  // Without the background-networking flags Chromium floods a closed network with requests.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/**
 * The options of every browser context the tests open. The app scrolls smoothly to what it opens unless the
 * reader prefers reduced motion, and a click sent while the page still glides lands wherever the pointer is by
 * then: the correction test clicked while its page was still scrolling to the statement its link opened, and
 * once, in a loaded run, the form did not open. Tests wait for the page to be ready, never for an animation to
 * end, so their pages are told to skip the animations.
 */
export function browserContextOptions(viewport: { width: number; height: number }): BrowserContextOptions {
  return { viewport, reducedMotion: "reduce" };
}

/** A browser context already signed in (through next-auth's real endpoint), for tests about what comes after sign-in. */
export async function signedInContext(browser: Browser, appUrl: string, email: string, password: string): Promise<BrowserContext> {
  const session = await signInOverHttp(appUrl, email, password);
  const context = await browser.newContext(browserContextOptions({ width: 1280, height: 900 }));
  await context.addCookies(session.cookies.map((cookie) => ({ ...cookie, url: appUrl })));
  return context;
}

/**
 * Connects the enclosing describe block to the run's one Chromium, which tests/support/browser-setup.ts
 * launches, and disconnects afterwards, closing the block's contexts; call it inside the block. Each test
 * makes its own context, so tests share no cookies, storage or pages.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.connect(inject("browserWsEndpoint"));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** A download's bytes (the shared Chromium runs in another process, so a download has no local path). */
export async function readDownload(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Waits until the page's React tree is hydrated (components/hydration-marker.tsx sets <html data-hydrated>):
 * before that, server-rendered buttons and keyboard shortcuts have no handlers and a click or key is lost.
 * Waits for the app's own signal, never for time, so a busy machine only makes it slower.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** `page.goto` that returns once the page can be interacted with. */
export async function gotoHydrated(page: Page, url: string): ReturnType<Page["goto"]> {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

/**
 * A stance chart loads its code only when it nears the viewport (components/dashboard/lazy-stance-chart.tsx):
 * brings each chart on the page into view in turn and waits until it is drawn.
 */
export async function showStanceCharts(page: Page): Promise<void> {
  for (const slot of await page.locator("[data-stance-chart-slot]").all()) {
    await slot.scrollIntoViewIfNeeded();
    await slot.locator("canvas").waitFor();
  }
}

/**
 * Saves a picture of the page at its current width to test-results/screenshots/<name>-<width>.png when the run asks
 * for them (SCREENSHOTS=1 npm test), to look at every page a change touches. An ordinary run writes none, since nobody
 * opens them (what that saves is within the noise of a run: docs/benchmarks.md); the layout checks beside the
 * screenshots (expectNoSidewaysScroll) run either way.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== "1") return;
  const directory = "test-results/screenshots";
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: `${directory}/${name}-${page.viewportSize()!.width}.png`, fullPage: options.fullPage ?? false });
}

/**
 * The page at desktop (1280 px) and phone (390 px) width in turn: a screenshot of each when the run asks for them
 * (saveScreenshot), and no sideways scrolling at either. Leaves the page at 1280 px.
 */
export async function checkLayoutAtBothWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await saveScreenshot(page, name, { fullPage: true });
    await expectNoSidewaysScroll(page, `${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * Fails when the page stays wider than its viewport: a phone would have to scroll sideways to read it. Polled, because
 * a chart that is still sizing its canvas (streamed in, or loaded as it nears the viewport) can overflow by a pixel or
 * two for a frame; a page that really overflows still fails, with its width in the message.
 */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // Where the overflow starts: the elements that reach past the right edge while their parent does not, named in the
  // failure so it says what to fix.
  const widest = () =>
    page.evaluate(() => {
      const edge = document.documentElement.clientWidth + 0.5;
      return [...document.body.querySelectorAll("*")]
        .filter(
          (element) => element.getBoundingClientRect().right > edge && (element.parentElement?.getBoundingClientRect().right ?? 0) <= edge,
        )
        .slice(0, 3)
        .map((element) => {
          const past = Math.round(element.getBoundingClientRect().right - edge);
          return `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> ${past}px past: ${(element.textContent ?? "").slice(0, 80)}`;
        })
        .join("; ");
    });
  try {
    await expect.poll(overflow, { message: `${label} scrolls sideways` }).toBeLessThanOrEqual(0);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nReaching past the edge: ${await widest()}`);
  }
}

/**
 * The main navigation takes one line at most on a phone (it scrolls sideways there), and the current page's link,
 * where the page has one, is inside its visible part.
 */
export async function expectNavigationFits(page: Page, label: string): Promise<void> {
  const navigation = await page.getByRole("navigation", { name: "Main" }).evaluate((nav) => {
    const links = [...nav.querySelectorAll("a")].map((link) => link.getBoundingClientRect());
    const current = nav.querySelector("[aria-current='page']")?.getBoundingClientRect();
    const box = nav.getBoundingClientRect();
    return {
      lines: new Set(links.map((link) => Math.round(link.top))).size,
      current: current ? { left: current.left, right: current.right } : null,
      box: { left: box.left, right: box.right },
    };
  });
  if (page.viewportSize()!.width <= 640) expect(navigation.lines, `${label}: lines of navigation links`).toBe(1);
  if (navigation.current) {
    expect(navigation.current.left, `${label}: the current page's link in view`).toBeGreaterThanOrEqual(navigation.box.left - 0.5);
    expect(navigation.current.right, `${label}: the current page's link in view`).toBeLessThanOrEqual(navigation.box.right + 0.5);
  }
}

/**
 * On a phone, lists that stack their rows (table.stack-on-phone, app/globals.css) show every cell on the screen:
 * none is left in a column scrolled off to the side. Returns how many cells it checked.
 */
export async function expectStackedRowsFit(page: Page, label: string): Promise<number> {
  const cells = await page
    .locator("table.stack-on-phone tbody td")
    .evaluateAll((elements) =>
      elements.map((cell) => ({ right: Math.round(cell.getBoundingClientRect().right), text: (cell.textContent ?? "").slice(0, 40) })),
    );
  const width = page.viewportSize()!.width;
  if (width <= 640)
    expect(
      cells.filter((cell) => cell.right > width),
      `${label}: cells past the screen's edge`,
    ).toEqual([]);
  return cells.length;
}

/**
 * On a phone, fails on any table wider than its box unless it is a cross-table (`data-cross-table`: rows by columns of
 * one measure, as the speakers × targets matrix), which may only scroll sideways; a list stacks its rows instead
 * (decisions 0047 and 0048). Counts tables in closed disclosures too, by their laid-out width.
 */
export async function expectOnlyCrossTablesScroll(page: Page, label: string): Promise<void> {
  if (page.viewportSize()!.width > 640) return;
  const scrolling = await page.locator("table:not([data-cross-table])").evaluateAll((tables) =>
    tables
      .filter((table) => table.parentElement!.scrollWidth > table.parentElement!.clientWidth + 1)
      .map((table) => {
        const named = table.getAttribute("aria-label") ?? table.querySelector("caption")?.textContent;
        const heading = table.closest("section")?.querySelector("h2, h3")?.textContent;
        return `${named ?? heading ?? table.className}: ${table.scrollWidth} px in ${table.parentElement!.clientWidth} px`;
      }),
  );
  expect(scrolling, `${label}: lists that scroll sideways on a phone`).toEqual([]);
}

/**
 * Makes axe-core part of every page the context opens, for a test that checks many pages: Chromium then evaluates
 * it as each document starts, where sending its 650 KB into each page afterwards cost about 0.4 s a page.
 */
export async function addAxeToEveryPage(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: axePath });
}

/** Runs axe-core on the page as it is and fails on any serious or critical violation, naming where it is. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  // After a client-side navigation Next.js removes the <title> and adds the new one about 15 ms later, and the URL
  // can change in between (measured: 3 of 5 sort-link clicks on /admin/actors), so axe run at once can find no
  // title (it failed CI once). A page that never gets a title still fails, here, by name.
  await page
    .waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 })
    .catch(() => expect.fail(`${label}: the page has no <title>`));
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    // Only the violations are reported on: axe then skips gathering the details of every check that passed.
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.length,
      first: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
  });
  expect(
    violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"),
    label,
  ).toEqual([]);
}
