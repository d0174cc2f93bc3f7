import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaItems, answerRevisions, invitations, people } from "../../src/db/schema.js";
import { nextWorkingDay } from "../../src/domain/dutch-holidays.js";
import { type BrowserSession, openBrowser, SKIP_REASON, skipBrowserTests } from "../support/browser.js";
import {
  activeLog,
  answerVensterSurvey,
  type DemoApp,
  ensureOpenWave,
  hasUpcomingMeeting,
  localChannelOf,
  openChatOf,
  startDemoApp,
  typeLine,
} from "./local-steps.js";

if (skipBrowserTests) console.warn(SKIP_REASON);

/**
 * A working day ahead as the command grammar reads it (dd-mm-jjjj): planning on a weekend day or holiday
 * asks for confirmation first.
 */
const dutchDateInDays = (days: number) => {
  const day = nextWorkingDay(new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));
  const [year, month, date] = day.split("-");
  return `${date}-${month}-${year}`;
};

describe.skipIf(skipBrowserTests)("local mode in Chromium: what `npm start` shows", () => {
  let demo: DemoApp;
  let browser: BrowserSession;
  let wave: string;

  /** The "Geantwoord" (answered) cell of Utrecht Stad on the venster's region table. */
  async function answeredOnVenster(url: string): Promise<number> {
    const { page } = browser;
    await page.goto(url);
    const row = page.locator('#regios tr[data-region="utrecht-stad"]');
    const header = page.locator("#regios thead th");
    const columns = await header.allTextContents();
    const answeredColumn = columns.indexOf("Geantwoord");
    expect(answeredColumn).toBeGreaterThan(0);
    const cell = row.locator("th, td").nth(answeredColumn);
    return Number((await cell.textContent())?.trim());
  }

  beforeAll(async () => {
    demo = await startDemoApp();
    wave = await ensureOpenWave(demo.app);
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("lets a contact person answer the survey card, rendered by the Adaptive Cards renderer, and counts it on /venster", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const answeredBefore = await answeredOnVenster(
      `${demo.app.url}/venster?wave=${encodeURIComponent(wave)}`,
    );
    await page.goto(`${demo.app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/local");
    await page.getByRole("heading", { level: 1, name: "Kies een persoon" }).waitFor();
    await browser.screenshot("local-0-picker");

    await openChatOf(page, demo.app.url, "Sanne Dekker");
    await activeLog(page).getByRole("button", { name: "Invullen" }).first().waitFor();
    await browser.screenshot("local-1-invitation");
    await answerVensterSurvey(page, (name) => browser.screenshot(name));
    await browser.screenshot("local-4-answered");

    const [sanne] = await demo.database.db.select().from(people).where(eq(people.name, "Sanne Dekker"));
    const revisions = await demo.database.db
      .select({ via: answerRevisions.submittedVia, answers: answerRevisions.answers })
      .from(answerRevisions)
      .innerJoin(invitations, eq(invitations.id, answerRevisions.invitationId))
      .where(eq(invitations.personId, sanne?.id ?? ""));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      via: "local",
      answers: { agenda_tevreden: true, proces_tevreden: false, resultaat_tevreden: true },
    });

    // The stored card is updated by the outbox: after a reload the card still says it was filled in.
    await demo.app.worker?.drain(0);
    await page.reload();
    await activeLog(page)
      .getByText(/Ingevuld op/)
      .first()
      .waitFor();
    expect(await activeLog(page).getByRole("button", { name: "Invullen" }).count()).toBe(0);
    expect(errors).toEqual([]);

    // The national window counts the answer for Sanne's region, read off the page as a visitor sees it.
    const answeredAfter = await answeredOnVenster(`${demo.app.url}/venster?wave=${encodeURIComponent(wave)}`);
    expect(answeredAfter).toBe(answeredBefore + 1);
    await browser.screenshot("venster-1-after-answer");
    await page.getByRole("link", { name: "Utrecht Stad" }).first().click();
    await page.getByRole("heading", { level: 1, name: /Utrecht Stad/ }).waitFor();
    await browser.screenshot("venster-2-region");
  });

  it("lets the chair type `agenda add` in the region's local channel and shows the item", {
    timeout: 90_000,
  }, async () => {
    const { page } = browser;
    const channel = await localChannelOf(demo.database.db, "utrecht-stad");
    await openChatOf(page, demo.app.url, "Ingrid Vermeulen");
    await page.getByRole("tab", { name: new RegExp(`#${channel.channelId}`) }).click();
    if (!(await hasUpcomingMeeting(demo.app, "utrecht-stad"))) {
      await typeLine(page, `overleg plan ${dutchDateInDays(21)} 14:00 Stadskantoor Utrecht`);
      await activeLog(page).locator("article.bot", { hasText: "Stadskantoor Utrecht" }).waitFor();
    }
    const item = "Wachtlijsten jeugdzorg bespreken";
    await typeLine(page, `agenda add ${item}`);
    const reply = activeLog(page).locator("article.bot").last();
    await reply.getByText(item).first().waitFor();
    await browser.screenshot("local-5-chair-agenda");

    const stored = await demo.database.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.text, item)));
    expect(stored).toHaveLength(1);
  });
});
