/**
 * Card text in our small common markup: `*bold*`, `_italic_`, `` `code` `` and line breaks, which every platform
 * can show.
 * Text that people typed or imported (agenda items, agreements, names, hulpvraag) is never markup: the `md`
 * template escapes every interpolated string, so `*`, `_`, `<!channel>` or `<https://…|Klik hier>` in it are
 * shown as typed. Only the template's own literal parts, and other `Markup` values, are markup.
 *
 * The markup is a plain JSON value so that a card can be stored in the outbox and read back unchanged.
 * Renderers never read `.markup` as text: they call `parseMarkup` and escape each span for their platform.
 */
export type Markup = { readonly markup: string };

/**
 * The characters that mean something in our markup; a backslash before one makes it an ordinary character.
 * An escaped line break is a line break inside typed text: it does not end a style, so `md\`*${"a\nb"}*\``
 * is bold on both lines.
 */
const SPECIAL = /[\\*_`\n]/g;

const escapeLiteral = (text: string) => text.replace(SPECIAL, (c) => `\\${c}`);

export const isMarkup = (value: unknown): value is Markup =>
  typeof value === "object" && value !== null && typeof (value as Markup).markup === "string";

/** Text shown exactly as given. */
export const literal = (text: string): Markup => ({ markup: escapeLiteral(text) });

type Interpolation = string | number | Markup | null | undefined | false;

const inline = (value: Interpolation): string => {
  if (value === null || value === undefined || value === false) return "";
  if (isMarkup(value)) return value.markup;
  return escapeLiteral(String(value));
};

/**
 * `md\`*${name}* — ${reason}\``: the literal parts are markup, every string or number put in is shown as typed,
 * a `Markup` put in keeps its markup; `null`, `undefined` and `false` put in nothing (for `cond && md\`…\``).
 */
export function md(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let markup = strings[0] ?? "";
  values.forEach((value, i) => {
    markup += inline(value) + (strings[i + 1] ?? "");
  });
  return { markup };
}

/** Joins markup (or literal strings) with a separator, by default a line break. */
export function joinMarkup(parts: readonly Interpolation[], separator: Interpolation = md`\n`): Markup {
  const sep = inline(separator);
  return { markup: parts.map(inline).join(sep) };
}

/** A run of text with one style; `text` may hold line breaks. `code` text has no other style. */
export type Span = { text: string; bold: boolean; italic: boolean; code?: true };

/**
 * The spans of a markup text, for renderers. A `*` or `_` opens a style only where a matching one closes it
 * on the same line; an unmatched one is an ordinary character, as platforms show it.
 */
export function parseMarkup(value: Markup): Span[] {
  const source = value.markup;
  const spans: Span[] = [];
  let text = "";
  let bold = false;
  let italic = false;
  let code = false;
  const flush = () => {
    if (text) spans.push(code ? { text, bold: false, italic: false, code: true } : { text, bold, italic });
    text = "";
  };
  const closes = (from: number, marker: string) => {
    for (let j = from; j < source.length; j++) {
      const c = source[j];
      if (c === "\\") j++;
      else if (c === "\n") return false;
      else if (c === marker) return true;
    }
    return false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\" && i + 1 < source.length) {
      text += source[++i];
    } else if (c === "`" && (code || closes(i + 1, "`"))) {
      flush();
      code = !code;
    } else if (code) {
      text += c;
    } else if (c === "*" && (bold || closes(i + 1, "*"))) {
      flush();
      bold = !bold;
    } else if (c === "_" && (italic || closes(i + 1, "_"))) {
      flush();
      italic = !italic;
    } else {
      if (c === "\n") {
        // A style never runs past the end of its line.
        if (bold || italic) flush();
        bold = false;
        italic = false;
      }
      text += c;
    }
  }
  flush();
  return spans;
}

/** The first `count` characters shown (whole characters, never half an emoji), then an ellipsis. */
export function keepShown(spans: readonly Span[], count: number): Span[] {
  let left = count;
  const kept: Span[] = [];
  for (const span of spans) {
    if (left <= 0) break;
    const characters = Array.from(span.text);
    kept.push({ ...span, text: characters.slice(0, left).join("") });
    left -= characters.length;
  }
  kept.push({ text: "…", bold: false, italic: false });
  return kept;
}

/** The text without its markup: for notifications, fallback texts and logs of what was sent. */
export const toPlainText = (value: Markup): string =>
  parseMarkup(value)
    .map((s) => s.text)
    .join("");

/** A reply's text: markup, or a plain string, which is shown exactly as given. */
export const asMarkup = (text: string | Markup): Markup => (isMarkup(text) ? text : literal(text));
