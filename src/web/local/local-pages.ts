import type { LocalChannel, PersonEntry, Seat } from "../../bot/local/local-chat.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html, jsonInScript } from "../html.js";
import { matchesSearch, searchText } from "./people-search.js";
import { startHereBox } from "./start-here.js";

/*
 * The pages of local mode, server-rendered. The chat page's conversation is filled in by /local/assets/local.js
 * (Adaptive Cards need the official renderer, in the browser); everything else works without JavaScript (the
 * picker's search is a GET form; /local/assets/picker.js only makes it filter while one types).
 */

const T = {
  nl: {
    product: "Regiotafel",
    mode: "Lokale modus",
    pickerTitle: "Kies een persoon",
    pickerIntro:
      "Hier ziet u Regiotafel zonder Slack of Teams. Kies een demopersoon om te zien wat de bot die persoon stuurt, kaarten te beantwoorden en opdrachten te typen. Deze pagina is er alleen in de lokale modus, want iedereen kan hier als iedereen optreden.",
    caption: "Alle personen, met hun organisatie, regio en rol",
    search: "Zoek een persoon",
    searchButton: "Zoeken",
    searchHint: "Op naam, organisatie, regio of rol.",
    found: {
      one: "1 persoon gevonden",
      many: "{n} personen gevonden",
      none: 'Niemand gevonden voor "{q}".',
    },
    name: "Naam",
    seats: "Organisatie, regio en rol",
    noSeats: "Geen lopende rol",
    chair: "voorzitter",
    contact: (role: string) => `${role} contactpersoon`,
    otherLanguage: { href: "?lang=en", label: "English", lang: "en" },
    back: "Andere persoon kiezen",
    chatWith: "Gesprek met de bot",
    conversations: "Gesprekken",
    message: "Bericht of opdracht",
    send: "Versturen",
    hint: "Typ bijvoorbeeld help, agenda of agenda toevoegen «tekst». Enter verstuurt.",
    noScript: "Voor de kaarten is JavaScript nodig.",
    notFoundTitle: "Persoon niet gevonden",
    notFound: "Deze persoon kennen we niet (meer). Kies iemand uit de lijst.",
    unavailableTitle: "Even niet beschikbaar",
    unavailable:
      "Er ging bij ons iets mis; er is niets verloren gegaan. Probeer het over een paar minuten opnieuw.",
    client: {
      you: "U",
      bot: "Regiotafel",
      empty: "Nog geen berichten.",
      sending: "Bezig…",
      offline: "Geen verbinding met Regiotafel; ik probeer het opnieuw.",
      failed: "Dat lukte niet; er is niets verloren gegaan. Probeer het opnieuw.",
      cardFailed: "Deze kaart kan niet worden getoond.",
      checkOne: "Controleer dit antwoord:",
      checkMany: "Controleer deze {n} antwoorden:",
    },
  },
  en: {
    product: "Regiotafel",
    mode: "Local mode",
    pickerTitle: "Pick a person",
    pickerIntro:
      "This is Regiotafel without Slack or Teams. Pick a demo person to see what the bot sends them, answer cards and type commands. This page exists only in local mode, because anyone can act as anyone here.",
    caption: "Everyone, with their organisation, region and role",
    search: "Find a person",
    searchButton: "Search",
    searchHint: "By name, organisation, region or role.",
    found: {
      one: "1 person found",
      many: "{n} people found",
      none: 'Nobody found for "{q}".',
    },
    name: "Name",
    seats: "Organisation, region and role",
    noSeats: "No current role",
    chair: "chair",
    contact: (role: string) => `${role === "bestuurlijk" ? "executive" : "civil-service"} contact person`,
    otherLanguage: { href: "?lang=nl", label: "Nederlands", lang: "nl" },
    back: "Pick another person",
    chatWith: "Chat with the bot",
    conversations: "Conversations",
    message: "Message or command",
    send: "Send",
    hint: "Type for example help, agenda or agenda add «text». Enter sends.",
    noScript: "The cards need JavaScript.",
    notFoundTitle: "Person not found",
    notFound: "We do not know this person (any more). Pick someone from the list.",
    unavailableTitle: "Temporarily unavailable",
    unavailable: "Something went wrong on our side; nothing was lost. Please try again in a few minutes.",
    client: {
      you: "You",
      bot: "Regiotafel",
      empty: "No messages yet.",
      sending: "Working…",
      offline: "No connection to Regiotafel; trying again.",
      failed: "That did not work; nothing was lost. Please try again.",
      cardFailed: "This card cannot be shown.",
      checkOne: "Please check this answer:",
      checkMany: "Please check these {n} answers:",
    },
  },
} as const;

export const pageTexts = (locale: Locale) => T[locale];

