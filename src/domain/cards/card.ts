/**
 * The neutral card: what a message says, already in the recipient's language, with no platform in it.
 * `renderSlackBlocks` and (later) `renderAdaptiveCard` turn it into Block Kit and Adaptive Cards.
 * Text uses a small common markup: *bold* and line breaks, which both platforms show.
 */
export type CardAction = { id: string; label: string; value: string; style?: "primary" | "danger" };

export type CardBlock =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  | { type: "facts"; facts: { label: string; value: string }[] }
  | { type: "actions"; actions: CardAction[] }
  | { type: "context"; text: string }
  | { type: "preformatted"; text: string }
  | { type: "divider" };

export type Card = {
  /** Plain text for notifications and clients that cannot show cards. */
  fallbackText: string;
  blocks: CardBlock[];
  /**
   * A card whose state changes after it was sent (answered, closed): platforms that can ask for the current
   * version when it is shown (Teams' refresh) use this action; the others get an update message instead.
   */
  refresh?: { action: string; value: string };
};

/**
 * What every field says about itself: its question, optional help, the message a client shows by itself when
 * its own check fails (`errorMessage`), and the server's message after a refused submit (`error`).
 */
type FieldText = {
  id: string;
  label: string;
  help?: string;
  required: boolean;
  errorMessage: string;
  error?: string;
};

/** A form (Slack modal, Adaptive Card inputs, local page) derived from a survey definition. */
export type FormField =
  | (FieldText & {
      kind: "yes_no";
      value?: boolean;
      yes: string;
      no: string;
    })
  | (FieldText & {
      kind: "single_choice" | "multi_choice";
      options: { id: string; label: string }[];
      value?: string | string[];
      maxSelections?: number;
    })
  | (FieldText & {
      kind: "scale";
      min: number;
      max: number;
      value?: number;
    })
  | (FieldText & {
      kind: "text";
      multiline: boolean;
      maxLength: number;
      value?: string;
    });

export type Form = {
  title: string;
  submitLabel: string;
  cancelLabel: string;
  intro?: string;
  sections: { title: string; fields: FormField[] }[];
  /** After a refused submit: what to correct, at the top of the form, in the order of the form. */
  errorSummary?: { title: string; items: { fieldId: string; text: string }[] };
};
