import { THEMES, type Theme } from "../vocabulary.js";

/**
 * Sorts a free text (a support need, a hulpvraag) into the domain themes by Dutch and English keywords, so
 * the venster can show how many needs concern which theme without ever showing the text. A text may touch
 * several themes ("jeugd-ggz" is both jeugd and ggz); a text matching none is "anders". Matching ignores
 * case and diacritics. Stems marked `anywhere` match inside Dutch compounds (valpreventie, ouderenzorg);
 * short or ambiguous ones only at the start of a word ("wijk" must not match "afwijking").
 */
type Keyword = { stem: string; anywhere?: boolean; wholeWord?: boolean };

const KEYWORDS: Record<Exclude<Theme, "anders">, Keyword[]> = {
  preventie: [
    { stem: "preventie", anywhere: true },
    { stem: "preventief", anywhere: true },
    { stem: "leefstijl", anywhere: true },
    { stem: "gezond", anywhere: true },
    { stem: "overgewicht", anywhere: true },
    { stem: "roken" },
    { stem: "alcohol" },
    { stem: "valpreventie" },
    { stem: "prevent" },
    { stem: "lifestyle" },
    { stem: "healthy" },
    { stem: "obesity" },
    { stem: "smoking" },
  ],
  ggz: [
    { stem: "ggz", anywhere: true },
    { stem: "psych", anywhere: true },
    { stem: "verward", anywhere: true },
    { stem: "verslav", anywhere: true },
    { stem: "depressi" },
    { stem: "suicid" },
    { stem: "mental" },
    { stem: "confused" },
    { stem: "addiction" },
  ],
  ouderen: [
    { stem: "ouderen", anywhere: true },
    { stem: "dementi", anywhere: true },
    { stem: "mantelzorg", anywhere: true },
    { stem: "wlz", anywhere: true },
    { stem: "verpleeghuis", anywhere: true },
    { stem: "langdurige zorg" },
    { stem: "senior" },
    { stem: "elderly" },
    { stem: "older" },
    { stem: "dementia" },
    { stem: "informal care" },
    { stem: "carer" },
    { stem: "caregiver" },
    { stem: "nursing home" },
    { stem: "long-term care" },
  ],
  wijk: [
    { stem: "wijk" },
    { stem: "buurt" },
    { stem: "huisarts", anywhere: true },
    { stem: "eerstelijn", anywhere: true },
    { stem: "sociaal team" },
    { stem: "neighbourhood" },
    { stem: "neighborhood" },
    { stem: "district team" },
    { stem: "community" },
    { stem: "general practitioner" },
    { stem: "gp", wholeWord: true },
    { stem: "gps", wholeWord: true },
  ],
  jeugd: [
    { stem: "jeugd", anywhere: true },
    { stem: "jongere", anywhere: true },
    { stem: "18-" },
    { stem: "18+" },
    { stem: "kinder" },
    { stem: "kind", wholeWord: true },
    { stem: "youth" },
    { stem: "young" },
    { stem: "child" },
    { stem: "adolescen" },
  ],
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const WORD_CHAR = "[\\p{L}\\p{N}]";

const PATTERNS: [Theme, RegExp][] = Object.entries(KEYWORDS).map(([theme, keywords]) => [
  theme as Theme,
  new RegExp(
    keywords
      .map(({ stem, anywhere, wholeWord }) => {
        const body = escapeRegExp(stem);
        if (anywhere) return body;
        return `(?<!${WORD_CHAR})${body}${wholeWord ? `(?!${WORD_CHAR})` : ""}`;
      })
      .join("|"),
    "u",
  ),
]);

const normalise = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The themes a text touches, in THEMES order; ["anders"] when it touches none (or is empty). */
export function classifyThemes(text: string): Theme[] {
  const normalised = normalise(text);
  const found = new Set(PATTERNS.filter(([, pattern]) => pattern.test(normalised)).map(([theme]) => theme));
  return found.size === 0 ? ["anders"] : THEMES.filter((theme) => found.has(theme));
}

/** How many texts touch each theme (every theme present, 0 when none). */
export function countThemes(texts: readonly string[]): Record<Theme, number> {
  const counts = Object.fromEntries(THEMES.map((theme) => [theme, 0])) as Record<Theme, number>;
  for (const text of texts) for (const theme of classifyThemes(text)) counts[theme]++;
  return counts;
}
