import { asMarkup, keepShown, type Markup, parseMarkup, type Span } from "../../domain/cards/markup.js";

/**
 * The one way text reaches Slack's mrkdwn (Block Kit `mrkdwn` objects and a message's `text`, which Slack also
 * parses). Slack documents `&`, `<` and `>` as its control characters, to be sent as `&amp;`, `&lt;`, `&gt;`: with
 * them escaped no `<!channel>`, `<@U…>` or `<https://…|disguised link>` can form. It documents no escape for the
 * formatting markers, so a `*`, `_`, `~` or `` ` `` in text is wrapped in zero-width spaces: a marker only opens
 * or closes formatting next to a space, punctuation or the end of the text, never next to another character.
 * Bare links stay untouched, so Slack still makes them links (showing the address itself, never a disguise).
 */

const ZWSP = "\u200b";
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const MARKERS = new Set(["*", "_", "~", "`"]);

/** A bare address, as Slack links it; it ends before a space, a control character, a marker or a zero-width space. */
export const SLACK_URL = /https?:\/\/[^\s<>*~`\u200b]+/gi;
/** Mentions Slack makes of plain words in mrkdwn: a zero-width space after the `@` keeps them words. */
const BROADCAST = /@(?=channel|here|everyone)/gi;

const entities = (text: string) => text.replace(/[&<>]/g, (c) => ENTITIES[c] as string);

/** Escapes one run of text (no line breaks) so Slack shows it as it is. */
function escapeRun(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(SLACK_URL)) {
    out += escapeWords(text.slice(last, match.index)) + entities(match[0]);
    last = match.index + match[0].length;
  }
  return out + escapeWords(text.slice(last));
}

function escapeWords(text: string): string {
  let out = "";
  for (const c of text.replace(BROADCAST, `@${ZWSP}`)) {
    if (MARKERS.has(c)) out += `${ZWSP}${c}${ZWSP}`;
    else out += ENTITIES[c] ?? c;
  }
  return out;
}

/** A `>` that starts a line would make a quote, so a zero-width space goes first. */
const withoutQuotes = (mrkdwn: string) =>
  mrkdwn
    .split("\n")
    .map((line) => line.replace(/^(\s*)&gt;/, `$1${ZWSP}&gt;`))
    .join("\n");

/** A reply's text: markup as mrkdwn, a plain string shown exactly as given. */
export const slackText = (text: string | Markup, max = 3000) => slackMrkdwn(asMarkup(text), max);

/** Plain text (a fallback, a reply, a notice) for a mrkdwn field: shown exactly as given. */
export function slackPlainText(text: string, max = 3000): string {
  return slackMrkdwn({ markup: "" }, max, [{ text, bold: false, italic: false }]);
}

/**
 * Our markup as mrkdwn, at most `max` characters as Slack counts them (after escaping). A style is applied per
 * line, with the spaces around it outside the markers, because Slack only formats `*word*` with no space inside
 * the markers and never across a line break.
 */
export function slackMrkdwn(value: Markup, max = 3000, spans: Span[] = parseMarkup(value)): string {
  const out = withoutQuotes(
    spans
      .map((span) =>
        span.text
          .split(/\r?\n/)
          .map((line) => renderLine(span, line))
          .join("\n"),
      )
      .join(""),
  );
  return out.length <= max ? out : cut(spans, max);
}

function renderLine(span: Span, line: string): string {
  if (!line) return "";
  if (span.code) return `\`${entities(line)}\``;
  if (!span.bold && !span.italic) return escapeRun(line);
  const [, before = "", core = "", after = ""] = /^(\s*)(.*?)(\s*)$/s.exec(line) ?? [];
  if (!core) return line;
  let inner = escapeRun(core);
  // A link at the end would take the closing marker into its address, and Slack does not close a style right
  // after punctuation (`*(a)*`): a zero-width space in between lets the marker close.
  if (new RegExp(`${SLACK_URL.source}$`, "i").test(core) || !/[\p{L}\p{N}]$/u.test(core)) inner += ZWSP;
  const open = `${span.bold ? "*" : ""}${span.italic ? "_" : ""}`;
  const close = `${span.italic ? "_" : ""}${span.bold ? "*" : ""}`;
  return `${before}${open}${inner}${close}${after}`;
}

/** Too long: the spans are cut at whole characters until the escaped text fits, ending with an ellipsis. */
function cut(spans: Span[], max: number): string {
  let low = 0;
  let high = spans.reduce((n, span) => n + Array.from(span.text).length, 0);
  const render = (n: number) => slackMrkdwn({ markup: "" }, Number.POSITIVE_INFINITY, keepShown(spans, n));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(mid).length <= max) low = mid;
    else high = mid - 1;
  }
  return render(low);
}
