import { keepShown, type Markup, parseMarkup, type Span } from "../../domain/cards/markup.js";

/**
 * The one way text reaches Adaptive Card markdown (TextBlock and Fact texts, in Teams and on /local, where
 * markdown-it renders it). Every character that markdown reads as syntax gets a CommonMark backslash escape:
 * emphasis, code, links, strikethrough, tables, entities (`&amp;` must show as typed) and `<`, which Teams
 * would otherwise take for markup and drop; `{` too, as the renderers read `{{DATE(…)}}` as a date. At the
 * start of a line also what starts a heading, a list or a quote. Bare addresses stay unescaped, so clients
 * still make them links (showing the address itself).
 */

const ALWAYS = /[\\*_`[\]<>&~|{}]/g;
/**
 * A bare address as linkify-it reads it, without characters that would end it or follow it as syntax, and
 * without an entity (`&amp;`), which the link text would show decoded.
 */
const URL = /https?:\/\/(?:[^\s<>*`[\]|{}\\~&]|&(?![#a-z0-9]+;))*[^\s<>*`[\]|{}\\~_&.,;:!?'")]/gi;

function escapeRun(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL)) {
    const end = match.index + match[0].length;
    // linkify takes an escape right after an address into it; such an address is shown as text instead.
    const link = /^[_&.,;:!?'")]*[\\*_`[\]<>&~|{}]/.test(text.slice(end))
      ? match[0].replace(ALWAYS, "\\$&").replaceAll(":", "\\:")
      : match[0];
    out += text.slice(last, match.index).replace(ALWAYS, "\\$&") + link;
    last = end;
  }
  return out + text.slice(last).replace(ALWAYS, "\\$&");
}

/** What would start a block (heading, list, quote, setext underline, thematic break) at a line's start. */
const blockStart = (line: string) => line.replace(/^[#+=-]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2");

/** Plain text (a header, a notice, a reply) as Adaptive markdown: shown exactly as given. */
export function adaptivePlainText(text: string): string {
  return renderSpans([{ text, bold: false, italic: false }]);
}

/**
 * Our markup as Adaptive markdown: `*bold*` becomes `**bold**`, `_italic_` stays, code is shown as its text
 * (Teams has no inline code in cards). A line break becomes a paragraph break, as Teams drops single newlines;
 * a style is closed at each line end, and spaces at a line's start are dropped (markdown would read four of them
 * as code).
 */
export function adaptiveMarkdown(value: Markup, max = Number.POSITIVE_INFINITY): string {
  return renderSpans(cutSpans(parseMarkup(value), max));
}

/** At most `max` characters shown, cut at whole characters (never inside an emoji), with an ellipsis. */
function cutSpans(spans: Span[], max: number): Span[] {
  const total = spans.reduce((n, span) => n + Array.from(span.text).length, 0);
  return total <= max ? spans : keepShown(spans, max - 1);
}

function renderSpans(spans: Span[]): string {
  const lines: string[] = [""];
  for (const span of spans) {
    span.text.split(/\r?\n/).forEach((piece, i) => {
      if (i > 0) lines.push("");
      const at = lines.length - 1;
      const current = lines[at] as string;
      const text = current ? piece : piece.trimStart();
      lines[at] = current + renderPiece(span, text, current === "");
    });
  }
  return lines.join("\n\n");
}

function renderPiece(span: Span, text: string, atLineStart: boolean): string {
  const escapeText = (t: string, first: boolean) => (first ? blockStart(escapeRun(t)) : escapeRun(t));
  if (span.code || (!span.bold && !span.italic)) return escapeText(text, atLineStart);
  // Markdown's whitespace (markdown-it's: Unicode Zs, tab, vertical tab, form feed, line breaks), not
  // JavaScript's `\s`: a marker next to a line separator (U+2028) after a symbol would not close, and one just
  // inside a vertical tab would not either, so each kind goes where markdown lets the style close.
  const [, before = "", core = "", after = ""] =
    /^([\p{Zs}\t\n\v\f\r]*)(.*?)([\p{Zs}\t\n\v\f\r]*)$/su.exec(text) ?? [];
  if (!core) return text;
  const open = `${span.bold ? "**" : ""}${span.italic ? "_" : ""}`;
  const close = `${span.italic ? "_" : ""}${span.bold ? "**" : ""}`;
  return `${before}${open}${escapeText(core, false)}${close}${after}`;
}
