import type { Markup } from "./markup.js";

/**
 * The neutral card: what a message says, already in the recipient's language, with no platform in it.
 * `renderSlackBlocks` and `renderAdaptiveCard` turn it into Block Kit and Adaptive Cards.
 * Text that can carry formatting is `Markup` (made with `md`, which escapes everything put into it); headers,
 * button labels, fact labels, preformatted text and the fallback are plain text, which renderers show as is.
 */
export type CardAction = { id: string; label: string; value: string; style?: "primary" | "danger" };

export type CardBlock =
  | { type: "header"; text: string }
  | { type: "text"; text: Markup }
  | { type: "facts"; facts: { label: string; value: Markup }[] }
  | { type: "actions"; actions: CardAction[] }
  | { type: "context"; text: Markup }
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

/** A form (Slack modal, Adaptive Card inputs, local page) derived from a survey definition. */
export type FormField =
  | {
      kind: "yes_no";
      id: string;
      label: string;
      help?: string;
      required: boolean;
      value?: boolean;
      yes: string;
      no: string;
    }
  | {
      kind: "single_choice" | "multi_choice";
      id: string;
      label: string;
      help?: string;
      required: boolean;
      options: { id: string; label: string }[];
      value?: string | string[];
      maxSelections?: number;
    }
  | {
      kind: "scale";
      id: string;
      label: string;
      help?: string;
      required: boolean;
      min: number;
      max: number;
      value?: number;
    }
  | {
      kind: "text";
      id: string;
      label: string;
      help?: string;
      required: boolean;
      multiline: boolean;
      maxLength: number;
      value?: string;
    };

export type Form = {
  title: string;
  submitLabel: string;
  cancelLabel: string;
  intro?: Markup;
  sections: { title: string; fields: FormField[] }[];
};
