import { describe, expect, it } from "vitest";
import { renderSlackBlocks } from "../../../src/bot/cards/render-slack.js";
import { md } from "../../../src/domain/cards/markup.js";
import {
  type InvitationCardInput,
  type InvitationState,
  invitationCard,
  noticeCard,
  OPEN_SURVEY_ACTION,
} from "../../../src/domain/cards/survey-cards.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import type { Locale } from "../../../src/domain/vocabulary.js";
import type { SlackBlock } from "./slack-form-support.js";

const INVITATION_ID = "0b6f3c1e-6a4e-4c55-9d1c-2f8a7c1d9e01";
const closesAt = new Date("2025-03-14T16:00:00Z"); // 17:00 in Amsterdam
const answeredAt = new Date("2025-03-10T08:05:00Z"); // 09:05 in Amsterdam

const input = (
  locale: Locale,
  state: InvitationState,
  overrides: Partial<InvitationCardInput> = {},
): InvitationCardInput => ({
  locale,
  timeZone: "Europe/Amsterdam",
  invitationId: INVITATION_ID,
  surveyTitle: { nl: "Venster op het samenwerkingsproces", en: "Window on the collaboration process" },
  waveName: "2025",
  regionName: "Utrecht Stad",
  closesAt,
  state,
  ...overrides,
});

const render = (card: ReturnType<typeof invitationCard>) =>
  renderSlackBlocks(card) as unknown as SlackBlock[];

type Case = {
  name: string;
  locale: Locale;
  state: InvitationState;
  reminder?: boolean;
  button?: { text: string; style?: string };
  intro: string;
};

const cases: Case[] = [
  {
    name: "open",
    locale: "nl",
    state: { kind: "open" },
    button: { text: "Invullen", style: "primary" },
    intro:
      "Hoe verloopt de samenwerking tussen gemeenten, zorgverzekeraars en zorgkantoren in *Utrecht Stad*?",
  },
  {
    name: "open",
    locale: "en",
    state: { kind: "open" },
    button: { text: "Answer", style: "primary" },
    intro:
      "How is the collaboration between municipalities, insurers and care offices in *Utrecht Stad* going?",
  },
  {
    name: "reminder",
    locale: "nl",
    state: { kind: "open" },
    reminder: true,
    button: { text: "Invullen", style: "primary" },
    intro:
      "Herinnering: wilt u de vragenlijst voor *Utrecht Stad* nog invullen? Dat kan tot 14 maart 2025 om 17:00.",
  },
  {
    name: "reminder",
    locale: "en",
    state: { kind: "open" },
    reminder: true,
    button: { text: "Answer", style: "primary" },
    intro:
      "Reminder: would you still answer the survey for *Utrecht Stad*? You can until 14 March 2025 at 17:00.",
  },
  {
    name: "answered",
    locale: "nl",
    state: { kind: "answered", at: answeredAt },
    button: { text: "Wijzigen" },
    intro:
      "Ingevuld op 10 maart 2025 om 09:05. Dank u wel! U kunt uw antwoorden wijzigen tot 14 maart 2025 om 17:00.",
  },
  {
    name: "answered",
    locale: "en",
    state: { kind: "answered", at: answeredAt },
    button: { text: "Change" },
    intro:
      "Answered on 10 March 2025 at 09:05. Thank you! You can change your answers until 14 March 2025 at 17:00.",
  },
  {
    name: "closed after answering",
    locale: "nl",
    state: { kind: "closed", answeredAt },
    intro: "Deze ronde is gesloten. U vulde de vragenlijst in op 10 maart 2025 om 09:05. Dank u wel!",
  },
  {
    name: "closed after answering",
    locale: "en",
    state: { kind: "closed", answeredAt },
    intro: "This round has closed. You answered on 10 March 2025 at 09:05. Thank you!",
  },
  {
    name: "closed unanswered",
    locale: "nl",
    state: { kind: "closed" },
    intro: "Deze ronde is gesloten; invullen kan niet meer.",
  },
  {
    name: "closed unanswered",
    locale: "en",
    state: { kind: "closed" },
    intro: "This round has closed; answers are no longer accepted.",
  },
  {
    name: "closed, reminder flag ignored",
    locale: "nl",
    state: { kind: "closed" },
    reminder: true,
    intro: "Deze ronde is gesloten; invullen kan niet meer.",
  },
];

