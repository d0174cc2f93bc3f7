import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adaptiveMarkdown, adaptivePlainText } from "../../../src/bot/cards/adaptive-text.js";
import { md } from "../../../src/domain/cards/markup.js";
import { adaptiveDisplay, asShown } from "./adaptive-display.js";

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
      "[",
      "]",
      "(",
      ")",
      "#",
      "-",
      "+",
      "=",
      "1.",
      "2)",
      "\\",
      "{{",
      "}}",
      " ",
      "    ",
      "\n",
      "a",
      "é",
      "https://x.nl/a_b",
      "amp;",
      "lt;",
      "---",
    ),
  }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
);

describe("Adaptive Card markdown escaping", () => {
  it.each([
    ["Zorg & welzijn <18-/18+> overgang"],
    ["<https://example.org|Klik hier>"],
    ["[Klik hier](https://evil.example/login)"],
    ["# Kop\n- lijst\n1. genummerd\n> citaat\n| a | b |\n|---|---|"],
    ["koppel <regio> &amp; {{DATE(2027-01-01T00:00:00Z)}}"],
  ])("shows %j as typed", (s) => {
    for (const rendered of [adaptiveMarkdown(md`${s}`), adaptiveMarkdown(md`*${s}*`), adaptivePlainText(s)]) {
      const shown = adaptiveDisplay(rendered);
      expect(shown.structure).toEqual([]);
      expect(asShown(shown.text)).toBe(asShown(s));
    }
  });

  it("keeps a bare link a link", () => {
    const shown = adaptiveDisplay(adaptiveMarkdown(md`Zie ${"https://example.org/a_b?x=1&y=2."}`));
    expect(shown.structure).toEqual([]);
    expect(adaptiveMarkdown(md`Zie ${"https://example.org/a_b?x=1&y=2."}`)).toBe(
      "Zie https://example.org/a_b?x=1&y=2.",
    );
  });

  it.each(["𛲜\u2028", "\u0000\u000b"])(
    "closes bold around %j: markdown's own whitespace goes outside the markers (found by the property below)",
    (s) => {
      const shown = adaptiveDisplay(adaptiveMarkdown(md`*${s}*`));
      expect(asShown(shown.text)).toBe(asShown(s));
      expect([...(shown.styles[0] ?? [])]).toEqual(["bold"]);
    },
  );

  it("shows any string as typed, plain or bold", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const expected = asShown(s);
        const plain = adaptiveDisplay(adaptiveMarkdown(md`${s}`));
        expect(plain.structure).toEqual([]);
        expect(asShown(plain.text)).toBe(expected);
        expect(plain.styles.every((style) => style.size === 0)).toBe(true);
        const bold = adaptiveDisplay(adaptiveMarkdown(md`*${s}*`));
        expect(bold.structure).toEqual([]);
        expect(asShown(bold.text)).toBe(expected);
        [...bold.text].forEach((c, i) => {
          if (!/\s/.test(c)) expect([...(bold.styles[i] ?? [])]).toEqual(["bold"]);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
