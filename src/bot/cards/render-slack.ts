import type { Card, CardBlock, Form, FormField } from "../../domain/cards/card.js";
import { type Markup, md } from "../../domain/cards/markup.js";
import { slackMrkdwn, slackPlainText } from "./slack-text.js";

/**
 * Block Kit for a neutral card. Every text goes through `slack-text.ts`: markup as mrkdwn with what people
 * typed escaped, plain text (headers, buttons, labels) as `plain_text`, which Slack never parses.
 */
export function renderSlackBlocks(card: Card): Record<string, unknown>[] {
  return card.blocks.map(renderBlock);
}

/** A card's fallback as a message's `text`, which Slack parses as mrkdwn (and for `<!channel>`) too. */
export const slackFallbackText = (card: Card) => slackPlainText(card.fallbackText, 3000);

const plain = (text: string) => ({ type: "plain_text", text: truncate(text, 2000), emoji: true });
const mrkdwn = (text: Markup, max = 3000) => ({ type: "mrkdwn", text: slackMrkdwn(text, max) });
/** Cuts at whole characters (never inside an emoji), marking the cut with an ellipsis. */
const truncate = (text: string, max: number) => {
  const characters = Array.from(text);
  return characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : text;
};

function renderBlock(block: CardBlock): Record<string, unknown> {
  switch (block.type) {
    case "header":
      return { type: "header", text: plain(truncate(block.text, 150)) };
    case "text":
      return { type: "section", text: mrkdwn(block.text) };
    case "facts":
      return {
        type: "section",
        // Slack allows 10 fields of at most 2000 characters each.
        fields: block.facts.slice(0, 10).map((f) => mrkdwn(md`*${f.label}*\n${f.value}`, 2000)),
      };
    case "actions":
      return {
        type: "actions",
        elements: block.actions.map((a) => ({
          type: "button",
          action_id: a.id,
          value: a.value,
          text: plain(truncate(a.label, 75)),
          ...(a.style ? { style: a.style } : {}),
        })),
      };
    case "context":
      return { type: "context", elements: [mrkdwn(block.text)] };
    case "preformatted":
      return { type: "section", text: { type: "mrkdwn", text: slackPreformatted(block.text) } };
    case "divider":
      return { type: "divider" };
  }
}

/** Monospace text in a code block: inside one Slack formats nothing, but still reads `&`, `<` and `>`. */
function slackPreformatted(text: string): string {
  const escaped = truncate(text, 2990)
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] as string)
    // Three backticks inside would end the block early.
    .replaceAll("```", "`\u200b`\u200b`");
  return `\`\`\`${escaped}\`\`\``;
}

/** The action id inside every input block; the block id is the question id. */
export const FIELD_ACTION_ID = "value";

export function renderSlackModal(
  form: Form,
  options: { callbackId: string; privateMetadata: string },
): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [];
  if (form.intro) blocks.push({ type: "section", text: mrkdwn(form.intro) });
  for (const section of form.sections) {
    blocks.push({ type: "header", text: plain(truncate(section.title, 150)) });
    for (const field of section.fields) blocks.push(renderInput(field));
  }
  return {
    type: "modal",
    callback_id: options.callbackId,
    private_metadata: options.privateMetadata,
    title: plain(truncate(form.title, 24)),
    submit: plain(truncate(form.submitLabel, 24)),
    close: plain(truncate(form.cancelLabel, 24)),
    blocks: blocks.slice(0, 100),
  };
}

function option(id: string, label: string) {
  return { text: plain(truncate(label, 75)), value: id };
}

function renderInput(field: FormField): Record<string, unknown> {
  const base = {
    type: "input",
    block_id: field.id,
    optional: !field.required,
    label: plain(truncate(field.label, 2000)),
    ...(field.help ? { hint: plain(truncate(field.help, 2000)) } : {}),
  };
  switch (field.kind) {
    case "yes_no": {
      const options = [option("true", field.yes), option("false", field.no)];
      const initial = field.value === undefined ? undefined : options[field.value ? 0 : 1];
      return {
        ...base,
        element: {
          type: "radio_buttons",
          action_id: FIELD_ACTION_ID,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case "single_choice": {
      const options = field.options.map((o) => option(o.id, o.label));
      const initial = options.find((o) => o.value === field.value);
      const type = options.length <= 10 ? "radio_buttons" : "static_select";
      return {
        ...base,
        element: {
          type,
          action_id: FIELD_ACTION_ID,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case "multi_choice": {
      const options = field.options.map((o) => option(o.id, o.label));
      const chosen = Array.isArray(field.value) ? field.value : [];
      const initial = options.filter((o) => chosen.includes(o.value));
      const element =
        options.length <= 10
          ? { type: "checkboxes", action_id: FIELD_ACTION_ID, options }
          : {
              type: "multi_static_select",
              action_id: FIELD_ACTION_ID,
              options,
              ...(field.maxSelections ? { max_selected_items: field.maxSelections } : {}),
            };
      return { ...base, element: { ...element, ...(initial.length ? { initial_options: initial } : {}) } };
    }
    case "scale": {
      const options = Array.from({ length: field.max - field.min + 1 }, (_, i) =>
        option(String(field.min + i), String(field.min + i)),
      );
      const initial = options.find((o) => o.value === String(field.value));
      return {
        ...base,
        element: {
          type: "static_select",
          action_id: FIELD_ACTION_ID,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case "text":
      return {
        ...base,
        element: {
          type: "plain_text_input",
          action_id: FIELD_ACTION_ID,
          multiline: field.multiline,
          // A stored answer can be a little longer than typed (a masked citizen number); never below it.
          max_length: Math.min(Math.max(field.maxLength, Array.from(field.value ?? "").length), 3000),
          ...(field.value ? { initial_value: field.value } : {}),
        },
      };
  }
}

type SlackStateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};

/** The submitted values of a modal, keyed by question id, in the raw form survey validation accepts. */
export function readSlackFormValues(
  values: Record<string, Record<string, SlackStateValue>>,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const state = actions[FIELD_ACTION_ID];
    if (!state) continue;
    if (state.selected_options) raw[blockId] = state.selected_options.map((o) => o.value);
    else if (state.selected_option !== undefined) raw[blockId] = state.selected_option?.value;
    else if (state.value !== undefined && state.value !== null) raw[blockId] = state.value;
  }
  return raw;
}
