/**
 * What a Slack client shows for a mrkdwn text, as Slack's formatting reference describes it: `&amp; &lt; &gt;`
 * are the only entities; `<…>` is a link, a mention or a command (`<!channel>`); `@channel`, `@here` and
 * `@everyone` as words notify; `>` at the start of a line quotes; `*bold*`, `_italic_`, `~strike~` and
 * `` `code` `` need a marker with a space, punctuation or the end of the text outside it and a character
 * inside it, on one line. A zero-width space is an ordinary (invisible) character. A bare address is a link
 * showing itself, and markers inside it are part of it.
 *
 * Test code only: a decoder to check the renderer against, written from the documentation rather than from
 * the renderer.
 */

export type SlackDisplay = {
  /** The characters a reader sees, zero-width spaces left out. */
  text: string;
  /** Per character of `text`: the styles it is shown in. */
  styles: Set<"bold" | "italic" | "strike" | "code">[];
  /** What Slack would turn into something live or structural: mentions, links with a label, quotes. */
  live: string[];
};

const ZWSP = "\u200b";
type Char = { c: string; entity: boolean; url: boolean; marker: boolean };
const STYLE_OF = { "*": "bold", _: "italic", "~": "strike", "`": "code" } as const;
const isMarker = (c: string): c is keyof typeof STYLE_OF => c in STYLE_OF;
const BOUNDARY = /[\s.,;:!?()[\]{}"'\-—–…/*_~`]/u;

export function slackDisplay(mrkdwn: string): SlackDisplay {
  const live: string[] = [];
  for (const match of mrkdwn.matchAll(/<[^>]*>?/g)) live.push(`control ${match[0]}`);
  if (/>/.test(mrkdwn.replaceAll(/<[^>]*>/g, ""))) live.push("control >");

  const lines = mrkdwn.split("\n").map((line) => decodeLine(line, live));
  const text: string[] = [];
  const withInvisible: string[] = [];
  const styles: SlackDisplay["styles"] = [];
  lines.forEach((line, n) => {
    if (n > 0) {
      text.push("\n");
      withInvisible.push("\n");
      styles.push(new Set());
    }
    const open = new Map<string, number>();
    const active = new Set<"bold" | "italic" | "strike" | "code">();
    const formatting = new Set<number>();
    // Pair markers: an opener that has a closer later on the line, with something between them.
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as Char;
      if (!ch.marker || formatting.has(i)) continue;
      if (canOpen(line, i)) {
        for (let j = i + 2; j < line.length; j++) {
          const other = line[j] as Char;
          if (other.marker && other.c === ch.c && !formatting.has(j) && canClose(line, j)) {
            formatting.add(i);
            formatting.add(j);
            open.set(`${i}`, j);
            break;
          }
        }
      }
    }
    const closers = new Map<number, keyof typeof STYLE_OF>();
    line.forEach((ch, i) => {
      if (formatting.has(i)) {
        const style = STYLE_OF[ch.c as keyof typeof STYLE_OF];
        if (open.has(`${i}`)) {
          active.add(style);
          closers.set(open.get(`${i}`) as number, ch.c as keyof typeof STYLE_OF);
        } else if (closers.has(i)) active.delete(style);
        return;
      }
      // Inside an address the word is part of the link, not a mention.
      withInvisible.push(ch.url ? "/" : ch.c);
      if (ch.c === ZWSP) return;
      text.push(ch.c);
      styles.push(new Set(active));
    });
  });
  const shown = text.join("");
  for (const match of withInvisible.join("").matchAll(/@(channel|here|everyone)\b/gi))
    live.push(`mention ${match[0]}`);
  return { text: shown, styles, live };
}

function decodeLine(line: string, live: string[]): Char[] {
  const chars: Char[] = [];
  for (let i = 0; i < line.length; ) {
    const entity = /^&(amp|lt|gt);/.exec(line.slice(i));
    if (entity) {
      chars.push({
        c: { amp: "&", lt: "<", gt: ">" }[entity[1] as "amp"],
        entity: true,
        url: false,
        marker: false,
      });
      i += entity[0].length;
      continue;
    }
    const c = String.fromCodePoint(line.codePointAt(i) as number);
    chars.push({ c, entity: false, url: false, marker: isMarker(c) });
    i += c.length;
  }
  const firstShown = chars.find((ch) => !/\s/.test(ch.c));
  if (firstShown?.c === ">") live.push("quote");
  // Bare addresses: up to a space, a zero-width space or a control character; markers in them are text.
  // An escaped `<` or `>` ends an address (as a space does); an escaped `&` is part of it.
  const flat = chars.map((ch) => (ch.entity && ch.c !== "&" ? " " : ch.c));
  let index = 0;
  const offsets = flat.map((c) => {
    const at = index;
    index += c.length;
    return at;
  });
  const joined = flat.join("");
  for (const match of joined.matchAll(/https?:\/\/[^\s\u200b]+/gi)) {
    let end = match.index + match[0].length;
    // A marker at the very end closes formatting rather than belonging to the address.
    while (end > match.index && isMarker(joined[end - 1] as string)) end--;
    offsets.forEach((at, k) => {
      if (at >= match.index && at < end) {
        const ch = chars[k] as Char;
        ch.url = true;
        ch.marker = false;
      }
    });
  }
  return chars;
}

const shownChar = (line: Char[], i: number) => (i < 0 || i >= line.length ? undefined : (line[i] as Char).c);

function canOpen(line: Char[], i: number): boolean {
  const before = shownChar(line, i - 1);
  const after = shownChar(line, i + 1);
  return (before === undefined || BOUNDARY.test(before)) && after !== undefined && !/\s/.test(after);
}

function canClose(line: Char[], j: number): boolean {
  const before = shownChar(line, j - 1);
  const after = shownChar(line, j + 1);
  return before !== undefined && !/\s/.test(before) && (after === undefined || BOUNDARY.test(after));
}
