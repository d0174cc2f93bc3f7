import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, openBrowser, SKIP_REASON, skipBrowserTests } from "../support/browser.js";
import { activeLog, type DemoApp, ensureOpenWave, openChatOf, startDemoApp } from "./local-steps.js";

if (skipBrowserTests) console.warn(SKIP_REASON);

/*
 * Forms that explain themselves (issue 12, WCAG 3.3.1): a form sent with a problem says so at the top, names the
 * problem next to the field, and puts the keyboard on the first problem.
 */

/** The text of the elements an aria-labelledby or aria-describedby attribute points at, as a reader hears it. */
const referencedText = (locator: Locator, attribute: string) =>
  locator.evaluate(
    (element, name) =>
      (element.getAttribute(name) ?? "")
        .split(" ")
        .filter((id: string) => id !== "")
        .map((id: string) => element.ownerDocument.getElementById(id)?.textContent?.trim() ?? "")
        .join(" "),
    attribute,
  );

const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === element.ownerDocument.activeElement);

/** The radio button after the one named `name` in the same yes/no question ("Nee" after "… Ja"). */
const noAfter = (page: Page, name: string) =>
  page.getByRole("radio", { name, exact: true }).locator("xpath=following::input[@type='radio'][1]");

describe.skipIf(skipBrowserTests)("the survey form on /local explains what is missing", () => {
  let demo: DemoApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    demo = await startDemoApp();
    await ensureOpenWave(demo.app);
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("shows a summary at the top, the message at the field and focuses the first problem when a required answer is missing", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await openChatOf(page, demo.app.url, "Sanne Dekker");
    const log = activeLog(page);
    await log.getByRole("button", { name: "Invullen" }).first().click();
    const firstQuestion = "Bent u tevreden over de samenwerking wat betreft de agenda? Ja";
    await log.getByRole("radio", { name: firstQuestion }).waitFor();

    // Everything answered except the satisfaction with the process.
    await log.getByRole("radio", { name: firstQuestion }).check();
    await noAfter(page, "Is er behoefte aan ondersteuning bij de agenda? Ja").check();
    await noAfter(page, "Is er behoefte aan ondersteuning bij het proces? Ja").check();
    await log
      .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft het resultaat? Ja" })
      .check();
    await noAfter(page, "Is er behoefte aan ondersteuning bij het resultaat? Ja").check();
    await log.getByRole("button", { name: "Versturen" }).click();

    const card = log.locator("article.bot").filter({ has: page.getByRole("button", { name: "Versturen" }) });
    const summary = card.getByRole("alert").filter({ hasText: "Controleer" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      "Bent u tevreden over de samenwerking wat betreft het proces?: Kies ja of nee.",
    );
    // The summary is above the questions.
    const summaryBox = await summary.boundingBox();
    const questionBox = await log.getByRole("radio", { name: firstQuestion }).boundingBox();
    expect(summaryBox && questionBox && summaryBox.y < questionBox.y).toBe(true);
    // The field shows its message, and the keyboard is on it.
    // (The renderer names the first radio button after the question, its message and its option.)
    const processYes = card.locator("#proces_tevreden input[type=radio]").first();
    const name = await referencedText(processYes, "aria-labelledby");
    expect(name).toMatch(/^Bent u tevreden over de samenwerking wat betreft het proces\?/);
    expect(name).toContain("Kies ja of nee.");
    expect(await isFocused(processYes)).toBe(true);
    await browser.screenshot("local-forms-1-required-missing");

    // The summary's entry leads back to its question.
    await card.getByRole("alert").getByRole("link").first().click();
    expect(await isFocused(processYes)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("says why the conditional question is required, in the server's answer, and focuses it", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    await openChatOf(page, demo.app.url, "Sanne Dekker");
    const log = activeLog(page);
    await log.getByRole("button", { name: "Invullen" }).first().click();
    const firstQuestion = "Bent u tevreden over de samenwerking wat betreft de agenda? Ja";
    await log.getByRole("radio", { name: firstQuestion }).check();
    await noAfter(page, "Is er behoefte aan ondersteuning bij de agenda? Ja").check();
    await log
      .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft het proces? Ja" })
      .check();
    // A support need without saying which: only the server knows that rule.
    await log
      .getByRole("radio", { name: "Is er behoefte aan ondersteuning bij het proces? Ja", exact: true })
      .check();
    await log
      .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft het resultaat? Ja" })
      .check();
    await noAfter(page, "Is er behoefte aan ondersteuning bij het resultaat? Ja").check();
    await log.getByRole("button", { name: "Versturen" }).click();

    const why = "U antwoordde „ja” bij „Is er behoefte aan ondersteuning bij het proces?”";
    const card = log.locator("article.bot").filter({ has: page.getByRole("button", { name: "Versturen" }) });
    const summary = card.locator("#error-summary");
    await summary.getByText(why).waitFor();
    const summaryBox = await summary.boundingBox();
    const questionBox = await log.getByRole("radio", { name: firstQuestion }).boundingBox();
    expect(summaryBox && questionBox && summaryBox.y < questionBox.y).toBe(true);

    const which = card.locator("#proces_ondersteuning_welke textarea");
    expect(await referencedText(which, "aria-describedby")).toContain(why);
    expect(await isFocused(which)).toBe(true);
    await browser.screenshot("local-forms-2-conditional");
  });
});
