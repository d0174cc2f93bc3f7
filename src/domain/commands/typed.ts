import { literal } from "../cards/markup.js";

/**
 * A word the person typed, put into a parser message. Parser messages are written in the cards' markup
 * (`code` for commands), so what was typed is escaped to show as typed: `"*x*"` stays `"*x*"`.
 */
export const typed = (text: string): string => literal(text).markup;
