import type { LocalizedText } from "../definition.js";

/**
 * What a free-text field tells the person answering about who reads it. One wording for every survey, used
 * with `readByChairs` (and `listInSummary`), so that the promise on the form and what the product does agree;
 * test/unit/survey/definitions.test.ts checks that they do.
 */
export const READ_BY_CHAIRS: LocalizedText = {
  nl: "Alleen de voorzitters van uw regiotafel lezen deze toelichting, zonder uw naam.",
  en: "Only the chairs of your regional table read this explanation, without your name.",
};

export const SUPPORT_NEED_READERS: LocalizedText = {
  nl: "Alleen de voorzitters van uw regiotafel lezen dit antwoord, zonder uw naam. Aan tafel ziet iedereen alleen hoeveel vragen er per thema zijn.",
  en: "Only the chairs of your regional table read this answer, without your name. Everyone at the table sees only how many requests concern each theme.",
};

/** A field's help followed by who reads the answer. */
export const withReaders = (help: LocalizedText | undefined, readers: LocalizedText): LocalizedText =>
  help ? { nl: `${help.nl} ${readers.nl}`, en: `${help.en} ${readers.en}` } : readers;
