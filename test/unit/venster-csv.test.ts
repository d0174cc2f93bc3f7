import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvCell, formatCsv, fraction, neutraliseFormula } from "../../src/web/venster/csv.js";

/** Texts made of the characters that matter to a CSV reader and to Excel. */
const tricky = fc.string({
  unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ";", ",", "'", "a", " ", "é"),
});
const read = (text: string, delimiter: string) => parse(text, { delimiter, bom: true }) as string[][];

describe("formatCsv", () => {
  it("writes Dutch with `;` and a decimal comma, English with `,` and a decimal point", () => {
    const rows: CsvCell[][] = [["Aa, Bb", 1234, fraction(2 / 3), fraction(undefined), fraction(1)]];
    const nl = formatCsv("nl", ["Regio", "Aantal", "Aandeel", "Leeg", "Heel"], rows);
    expect(nl).toBe("\uFEFFRegio;Aantal;Aandeel;Leeg;Heel\r\nAa, Bb;1234;0,6667;;1,0000\r\n");
    const en = formatCsv("en", ["Region", "Count", "Share", "Empty", "Whole"], rows);
    expect(en).toBe('\uFEFFRegion,Count,Share,Empty,Whole\r\n"Aa, Bb",1234,0.6667,,1.0000\r\n');
  });

  it("prefixes a ' to every text cell that Excel would read as a formula (OWASP CSV injection)", () => {
    const texts = [
      "=1+1",
      "+31 6 1234",
      "-2",
      "@SUM(A1)",
      "\tx",
      "\rx",
      '=HYPERLINK("https://e.example","k")',
    ];
    const nl = read(formatCsv("nl", texts, [texts]), ";");
    expect(nl).toEqual([texts.map((text) => `'${text}`), texts.map((text) => `'${text}`)]);
    // Text that merely contains those characters later on stays as it is.
    expect(read(formatCsv("nl", ["a"], [["Zorg & welzijn = goed"], ["18-/18+"]]), ";").slice(1)).toEqual([
      ["Zorg & welzijn = goed"],
      ["18-/18+"],
    ]);
  });

  it("leaves numbers as numbers: a count is never prefixed", () => {
    expect(
      formatCsv("en", ["n"], [[-1], [0]])
        .split("\r\n")
        .slice(1, 3),
    ).toEqual(["-1", "0"]);
  });

  it("reads back every text as it was, apart from the prefix, in both languages", () => {
    fc.assert(
      fc.property(
        fc.array(tricky, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("nl", "en"),
        (cells, locale) => {
          const [, row] = read(
            formatCsv(
              locale,
              cells.map(() => "h"),
              [cells],
            ),
            locale === "nl" ? ";" : ",",
          );
          expect(row).toEqual(cells.map((cell) => neutraliseFormula(cell)));
          for (const cell of row ?? []) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});

describe("neutraliseFormula", () => {
  it("only touches the characters OWASP names, at the start", () => {
    expect(neutraliseFormula("=x")).toBe("'=x");
    expect(neutraliseFormula("x=")).toBe("x=");
    expect(neutraliseFormula("")).toBe("");
    expect(neutraliseFormula("'=x")).toBe("'=x");
  });
});
