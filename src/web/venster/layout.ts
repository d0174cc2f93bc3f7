import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html, raw } from "../html.js";
import { CHART_CSS } from "./charts.js";
import { t } from "./texts.js";

/*
 * Plain inline CSS, no external assets. Text is near-black on light backgrounds (contrast well above WCAG AA
 * 4.5:1); the share palette is a light diverging red–grey–blue (ColorBrewer RdBu, light end) so dark text
 * stays readable in every band; focus is a thick visible outline.
 */
const CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --link: #0b4f8a; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; margin: 0; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 1rem; padding-top: .5rem; }
a { color: var(--link); }
a:focus-visible, select:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #d35400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
h1 { font-size: 1.7rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
thead th { background: #eee; }
.b0 { background: #f4a582; } .b1 { background: #fddbc7; } .b2 { background: #f7f7f7; }
.b3 { background: #d1e5f0; } .b4 { background: #92c5de; } .none { background: #fff; color: var(--muted); }
.marker { display: block; font-size: .85em; font-weight: 600; }
.muted, .note { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.legend li { border: 1px solid #bbb; padding: .1rem .5rem; }
.csv { font-size: .9rem; }
form.wave { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
form.wave select { max-width: 100%; }
select, button { font: inherit; padding: .2rem .4rem; }
figure { margin: 1rem 0; max-width: 100%; }
.table-scroll { max-width: 100%; overflow-x: auto; margin: .5rem 0; }
.table-scroll:focus-visible { outline: 3px solid #d35400; outline-offset: 2px; }
.table-scroll table { margin: 0; }
/* The caption is as wide as its table; its text stays in view and wraps to the screen while the table scrolls. */
.table-scroll caption > span { display: inline-block; position: sticky; left: 0; max-width: calc(100vw - 2rem); }
h1, h2, caption { overflow-wrap: break-word; }
figcaption { font-weight: 600; }
.part-key { display: inline-block; width: .8em; height: .8em; margin-right: .25em; vertical-align: middle; }
`;

export function page(options: {
  locale: Locale;
  title: string;
  /** Same page in the other language. */
  otherLanguageHref: string;
  body: Html;
}): string {
  const { locale } = options;
  return `<!doctype html>\n${html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — ${t(locale, "title")}</title>
<style>${raw(CSS)}${raw(CHART_CSS)}</style>
</head>
<body>
<a class="skip" href="#inhoud">${t(locale, "skip")}</a>
<header>
<p><a href="/venster${locale === "en" ? "?lang=en" : ""}">${t(locale, "title")}</a></p>
<p><a href="${options.otherLanguageHref}" lang="${locale === "nl" ? "en" : "nl"}">${t(locale, "otherLanguage")}</a></p>
</header>
<main id="inhoud" tabindex="-1">
${options.body}
</main>
</body>
</html>`}\n`;
}