function layout(
  locale: Locale,
  title: string,
  body: Html,
  options: { scripts?: boolean; picker?: boolean } = {},
): string {
  const t = T[locale];
  return `<!doctype html>${html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.product}</title>
<link rel="stylesheet" href="/local/assets/local.css">
${
  options.scripts
    ? html`<script src="/local/assets/markdown-it.js" defer></script>
<script src="/local/assets/adaptivecards.js" defer></script>
<script src="/local/assets/local.js" defer></script>`
    : ""
}${options.picker ? html`<script src="/local/assets/picker.js" defer></script>` : ""}
</head>
<body>
<header class="top">
  <p class="brand"><a href="/local${locale === "en" ? "?lang=en" : ""}">${t.product}</a> <span class="badge">${t.mode}</span></p>
  <p><a href="${t.otherLanguage.href}" lang="${t.otherLanguage.lang}" hreflang="${t.otherLanguage.lang}">${t.otherLanguage.label}</a></p>
</header>
<main id="main">
${body}
</main>
</body>
</html>`}`;
}

const seatLine = (locale: Locale, seat: Seat) => {
  const t = T[locale];
  const role = seat.isChair ? t.chair : t.contact(seat.role);
  return html`<li><span class="role${seat.isChair ? " chair" : ""}">${role}</span> · ${seat.organisation} · ${seat.region}</li>`;
};

/** What the search found, as the status line says it; empty without a query. */
export function foundText(locale: Locale, query: string, count: number): string {
  const { found } = T[locale];
  if (!query.trim()) return "";
  if (count === 0) return found.none.replace("{q}", query.trim());
  return count === 1 ? found.one : found.many.replace("{n}", String(count));
}

/**
 * The person picker: the "Begin hier" box, a search over the list, and one link per person, named after them,
 * with their seats today. Rows that do not match `query` are rendered `hidden`, so the script can show them
 * again as the query changes.
 */
export function pickerPage(locale: Locale, entries: PersonEntry[], options: { query?: string } = {}): string {
  const t = T[locale];
  const query = options.query ?? "";
  const suffix = locale === "en" ? "?lang=en" : "";
  let shown = 0;
  const rows = entries.map((p) => {
    const text = searchText(
      p,
      p.seats.map((s) => (s.isChair ? t.chair : t.contact(s.role))),
    );
    const visible = matchesSearch(text, query);
    if (visible) shown++;
    return html`<tr data-search="${text}"${visible ? "" : html` hidden`}>
  <th scope="row"><a href="/local/${p.id}${suffix}">${p.name}</a></th>
  <td>${p.seats.length ? html`<ul class="seats">${p.seats.map((s) => seatLine(locale, s))}</ul>` : t.noSeats}</td>
</tr>`;
  });
  const boot = { found: t.found };
  return layout(
    locale,
    t.pickerTitle,
    html`<h1>${t.pickerTitle}</h1>
<p class="intro">${t.pickerIntro}</p>
${startHereBox(locale, entries)}
<form class="search" role="search" method="get" action="/local">
  <label for="zoek">${t.search}</label>
  <div class="row">
    <input id="zoek" name="q" type="search" value="${query}" maxlength="200" autocomplete="off" aria-describedby="zoek-hint" aria-controls="people">
    ${locale === "en" ? html`<input type="hidden" name="lang" value="en">` : ""}
    <button type="submit">${t.searchButton}</button>
  </div>
  <p id="zoek-hint" class="hint">${t.searchHint}</p>
</form>
<p id="people-count" class="found" role="status" aria-live="polite">${foundText(locale, query, shown)}</p>
<table class="people" id="people">
<caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.name}</th><th scope="col">${t.seats}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script type="application/json" id="picker-boot">${jsonInScript(boot)}</script>`,
    { picker: true },
  );
}

/** One person's chat with the bot and their regions' local channels, as tabs over one message box. */
export function chatPage(locale: Locale, person: PersonEntry, channels: LocalChannel[]): string {
  const t = T[locale];
  const conversations = [
    { id: "dm", label: t.chatWith },
    ...channels.map((c) => ({ id: c.bindingId, label: `#${c.channelId} (${c.regionName})` })),
  ];
  const tabs = conversations.map(
    (c, i) =>
      html`<button type="button" role="tab" id="tab-${c.id}" aria-controls="panel-${c.id}" aria-selected="${i === 0 ? "true" : "false"}" tabindex="${i === 0 ? "0" : "-1"}" data-conversation="${c.id}">${c.label}<span class="unread" hidden></span></button>`,
  );
  const panels = conversations.map(
    (
      c,
      i,
    ) => html`<section role="tabpanel" id="panel-${c.id}" aria-labelledby="tab-${c.id}" tabindex="0"${i === 0 ? "" : html` hidden`}>
  <div class="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="${c.label}" data-conversation="${c.id}"><p class="empty">${t.client.empty}</p></div>
</section>`,
  );
  const boot = {
    personId: person.id,
    personName: person.name,
    lang: locale,
    texts: t.client,
  };
  return layout(
    locale,
    person.name,
    html`<p class="back"><a href="/local${locale === "en" ? "?lang=en" : ""}">← ${t.back}</a></p>
<h1>${person.name}</h1>
${person.seats.length ? html`<ul class="seats">${person.seats.map((s) => seatLine(locale, s))}</ul>` : ""}
<noscript><p class="notice">${t.noScript}</p></noscript>
<div class="chat">
  <div role="tablist" aria-label="${t.conversations}">${tabs}</div>
  ${panels}
  <p id="status" class="status" role="status" aria-live="polite"></p>
  <form id="composer" class="composer" autocomplete="off">
    <label for="line">${t.message}</label>
    <div class="row">
      <input id="line" name="line" type="text" maxlength="2000" required aria-describedby="line-hint">
      <button type="submit">${t.send}</button>
    </div>
    <p id="line-hint" class="hint">${t.hint}</p>
  </form>
</div>
<script type="application/json" id="local-boot">${jsonInScript(boot)}</script>`,
    { scripts: true },
  );
}

export function notFoundPage(locale: Locale): string {
  const t = T[locale];
  return layout(
    locale,
    t.notFoundTitle,
    html`<h1>${t.notFoundTitle}</h1><p>${t.notFound}</p><p><a href="/local${locale === "en" ? "?lang=en" : ""}">${t.back}</a></p>`,
  );
}

export function unavailablePage(locale: Locale): string {
  const t = T[locale];
  return layout(locale, t.unavailableTitle, html`<h1>${t.unavailableTitle}</h1><p>${t.unavailable}</p>`);
}
