import type { PersonEntry } from "../../bot/local/local-chat.js";
import { commandSpec } from "../../domain/commands/registry.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html } from "../html.js";

/*
 * The "Begin hier" box on /local: three things a newcomer can try with the demo data. The people are found by
 * their demo e-mail addresses (seed/demo-people.yaml); someone who is not in the database is left out.
 */

const SANNE = "sanne.dekker@utrecht.example";
const INGRID = "ingrid.vermeulen@regiosecretariaat.example";

const T = {
  nl: {
    title: "Begin hier",
    intro: "Drie dingen om te proberen:",
    survey: (name: Html) =>
      html`${name} (gemeente): beantwoord de open vragenlijst, het venster op de samenwerking in haar regio.`,
    agenda: (name: Html, example: Html) =>
      html`${name} (voorzitter): typ op het tabblad <strong>#regio-utrecht-stad</strong> ${example} om een punt op de agenda van het volgende overleg te zetten.`,
    venster: (link: Html) => html`${link}: de uitkomsten per regio, voor iedereen aan tafel en landelijk.`,
    vensterLink: "Het venster",
  },
  en: {
    title: "Start here",
    intro: "Three things to try:",
    survey: (name: Html) =>
      html`${name} (municipality): answer the open survey, the window on the collaboration in her region.`,
    agenda: (name: Html, example: Html) =>
      html`${name} (chair): on the <strong>#regio-utrecht-stad</strong> tab, type ${example} to put an item on the next meeting's agenda.`,
    venster: (link: Html) => html`${link}: the results per region, for everyone at the table and nationally.`,
    vensterLink: "The venster",
  },
} as const;

export function startHereBox(locale: Locale, entries: PersonEntry[]): Html {
  const t = T[locale];
  const suffix = locale === "en" ? "?lang=en" : "";
  const linkTo = (email: string) => {
    const person = entries.find((p) => p.email === email);
    return person ? html`<a href="/local/${person.id}${suffix}">${person.name}</a>` : undefined;
  };
  const sanne = linkTo(SANNE);
  const ingrid = linkTo(INGRID);
  const items = [
    sanne && html`<li>${t.survey(sanne)}</li>`,
    // The registry's own example, which a test parses: the box never suggests a command that does not work.
    ingrid &&
      html`<li>${t.agenda(ingrid, html`<code>${commandSpec("agenda.add").example?.[locale] ?? ""}</code>`)}</li>`,
    html`<li>${t.venster(html`<a href="/venster${suffix}">${t.vensterLink}</a>`)}</li>`,
  ];
  return html`<section class="start" aria-labelledby="begin-hier">
<h2 id="begin-hier">${t.title}</h2>
<p>${t.intro}</p>
<ul>${items}</ul>
</section>`;
}
