import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CardSchema } from "../../../src/app/outbox/payload.js";
import { renderAdaptiveCard } from "../../../src/bot/cards/render-adaptive.js";
import { renderSlackBlocks, slackFallbackText } from "../../../src/bot/cards/render-slack.js";
import type { Card } from "../../../src/domain/cards/card.js";
import { md, toPlainText } from "../../../src/domain/cards/markup.js";
import { agendaCard, escalationCard, topicScopeCard } from "../../../src/domain/cards/table-cards.js";
import { adaptiveDisplay, asShown } from "./adaptive-display.js";
import { slackDisplay } from "./slack-display.js";

/*
 * Issue 12: text people type (agenda items, reasons, hulpvraag, names) shows as typed in every card, on every
 * platform, and nothing in it becomes a mention, a link with another label, or formatting.
 */

const HOSTILE = [
  "Zorg & welzijn <18-/18+> overgang",
  "<https://example.org|Klik hier>",
  "<!channel> <https://evil.example/login|Klik hier voor uw subsidie>",
  "[Klik hier](https://evil.example/login) *vet* _schuin_ `code` ~weg~ # kop",
];

const mrkdwnOf = (blocks: unknown): string[] => {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "mrkdwn" && typeof record.text === "string") found.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return found;
};

const adaptiveTexts = (card: Record<string, unknown>): string[] =>
  (card.body as Record<string, unknown>[]).flatMap((e) =>
    e.type === "FactSet"
      ? (e.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value])
      : [e.text as string],
  );

const cards = (typed: string): Card[] => [
  agendaCard({
    locale: "nl",
    timeZone: "Europe/Amsterdam",
    regionName: typed,
    meeting: { startsAt: new Date("2027-03-29T12:00:00Z"), location: typed },
    items: [{ position: 1, text: typed, theme: "jeugd" }],
  }),
  escalationCard({
    locale: "nl",
    timeZone: "Europe/Amsterdam",
    regionName: "Utrecht Stad",
    askedBy: { name: typed, organisationName: typed, organisationType: "gemeente" },
    text: typed,
    askedAt: new Date("2027-03-01T09:00:00Z"),
  }),
  topicScopeCard({
    locale: "en",
    regionName: "Utrecht Stad",
    topics: [{ topic: typed, status: "forbidden", reason: typed }],
  }),
];

describe("typed text in cards", () => {
  it.each(HOSTILE)("Slack shows %j as typed, with nothing live", (typed) => {
    for (const card of cards(typed)) {
      const texts = [slackFallbackText(card), ...mrkdwnOf(renderSlackBlocks(card))];
      for (const text of texts) expect(slackDisplay(text).live).toEqual([]);
      expect(texts.some((text) => slackDisplay(text).text.includes(typed))).toBe(true);
      expect(texts.join("\n")).not.toMatch(/<[!@#h]/);
    }
  });

  it.each(HOSTILE)(
    "Adaptive Cards (Teams, /local) show %j as typed, with no link, list or heading",
    (typed) => {
      for (const card of cards(typed)) {
        const texts = adaptiveTexts(renderAdaptiveCard(card));
        for (const text of texts) expect(adaptiveDisplay(text).structure).toEqual([]);
        expect(texts.some((text) => asShown(adaptiveDisplay(text).text).includes(typed))).toBe(true);
      }
    },
  );

  it("keeps the card's own formatting around typed text", () => {
    const [agenda] = cards("Zorg & welzijn <18-/18+> overgang");
    const intro = mrkdwnOf(renderSlackBlocks(agenda as Card))[0] ?? "";
    expect(intro).toBe(
      "Overleg van *Zorg &amp; welzijn &lt;18-/18+&gt; overgang* op maandag 29 maart 2027 om 14:00.",
    );
    const adaptive = adaptiveTexts(renderAdaptiveCard(agenda as Card))[1];
    expect(adaptive).toBe(
      "Overleg van **Zorg \\& welzijn \\<18-/18+\\> overgang** op maandag 29 maart 2027 om 14:00.",
    );
  });

  it("shows any typed text as typed in a card's text, fact and context, on both platforms", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const card: Card = {
          fallbackText: s,
          blocks: [
            { type: "text", text: md`*${s}*` },
            { type: "facts", facts: [{ label: s, value: md`${s}` }] },
            { type: "context", text: md`${s}` },
          ],
        };
        const typed = s.replace(/\u200b/g, "");
        const [text, fact, context] = mrkdwnOf(renderSlackBlocks(card)).map(slackDisplay);
        for (const shown of [text, fact, context]) expect(shown?.live).toEqual([]);
        expect(text?.text).toBe(typed);
        expect(fact?.text).toBe(`${typed}\n${typed}`);
        expect(context?.text).toBe(typed);
        expect(slackDisplay(slackFallbackText(card)).text).toBe(typed);
        for (const text of adaptiveTexts(renderAdaptiveCard(card))) {
          const shown = adaptiveDisplay(text);
          expect(shown.structure).toEqual([]);
          expect(asShown(shown.text)).toBe(asShown(s));
        }
      }),
    );
  });
});

describe("cards queued before the upgrade", () => {
  it("reads a stored card whose texts are plain strings as markup, and one in the new form unchanged", () => {
    const old = CardSchema.parse({
      fallbackText: "Agenda",
      blocks: [
        { type: "header", text: "Agenda" },
        { type: "text", text: "Overleg van *Utrecht Stad*" },
        { type: "facts", facts: [{ label: "Locatie", value: "Stadhuis" }] },
        { type: "context", text: "klein" },
      ],
    });
    expect(old.blocks[1]).toEqual({ type: "text", text: { markup: "Overleg van *Utrecht Stad*" } });
    expect(renderSlackBlocks(old)[2]).toEqual({
      type: "section",
      fields: [{ type: "mrkdwn", text: "*Locatie*\nStadhuis" }],
    });
    const card = cards("a *b* <c>")[0] as Card;
    const stored = CardSchema.parse(JSON.parse(JSON.stringify(card)));
    expect(stored).toEqual(card);
    expect(toPlainText((stored.blocks[1] as { text: { markup: string } }).text)).toContain("a *b* <c>");
  });
});
