import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, pageWidth, smallestChartText, tableBoxes } from "../support/accessibility.js";
import {
  type BrowserSession,
  openBrowser,
  SCREENSHOT_DIR,
  SKIP_REASON,
  skipBrowserTests,
} from "../support/browser.js";
import { activeLog, type DemoApp, ensureOpenWave, openChatOf, startDemoApp } from "./local-steps.js";

if (skipBrowserTests) console.warn(SKIP_REASON);

/*
 * The venster and the local chat as people meet them on a phone and with assistive technology: the demo app
 * as `npm start` runs it, in Chromium at desktop width (1100 px) and at phone width (390 px, an iPhone 12–15),
 * checked with axe-core against WCAG 2.1 A/AA. Screenshots in test-output/browser/.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1100, height: 900 };
/** Chart text below this, as drawn on screen, is too small to read (the charts are drawn at 12 px). */
const MIN_CHART_TEXT_PX = 10;

describe.skipIf(skipBrowserTests)("the venster and /local in Chromium: phone width and accessibility", () => {
  let demo: DemoApp;
  let browser: BrowserSession;
  const venster = () => `${demo.app.url}/venster`;
  const regionPage = () => `${demo.app.url}/venster/regio/utrecht-stad`;

  beforeAll(async () => {
    demo = await startDemoApp();
    await ensureOpenWave(demo.app);
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("at 390 px (and 320 px, WCAG's reflow width) the venster pages do not scroll sideways: tables scroll in their own box, charts fit with readable text", {
    timeout: 60_000,
  }, async () => {
    const { page } = browser;
    for (const width of [PHONE.width, 320]) {
      await page.setViewportSize({ width, height: PHONE.height });
      for (const [name, url] of [
        [`venster-${width}-overview`, venster()],
        [`venster-${width}-region`, regionPage()],
      ] as const) {
        await page.goto(url);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await browser.screenshot(name);
        for (const [i, figure] of (await page.locator("figure").all()).entries())
          await figure.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-chart-${i + 1}.png`) });
        expect({ name, ...(await pageWidth(page)) }).toEqual({
          name,
          scrollWidth: width,
          viewportWidth: width,
        });
        expect(await smallestChartText(page), name).toBeGreaterThanOrEqual(MIN_CHART_TEXT_PX);
        // Every table stays inside the window; a wide one scrolls within its own container.
        const tables = await tableBoxes(page);
        expect(tables.length).toBeGreaterThan(3);
        for (const table of tables) {
          expect(table.left, table.id).toBeGreaterThanOrEqual(0);
          expect(table.right, table.id).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it("at 390 px a person's chat on /local does not scroll sideways, with the survey form open too", {
    timeout: 60_000,
  }, async () => {
    const { page } = browser;
    await page.setViewportSize(PHONE);
    await openChatOf(page, demo.app.url, "Sanne Dekker");
    await activeLog(page).getByRole("button", { name: "Invullen" }).first().waitFor();
    expect(await pageWidth(page)).toEqual({ scrollWidth: PHONE.width, viewportWidth: PHONE.width });
    await activeLog(page).getByRole("button", { name: "Invullen" }).first().click();
    await activeLog(page).getByRole("button", { name: "Versturen" }).waitFor();
    await browser.screenshot("local-phone-form");
    expect(await pageWidth(page)).toEqual({ scrollWidth: PHONE.width, viewportWidth: PHONE.width });
  });

  it("has no WCAG 2.1 A/AA violations on /venster and a region page, at desktop and at phone width", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const [i, url] of [venster(), regionPage(), `${venster()}?lang=en`].entries()) {
        await page.goto(url);
        await page.getByRole("heading", { level: 1 }).waitFor();
        if (viewport === DESKTOP) await browser.screenshot(`venster-desktop-${i + 1}`);
        expect({ url, width: viewport.width, violations: await axeViolations(page) }).toEqual({
          url,
          width: viewport.width,
          violations: [],
        });
      }
    }
  });

  it("has no WCAG 2.1 A/AA violations on /local/<person> with the survey form open, and with its errors after sending it incomplete", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    await page.setViewportSize(DESKTOP);
    await openChatOf(page, demo.app.url, "Sanne Dekker");
    const log = activeLog(page);
    await log.getByRole("button", { name: "Invullen" }).first().click();
    const send = log.getByRole("button", { name: "Versturen" });
    await send.waitFor();
    expect({ state: "form open", violations: await axeViolations(page) }).toEqual({
      state: "form open",
      violations: [],
    });

    // One answer given, the rest missing: the form says what is wrong, accessibly.
    await log
      .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft de agenda? Ja" })
      .check();
    await send.click();
    // Required answers are checked by the renderer in the page, the rest by the server; either marks the
    // problem and announces it in a summary (role=alert).
    await log.locator('[role="alert"]').first().waitFor({ timeout: 5_000 });
    await browser.screenshot("local-axe-form-errors");
    expect({ state: "answer missing", violations: await axeViolations(page) }).toEqual({
      state: "answer missing",
      violations: [],
    });

    // Every question answered, but a support need without saying which: the server sends the form back with
    // its errors under the questions.
    for (const part of ["de agenda", "het proces", "het resultaat"]) {
      await log
        .getByRole("radio", {
          // A question showing its error has the message in the button's name, before "Ja".
          name: new RegExp(`^Bent u tevreden over de samenwerking wat betreft ${part}\\?.* Ja$`),
        })
        .check();
      await log
        .getByRole("radio", { name: new RegExp(`^Is er behoefte aan ondersteuning bij ${part}\\?.* Ja$`) })
        .check();
    }
    await send.click();
    await log.getByText(/Controleer (dit antwoord|deze \d+ antwoorden)/).waitFor();
    await browser.screenshot("local-axe-server-errors");
    expect({ state: "server errors", violations: await axeViolations(page) }).toEqual({
      state: "server errors",
      violations: [],
    });
  });
});
