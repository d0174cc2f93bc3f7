import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helpText, parseCommand, usage } from "../../../src/domain/commands/parse-command.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";

describe("parseCommand: recognised commands", () => {
  it.each([
    ["help", "help"],
    ["hulp", "help"],
    ["?", "help"],
    ["HELP", "help"],
    ["Hulp", "help"],
    ["  help  ", "help"],
    ["help koppel", "help"],
    ["", "help"],
    ["   ", "help"],
    ["\t\n", "help"],
    ["samenvatting", "summary"],
    ["summary", "summary"],
    ["SamenVatting", "summary"],
    ["SUMMARY", "summary"],
    ["  \t samenvatting \n", "summary"],
  ] as const)("%j is the %s command (nl and en)", (text, name) => {
    for (const locale of LOCALES) {
      expect(parseCommand(text, locale)).toEqual({ ok: true, command: { name } });
    }
  });

  it.each([
    ["koppel utrecht-stad", "utrecht-stad"],
    ["bind utrecht-stad", "utrecht-stad"],
    ["KOPPEL utrecht-stad", "utrecht-stad"],
    ["Bind Utrecht-Stad", "Utrecht-Stad"],
    ["koppel Utrecht Stad", "Utrecht Stad"],
    ["  koppel   Utrecht \t  Stad  ", "Utrecht Stad"],
    ["koppel\tZuid-Holland\nNoord", "Zuid-Holland Noord"],
    ["koppel\u00a0noord", "noord"],
    ["bind 's-Hertogenbosch", "'s-Hertogenbosch"],
  ])("%j binds to the region %j, keeping its case and collapsing whitespace", (text, region) => {
    for (const locale of LOCALES) {
      expect(parseCommand(text, locale)).toEqual({ ok: true, command: { name: "bind", region } });
    }
  });
});

describe("parseCommand: errors", () => {
  it.each([
    ["koppel", "nl", "Gebruik: `koppel <regio>`"],
    ["bind", "nl", "Gebruik: `koppel <regio>`"],
    ["  KOPPEL   ", "nl", "Gebruik: `koppel <regio>`"],
    ["koppel", "en", "Usage: `bind <region>`"],
    ["bind", "en", "Usage: `bind <region>`"],
    ["Bind \t ", "en", "Usage: `bind <region>`"],
  ] as const)("%j without a region answers with the usage in %s", (text, locale, start) => {
    const result = parseCommand(text, locale);
    expect(result).toEqual({ ok: false, message: usage("bind", locale) });
    expect(result.ok === false && result.message.startsWith(start)).toBe(true);
  });

  it("has a usage line in both languages for every command", () => {
    expect(usage("bind", "nl")).toBe(
      "Gebruik: `koppel <regio>` — koppel dit kanaal aan een regio (slug of naam), bijvoorbeeld `koppel utrecht-stad`",
    );
    expect(usage("bind", "en")).toBe(
      "Usage: `bind <region>` — bind this channel to a region (slug or name), for example `bind utrecht-stad`",
    );
    expect(usage("help", "nl")).toMatch(/^Gebruik: `help`/);
    expect(usage("summary", "en")).toMatch(/^Usage: `summary`/);
  });

  it.each([
    ["onbekend", "onbekend"],
    ["Onbekend iets", "Onbekend"],
    ["  vraag   morgen ", "vraag"],
    ["helpme", "helpme"],
    ["koppelen utrecht", "koppelen"],
    ["constructor", "constructor"],
    ["__proto__", "__proto__"],
    ["toString", "toString"],
    ["hasOwnProperty", "hasOwnProperty"],
  ])("%j is unknown: a Dutch message naming %j, then the help text", (text, word) => {
    expect(parseCommand(text, "nl")).toEqual({
      ok: false,
      message: `Het commando "${word}" ken ik niet.\n${helpText("nl")}`,
    });
    expect(parseCommand(text, "en")).toEqual({
      ok: false,
      message: `I don't know the command "${word}".\n${helpText("en")}`,
    });
  });

  it.each([
    ["nl", "*Regiotafel-commando's*", ["• `help`", "• `koppel <regio>`", "• `samenvatting`"]],
    ["en", "*Regiotafel commands*", ["• `help`", "• `bind <region>`", "• `summary`"]],
  ] as const)("the %s help text lists every command", (locale, title, lines) => {
    const [first, ...rest] = helpText(locale).split("\n");
    expect(first).toBe(title);
    expect(rest).toHaveLength(lines.length);
    rest.forEach((line, index) => {
      expect(line.startsWith(lines[index] ?? "?")).toBe(true);
    });
  });
});

describe("parseCommand: properties", () => {
  const locale = fc.constantFrom<Locale>(...LOCALES);
  const anyText = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc.string({ unit: "binary", maxLength: 60 }),
    fc
      .tuple(
        fc.constantFrom("help", "HULP", "?", "koppel", "Bind", "samenvatting", "summary", "x", ""),
        fc.array(fc.constantFrom(" ", "\t", "\n", "\u00a0", "a", "Regio", "-", "*", "`"), { maxLength: 8 }),
      )
      .map(([word, rest]) => `${word}${rest.join("")}`),
  );

  it("never throws; every failure has a non-empty message with a usage or an unknown-command sentence", () => {
    fc.assert(
      fc.property(anyText, locale, (text, loc) => {
        const result = parseCommand(text, loc);
        if (result.ok) return;
        expect(result.message.length).toBeGreaterThan(0);
        if (loc === "nl") expect(result.message).toMatch(/Gebruik:|ken ik niet/);
        else expect(result.message).toMatch(/Usage:|I don't know the command/);
      }),
      { numRuns: 500 },
    );
  });

  it("ignores surrounding whitespace and the case of the command word", () => {
    const padding = fc.array(fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003"), { maxLength: 4 });
    const word = fc.constantFrom("help", "hulp", "?", "koppel", "bind", "samenvatting", "summary", "xyz");
    const region = fc.stringMatching(/^[a-z][a-z-]{0,20}$/);
    const upper = fc.array(fc.boolean(), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(padding, padding, word, region, upper, locale, (before, after, w, r, caps, loc) => {
        const mixed = [...w].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join("");
        const plainInput = `${w} ${r}`;
        const messyInput = `${before.join("")}${mixed}${before.join("")} ${r}${after.join("")}`;
        const expected = parseCommand(plainInput, loc);
        const actual = parseCommand(messyInput, loc);
        if (expected.ok) expect(actual).toEqual(expected);
        else expect(actual.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("a bind command's region never has leading, trailing or repeated whitespace", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), locale, (rest, loc) => {
        const result = parseCommand(`koppel ${rest}`, loc);
        if (result.ok && result.command.name === "bind") {
          expect(result.command.region).toBe(result.command.region.trim());
          expect(result.command.region).not.toMatch(/\s{2}/);
          expect(result.command.region.length).toBeGreaterThan(0);
        } else {
          expect(result).toEqual({ ok: false, message: usage("bind", loc) });
        }
      }),
    );
  });
});