describe("invitationCard rendered as Block Kit", () => {
  it.each(cases)("$name ($locale): header, intro, facts, button and context", (c) => {
    const card = invitationCard(input(c.locale, c.state, { reminder: c.reminder }));
    const blocks = render(card);
    expect(blocks.map((b) => b.type)).toEqual(
      c.button
        ? ["header", "section", "section", "actions", "context"]
        : ["header", "section", "section", "context"],
    );

    const [header, intro, facts] = blocks;
    expect(header?.text).toEqual({
      type: "plain_text",
      text: c.locale === "nl" ? "Venster op het samenwerkingsproces" : "Window on the collaboration process",
      emoji: true,
    });
    expect(intro?.text?.type).toBe("mrkdwn");
    expect(intro?.text?.text.startsWith(c.intro)).toBe(true);
    expect(facts?.fields?.map((f) => f.text)).toEqual(
      c.locale === "nl"
        ? ["*Regio*\nUtrecht Stad", "*Ronde*\n2025", "*Invullen vóór*\n14 maart 2025 om 17:00"]
        : ["*Region*\nUtrecht Stad", "*Round*\n2025", "*Answer before*\n14 March 2025 at 17:00"],
    );

    const actions = blocks.find((b) => b.type === "actions");
    if (c.button) {
      expect(actions?.elements).toEqual([
        {
          type: "button",
          action_id: "survey_open",
          value: INVITATION_ID,
          text: { type: "plain_text", text: c.button.text, emoji: true },
          ...(c.button.style ? { style: c.button.style } : {}),
        },
      ]);
    } else {
      expect(actions).toBeUndefined();
      expect(JSON.stringify(blocks)).not.toContain(INVITATION_ID);
      expect(JSON.stringify(blocks)).not.toContain(OPEN_SURVEY_ACTION);
    }

    const context = blocks.at(-1);
    expect(context?.elements?.[0]?.type).toBe("mrkdwn");
    expect(context?.elements?.[0]?.text).toBe(
      c.locale === "nl"
        ? "Vertrouwelijk: de uitkomsten worden alleen als totalen gedeeld, nooit met namen."
        : "Confidential: results are only shared as totals, never with names.",
    );
  });

  it.each(cases)("$name ($locale): within Slack's limits, with a plain fallback text", (c) => {
    const card = invitationCard(input(c.locale, c.state, { reminder: c.reminder }));
    expect(card.fallbackText.length).toBeGreaterThan(0);
    expect(card.fallbackText).not.toContain("*");
    expect(card.fallbackText).toContain("Utrecht Stad");
    expect(card.fallbackText).toContain(c.intro.replaceAll("*", ""));
    expectWithinSlackLimits(render(card));
  });

  it("uses the open survey action id the Slack app listens for", () => {
    expect(OPEN_SURVEY_ACTION).toBe("survey_open");
  });

  it.each([
    ["open", { kind: "open" }, true],
    ["answered", { kind: "answered", at: answeredAt }, true],
    ["closed", { kind: "closed" }, false],
    ["closed after answering", { kind: "closed", answeredAt }, false],
  ] as const)("%s: a button carrying the invitation id: %s", (_, state, expected) => {
    for (const locale of ["nl", "en"] as const) {
      const buttons = render(invitationCard(input(locale, state)))
        .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
        .filter((e) => e.action_id === OPEN_SURVEY_ACTION && e.value === INVITATION_ID);
      expect(buttons).toHaveLength(expected ? 1 : 0);
    }
  });

  it("shows dates in the region's time zone", () => {
    const blocks = render(invitationCard(input("en", { kind: "open" }, { timeZone: "America/New_York" })));
    expect(blocks[2]?.fields?.[2]?.text).toBe("*Answer before*\n14 March 2025 at 12:00");
  });

  it.each(SURVEY_DEFINITIONS.flatMap((d) => (["nl", "en"] as const).map((locale) => ({ d, locale }))))(
    "the $d.key title ($locale) fits the header",
    ({ d, locale }) => {
      const blocks = render(invitationCard(input(locale, { kind: "open" }, { surveyTitle: d.title })));
      expect(blocks[0]?.text?.text).toBe(d.title[locale]);
      expectWithinSlackLimits(blocks);
    },
  );

  it("truncates an over-long title, region and intro to Slack's limits", () => {
    const card = invitationCard(
      input(
        "nl",
        { kind: "open" },
        {
          surveyTitle: { nl: "T".repeat(400), en: "T".repeat(400) },
          regionName: "R".repeat(3500),
        },
      ),
    );
    const blocks = render(card);
    expect(blocks[0]?.text?.text).toHaveLength(150);
    expect(blocks[0]?.text?.text.endsWith("…")).toBe(true);
    expect(blocks[1]?.text?.text).toHaveLength(3000);
    expect(blocks[1]?.text?.text.endsWith("…")).toBe(true);
  });
});

