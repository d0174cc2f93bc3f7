import { pick } from "../i18n.js";
import type { ChairTexts, ChairTextsQuestion } from "../survey/chair-texts.js";
import type { Question, SurveyDefinition } from "../survey/definition.js";
import type { Locale } from "../vocabulary.js";
import type { Card, CardBlock } from "./card.js";
import { shorten } from "./table-cards.js";

/**
 * The explanations and support needs of a round, sent to each chair of the region privately: texts per
 * question, no names, alphabetical (chair-texts.ts). Below the anonymity threshold it says why there is nothing.
 *
 * A busy region must still fit in one message (Slack: 3,000 characters per text block and 50 blocks; Teams:
 * about 28 KB per card), so texts are packed into blocks up to a budget; what does not fit is counted, never
 * silently dropped.
 */

export type ChairTextsCardInput = {
  locale: Locale;
  definition: SurveyDefinition;
  texts: ChairTexts;
  regionName: string;
  waveName: string;
  closed: boolean;
};

/** Characters of one answer; longer ones end with an ellipsis. */
const MAX_TEXT_CHARS = 1_000;
/** Characters per text block: Slack allows 3,000. */
const BLOCK_BUDGET = 2_600;
/** Characters of all answers together, and blocks of answers, so that the card fits every platform. */
const CARD_BUDGET = 18_000;
const MAX_TEXT_BLOCKS = 40;

export function chairTextsCard(input: ChairTextsCardInput): Card {
  const { locale, texts } = input;
  const title = pick(locale, {
    nl: `Toelichtingen voor de voorzitters — ${input.regionName}`,
    en: `Explanations for the chairs — ${input.regionName}`,
  });
  const round = input.closed
    ? pick(locale, { nl: `Ronde ${input.waveName} (gesloten)`, en: `Round ${input.waveName} (closed)` })
    : pick(locale, { nl: `Ronde ${input.waveName}, tussenstand`, en: `Round ${input.waveName}, interim` });

  if (!texts.shared) {
    const tooFew = pick(locale, {
      nl: `Er hebben te weinig mensen geantwoord om de toelichtingen te delen: ${texts.answered} van de minimaal ${texts.threshold}. Met zo weinig antwoorden zou te herleiden zijn wie wat schreef.`,
      en: `Too few people have answered to share the explanations: ${texts.answered} of at least ${texts.threshold}. With so few answers, it could be traced who wrote what.`,
    });
    return {
      fallbackText: `${title}: ${tooFew}`,
      blocks: [
        { type: "header", text: title },
        { type: "context", text: round },
        { type: "text", text: tooFew },
      ],
    };
  }

  const answers = pick(locale, {
    nl: texts.answered === 1 ? "1 antwoord" : `${texts.answered} antwoorden`,
    en: texts.answered === 1 ? "1 answer" : `${texts.answered} answers`,
  });
  const blocks: CardBlock[] = [
    { type: "header", text: title },
    {
      type: "context",
      text: pick(locale, {
        nl: `${round} · ${answers}. Alleen voor de voorzitters: zonder namen, en per vraag op alfabet, zodat de volgorde niemand verraadt. Bespreek ze aan tafel zonder te citeren.`,
        en: `${round} · ${answers}. For the chairs only: without names, and in alphabetical order per question, so that the order gives nobody away. Discuss them at the table without quoting.`,
      }),
    },
  ];
  const body = textBlocks(input, texts.questions);
  if (body.length === 0) {
    blocks.push({
      type: "text",
      text: pick(locale, {
        nl: "In deze ronde heeft niemand een toelichting of gevraagde ondersteuning in eigen woorden gegeven.",
        en: "Nobody has given an explanation or a support need in their own words in this round.",
      }),
    });
  }
  blocks.push(...body);
  return { fallbackText: `${title}: ${answers}`, blocks };
}

/** Per section a heading, per question its label and the answers, packed into blocks within the budgets. */
function textBlocks(input: ChairTextsCardInput, questions: ChairTextsQuestion[]): CardBlock[] {
  const { locale, definition } = input;
  const lines: string[] = [];
  for (const section of definition.sections) {
    const shown = questions.filter((q) => q.sectionId === section.id && q.texts.length > 0);
    if (shown.length === 0) continue;
    lines.push(`*${pick(locale, section.title)}*`);
    for (const question of shown) {
      lines.push(`_${heading(section.questions, question.questionId, locale)}_`);
      for (const text of question.texts) lines.push(`• ${shorten(text, MAX_TEXT_CHARS)}`);
    }
  }
  // Packed in order until a budget is reached; everything after that is counted, so no answer is silently
  // missing from the middle of a list.
  const blocks: { lines: string[]; length: number }[] = [];
  let used = 0;
  let hidden = 0;
  let stopped = false;
  for (const line of lines) {
    const last = blocks.at(-1);
    const fitsLast = last !== undefined && last.length + 1 + line.length <= BLOCK_BUDGET;
    stopped ||= used + line.length > CARD_BUDGET || (!fitsLast && blocks.length >= MAX_TEXT_BLOCKS);
    if (stopped) {
      if (line.startsWith("• ")) hidden++;
      continue;
    }
    if (fitsLast) {
      last.lines.push(line);
      last.length += 1 + line.length;
    } else {
      blocks.push({ lines: [line], length: line.length });
    }
    used += line.length + 1;
  }
  const result: CardBlock[] = blocks.map((block) => ({ type: "text", text: block.lines.join("\n") }));
  if (hidden > 0)
    result.push({
      type: "context",
      text: pick(locale, {
        nl: `… en nog ${hidden === 1 ? "1 antwoord dat" : `${hidden} antwoorden die`} niet in dit bericht ${hidden === 1 ? "past" : "passen"}.`,
        en: `… and ${hidden} more ${hidden === 1 ? "answer that does" : "answers that do"} not fit in this message.`,
      }),
    });
  return result;
}

/**
 * A question's label without "(optioneel)"; two explanations with the same label in one section ("Wilt u
 * uw cijfer toelichten?") also name the question they explain, the nearest closed question before them.
 */
function heading(questions: Question[], questionId: string, locale: Locale): string {
  const bare = (question: Question) =>
    pick(locale, question.label)
      .replace(/\s*\((optioneel|optional)\)\s*$/i, "")
      .trim();
  const index = questions.findIndex((q) => q.id === questionId);
  const question = questions[index];
  if (!question) return questionId;
  const label = bare(question);
  const same = questions.filter((q) => q.kind === "text" && bare(q) === label).length;
  if (same < 2) return label;
  const explained = questions
    .slice(0, index)
    .reverse()
    .find((q) => q.kind !== "text");
  return explained ? `${label} — ${pick(locale, explained.label)}` : label;
}
