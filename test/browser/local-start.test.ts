import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, pageWidth } from "../support/accessibility.js";
import { type BrowserSession, openBrowser, SKIP_REASON, skipBrowserTests } from "../support/browser.js";
import { type DemoApp, startDemoApp } from "./local-steps.js";

/*
 * The first thing a new user sees on /local, in Chromium: the "Begin hier" box and the search over the people
 * list, used with the keyboard as a person would.
 */
describe.skipIf(skipBrowserTests)("/local in Chromium: Begin hier and the search field", () => {
  let demo: DemoApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    demo = await startDemoApp();
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("shows Begin hier, filters the people while one types, and leads to the person", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${demo.app.url}/local`);
    const box = page.getByRole("region", { name: "Begin hier" });
    await box.waitFor();
    expect(await box.getByRole("listitem").count()).toBe(3);
    await browser.screenshot("local-start-0-begin-hier");

    const rows = page.locator("#people tbody tr");
    const visibleRows = () => page.locator("#people tbody tr:visible").count();
    const everyone = await rows.count();
    expect(everyone).toBeGreaterThan(50);

    // Focus reaches the search field by its label, and typing filters at once, without a page load.
    const search = page.getByLabel("Zoek een persoon");
    await search.focus();
    await page.keyboard.type("vermeulen");
    await expect.poll(visibleRows).toBe(1);
    await expect.poll(() => page.locator("#people-count").textContent()).toBe("1 persoon gevonden");
    expect(new URL(page.url()).searchParams.get("q")).toBe("vermeulen");
    await browser.screenshot("local-start-1-search");

    // Enter keeps the list as it is; Tab goes on to the button.
    await page.keyboard.press("Enter");
    expect(await visibleRows()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Zoeken");

    // Clearing the field shows everyone again; nobody found says so.
    await search.fill("");
    await expect.poll(visibleRows).toBe(everyone);
    await search.fill("niemand-bestaat");
    await expect.poll(visibleRows).toBe(0);
    await expect
      .poll(() => page.locator("#people-count").textContent())
      .toBe('Niemand gevonden voor "niemand-bestaat".');

    // From the box to Ingrid's chat, where the channel tab to try `agenda toevoegen` is.
    await box.getByRole("link", { name: "Ingrid Vermeulen" }).click();
    await page.getByRole("heading", { level: 1, name: "Ingrid Vermeulen" }).waitFor();
    await page.getByRole("tab", { name: /#regio-utrecht-stad/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it("has no WCAG 2.1 A/AA violations with the box and a search, and fits a phone without sideways scroll", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${demo.app.url}/local?q=utrecht`);
    await page.getByRole("region", { name: "Begin hier" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.app.url}/local`);
    await page.getByRole("region", { name: "Begin hier" }).waitFor();
    await browser.screenshot("local-start-2-phone");
    expect(await pageWidth(page)).toEqual({ scrollWidth: 390, viewportWidth: 390 });
    expect(await axeViolations(page)).toEqual([]);
  });
});

if (skipBrowserTests) console.warn(SKIP_REASON);