describe("noticeCard", () => {
  it.each([
    [
      md`Dit kanaal is gekoppeld aan *${"Utrecht Stad"}*.`,
      "Dit kanaal is gekoppeld aan Utrecht Stad.",
      "Dit kanaal is gekoppeld aan *Utrecht Stad*.",
    ],
    ["Plain", "Plain", "Plain"],
    [
      "Een string is platte tekst: *niet vet* & <!channel>",
      "Een string is platte tekst: *niet vet* & <!channel>",
      "Een string is platte tekst: \u200b*\u200bniet vet\u200b*\u200b &amp; &lt;!channel&gt;",
    ],
  ])("renders %j as one mrkdwn section with fallback %j", (text, fallback, mrkdwn) => {
    const card = noticeCard(text);
    expect(card.fallbackText).toBe(fallback);
    expect(renderSlackBlocks(card)).toEqual([{ type: "section", text: { type: "mrkdwn", text: mrkdwn } }]);
  });
});

function expectWithinSlackLimits(blocks: SlackBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        expect(block.text?.type).toBe("plain_text");
        expect(block.text?.text.length).toBeGreaterThan(0);
        expect(block.text?.text.length).toBeLessThanOrEqual(150);
        break;
      case "section":
        if (block.text) {
          expect(block.text.type).toBe("mrkdwn");
          expect(block.text.text.length).toBeLessThanOrEqual(3000);
        }
        if (block.fields) {
          expect(block.fields.length).toBeLessThanOrEqual(10);
          for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
        }
        expect(block.text ?? block.fields).toBeDefined();
        break;
      case "actions":
        expect(block.elements?.length).toBeGreaterThan(0);
        expect(block.elements?.length).toBeLessThanOrEqual(25);
        for (const element of block.elements ?? []) {
          expect(element.type).toBe("button");
          expect(element.action_id?.length).toBeLessThanOrEqual(255);
          expect(element.value?.length).toBeLessThanOrEqual(2000);
          const label = typeof element.text === "string" ? undefined : element.text;
          expect(label?.type).toBe("plain_text");
          expect(label?.text.length).toBeLessThanOrEqual(75);
        }
        break;
      case "context":
        expect(block.elements?.length).toBeGreaterThan(0);
        expect(block.elements?.length).toBeLessThanOrEqual(10);
        break;
      default:
        throw new Error(`unexpected block ${block.type}`);
    }
  }
}
