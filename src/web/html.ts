/**
 * A tiny tagged template for server-rendered HTML: every interpolated value is escaped unless it is already
 * `Html` (the result of `html` or `raw`). Arrays are rendered item by item; null, undefined and false render
 * nothing, so `${condition && html`…`}` works.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Trusted markup, inserted as is (server-rendered SVG, fixed CSS). Never for user input. */
export const raw = (markup: string): Html => new Html(markup);

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** JSON inside a `<script type="application/json">`: nothing in it can close the element. */
export const jsonInScript = (value: unknown): Html =>
  new Html(JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026"));
