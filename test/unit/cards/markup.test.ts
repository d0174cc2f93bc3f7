import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinMarkup, literal, md, parseMarkup, toPlainText } from "../../../src/domain/cards/markup.js";

describe("common markup", () => {
  it("keeps the template's own markup and shows interpolated text as typed", () => {
    const name = "*Jan* _de_ <!channel>";
    expect(parseMarkup(md`*Naam:* ${name}`)).toEqual([
      { text: "Naam:", bold: true, italic: false },
      { text: " *Jan* _de_ <!channel>", bold: false, italic: false },
    ]);
  });

  it("nests markup values without escaping them again", () => {
    const line = md`_${"thema_1"}_`;
    expect(parseMarkup(md`1. ${"a*b"} — ${line}`)).toEqual([
      { text: "1. a*b — ", bold: false, italic: false },
      { text: "thema_1", bold: false, italic: true },
    ]);
  });

  it("treats an unmatched marker as an ordinary character, and never runs a style past its line", () => {
    expect(toPlainText(md`5 * 3 = 15`)).toBe("5 * 3 = 15");
    expect(parseMarkup(md`*open\nnext*`)).toEqual([{ text: "*open\nnext*", bold: false, italic: false }]);
  });

  it("reads `code` in the template as code, and typed backticks and line breaks as typed", () => {
    expect(parseMarkup(md`Typ \`agenda <n>\` voor ${"`x`"}`)).toEqual([
      { text: "Typ ", bold: false, italic: false },
      { text: "agenda <n>", bold: false, italic: false, code: true },
      { text: " voor `x`", bold: false, italic: false },
    ]);
    expect(parseMarkup(md`*${"twee\nregels"}*`)).toEqual([
      { text: "twee\nregels", bold: true, italic: false },
    ]);
  });

  it("puts in nothing for null, undefined and false, and joins with line breaks", () => {
    expect(toPlainText(md`a${null}${undefined}${false}b`)).toBe("ab");
    expect(toPlainText(joinMarkup(["x*", md`*y*`]))).toBe("x*\ny");
  });

  it("shows any string exactly as given", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (a, b) => {
        expect(toPlainText(literal(a))).toBe(a);
        expect(toPlainText(md`${a}${b}`)).toBe(a + b);
        // An empty bold shows nothing, as on every platform.
        expect(toPlainText(md`*${a}*`)).toBe(a);
      }),
    );
  });
});
