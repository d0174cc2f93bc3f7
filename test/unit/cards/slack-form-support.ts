import fc from "fast-check";
import { FIELD_ACTION_ID } from "../../../src/bot/cards/render-slack.js";
import type {
  Answers,
  AnswerValue,
  Question,
  SurveyDefinition,
} from "../../../src/domain/survey/definition.js";
import { allQuestions } from "../../../src/domain/survey/definition.js";
import { conditionHolds } from "../../../src/domain/survey/validate-answers.js";

/** The parts of Block Kit the tests look at, loosely typed as Slack's JSON is. */
export type SlackText = { type: string; text: string; emoji?: boolean };
export type SlackOption = { text: SlackText; value: string };
export type SlackElement = {
  type: string;
  action_id: string;
  options?: SlackOption[];
  initial_option?: SlackOption;
  initial_options?: SlackOption[];
  initial_value?: string;
  max_length?: number;
  max_selected_items?: number;
  multiline?: boolean;
};
export type SlackBlock = {
  type: string;
  block_id?: string;
  optional?: boolean;
  label?: SlackText;
  hint?: SlackText;
  text?: SlackText;
  fields?: SlackText[];
  element?: SlackElement;
  /** Context elements are text objects; action elements are buttons whose `text` is a text object. */
  elements?: { type: string; text: string | SlackText; action_id?: string; value?: string; style?: string }[];
};
export type SlackModal = {
  type: string;
  callback_id: string;
  private_metadata: string;
  title: SlackText;
  submit: SlackText;
  close: SlackText;
  blocks: SlackBlock[];
};

export type SlackStateValue = {
  type: string;
  value?: string | null;
  selected_option?: SlackOption | null;
  selected_options?: SlackOption[];
};
export type SlackStateValues = Record<string, Record<string, SlackStateValue>>;

const asString = (value: AnswerValue): string => (typeof value === "string" ? value : String(value));

/**
 * `view.state.values` as Slack sends it on view_submission for the rendered modal: one entry for every input
 * block, unanswered ones included (`null` selection or value, empty `selected_options`), the selected option
 * objects copied from the element's options.
 */
export function slackStateFor(modal: SlackModal, answers: Answers): SlackStateValues {
  const state: SlackStateValues = {};
  for (const block of modal.blocks) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const element = block.element;
    const answer = Object.hasOwn(answers, block.block_id) ? answers[block.block_id] : undefined;
    let value: SlackStateValue;
    switch (element.type) {
      case "radio_buttons":
      case "static_select": {
        const wanted = answer === undefined ? undefined : asString(answer);
        const option = element.options?.find((o) => o.value === wanted);
        if (wanted !== undefined && !option) throw new Error(`${block.block_id}: no option ${wanted}`);
        value = { type: element.type, selected_option: option ?? null };
        break;
      }
      case "checkboxes":
      case "multi_static_select": {
        const wanted = Array.isArray(answer) ? answer : [];
        const options = (element.options ?? []).filter((o) => wanted.includes(o.value));
        if (options.length !== wanted.length) throw new Error(`${block.block_id}: unknown option`);
        value = { type: element.type, selected_options: options };
        break;
      }
      case "plain_text_input":
        value = { type: element.type, value: typeof answer === "string" ? answer : null };
        break;
      default:
        throw new Error(`unexpected element ${element.type}`);
    }
    state[block.block_id] = { [FIELD_ACTION_ID]: value };
  }
  return state;
}

/** The state Slack sends when the user submits a prefilled modal unchanged: the initial values. */
export function slackStateFromInitialValues(modal: SlackModal): SlackStateValues {
  const state: SlackStateValues = {};
  for (const block of modal.blocks) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const element = block.element;
    const value: SlackStateValue =
      element.type === "plain_text_input"
        ? { type: element.type, value: element.initial_value ?? null }
        : element.type === "checkboxes" || element.type === "multi_static_select"
          ? { type: element.type, selected_options: element.initial_options ?? [] }
          : { type: element.type, selected_option: element.initial_option ?? null };
    state[block.block_id] = { [FIELD_ACTION_ID]: value };
  }
  return state;
}

/** Free text without anything the validation would change: trimmed, no nine-digit numbers to mask. */
const freeText = (maxLength: number) =>
  fc
    .array(fc.stringMatching(/^[A-Za-zÀ-ÿ'’,.!?()-]{1,12}$/), { minLength: 1, maxLength: 12 })
    .map((words) => words.join(" ").slice(0, maxLength).trim())
    .filter((text) => text.length > 0);

function valueFor(question: Question): fc.Arbitrary<AnswerValue> {
  switch (question.kind) {
    case "yes_no":
      return fc.boolean();
    case "scale":
      return fc.integer({ min: question.min, max: question.max });
    case "single_choice":
      return fc.constantFrom(...question.options.map((o) => o.id));
    case "multi_choice": {
      const ids = question.options.map((o) => o.id);
      return fc
        .subarray(ids, { minLength: 1, maxLength: question.maxSelections ?? ids.length })
        .map((chosen) => ids.filter((id) => chosen.includes(id)));
    }
    case "text":
      return freeText(Math.min(question.maxLength, 200));
  }
}

/**
 * A valid, normalised answer set of a definition: every shown required question answered, optional ones
 * sometimes, hidden ones never (conditions are judged in definition order, as the validation does).
 */
export function validAnswers(definition: SurveyDefinition): fc.Arbitrary<Answers> {
  const questions = allQuestions(definition);
  return fc
    .tuple(
      ...questions.map((question) =>
        question.required ? valueFor(question) : fc.option(valueFor(question), { nil: undefined }),
      ),
    )
    .map((values) => {
      const answers: Answers = {};
      questions.forEach((question, index) => {
        if (question.showIf && !conditionHolds(question.showIf, answers)) return;
        const value = values[index];
        if (value !== undefined) answers[question.id] = value;
      });
      return answers;
    });
}
