import type { Card, CardAction, CardBlock, Form, FormField } from "../../domain/cards/card.js";

/**
 * Adaptive Cards (schema 1.5, as Teams renders them) for the neutral card and form. Buttons and the form's
 * submit are `Action.Execute` (Universal Actions), so Teams answers them with an `adaptiveCard/action`
 * invoke the bot can reply to with an updated card.
 */

export type AdaptiveRefresh = { verb: string; data: Record<string, unknown>; userIds: string[] };

type Element = Record<string, unknown>;

const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/** Cuts at whole characters (never inside an emoji), marking the cut with an ellipsis. */
const truncate = (text: string, max: number) => {
  const characters = Array.from(text);
  return characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : text;
};

/**
 * Our markup to Adaptive's markdown: `*bold*` (Slack style, one asterisk, which markdown would read as
 * italic) becomes `**bold**`; a line break becomes a paragraph break, as Teams drops single newlines.
 */
export function toAdaptiveMarkdown(text: string): string {
  return text
    .replace(/(?<![*\w])\*(?![\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, "**$1**")
    .replace(/\r?\n/g, "\n\n");
}

/** Monospace text keeps its lines and its column alignment: runs of spaces become no-break spaces. */
const preformatted = (text: string) =>
  text.replace(/ {2,}/g, (spaces) => "\u00a0".repeat(spaces.length)).replace(/\r?\n/g, "\n\n");

const textBlock = (text: string, extra: Element = {}): Element => ({
  type: "TextBlock",
  text,
  wrap: true,
  ...extra,
});

const noticeBlock = (notice: string) =>
  textBlock(toAdaptiveMarkdown(notice), { color: "Attention", weight: "Bolder" });

const refreshOf = (refresh: AdaptiveRefresh) => ({
  action: { type: "Action.Execute", verb: refresh.verb, data: refresh.data },
  userIds: refresh.userIds,
});

function envelope(
  body: Element[],
  actions: Element[],
  extra: { fallbackText?: string; refresh?: AdaptiveRefresh },
): Record<string, unknown> {
  return {
    type: "AdaptiveCard",
    $schema: SCHEMA,
    version: "1.5",
    ...(extra.fallbackText ? { fallbackText: extra.fallbackText } : {}),
    body,
    ...(actions.length ? { actions } : {}),
    ...(extra.refresh ? { refresh: refreshOf(extra.refresh) } : {}),
    msteams: { width: "Full" },
  };
}

function executeAction(action: CardAction): Element {
  return {
    type: "Action.Execute",
    verb: action.id,
    title: action.label,
    data: { value: action.value },
    ...(action.style ? { style: action.style === "primary" ? "positive" : "destructive" } : {}),
  };
}

/** The body element of a block; actions go to the card's action bar and dividers onto the next element. */
function renderBlock(block: Exclude<CardBlock, { type: "actions" | "divider" }>): Element {
  switch (block.type) {
    case "header":
      return textBlock(truncate(block.text, 150), { size: "Large", weight: "Bolder" });
    case "text":
      return textBlock(toAdaptiveMarkdown(block.text));
    case "facts":
      return {
        type: "FactSet",
        facts: block.facts.map((f) => ({
          title: toAdaptiveMarkdown(truncate(f.label, 150)),
          value: toAdaptiveMarkdown(truncate(f.value, 1000)),
        })),
      };
    case "context":
      return textBlock(toAdaptiveMarkdown(block.text), { size: "Small", isSubtle: true });
    case "preformatted":
      return textBlock(preformatted(block.text), { fontType: "Monospace" });
  }
}

/** An Adaptive Card for a neutral card; `refresh` makes Teams fetch a per-user version for `userIds`. */
export function renderAdaptiveCard(
  card: Card,
  options: { refresh?: AdaptiveRefresh; notice?: string } = {},
): Record<string, unknown> {
  const body: Element[] = options.notice ? [noticeBlock(options.notice)] : [];
  const actions: Element[] = [];
  let separate = false;
  for (const block of card.blocks) {
    if (block.type === "divider") separate = true;
    else if (block.type === "actions") actions.push(...block.actions.map(executeAction));
    else {
      // A divider separates what comes next; one at the very end has nothing to separate and is dropped.
      body.push(
        separate && body.length > 0 ? { ...renderBlock(block), separator: true } : renderBlock(block),
      );
      separate = false;
    }
  }
  return envelope(body, actions, { fallbackText: card.fallbackText, refresh: options.refresh });
}

export type AdaptiveFormOptions = {
  /** The verb of the submit button; Teams posts `data` merged with every input's value under its id. */
  submitVerb: string;
  data: Record<string, unknown>;
  /** Server-side validation messages by question id, shown under the input they belong to. */
  errors?: Record<string, string>;
  notice?: string;
  refresh?: AdaptiveRefresh;
  cancel?: { verb: string; data: Record<string, unknown> };
};

/** The survey form inline in a card: one input per question, id = question id, earlier answers filled in. */
export function renderAdaptiveForm(form: Form, options: AdaptiveFormOptions): Record<string, unknown> {
  const body: Element[] = [];
  if (form.errorSummary) body.push(errorSummary(form.errorSummary));
  if (options.notice) body.push(noticeBlock(options.notice));
  if (form.intro) body.push(textBlock(toAdaptiveMarkdown(form.intro)));
  for (const section of form.sections) {
    body.push(
      textBlock(truncate(section.title, 150), { size: "Medium", weight: "Bolder", spacing: "Large" }),
    );
    for (const field of section.fields) {
      const error =
        field.error ??
        (options.errors && Object.hasOwn(options.errors, field.id) ? options.errors[field.id] : undefined);
      body.push(renderInput(field, error));
      // Teams shows `errorMessage` only for its own client-side checks, so a server error is also text; its id
      // lets /local tie it to the input for screen readers.
      if (error)
        body.push(textBlock(error, { id: `error-${field.id}`, color: "Attention", spacing: "None" }));
      if (field.help) body.push(textBlock(field.help, { size: "Small", isSubtle: true, spacing: "None" }));
    }
  }
  const actions: Element[] = [
    {
      type: "Action.Execute",
      verb: options.submitVerb,
      title: form.submitLabel,
      style: "positive",
      data: options.data,
      // Posts every input and lets the client check `isRequired` before sending.
      associatedInputs: "auto",
    },
  ];
  if (options.cancel) {
    actions.push({
      type: "Action.Execute",
      verb: options.cancel.verb,
      title: form.cancelLabel,
      data: options.cancel.data,
      associatedInputs: "none",
    });
  }
  return envelope(body, actions, { refresh: options.refresh });
}

/**
 * What to correct, above everything else. Ids: `error-summary` and `error-summary-<question id>` (question ids
 * are snake_case, so these never clash with an input); /local reads them to put the focus on the first problem.
 */
function errorSummary(summary: NonNullable<Form["errorSummary"]>): Element {
  return {
    type: "Container",
    id: "error-summary",
    style: "attention",
    items: [
      textBlock(summary.title, { weight: "Bolder" }),
      ...summary.items.map((item) =>
        textBlock(item.text, { id: `error-summary-${item.fieldId}`, spacing: "Small" }),
      ),
    ],
  };
}

const choice = (value: string, title: string) => ({ title, value });

/** Above this many options a choice set is a drop-down rather than a column of radio buttons. */
const EXPANDED_MAX = 10;

function renderInput(field: FormField, error: string | undefined): Element {
  const base = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    errorMessage: error ?? field.errorMessage,
  };
  switch (field.kind) {
    case "yes_no":
      return {
        type: "Input.ChoiceSet",
        ...base,
        style: "expanded",
        choices: [choice("true", field.yes), choice("false", field.no)],
        ...(field.value === undefined ? {} : { value: String(field.value) }),
      };
    case "single_choice": {
      const known = field.options.some((o) => o.id === field.value);
      return {
        type: "Input.ChoiceSet",
        ...base,
        style: field.options.length > EXPANDED_MAX ? "compact" : "expanded",
        wrap: true,
        choices: field.options.map((o) => choice(o.id, o.label)),
        ...(known ? { value: field.value } : {}),
      };
    }
    case "multi_choice": {
      const chosen = Array.isArray(field.value) ? field.value : [];
      // Teams sends a multi-select back as one comma-separated string, and takes its value the same way.
      const value = field.options
        .filter((o) => chosen.includes(o.id))
        .map((o) => o.id)
        .join(",");
      return {
        type: "Input.ChoiceSet",
        ...base,
        isMultiSelect: true,
        style: "expanded",
        wrap: true,
        choices: field.options.map((o) => choice(o.id, o.label)),
        ...(value ? { value } : {}),
      };
    }
    case "scale": {
      const values = Array.from({ length: field.max - field.min + 1 }, (_, i) => String(field.min + i));
      const value = field.value === undefined ? undefined : String(field.value);
      return {
        type: "Input.ChoiceSet",
        ...base,
        style: values.length > EXPANDED_MAX ? "compact" : "expanded",
        choices: values.map((v) => choice(v, v)),
        ...(value !== undefined && values.includes(value) ? { value } : {}),
      };
    }
    case "text":
      return {
        type: "Input.Text",
        ...base,
        isMultiline: field.multiline,
        // A stored answer can be a little longer than typed (a masked citizen number); never below it. Clients
        // count UTF-16 units, so the value's `length` (not its characters) is what must fit.
        maxLength: Math.min(Math.max(field.maxLength, field.value?.length ?? 0), 4000),
        ...(field.value ? { value: field.value } : {}),
      };
  }
}
