import { type SurveyDefinition, SurveyDefinitionSchema } from "../definition.js";
import { READ_BY_CHAIRS } from "./readers.js";

/**
 * The longer evaluation questionnaire of the pilots "samenwerking gemeente – zorgverzekeraars"
 * (seeds 002, appendix 6.3, questions 2–19). Question numbers of the appendix are noted per question.
 *
 * Modelling choices:
 * - every closed question is required; open questions are optional, except an "anders, namelijk" or
 *   "nee, want…" explanation, which is required when it is shown;
 * - "anders, namelijk" is an option `anders` plus a conditional text question;
 * - the 5-point urgency answer is a scale 1..5 whose middle (3) is "geen mening", as in the appendix;
 * - the factor lists (16, 17) allow at most 3 choices and share one option list;
 * - the explanations (10, 12, 14, 15 and 19) are read by the region's chairs, without names, and the form
 *   says so; the other open answers (position, goal, "anders, namelijk") are read by nobody in the product.
 */

const OTHER = { id: "anders", label: { nl: "Anders", en: "Other" } } as const;

const specifyOther = (id: string, about: { nl: string; en: string }) => ({
  id,
  kind: "text" as const,
  required: true,
  multiline: false,
  maxLength: 300,
  label: { nl: `Anders, namelijk (${about.nl})`, en: `Other, namely (${about.en})` },
});

const FACTOR_OPTIONS = [
  { id: "persoonlijke_relaties", label: { nl: "Persoonlijke relaties", en: "Personal relationships" } },
  { id: "vertrouwen", label: { nl: "Vertrouwen", en: "Trust" } },
  {
    id: "gedeelde_verantwoordelijkheid",
    label: {
      nl: "Gedeelde maatschappelijke verantwoordelijkheid of gedeeld belang",
      en: "Shared social responsibility or shared interest",
    },
  },
  { id: "betrouwbaarheid", label: { nl: "Betrouwbaarheid", en: "Reliability" } },
  {
    id: "betrokkenheid_gemeente",
    label: {
      nl: "Betrokkenheid van alle onderdelen van de gemeente",
      en: "Involvement of every part of the municipality",
    },
  },
  {
    id: "inbreng_alle_gemeenten",
    label: { nl: "Ruimte voor inbreng van alle gemeenten", en: "Room for input from every municipality" },
  },
  { id: "politieke_stabiliteit", label: { nl: "Politieke stabiliteit", en: "Political stability" } },
  { id: "leiderschap", label: { nl: "Leiderschap", en: "Leadership" } },
  { id: "daadkracht", label: { nl: "Daadkracht", en: "Decisiveness" } },
  {
    id: "evaluatie_monitoring",
    label: { nl: "Regelmatige evaluatie en monitoring", en: "Regular evaluation and monitoring" },
  },
  { id: "geen", label: { nl: "Geen", en: "None" } },
  OTHER,
];

const grade = (id: string, when: { nl: string; en: string }) => ({
  id,
  kind: "scale" as const,
  required: true,
  min: 1,
  max: 10,
  minLabel: { nl: "1 (zeer slecht)", en: "1 (very poor)" },
  maxLabel: { nl: "10 (uitstekend)", en: "10 (excellent)" },
  label: {
    nl: `Welk rapportcijfer geeft u de samenwerking in de regio ${when.nl}?`,
    en: `What grade would you give the collaboration in the region ${when.en}?`,
  },
});

const optionalExplanation = (id: string) => ({
  id,
  kind: "text" as const,
  required: false,
  readByChairs: true,
  help: READ_BY_CHAIRS,
  label: {
    nl: "Wilt u uw cijfer toelichten? (optioneel)",
    en: "Would you like to explain your grade? (optional)",
  },
});

