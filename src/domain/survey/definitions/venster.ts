import { type SurveyDefinition, SurveyDefinitionSchema } from "../definition.js";
import { READ_BY_CHAIRS, SUPPORT_NEED_READERS, withReaders } from "./readers.js";

/**
 * The annual "venster op het samenwerkingsproces" (seeds 001, section 4.3): a compact thermometer of the
 * collaboration process, answered once a year per region by every municipality, insurer and care office.
 * Three parts (agenda, proces, resultaat), each with the same four questions.
 */

const PARTS = [
  {
    id: "agenda",
    title: { nl: "Agenda", en: "Agenda" },
    subject: { nl: "de agenda", en: "the agenda" },
  },
  {
    id: "proces",
    title: { nl: "Proces", en: "Process" },
    subject: { nl: "het proces", en: "the process" },
  },
  {
    id: "resultaat",
    title: { nl: "Resultaat", en: "Result" },
    subject: { nl: "het resultaat", en: "the result" },
  },
] as const;

type Part = (typeof PARTS)[number];

const partSection = (part: Part) => ({
  id: part.id,
  title: part.title,
  questions: [
    {
      id: `${part.id}_tevreden`,
      kind: "yes_no" as const,
      required: true,
      label: {
        nl: `Bent u tevreden over de samenwerking wat betreft ${part.subject.nl}?`,
        en: `Are you satisfied with the collaboration as regards ${part.subject.en}?`,
      },
    },
    {
      id: `${part.id}_toelichting`,
      kind: "text" as const,
      required: false,
      multiline: true,
      readByChairs: true,
      label: { nl: "Toelichting (optioneel)", en: "Explanation (optional)" },
      help: withReaders(
        { nl: "Wat gaat er goed, wat kan beter?", en: "What is going well, what could be better?" },
        READ_BY_CHAIRS,
      ),
    },
    {
      id: `${part.id}_ondersteuning`,
      kind: "yes_no" as const,
      required: true,
      label: {
        nl: `Is er behoefte aan ondersteuning bij ${part.subject.nl}?`,
        en: `Is support needed with ${part.subject.en}?`,
      },
    },
    {
      id: `${part.id}_ondersteuning_welke`,
      kind: "text" as const,
      required: true,
      multiline: true,
      listInSummary: true,
      readByChairs: true,
      showIf: { questionId: `${part.id}_ondersteuning`, equals: true },
      label: {
        nl: "Welke ondersteuning is nodig?",
        en: "What support is needed?",
      },
      help: SUPPORT_NEED_READERS,
    },
  ],
});

export const vensterDefinition: SurveyDefinition = SurveyDefinitionSchema.parse({
  key: "venster",
  version: 1,
  title: {
    nl: "Venster op het samenwerkingsproces",
    en: "Window on the collaboration process",
  },
  intro: {
    nl:
      "Bent u tevreden over de samenwerking tussen gemeenten, zorgverzekeraars en zorgkantoren in uw regio? " +
      "Deze korte jaarlijkse peiling gaat over het samenwerkingsproces, niet over de inhoud van de zorg. " +
      "De uitkomsten zijn voor alle partijen in te zien.",
    en:
      "Are you satisfied with the collaboration between municipalities, health insurers and care offices in your region? " +
      "This short annual check is about the collaboration process, not about the content of care. " +
      "The results are open to all parties.",
  },
  sections: PARTS.map(partSection),
});
