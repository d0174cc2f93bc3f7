import { createRequire } from "node:module";

/**
 * What /local (and, for this subset, Teams) shows for an Adaptive Card text: the markdown goes through
 * markdown-it with the options local.js uses, and the tokens say what a reader sees. Paragraphs are lines;
 * anything beyond bold, italic and bare links (headings, lists, quotes, code, tables, labelled links, html) is
 * reported as structure, because the text would not show as typed.
 */

type Token = {
  type: string;
  content: string;
  markup: string;
  info: string;
  attrGet(name: string): string | null;
  children: Token[] | null;
};
type MarkdownIt = { parse(src: string, env: object): Token[] };
const markdownit = createRequire(import.meta.url)("markdown-it") as (options: object) => MarkdownIt;
const md = markdownit({ html: false, linkify: true, breaks: false });

export type AdaptiveDisplay = { text: string; styles: Set<"bold" | "italic">[]; structure: string[] };

export function adaptiveDisplay(markdown: string): AdaptiveDisplay {
  const structure: string[] = [];
  const text: string[] = [];
  const styles: AdaptiveDisplay["styles"] = [];
  const active = new Set<"bold" | "italic">();
  let paragraphs = 0;
  let inLink = false;
  const push = (content: string) => {
    for (const c of content) {
      text.push(c);
      styles.push(new Set(active));
    }
  };
  for (const token of md.parse(markdown, {})) {
    if (token.type === "paragraph_open") {
      if (paragraphs++ > 0) push("\n");
    } else if (token.type === "inline") {
      for (const child of token.children ?? []) {
        switch (child.type) {
          case "text":
            push(child.content);
            break;
          case "softbreak":
            push(" ");
            break;
          case "strong_open":
            active.add("bold");
            break;
          case "strong_close":
            active.delete("bold");
            break;
          case "em_open":
            active.add("italic");
            break;
          case "em_close":
            active.delete("italic");
            break;
          case "link_open":
            if (child.markup !== "linkify") structure.push(`link ${child.attrGet("href")}`);
            inLink = true;
            break;
          case "link_close":
            inLink = false;
            break;
          default:
            structure.push(child.type);
            push(child.content);
        }
      }
    } else if (token.type !== "paragraph_close") structure.push(token.type);
  }
  void inLink;
  return { text: text.join(""), styles, structure };
}

/** The text as a browser shows it: runs of spaces (and a carriage return, which markdown reads as a space) as one, no spaces (of any kind, as markdown-it trims them) at a line's ends, no empty lines. */
export const asShown = (text: string) =>
  text
    .replaceAll("\u0000", "\ufffd")
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v\r]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
