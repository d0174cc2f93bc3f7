import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slackMrkdwn, slackPlainText } from "../../../src/bot/cards/slack-text.js";
import { md } from "../../../src/domain/cards/markup.js";
import { slackDisplay } from "./slack-display.js";

const ZWSP = /\u200b/g;
/** Strings rich in what Slack reads as markup, and any text at all. */
const typed = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      "*",
      "_",
      "~",
      "`",
      "<",
      ">",
      "&",
      "|",
      "!",
      "@",
      " ",
      "\n",
      "a",
      "é",
      ":",
      "/",
      "https://",
      "channel",
      "amp;",
      "lt;",
    ),
  }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
);

describe("Slack mrkdwn escaping", () => {
  it.each([
    ["Zorg & welzijn <18-/18+> overgang"],
    ["<https://example.org|Klik hier>"],
    ["<!channel> <https://evil.example/login|Klik hier voor uw subsidie>"],
    ["@channel kijk *hier* _nu_ ~weg~ `code`"],
    ["> geen citaat\n> ook niet"],
  ])("shows %j as typed, with nothing live", (s) => {
    for (const rendered of [slackMrkdwn(md`${s}`), slackMrkdwn(md`*${s}*`), slackPlainText(s)]) {
      const shown = slackDisplay(rendered);
      expect(shown.live).toEqual([]);
      expect(shown.text).toBe(s);
    }
  });

  it("keeps a bare link a link and the template's own styles", () => {
    const rendered = slackMrkdwn(
      md`*Agenda:* zie https://example.org/a_b?x=1&y=2 en ${"https://example.org/c_d"}`,
    );
    // A zero-width space lets the marker close after the colon.
    expect(rendered).toBe(
      "*Agenda:\u200b* zie https://example.org/a_b?x=1&amp;y=2 en https://example.org/c_d",
    );
  });

  it("cuts a text that escaping makes too long within Slack's limit, still closing its style", () => {
    const typed = "<!channel> & *".repeat(400);
    const rendered = slackMrkdwn(md`*${typed}*`, 3000);
    expect(rendered.length).toBeLessThanOrEqual(3000);
    const shown = slackDisplay(rendered);
    expect(shown.live).toEqual([]);
    expect(shown.text.endsWith("…")).toBe(true);
    expect(typed.startsWith(shown.text.slice(0, -1).trimEnd())).toBe(true);
    expect(rendered.startsWith("*") && rendered.slice(0, -1).endsWith("*")).toBe(true);
  });

  it("shows any string as typed, plain or bold", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const expected = s.replace(ZWSP, "");
        const plain = slackDisplay(slackMrkdwn(md`${s}`));
        expect(plain.live).toEqual([]);
        expect(plain.text).toBe(expected);
        expect(plain.styles.every((style) => style.size === 0)).toBe(true);
        const bold = slackDisplay(slackMrkdwn(md`*${s}*`));
        expect(bold.live).toEqual([]);
        expect(bold.text).toBe(expected);
        [...bold.text].forEach((c, i) => {
          if (!/\s/.test(c)) expect([...(bold.styles[i] ?? [])]).toEqual(["bold"]);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
