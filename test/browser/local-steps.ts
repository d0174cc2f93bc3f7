import { and, eq, gt } from "drizzle-orm";
import type { Page } from "playwright-core";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { RunningApp } from "../../src/app-runtime.js";
import { type Database, openPglite } from "../../src/db/client.js";
import { meetings, regions, waves } from "../../src/db/schema.js";
import { localChannelOf, startLocalApp } from "../support/local-app.js";

/*
 * Steps of the local-mode browser tests, exported so later tests (the venster) can build on them: the real app
 * in local mode on a fresh PGlite database with the demo data, and what a person does on /local.
 */

export type DemoApp = { app: RunningApp; database: Database; stop(): Promise<void> };

/** The app as `npm start` runs it on a fresh machine: local mode, 127.0.0.1, demo data, a new PGlite. */
export async function startDemoApp(): Promise<DemoApp> {
  const database = await openPglite(undefined);
  const app = await startLocalApp(database, { seedDemo: true });
  return {
    app,
    database,
    async stop() {
      await app.stop();
      await database.close();
    },
  };
}

/**
 * An open wave of the venster survey, through the app's own use cases when the demo data has none yet; its
 * invitations are delivered to /local before this returns.
 */
export async function ensureOpenWave(app: RunningApp): Promise<string> {
  const { ctx } = app;
  const [open] = await ctx.db.select().from(waves).where(eq(waves.status, "open"));
  if (open) {
    // The demo data opened it; its invitations may still be on their way to /local.
    await app.worker?.drain(0);
    return open.name;
  }
  const name = `Venster ${new Date().getFullYear()} (browsertest)`;
  await createWave(ctx.db, {
    surveyKey: "venster",
    name,
    opensAt: new Date(ctx.now().getTime() - 3600_000),
    closesAt: new Date(ctx.now().getTime() + 14 * 86_400_000),
  });
  await openWave(ctx.db, name, { now: ctx.now(), timeZone: ctx.timeZone });
  await app.worker?.drain(0);
  return name;
}

/** Whether the region has a planned meeting ahead (an agenda item needs one). */
export async function hasUpcomingMeeting(app: RunningApp, regionSlug: string): Promise<boolean> {
  const [row] = await app.ctx.db
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(regions, eq(regions.id, meetings.regionId))
    .where(
      and(eq(regions.slug, regionSlug), eq(meetings.status, "planned"), gt(meetings.startsAt, app.ctx.now())),
    );
  return row !== undefined;
}

export { localChannelOf };

/** From the start page (`/` leads to /local) to one person's chat. */
export async function openChatOf(page: Page, baseUrl: string, name: string) {
  await page.goto(`${baseUrl}/`);
  // The person's row in the list; the "Begin hier" box may link to the same person.
  await page.getByRole("table").getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** The conversation shown now (the selected tab's log). */
export const activeLog = (page: Page) => page.locator('[role="tabpanel"]:not([hidden]) [role="log"]');

/** Types a line in the message box and sends it with Enter, as a person does. */
export async function typeLine(page: Page, text: string) {
  const box = page.getByRole("textbox", { name: /Bericht of opdracht|Message or command/ });
  await box.fill(text);
  await box.press("Enter");
  // The line is stored and shown back once the page has synchronised.
  await activeLog(page).locator("article.person .text", { hasText: text }).last().waitFor();
}

/** The radio button after the one named `name` in the same yes/no question ("Nee" after "… Ja"). */
const noAfter = (page: Page, name: string) =>
  page.getByRole("radio", { name, exact: true }).locator("xpath=following::input[@type='radio'][1]");

/**
 * Opens the invitation card of the open wave in the person's chat (“Invullen”), answers the venster survey
 * (agenda yes, process no with a support need, result yes) and sends it; returns when the card says it was
 * filled in.
 */
export async function answerVensterSurvey(page: Page, shot?: (name: string) => Promise<unknown>) {
  const log = activeLog(page);
  await log.getByRole("button", { name: "Invullen" }).first().click();
  await log
    .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft de agenda? Ja" })
    .check();
  await log
    .getByRole("textbox", { name: "Toelichting (optioneel)" })
    .first()
    .fill("Goede werkagenda, <b>dank</b>!");
  await noAfter(page, "Is er behoefte aan ondersteuning bij de agenda? Ja").check();
  await noAfter(page, "Bent u tevreden over de samenwerking wat betreft het proces? Ja").check();
  await log
    .getByRole("radio", { name: "Is er behoefte aan ondersteuning bij het proces? Ja", exact: true })
    .check();
  await log
    .getByRole("radio", { name: "Bent u tevreden over de samenwerking wat betreft het resultaat? Ja" })
    .check();
  await noAfter(page, "Is er behoefte aan ondersteuning bij het resultaat? Ja").check();
  await shot?.("local-2-form");
  // A support need without saying which: only the server knows that rule, and answers with the form again,
  // the error inline and every choice still as it was.
  await log.getByRole("button", { name: "Versturen" }).click();
  await log.getByText("Controleer dit antwoord").waitFor();
  await shot?.("local-3-form-errors");
  await log
    .getByRole("textbox", { name: "Welke ondersteuning is nodig?" })
    .nth(1)
    .fill("Procesbegeleiding bij de inkoop");
  await log.getByRole("button", { name: "Versturen" }).click();
  await log
    .getByText(/Ingevuld op/)
    .first()
    .waitFor();
}
