/**
 * How typed text is cut into words. Words are separated by whitespace; `"…"` (also `“…”`, `„…”`) at the start
 * of a word keeps several words together, and so does a platform's `<…>` (`<@U123|Jan de Vries>`).
 *
 * One rule for quotes, for every command: an argument written wholly in quotes is its text without them
 * (`onderwerpen verbied preventie "mededinging"` gives the reason `mededinging`); quotes inside a longer text
 * are part of what was typed (`agenda toevoegen Kosten en baten "Samen Sterk"` keeps them).
 */

const OPEN_QUOTES = '"“„”';
const CLOSE_QUOTES = '"”“';

/** Whether a word is one quoted argument: `"…"`, `“…”`, `„…”`. */
export function isQuoted(token: string): boolean {
  return (
    token.length >= 2 &&
    OPEN_QUOTES.includes(token.charAt(0)) &&
    CLOSE_QUOTES.includes(token.charAt(token.length - 1))
  );
}

/** The inside of `"…"` (trimmed), or the word itself when it is not quoted. */
export function unquote(token: string): string {
  return isQuoted(token) ? token.slice(1, -1).trim() : token;
}

/** The words of a free-text argument as one text: without quotes when they are all of it (see above). */
export function textOf(tokens: readonly string[]): string {
  const [only, ...more] = tokens;
  if (only !== undefined && more.length === 0) return unquote(only);
  return tokens.join(" ");
}

/**
 * Words separated by whitespace. A `"…"` at the start of a word and a `<…>` anywhere are kept in one word
 * with their whitespace collapsed to one space, so joining words never doubles whitespace.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const isSpace = (ch: string) => /\s/.test(ch);
  let i = 0;
  while (i < text.length) {
    if (isSpace(text.charAt(i))) {
      i++;
      continue;
    }
    let token = "";
    while (i < text.length && !isSpace(text.charAt(i))) {
      const ch = text.charAt(i);
      let end = -1;
      if (ch === "<") end = text.indexOf(">", i + 1);
      else if (token === "" && OPEN_QUOTES.includes(ch)) {
        for (let j = i + 1; j < text.length; j++) {
          if (CLOSE_QUOTES.includes(text.charAt(j))) {
            end = j;
            break;
          }
        }
      }
      if (end > i) {
        token += text.slice(i, end + 1).replace(/\s+/g, " ");
        i = end + 1;
      } else {
        token += ch;
        i++;
      }
    }
    tokens.push(token);
  }
  return tokens;
}
