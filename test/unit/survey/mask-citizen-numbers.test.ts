import { describe, expect, it } from "vitest";
import {
  CITIZEN_NUMBER_MASK,
  maskCitizenNumbers,
  passesElevenTest,
} from "../../../src/domain/survey/mask-citizen-numbers.js";

const M = CITIZEN_NUMBER_MASK;

describe("passesElevenTest", () => {
  it.each([
    // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6·11
    ["111222333", true],
    // 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 2 = 154 = 14·11
    ["123456782", true],
    // 9·9 + … + 2·9 − 0 = 396 = 36·11
    ["999999990", true],
    // 8·1 + 7·2 + 6·3 + 5·4 + 4·5 + 3·6 + 2·7 − 2 = 110 = 10·11
    ["012345672", true],
    ["123456789", false],
    ["111222334", false],
    ["987654321", false],
    // sum 0: divisible by 11, but refused
    ["000000000", false],
    ["100000009", false],
    ["12345678", false],
    ["1234567820", false],
    ["12345678a", false],
  ])("%s -> %s", (digits, expected) => {
    expect(passesElevenTest(digits)).toBe(expected);
  });
});

describe("maskCitizenNumbers", () => {
  it.each([
    ["111222333", M],
    ["123456782", M],
    ["999999990", M],
    ["012345672", M],
    ["Mijn BSN is 123456782.", `Mijn BSN is ${M}.`],
    ["BSN: 111222333, graag terugbellen", `BSN: ${M}, graag terugbellen`],
    ["(123456782)", `(${M})`],
    ["nr123456782x", `nr${M}x`],
    ["cliënt 111222333 en cliënt 012345672", `cliënt ${M} en cliënt ${M}`],
    ["regel 1\n123456782\nregel 3", `regel 1\n${M}\nregel 3`],
  ])("masks the valid number in %j", (text, expected) => {
    expect(maskCitizenNumbers(text)).toBe(expected);
  });

  it.each([
    ["1234.56.782", M],
    ["1234 56 782", M],
    ["123 456 782", M],
    ["123.456.782", M],
    ["1112.22.333", M],
    ["111 222 333", M],
    ["123\u00a0456\u00a0782", M],
    ["Het nummer is 1234.56.782.", `Het nummer is ${M}.`],
    ["BSN 111 222 333 van mevrouw", `BSN ${M} van mevrouw`],
  ])("masks the grouped form %j", (text, expected) => {
    expect(maskCitizenNumbers(text)).toBe(expected);
  });

  it.each([
    ["invalid nine digits", "123456789"],
    ["invalid in a sentence", "Dossier 987654321 is gesloten."],
    ["invalid grouped", "1234.56.789"],
    ["invalid grouped with spaces", "123 456 789"],
    ["all zeros", "000000000"],
    ["a mobile number", "Bel 0612345678"],
    ["a mobile number whose last nine digits pass", "Bel 0612345609"],
    ["a mobile number whose first nine digits pass", "Bel 0612345640 gerust"],
    ["a ten-digit run around a valid one", "1234567820"],
    ["an international number", "+31612345609"],
    ["eight digits", "12345678"],
    ["other groupings", "12 3456 782 en 12345 6782"],
    ["an amount with thousands separators", "€ 1.123.456.782"],
    ["a decimal", "123456782.5 en 123456782,50"],
    ["a mobile number with a dash", "06-12345678"],
    ["no digits at all", "Geen nummers hier."],
    ["the empty string", ""],
  ])("leaves %s alone", (_what, text) => {
    expect(maskCitizenNumbers(text)).toBe(text);
  });

  it("is idempotent", () => {
    const once = maskCitizenNumbers("BSN 123456782 en 111 222 333, tel 0612345609");
    expect(once).toBe(`BSN ${M} en ${M}, tel 0612345609`);
    expect(maskCitizenNumbers(once)).toBe(once);
  });
});
