import { describe, expect, it } from "vitest";
import { classifyThemes, countThemes } from "../../src/domain/venster/themes.js";

describe("classifyThemes", () => {
  it.each([
    ["Ondersteuning bij dementie en mantelzorg", ["ouderen"]],
    ["Afspraken over de Wlz-indicatie", ["ouderen"]],
    ["Aanpak personen met verward gedrag", ["ggz"]],
    ["Psychiatrische crisisbedden", ["ggz"]],
    ["Jongeren van 18-/18+ vallen tussen wal en schip", ["jeugd"]],
    ["Leefstijlinterventies en een gezonde regio", ["preventie"]],
    ["Valpreventie bij thuiswonende ouderen", ["preventie", "ouderen"]],
    ["Samenwerking tussen wijkteam en huisarts", ["wijk"]],
    ["Jeugd-GGZ wachtlijsten", ["ggz", "jeugd"]],
    ["Support with dementia and informal carers", ["ouderen"]],
    ["Mental health crisis beds", ["ggz"]],
    ["Youth care after 18", ["jeugd"]],
    ["Working with GPs in the neighbourhood", ["wijk"]],
    ["Healthy lifestyle programme", ["preventie"]],
    ["Procesbegeleiding bij de inkoop", ["anders"]],
    ["", ["anders"]],
  ])("%s → %j", (text, themes) => {
    expect(classifyThemes(text)).toEqual(themes);
  });

  it("ignores case and diacritics", () => {
    expect(classifyThemes("DEMENTIE")).toEqual(["ouderen"]);
    expect(classifyThemes("suïcidepreventie")).toEqual(["preventie", "ggz"]);
  });

  it("does not match short stems inside other words", () => {
    // "wijk" in "afwijking", "kind" in "kindly", "gp" in "gpu".
    expect(classifyThemes("Een afwijking in de planning")).toEqual(["anders"]);
    expect(classifyThemes("kindly help with gpu budgets")).toEqual(["anders"]);
  });

  it("counts texts per theme, every theme present", () => {
    expect(countThemes(["dementie", "verward gedrag", "jeugd-ggz", "inkoop"])).toEqual({
      preventie: 0,
      ggz: 2,
      ouderen: 1,
      wijk: 0,
      jeugd: 1,
      anders: 1,
    });
  });
});
