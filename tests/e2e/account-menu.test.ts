// The account in the site header (components/account-menu.tsx): a menu under the analyst's name on a phone, one
// line wider than a phone, and a menu that closes as menus do.
import { describe, expect, it } from "vitest";
import { browserTestsEnabled, gotoHydrated, missingChromiumMessage, signedInContext, useBrowser } from "../support/browser";
import { testPasswords } from "../support/test-passwords";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const browserAvailable = browserTestsEnabled();
if (!browserAvailable) console.warn(missingChromiumMessage);

describe.skipIf(!browserAvailable)("the account in the site header", () => {
  const browser = useBrowser();

  it("folds into a menu beside the brand on a phone, which closes on Escape, a tap elsewhere and a followed link", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 900 });
      await gotoHydrated(page, `${appUrl}/sources`);
      const header = page.locator("header").first();
      const menu = page.getByTestId("account-menu");
      const name = menu.locator("summary");
      const signOut = menu.getByRole("link", { name: "Sign out" });
      const changePassword = menu.getByRole("link", { name: "Change password" });

      // Closed: the name on the brand's line, the links out of sight, and the header three short lines (brand,
      // navigation, search), where the account spelled out made it five.
      await expect.poll(() => signOut.isVisible()).toBe(false);
      const brandBox = (await header.getByRole("link", { name: "Stancewatch" }).boundingBox())!;
      const nameBox = (await name.boundingBox())!;
      expect(Math.abs(nameBox.y + nameBox.height / 2 - (brandBox.y + brandBox.height / 2)), "the name beside the brand").toBeLessThan(8);
      expect((await header.boundingBox())!.height, "the header's height at 390 px").toBeLessThan(150);

      // Open, the menu covers the page rather than pushing it down.
      const headingTop = async () => (await page.getByRole("heading", { level: 1 }).boundingBox())!.y;
      const before = await headingTop();
      await name.click();
      await expect.poll(() => signOut.isVisible()).toBe(true);
      await expect.poll(() => menu.getByText(/Viewer$/).isVisible()).toBe(true);
      expect(await headingTop(), "the page under the open menu does not move").toBe(before);

      await page.keyboard.press("Escape");
      await expect.poll(() => signOut.isVisible()).toBe(false);
      expect(await name.evaluate((summary) => summary === document.activeElement), "focus back on the name").toBe(true);

      await name.click();
      await expect.poll(() => signOut.isVisible()).toBe(true);
      await page.getByRole("heading", { level: 1 }).click();
      await expect.poll(() => signOut.isVisible()).toBe(false);

      // Following one of its links leaves no menu open over the next page: the header stays mounted across navigations.
      await name.click();
      await changePassword.click();
      await page.waitForURL(/\/account\/password$/);
      await expect.poll(() => signOut.isVisible()).toBe(false);
      expect(await menu.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("is one line of name, role and links wider than a phone, with nothing to open", async () => {
    const context = await signedInContext(browser(), appUrl, "viewer@stancewatch.local", testPasswords.SEED_PASSWORD_VIEWER);
    try {
      const page = await context.newPage();
      for (const width of [1280, 820]) {
        await page.setViewportSize({ width, height: 900 });
        await gotoHydrated(page, `${appUrl}/sources`);
        const menu = page.getByTestId("account-menu");
        expect(await menu.locator("summary").isVisible(), `the name to open it at ${width} px`).toBe(false);
        const boxes = await Promise.all(
          [
            menu.getByText(/· Viewer$/),
            menu.getByRole("link", { name: "Change password" }),
            menu.getByRole("link", { name: "Sign out" }),
          ].map(async (item) => (await item.boundingBox())!),
        );
        expect(new Set(boxes.map((box) => Math.round(box.y + box.height / 2))).size, `one line at ${width} px`).toBe(1);
      }
    } finally {
      await context.close();
    }
  });
});