export const evaluatieDefinition: SurveyDefinition = SurveyDefinitionSchema.parse({
  key: "evaluatie",
  version: 1,
  title: {
    nl: "Evaluatie van de regionale samenwerking tussen gemeenten en zorgverzekeraars",
    en: "Evaluation of the regional collaboration between municipalities and health insurers",
  },
  intro: {
    nl:
      "U neemt deel aan een regionale samenwerking van gemeenten en zorgverzekeraars. Met deze vragen halen we " +
      "de lessen uit de regio's op. Invullen duurt ongeveer tien minuten.",
    en:
      "You take part in a regional collaboration of municipalities and health insurers. These questions help us " +
      "collect the lessons learned in the regions. Answering takes about ten minutes.",
  },
  sections: [
    {
      id: "deelnemer",
      title: { nl: "Over u", en: "About you" },
      questions: [
        // 2
        {
          id: "organisatie_type",
          kind: "single_choice",
          required: true,
          label: {
            nl: "Bij wat voor organisatie werkt u?",
            en: "What kind of organisation do you work for?",
          },
          options: [
            { id: "gemeente", label: { nl: "Gemeente", en: "Municipality" } },
            { id: "zorgverzekeraar", label: { nl: "Zorgverzekeraar", en: "Health insurer" } },
            { id: "zorgaanbieder", label: { nl: "Zorgaanbieder", en: "Care provider" } },
            OTHER,
          ],
        },
        {
          ...specifyOther("organisatie_type_anders", { nl: "soort organisatie", en: "kind of organisation" }),
          showIf: { questionId: "organisatie_type", equals: "anders" },
        },
        // 3
        {
          id: "functie",
          kind: "text",
          required: false,
          multiline: false,
          maxLength: 200,
          label: { nl: "Wat is uw functie?", en: "What is your position?" },
        },
      ],
    },
    {
      id: "regio_thema",
      title: { nl: "Regio en thema", en: "Region and theme" },
      questions: [
        // 4
        {
          id: "regio",
          kind: "single_choice",
          required: true,
          label: { nl: "In welke regio werkt u samen?", en: "In which region do you collaborate?" },
          options: [
            { id: "oosterschelde_cz", label: { nl: "Oosterschelde en CZ", en: "Oosterschelde and CZ" } },
            { id: "breda_cz", label: { nl: "Breda en CZ", en: "Breda and CZ" } },
            {
              id: "holland_rijnland_zorg_en_zekerheid",
              label: {
                nl: "Holland Rijnland en Zorg & Zekerheid",
                en: "Holland Rijnland and Zorg & Zekerheid",
              },
            },
            { id: "groningen_menzis", label: { nl: "Groningen en Menzis", en: "Groningen and Menzis" } },
            { id: "twente_menzis", label: { nl: "Twente en Menzis", en: "Twente and Menzis" } },
            {
              id: "utrecht_zilveren_kruis",
              label: { nl: "Utrecht en Zilveren Kruis", en: "Utrecht and Zilveren Kruis" },
            },
            {
              id: "flevoland_zilveren_kruis",
              label: { nl: "Flevoland en Zilveren Kruis", en: "Flevoland and Zilveren Kruis" },
            },
            {
              id: "kennemerland_zilveren_kruis",
              label: { nl: "Kennemerland en Zilveren Kruis", en: "Kennemerland and Zilveren Kruis" },
            },
            { id: "nijmegen_vgz", label: { nl: "Nijmegen en VGZ", en: "Nijmegen and VGZ" } },
            {
              id: "rotterdam_rijnmond_vgz",
              label: { nl: "Rotterdam Rijnmond en VGZ", en: "Rotterdam Rijnmond and VGZ" },
            },
            OTHER,
          ],
        },
        {
          ...specifyOther("regio_anders", {
            nl: "regio en zorgverzekeraar",
            en: "region and health insurer",
          }),
          showIf: { questionId: "regio", equals: "anders" },
        },
        // 5
        {
          id: "thema",
          kind: "single_choice",
          required: true,
          label: {
            nl: "Aan welk thema werkt u in uw regio?",
            en: "Which theme do you work on in your region?",
          },
          options: [
            {
              id: "ggz_in_de_wijk",
              label: { nl: "Ggz in de wijk", en: "Mental health care in the neighbourhood" },
            },
            {
              id: "ambulantisering_ggz",
              label: { nl: "Ambulantisering van de ggz", en: "Outpatient mental health care" },
            },
            { id: "ouderenzorg", label: { nl: "Ouderenzorg", en: "Care for older people" } },
            {
              id: "medisch_sociaal",
              label: {
                nl: "Verbinding medisch en sociaal domein",
                en: "Linking the medical and social domains",
              },
            },
            {
              id: "verward_gedrag",
              label: {
                nl: "Sluitende aanpak voor personen met verward gedrag",
                en: "A seamless approach for people with confused behaviour",
              },
            },
            {
              id: "mantelzorg_dementie",
              label: { nl: "Mantelzorg bij dementie", en: "Informal care for dementia" },
            },
            { id: "zorgpad_dementie", label: { nl: "Zorgpad dementie", en: "Dementia care pathway" } },
            {
              id: "gezondheidsachterstand_wijk",
              label: {
                nl: "Gezondheidsachterstanden in de wijk",
                en: "Health disadvantages in the neighbourhood",
              },
            },
            OTHER,
          ],
        },
        {
          ...specifyOther("thema_anders", { nl: "thema", en: "theme" }),
          showIf: { questionId: "thema", equals: "anders" },
        },
        // 6
        {
          id: "urgentie",
          kind: "scale",
          required: true,
          min: 1,
          max: 5,
          minLabel: { nl: "Niet urgent", en: "Not urgent" },
          maxLabel: { nl: "Urgent", en: "Urgent" },
          label: {
            nl: "Hoe urgent is dit thema in de regio?",
            en: "How urgent is this theme in the region?",
          },
          help: {
            nl: "1 = niet urgent, 2 = weinig urgent, 3 = geen mening, 4 = een beetje urgent, 5 = urgent",
            en: "1 = not urgent, 2 = hardly urgent, 3 = no opinion, 4 = somewhat urgent, 5 = urgent",
          },
        },
        // 7
        {
          id: "doel",
          kind: "text",
          required: false,
          label: {
            nl: "Wat wilt u met deze regionale samenwerking bereiken?",
            en: "What do you want to achieve with this regional collaboration?",
          },
        },
      ],
    },
    {
      id: "samenwerking",
      title: { nl: "De samenwerking", en: "The collaboration" },
      questions: [
        // 8
        {
          id: "eerdere_samenwerking",
          kind: "yes_no",
          required: true,
          label: {
            nl: "Werkten zorgverzekeraar en regio al samen voordat het ondersteuningsprogramma begon?",
            en: "Did the health insurer and the region already work together before the support programme started?",
          },
        },
        // 9, 10
        grade("cijfer_aanvang", {
          nl: "bij de start van het ondersteuningsprogramma",
          en: "at the start of the support programme",
        }),
        optionalExplanation("cijfer_aanvang_toelichting"),
        // 11, 12
        grade("cijfer_nu", { nl: "op dit moment", en: "today" }),
        optionalExplanation("cijfer_nu_toelichting"),
        // 13, 14
        {
          id: "bijdrage_ondersteuning",
          kind: "single_choice",
          required: true,
          label: {
            nl: "Heeft de ondersteuning de samenwerking verbeterd?",
            en: "Has the support improved the collaboration?",
          },
          options: [
            { id: "niet", label: { nl: "Niet", en: "Not at all" } },
            { id: "een_beetje", label: { nl: "Een beetje", en: "A little" } },
            { id: "veel", label: { nl: "Veel", en: "A lot" } },
          ],
        },
        {
          id: "bijdrage_ondersteuning_toelichting",
          kind: "text",
          readByChairs: true,
          help: READ_BY_CHAIRS,
          required: false,
          label: { nl: "Kunt u dat toelichten?", en: "Could you explain that?" },
        },
        // 15
        {
          id: "betere_ondersteuning_clienten",
          kind: "yes_no",
          required: true,
          label: {
            nl: "Verbeteren de samenwerkingsafspraken de ondersteuning aan cliënten en klanten?",
            en: "Do the collaboration agreements improve the support for clients and customers?",
          },
        },
        {
          id: "betere_ondersteuning_clienten_toelichting",
          kind: "text",
          readByChairs: true,
          help: READ_BY_CHAIRS,
          required: true,
          showIf: { questionId: "betere_ondersteuning_clienten", equals: false },
          label: { nl: "Waarom niet?", en: "Why not?" },
        },
      ],
    },
    {
      id: "factoren",
      title: { nl: "Wat helpt en wat remt", en: "What helps and what hinders" },
      questions: [
        // 16
        {
          id: "factoren_positief",
          kind: "multi_choice",
          required: true,
          maxSelections: 3,
          label: {
            nl: "Welke factoren hebben een positieve invloed op de samenwerking in uw regio? (kies er maximaal 3)",
            en: "Which factors have a positive influence on the collaboration in your region? (choose up to 3)",
          },
          options: FACTOR_OPTIONS,
        },
        {
          ...specifyOther("factoren_positief_anders", { nl: "positieve factor", en: "positive factor" }),
          showIf: { questionId: "factoren_positief", equals: "anders" },
        },
        // 17
        {
          id: "factoren_negatief",
          kind: "multi_choice",
          required: true,
          maxSelections: 3,
          label: {
            nl: "Welke factoren hebben een negatieve invloed op de samenwerking in uw regio? (kies er maximaal 3)",
            en: "Which factors have a negative influence on the collaboration in your region? (choose up to 3)",
          },
          options: FACTOR_OPTIONS,
        },
        {
          ...specifyOther("factoren_negatief_anders", { nl: "negatieve factor", en: "negative factor" }),
          showIf: { questionId: "factoren_negatief", equals: "anders" },
        },
      ],
    },
    {
      id: "verbetering",
      title: { nl: "Verbeterpunten", en: "Room for improvement" },
      questions: [
        // 18, 19
        {
          id: "verbeterpunten",
          kind: "yes_no",
          required: true,
          label: {
            nl: "Ziet u verbeterpunten die de regionale samenwerking kunnen versterken?",
            en: "Do you see improvements that could strengthen the regional collaboration?",
          },
        },
        {
          id: "verbeterpunten_toelichting",
          kind: "text",
          readByChairs: true,
          help: READ_BY_CHAIRS,
          required: false,
          label: { nl: "Kunt u dat toelichten?", en: "Could you explain that?" },
        },
      ],
    },
  ],
});
