import { DateTime } from "luxon";
import { commandForm, commandSpec } from "../commands/registry.js";
import { pick } from "../i18n.js";
import {
  type CollaborationForm,
  type Geography,
  type Instrument,
  type Locale,
  type MembershipRole,
  type OrganisationType,
  THEMES,
  type Theme,
} from "../vocabulary.js";
import type { Card, CardAction, CardBlock } from "./card.js";
import { isMarkup, joinMarkup, type Markup, md, toPlainText } from "./markup.js";

/**
 * The regional table's cards: meeting reminders and agendas, the agreements register, topic scope and its
 * guard, handovers and requests for support. Pure and platform-neutral, like survey-cards.ts: every text
 * is already in the reader's language, and no raw enum value (`ggz`, `collectieve_zorg_minima`, `briefed`)
 * reaches a reader; the label functions below say what they mean.
 *
 * Every text that people typed or imported (agenda items, agreements, names, reasons, locations) enters a card
 * only through `md` interpolation, so it is shown as typed on every platform.
 *
 * Lists are cut twice, so a busy region still gets a readable message that fits Slack's 3,000 characters per
 * text block: at a number of entries and at a character budget, always saying how many were left out.
 * A single entry is shortened at a word boundary but a link in it is never cut: a link stays a link.
 */

type Texts = { nl: string; en: string };

// ---------------------------------------------------------------------------------------------------------
// Labels

const THEME_LABELS: Record<Theme, Texts> = {
  preventie: { nl: "Preventie", en: "Prevention" },
  ggz: { nl: "GGZ", en: "Mental health care (GGZ)" },
  ouderen: { nl: "Ouderen", en: "Older people" },
  wijk: { nl: "Effectief samenwerken in de wijk", en: "Effective collaboration in the neighbourhood" },
  jeugd: { nl: "Jeugd 18-/18+", en: "Youth 18-/18+" },
  anders: { nl: "Anders", en: "Other" },
};

const INSTRUMENT_LABELS: Record<Instrument, Texts> = {
  werkwijze: { nl: "Werkwijze", en: "Way of working" },
  beleid: { nl: "Beleid", en: "Policy" },
  inkoop: { nl: "Inkoop", en: "Procurement" },
  collectieve_zorg_minima: {
    nl: "Collectieve zorgverzekering minima",
    en: "Collective health insurance for low incomes",
  },
  samenwerkingsdocument: { nl: "Samenwerkingsdocument", en: "Collaboration document" },
};

const FORM_LABELS: Record<CollaborationForm, Texts> = {
  ontwikkelproject: { nl: "Ontwikkelproject", en: "Development project" },
  doorontwikkelen: { nl: "Doorontwikkelen", en: "Further development" },
  implementatie: { nl: "Implementatie", en: "Implementation" },
  samenwerkingsafspraken: { nl: "Samenwerkingsafspraken", en: "Collaboration agreements" },
};

const GEOGRAPHY_LABELS: Record<Geography, Texts> = {
  gemeentelijk: { nl: "Gemeentelijk", en: "Municipal" },
  regionaal: { nl: "Regionaal", en: "Regional" },
  bovenregionaal: { nl: "Bovenregionaal", en: "Supra-regional" },
};

const ORGANISATION_TYPE_LABELS: Record<OrganisationType, Texts> = {
  gemeente: { nl: "Gemeente", en: "Municipality" },
  zorgverzekeraar: { nl: "Zorgverzekeraar", en: "Health insurer" },
  zorgkantoor: { nl: "Zorgkantoor", en: "Care office" },
  zorgaanbieder: { nl: "Zorgaanbieder", en: "Care provider" },
  clientenorganisatie: { nl: "Cliëntenorganisatie", en: "Client organisation" },
  overig: { nl: "Overige partner", en: "Other partner" },
};

/** What each kind of organisation brings to the table (DOMAIN.md: who works together). */
const ORGANISATION_ROLES: Record<OrganisationType, Texts> = {
  gemeente: {
    nl: "De gemeente financiert ondersteuning uit de Wmo en jeugdhulp uit de Jeugdwet, en is een van de drie financiers aan tafel.",
    en: "The municipality funds social support (Wmo) and youth care (Jeugdwet), and is one of the three financiers at the table.",
  },
  zorgverzekeraar: {
    nl: "De zorgverzekeraar financiert zorg uit de basisverzekering (Zvw), en is een van de drie financiers aan tafel.",
    en: "The health insurer funds care under the basic health insurance (Zvw), and is one of the three financiers at the table.",
  },
  zorgkantoor: {
    nl: "Het zorgkantoor voert de Wet langdurige zorg (Wlz) uit voor de regio, en is een van de drie financiers aan tafel.",
    en: "The care office runs long-term care (Wlz) for the region, and is one of the three financiers at the table.",
  },
  zorgaanbieder: {
    nl: "Als zorgaanbieder schuift u aan bij de overleggen waarvoor de financiers u uitnodigen.",
    en: "As a care provider you join the meetings the financiers invite you to.",
  },
  clientenorganisatie: {
    nl: "Als cliëntenorganisatie brengt u het perspectief van cliënten in, bij de overleggen waarvoor u wordt uitgenodigd.",
    en: "As a client organisation you bring in the clients' perspective, at the meetings you are invited to.",
  },
  overig: {
    nl: "Als partner (bijvoorbeeld woningcorporatie of huisartsen) schuift u aan bij de overleggen waarvoor u wordt uitgenodigd.",
    en: "As a partner (for example a housing corporation or GPs) you join the meetings you are invited to.",
  },
};

const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, Texts> = {
  bestuurlijk: { nl: "bestuurlijk aanspreekpunt", en: "executive contact" },
  ambtelijk: { nl: "ambtelijk aanspreekpunt", en: "civil-service contact" },
};

export const HANDOVER_STATUSES = ["started", "introduced", "briefed", "completed", "cancelled"] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

const HANDOVER_STATUS_LABELS: Record<HandoverStatus, Texts> = {
  started: { nl: "gestart", en: "just started" },
  introduced: { nl: "voorgesteld aan tafel", en: "introduced at the table" },
  briefed: { nl: "ingewerkt", en: "briefed" },
  completed: { nl: "afgerond", en: "completed" },
  cancelled: { nl: "geannuleerd", en: "cancelled" },
};

export const themeLabel = (theme: Theme, locale: Locale): string => pick(locale, THEME_LABELS[theme]);
export const instrumentLabel = (instrument: Instrument, locale: Locale): string =>
  pick(locale, INSTRUMENT_LABELS[instrument]);
export const collaborationFormLabel = (form: CollaborationForm, locale: Locale): string =>
  pick(locale, FORM_LABELS[form]);
export const geographyLabel = (geography: Geography, locale: Locale): string =>
  pick(locale, GEOGRAPHY_LABELS[geography]);
/** Singular: "Gemeente", "Zorgkantoor" (the summary card has the plural group names). */
export const organisationTypeLabel = (type: OrganisationType, locale: Locale): string =>
  pick(locale, ORGANISATION_TYPE_LABELS[type]);
/** One sentence on what that kind of organisation does at the table. */
export const organisationRoleText = (type: OrganisationType, locale: Locale): string =>
  pick(locale, ORGANISATION_ROLES[type]);
export const membershipRoleLabel = (role: MembershipRole, locale: Locale): string =>
  pick(locale, MEMBERSHIP_ROLE_LABELS[role]);
export const handoverStatusLabel = (status: HandoverStatus, locale: Locale): string =>
  pick(locale, HANDOVER_STATUS_LABELS[status]);

// ---------------------------------------------------------------------------------------------------------
// What the cards show

export type TableMeeting = { startsAt: Date; location?: string | null };
export type TableAgendaItem = { position: number; text: string; theme?: Theme | null };
export type TableAgreement = {
  text: string;
  theme?: Theme | null;
  instrument?: Instrument | null;
  form?: CollaborationForm | null;
  geography?: Geography | null;
  /** The calendar day it was agreed, YYYY-MM-DD. */
  agreedOn?: string | null;
};
export type TopicScopeEntry = {
  topic: string;
  status: "allowed" | "forbidden";
  reason?: string | null;
  theme?: Theme | null;
};
export type TableHandover = {
  predecessorName: string;
  /** Unknown when a membership ended without a named successor. */
  successorName?: string | null;
  organisationName?: string | null;
  /** Calendar day, YYYY-MM-DD. */
  handoverOn: string;
  status: HandoverStatus;
};
export type TableContact = { name: string; organisationName: string; organisationType: OrganisationType };

// ---------------------------------------------------------------------------------------------------------
// Formatting helpers

/** Entries per list in a card with one list, and in a card with several (the briefing). */
export const MAX_LIST_ENTRIES = 25;
export const MAX_SECTION_ENTRIES = 10;
/** Characters per list text block: Slack allows 3,000, the rest is for the heading and the "… more" line. */
const LIST_BUDGET = 2_600;
/** Characters of one entry (agenda item, agreement) in a list. */
export const MAX_ENTRY_CHARS = 300;
/** Characters of free text shown on its own (a request for support, a location). */
const MAX_FREE_TEXT_CHARS = 2_000;

const URL_PATTERN = /https?:\/\/\S+/g;
const isLink = (text: string) => /^https?:\/\/\S+$/i.test(text.trim());
const endsWithLink = (text: string) => /https?:\/\/\S+$/i.test(text);

/**
 * At most `max` characters, cut at a word boundary with an ellipsis; a link is never cut. When the cut falls
 * inside a link the text ends before it, or, when the text starts with the link, keeps it whole (and so may
 * be longer than `max`).
 */
export function shorten(text: string, max: number): string {
  const clean = text.trim();
  if (Array.from(clean).length <= max) return clean;
  // A code-unit index that never splits a surrogate pair.
  let cut = Array.from(clean)
    .slice(0, Math.max(max - 1, 1))
    .join("").length;
  for (const match of clean.matchAll(URL_PATTERN)) {
    const end = match.index + match[0].length;
    if (match.index < cut && cut < end) {
      cut = match.index > 0 ? match.index : end;
      break;
    }
  }
  let head = clean.slice(0, cut);
  if (!endsWithLink(head) && !/\s/.test(clean.charAt(cut))) {
    // The cut is inside a word: end at the previous word, unless that drops more than half.
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace >= cut / 2) head = head.slice(0, lastSpace);
  }
  head = head.trimEnd();
  if (head.length >= clean.length) return clean;
  // A space keeps the ellipsis out of a link that platforms turn into a hyperlink.
  return endsWithLink(head) ? `${head} …` : `${head}…`;
}

/**
 * Lines up to `max` entries and the character budget; when some are left out, `more(n)` says how many.
 * The first line is always shown, however long.
 */
function limitedList(lines: Markup[], max: number, more: (hidden: number) => string | Markup): Markup {
  const shown: Markup[] = [];
  let used = 0;
  for (const line of lines) {
    const length = line.markup.length;
    if (shown.length >= max || (shown.length > 0 && used + length + 1 > LIST_BUDGET)) break;
    shown.push(line);
    used += length + 1;
  }
  const hidden = lines.length - shown.length;
  return joinMarkup(hidden > 0 ? [...shown, more(hidden)] : shown);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Nouns = { nl: [string, string]; en: [string, string] };

/** "… en nog 5 afspraken" / "… and 5 more agreements". */
const moreLine = (locale: Locale, hidden: number, nouns: Nouns) =>
  pick(locale, {
    nl: `… en nog ${count(hidden, ...nouns.nl)}`,
    en: `… and ${hidden} more ${hidden === 1 ? nouns.en[0] : nouns.en[1]}`,
  });

const AGENDA_NOUNS: Nouns = { nl: ["agendapunt", "agendapunten"], en: ["item", "items"] };

/** "maandag 29 maart 2027 om 14:00" / "Monday 29 March 2027 at 14:00", in the region's time zone. */
export function formatMeetingMoment(instant: Date, locale: Locale, timeZone: string): string {
  const at = DateTime.fromJSDate(instant)
    .setZone(timeZone)
    .setLocale(locale === "nl" ? "nl-NL" : "en-GB");
  return at.toFormat(locale === "nl" ? "cccc d MMMM yyyy 'om' HH:mm" : "cccc d MMMM yyyy 'at' HH:mm");
}

/** A calendar day (YYYY-MM-DD) as "14 januari 2027" / "14 January 2027"; anything else as it is. */
export function formatCalendarDay(day: string, locale: Locale): string {
  const date = DateTime.fromISO(day, { zone: "UTC" });
  if (!date.isValid) return day;
  return date.setLocale(locale === "nl" ? "nl-NL" : "en-GB").toFormat("d MMMM yyyy");
}

/** "vandaag" / "morgen" / "over 7 dagen" (and English). */
function inDays(offsetDays: number, locale: Locale): string {
  if (offsetDays <= 0) return pick(locale, { nl: "vandaag", en: "today" });
  if (offsetDays === 1) return pick(locale, { nl: "morgen", en: "tomorrow" });
  return pick(locale, { nl: `over ${offsetDays} dagen`, en: `in ${offsetDays} days` });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A location as a fact: a link stays a whole link, labelled as online. */
function locationFact(location: string | null | undefined, locale: Locale) {
  const place = location?.trim();
  if (!place) {
    return {
      label: pick(locale, { nl: "Locatie", en: "Location" }),
      value: pick(locale, { nl: md`nog niet opgegeven`, en: md`not given yet` }),
    };
  }
  return isLink(place)
    ? { label: pick(locale, { nl: "Online", en: "Online" }), value: md`${place}` }
    : {
        label: pick(locale, { nl: "Locatie", en: "Location" }),
        value: md`${shorten(place, MAX_ENTRY_CHARS)}`,
      };
}

/** A fact whose value is plain text (a name, a day). */
const fact = (label: string, value: string) => ({ label, value: md`${value}` });

/** A topic typed as a theme ("ggz", "#ggz") reads as that theme's label. */
function topicName(topic: string, locale: Locale): string {
  const key = topic.trim().replace(/^#/, "").toLowerCase();
  const theme = THEMES.find((t) => t === key);
  return theme ? themeLabel(theme, locale) : topic.trim();
}

const agendaLine = (item: TableAgendaItem, locale: Locale) =>
  md`${item.position}. ${shorten(item.text, MAX_ENTRY_CHARS)}${item.theme && md` — _${themeLabel(item.theme, locale)}_`}`;

function agendaText(
  items: TableAgendaItem[],
  locale: Locale,
  options: { max: number; hint?: boolean; heading?: boolean } = { max: MAX_LIST_ENTRIES },
): Markup {
  const heading = options.heading !== false && md`*Agenda*\n`;
  if (!items.length)
    return md`${heading}${pick(locale, { nl: "Nog geen agendapunten.", en: "No agenda items yet." })}`;
  const sorted = [...items].sort((a, b) => a.position - b.position);
  return md`${heading}${limitedList(
    sorted.map((item) => agendaLine(item, locale)),
    options.max,
    (hidden) =>
      md`${moreLine(locale, hidden, AGENDA_NOUNS)}${options.hint && pick(locale, { nl: md` (\`agenda\` toont ze allemaal)`, en: md` (\`agenda\` shows them all)` })}`,
  )}`;
}

function agreementLines(agreements: TableAgreement[], locale: Locale): Markup[] {
  return agreements.map((agreement, i) => {
    const labels = [
      agreement.theme ? themeLabel(agreement.theme, locale) : undefined,
      agreement.instrument ? instrumentLabel(agreement.instrument, locale) : undefined,
      agreement.form ? collaborationFormLabel(agreement.form, locale) : undefined,
      agreement.geography ? geographyLabel(agreement.geography, locale) : undefined,
    ].filter((label): label is string => label !== undefined);
    const agreed = agreement.agreedOn
      ? pick(locale, { nl: "afgesproken op ", en: "agreed on " }) +
        formatCalendarDay(agreement.agreedOn, locale)
      : undefined;
    const meta = [labels.join(" · "), agreed].filter(Boolean).join(" — ");
    return md`${i + 1}. ${shorten(agreement.text, MAX_ENTRY_CHARS)}${meta && md`\n      _${meta}_`}`;
  });
}

const meetingLine = (meeting: TableMeeting, locale: Locale, timeZone: string) => {
  const place = meeting.location?.trim();
  const where = place ? ` — ${isLink(place) ? place : shorten(place, MAX_ENTRY_CHARS)}` : "";
  return `${formatMeetingMoment(meeting.startsAt, locale, timeZone)}${where}`;
};

/** The fallback is plain text: markup loses its markers, and what people typed stays as typed. */
const card = (fallbackText: string | Markup, blocks: CardBlock[]): Card => ({
  fallbackText: isMarkup(fallbackText) ? toPlainText(fallbackText) : fallbackText,
  blocks,
});

// ---------------------------------------------------------------------------------------------------------
// Meetings and agendas

export type MeetingReminderCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  meeting: TableMeeting;
  /** Calendar days until the meeting (the planner's `offsetDays`): 7 "over 7 dagen", 1 "morgen". */
  offsetDays: number;
  agenda: TableAgendaItem[];
};

/** The DM every contact person gets before a meeting (T-7d with the agenda, T-1d). */
export function meetingReminderCard(input: MeetingReminderCardInput): Card {
  const { locale, meeting } = input;
  const when = inDays(input.offsetDays, locale);
  const moment = formatMeetingMoment(meeting.startsAt, locale, input.timeZone);
  const header = pick(locale, {
    nl: `Herinnering: regio-overleg ${when}`,
    en: `Reminder: regional meeting ${when}`,
  });
  return card(`${header} — ${input.regionName}, ${moment}`, [
    { type: "header", text: header },
    {
      type: "text",
      text: pick(locale, {
        nl: md`De regiotafel van *${input.regionName}* komt ${when} bij elkaar: ${moment}.`,
        en: md`The regional table of *${input.regionName}* meets ${when}: ${moment}.`,
      }),
    },
    {
      type: "facts",
      facts: [
        fact(pick(locale, { nl: "Wanneer", en: "When" }), moment),
        locationFact(meeting.location, locale),
      ],
    },
    { type: "text", text: agendaText(input.agenda, locale, { max: MAX_LIST_ENTRIES, hint: true }) },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Een punt voor de agenda? Laat het de voorzitter weten. \`agenda\` toont steeds de actuele agenda.`,
        en: md`Something for the agenda? Tell the chair. \`agenda\` always shows the current agenda.`,
      }),
    },
  ]);
}

export type ChannelAgendaCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  meeting: TableMeeting;
  agenda: TableAgendaItem[];
  /** Calendar days until the meeting; default 2. */
  offsetDays?: number;
};

/** The agenda posted to the region's channel before a meeting (T-2d). */
export function channelAgendaCard(input: ChannelAgendaCardInput): Card {
  const { locale, meeting } = input;
  const when = inDays(input.offsetDays ?? 2, locale);
  const moment = formatMeetingMoment(meeting.startsAt, locale, input.timeZone);
  const header = pick(locale, {
    nl: `Agenda regio-overleg ${input.regionName}`,
    en: `Agenda of the regional meeting, ${input.regionName}`,
  });
  return card(`${header}: ${moment}`, [
    { type: "header", text: header },
    {
      type: "text",
      text: pick(locale, {
        nl: md`${capitalise(when)} overlegt de regiotafel van *${input.regionName}*: ${moment}.`,
        en: md`${capitalise(when)} the regional table of *${input.regionName}* meets: ${moment}.`,
      }),
    },
    { type: "facts", facts: [locationFact(meeting.location, locale)] },
    { type: "text", text: agendaText(input.agenda, locale, { max: MAX_LIST_ENTRIES, hint: true }) },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Een punt aandragen of een vraag vooraf? Laat het de voorzitter weten vóór het overleg.`,
        en: md`Something to add, or a question beforehand? Tell the chair before the meeting.`,
      }),
    },
  ]);
}

export type MeetingListInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  /** Upcoming meetings, soonest first: their numbers are what `overleg verplaatsen «n»` points at. */
  meetings: TableMeeting[];
};

/** `overleg` as text: the numbered upcoming meetings, or who can plan one. */
export function meetingListText(input: MeetingListInput): Markup {
  const { locale } = input;
  if (!input.meetings.length) {
    return pick(locale, {
      nl: md`Er is nog geen overleg gepland voor *${input.regionName}*. Een voorzitter plant er een met \`overleg plannen «datum» «tijd» [plaats]\`.`,
      en: md`No meeting is planned for *${input.regionName}* yet. A chair plans one with \`meeting plan «date» «time» [place]\`.`,
    });
  }
  const lines = input.meetings.map((m, i) => md`${i + 1}. ${meetingLine(m, locale, input.timeZone)}`);
  return md`${pick(locale, {
    nl: md`*Geplande overleggen van ${input.regionName}*`,
    en: md`*Planned meetings of ${input.regionName}*`,
  })}\n${limitedList(lines, MAX_LIST_ENTRIES, (hidden) =>
    moreLine(locale, hidden, { nl: ["overleg", "overleggen"], en: ["meeting", "meetings"] }),
  )}`;
}

/** `overleg` as a card. */
export function meetingListCard(input: MeetingListInput): Card {
  const { locale } = input;
  const text = meetingListText(input);
  return card(text, [
    { type: "header", text: pick(locale, { nl: "Geplande overleggen", en: "Planned meetings" }) },
    { type: "text", text },
    ...(input.meetings.length
      ? [
          {
            type: "context" as const,
            text: pick(locale, {
              nl: md`Voorzitters: \`overleg verplaatsen «n» «datum» «tijd»\` of \`overleg annuleren «n»\`; \`agenda [n]\` toont de agenda.`,
              en: md`Chairs: \`meeting move «n» «date» «time»\` or \`meeting cancel «n»\`; \`agenda [n]\` shows the agenda.`,
            }),
          },
        ]
      : []),
  ]);
}

export type AgendaCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  meeting: TableMeeting;
  items: TableAgendaItem[];
};

/** `agenda [n]`: the agenda of one meeting. */
export function agendaCard(input: AgendaCardInput): Card {
  const { locale } = input;
  const moment = formatMeetingMoment(input.meeting.startsAt, locale, input.timeZone);
  const header = pick(locale, { nl: "Agenda", en: "Agenda" });
  const intro = pick(locale, {
    nl: md`Overleg van *${input.regionName}* op ${moment}.`,
    en: md`Meeting of *${input.regionName}* on ${moment}.`,
  });
  return card(md`${header} — ${intro}`, [
    { type: "header", text: header },
    { type: "text", text: intro },
    { type: "facts", facts: [locationFact(input.meeting.location, locale)] },
    {
      type: "text",
      text: agendaText(input.items, locale, { max: MAX_LIST_ENTRIES, heading: false }),
    },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Voorzitters: \`${commandForm(commandSpec("agenda.add"), "nl")}\`, \`${commandForm(commandSpec("agenda.remove"), "nl")}\`, \`${commandForm(commandSpec("agenda.move"), "nl")}\`.`,
        en: md`Chairs: \`${commandForm(commandSpec("agenda.add"), "en")}\`, \`${commandForm(commandSpec("agenda.remove"), "en")}\`, \`${commandForm(commandSpec("agenda.move"), "en")}\`.`,
      }),
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Agreements and topic scope

export type AgreementsCardInput = { locale: Locale; regionName: string; agreements: TableAgreement[] };

/** `afspraken`: the region's register of agreements, with their samenwerkingskaart labels. */
export function agreementsCard(input: AgreementsCardInput): Card {
  const { locale } = input;
  const header = pick(locale, {
    nl: `Afspraken van ${input.regionName}`,
    en: `Agreements of ${input.regionName}`,
  });
  const body = input.agreements.length
    ? limitedList(agreementLines(input.agreements, locale), MAX_LIST_ENTRIES, (hidden) =>
        moreLine(locale, hidden, { nl: ["afspraak", "afspraken"], en: ["agreement", "agreements"] }),
      )
    : pick(locale, {
        nl: md`Er zijn nog geen afspraken vastgelegd.`,
        en: md`No agreements have been recorded yet.`,
      });
  return card(`${header}: ${toPlainText(body).split("\n")[0]}`, [
    { type: "header", text: header },
    { type: "text", text: body },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Een voorzitter legt een afspraak vast met \`${commandForm(commandSpec("agreement.add"), "nl")}\`.`,
        en: md`A chair records an agreement with \`${commandForm(commandSpec("agreement.add"), "en")}\`.`,
      }),
    },
  ]);
}

export type TopicScopeCardInput = { locale: Locale; regionName: string; topics: TopicScopeEntry[] };

const withoutFinalStop = (text: string) => text.trim().replace(/[.!?;:,\s]+$/, "");

/** `onderwerpen`: what the financiers agreed they may and may not discuss, with the reasons. */
export function topicScopeCard(input: TopicScopeCardInput): Card {
  const { locale } = input;
  const header = pick(locale, {
    nl: `Onderwerpen van ${input.regionName}`,
    en: `Topics of ${input.regionName}`,
  });
  const line = (entry: TopicScopeEntry) => {
    const name = topicName(entry.topic, locale);
    const theme =
      entry.theme && themeLabel(entry.theme, locale) !== name && md` — _${themeLabel(entry.theme, locale)}_`;
    const reason = entry.reason?.trim() ? `: ${shorten(entry.reason, MAX_ENTRY_CHARS)}` : "";
    return md`• *${name}*${theme}${reason}`;
  };
  const forbidden = input.topics.filter((t) => t.status === "forbidden");
  const allowed = input.topics.filter((t) => t.status === "allowed");
  const more = (hidden: number) =>
    moreLine(locale, hidden, { nl: ["onderwerp", "onderwerpen"], en: ["topic", "topics"] });
  const blocks: CardBlock[] = [
    { type: "header", text: header },
    {
      type: "text",
      text: md`${pick(locale, { nl: md`*Niet te bespreken*`, en: md`*Not to be discussed*` })}\n${
        forbidden.length
          ? limitedList(forbidden.map(line), MAX_LIST_ENTRIES, more)
          : pick(locale, {
              nl: "Er zijn geen onderwerpen uitgesloten.",
              en: "No topics are excluded.",
            })
      }`,
    },
  ];
  if (allowed.length) {
    blocks.push({
      type: "text",
      text: md`${pick(locale, { nl: md`*Uitdrukkelijk toegestaan*`, en: md`*Explicitly allowed*` })}\n${limitedList(
        allowed.map(line),
        MAX_LIST_ENTRIES,
        more,
      )}`,
    });
  }
  blocks.push({
    type: "context",
    text: pick(locale, {
      nl: md`Zorgverzekeraars mogen onderling geen afspraken maken over zaken waarop zij concurreren (mededingingsrecht); daarom spreekt de regio vooraf af wat wel en niet aan tafel komt. Voorzitters: \`onderwerpen verbied <onderwerp> [reden]\`, \`onderwerpen sta-toe <onderwerp>\`.`,
      en: md`Insurers may not make joint agreements on matters they compete on (competition law), so the region agrees up front what it does and does not discuss. Chairs: \`onderwerpen verbied <topic> [reason]\`, \`onderwerpen sta-toe <topic>\`.`,
    }),
  });
  return card(
    `${header}: ${forbidden.length ? forbidden.map((t) => topicName(t.topic, locale)).join(", ") : pick(locale, { nl: "geen onderwerpen uitgesloten", en: "no topics excluded" })}`,
    blocks,
  );
}

export type TopicGuardCardInput = {
  locale: Locale;
  /** The forbidden topic the item touches, as recorded. */
  topic: string;
  reason?: string | null;
  itemText: string;
  confirm: Pick<CardAction, "id" | "value">;
  cancel: Pick<CardAction, "id" | "value">;
};

/** Asks the chair to confirm an agenda item on a forbidden topic; the decision is logged by the caller. */
export function topicGuardCard(input: TopicGuardCardInput): Card {
  const { locale } = input;
  const reason = input.reason?.trim() ? withoutFinalStop(shorten(input.reason, MAX_ENTRY_CHARS)) : "";
  const question = reason
    ? pick(locale, {
        nl: md`Dit onderwerp is in deze regio afgesproken als niet te bespreken: ${reason}. Toch toevoegen?`,
        en: md`This region agreed not to discuss this topic: ${reason}. Add it anyway?`,
      })
    : pick(locale, {
        nl: md`Dit onderwerp is in deze regio afgesproken als niet te bespreken. Toch toevoegen?`,
        en: md`This region agreed not to discuss this topic. Add it anyway?`,
      });
  const header = pick(locale, { nl: "Onderwerp niet te bespreken", en: "Topic not to be discussed" });
  return card(md`${header}: ${question}`, [
    { type: "header", text: header },
    { type: "text", text: md`${question}` },
    {
      type: "facts",
      facts: [
        fact(pick(locale, { nl: "Agendapunt", en: "Agenda item" }), shorten(input.itemText, 500)),
        fact(pick(locale, { nl: "Onderwerp", en: "Topic" }), topicName(input.topic, locale)),
      ],
    },
    {
      type: "actions",
      actions: [
        {
          ...input.confirm,
          label: pick(locale, { nl: "Toch toevoegen", en: "Add anyway" }),
          style: "primary",
        },
        { ...input.cancel, label: pick(locale, { nl: "Niet toevoegen", en: "Don't add" }) },
      ],
    },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Uw keuze wordt vastgelegd.`,
        en: md`Your decision is recorded.`,
      }),
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Handovers

export type HandoverBriefingCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  successorName: string;
  predecessorName: string;
  organisationName: string;
  /** The organisation's type; the card explains its role at the table. */
  organisationRole: OrganisationType;
  membershipRole?: MembershipRole;
  /** Calendar day the successor takes over, YYYY-MM-DD. */
  handoverOn?: string;
  agreements: TableAgreement[];
  openAgendaItems: TableAgendaItem[];
  nextMeetings: TableMeeting[];
  /** The region's other contact persons (not the successor). */
  otherContacts: TableContact[];
};

const TYPE_ORDER: OrganisationType[] = [
  "gemeente",
  "zorgverzekeraar",
  "zorgkantoor",
  "zorgaanbieder",
  "clientenorganisatie",
  "overig",
];

/**
 * What a new contact person needs to join the table at once (the seeds' remedy for handovers that restart
 * the relationship): their organisation's role, the agreements, open agenda items, next meetings and who
 * else sits at the table.
 */
export function handoverBriefingCard(input: HandoverBriefingCardInput): Card {
  const { locale } = input;
  const header = pick(locale, {
    nl: `Welkom aan de regiotafel van ${input.regionName}`,
    en: `Welcome to the regional table of ${input.regionName}`,
  });
  const from = input.handoverOn
    ? pick(locale, {
        nl: ` per ${formatCalendarDay(input.handoverOn, locale)}`,
        en: ` from ${formatCalendarDay(input.handoverOn, locale)}`,
      })
    : "";
  const intro = pick(locale, {
    nl: md`Beste ${input.successorName}, u volgt *${input.predecessorName}* op als contactpersoon van *${input.organisationName}* aan de regiotafel van *${input.regionName}*${from}. Hieronder staat wat u nodig heeft om meteen mee te doen.`,
    en: md`Dear ${input.successorName}, you succeed *${input.predecessorName}* as contact person of *${input.organisationName}* at the regional table of *${input.regionName}*${from}. Below is what you need to take part straight away.`,
  });
  const seat = input.membershipRole
    ? pick(locale, {
        nl: ` U bent het ${membershipRoleLabel(input.membershipRole, locale)}.`,
        en: ` You are the ${membershipRoleLabel(input.membershipRole, locale)}.`,
      })
    : "";
  const section = (title: Texts, body: string | Markup): CardBlock => ({
    type: "text",
    text: md`*${pick(locale, title)}*\n${body}`,
  });
  const agreements = input.agreements.length
    ? limitedList(agreementLines(input.agreements, locale), MAX_SECTION_ENTRIES, (hidden) =>
        pick(locale, {
          nl: md`… en nog ${count(hidden, "afspraak", "afspraken")} (\`afspraken\` toont ze allemaal)`,
          en: md`… and ${hidden} more ${hidden === 1 ? "agreement" : "agreements"} (\`afspraken\` shows them all)`,
        }),
      )
    : pick(locale, { nl: "Er zijn nog geen afspraken vastgelegd.", en: "No agreements recorded yet." });
  const meetings = input.nextMeetings.length
    ? limitedList(
        input.nextMeetings.map((m) => md`• ${meetingLine(m, locale, input.timeZone)}`),
        MAX_SECTION_ENTRIES,
        (hidden) => moreLine(locale, hidden, { nl: ["overleg", "overleggen"], en: ["meeting", "meetings"] }),
      )
    : pick(locale, { nl: "Er is nog geen overleg gepland.", en: "No meeting is planned yet." });
  const contacts = [...input.otherContacts].sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.organisationType) - TYPE_ORDER.indexOf(b.organisationType) ||
      a.organisationName.localeCompare(b.organisationName, "nl") ||
      a.name.localeCompare(b.name, "nl"),
  );
  const contactLines = contacts.length
    ? limitedList(
        contacts.map(
          (c) =>
            md`• ${c.name} — ${c.organisationName} (${organisationTypeLabel(c.organisationType, locale)})`,
        ),
        MAX_LIST_ENTRIES,
        (hidden) =>
          moreLine(locale, hidden, {
            nl: ["contactpersoon", "contactpersonen"],
            en: ["contact person", "contact persons"],
          }),
      )
    : pick(locale, {
        nl: "Er zijn nog geen andere contactpersonen bekend.",
        en: "No other contact persons are known yet.",
      });
  return card(md`${header}: ${intro}`, [
    { type: "header", text: header },
    { type: "text", text: intro },
    section(
      { nl: "Uw rol aan tafel", en: "Your role at the table" },
      `${organisationRoleText(input.organisationRole, locale)}${seat}`,
    ),
    section({ nl: "Gemaakte afspraken", en: "Agreements made" }, agreements),
    section(
      { nl: "Open agendapunten", en: "Open agenda items" },
      input.openAgendaItems.length
        ? agendaText(input.openAgendaItems, locale, { max: MAX_SECTION_ENTRIES, hint: true, heading: false })
        : pick(locale, { nl: "Er staan geen agendapunten open.", en: "There are no open agenda items." }),
    ),
    section({ nl: "Komende overleggen", en: "Upcoming meetings" }, meetings),
    section({ nl: "Andere contactpersonen", en: "Other contact persons" }, contactLines),
    {
      type: "context",
      text: pick(locale, {
        nl: md`De voorzitter stelt u voor tijdens het eerstvolgende overleg. \`afspraken\`, \`agenda\` en \`overleg\` tonen steeds de actuele stand.`,
        en: md`The chair will introduce you at the next meeting. \`afspraken\`, \`agenda\` and \`overleg\` always show the current state.`,
      }),
    },
  ]);
}

export type HandoverTaskCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  successorName: string;
  predecessorName: string;
  organisationName: string;
  /** Calendar day, YYYY-MM-DD. */
  handoverOn: string;
  nextMeeting?: TableMeeting | null;
  /** The "geïntroduceerd" button. */
  introduced: Pick<CardAction, "id" | "value">;
  /** Once marked: the card shows when, without the button. */
  introducedAt?: Date | null;
};

/** The chair's task: introduce the successor at the next meeting, then mark it. */
export function handoverTaskCard(input: HandoverTaskCardInput): Card {
  const { locale } = input;
  const header = pick(locale, {
    nl: "Taak: stel de nieuwe contactpersoon voor",
    en: "Task: introduce the new contact person",
  });
  const day = formatCalendarDay(input.handoverOn, locale);
  const next = input.nextMeeting
    ? formatMeetingMoment(input.nextMeeting.startsAt, locale, input.timeZone)
    : undefined;
  const text = input.introducedAt
    ? pick(locale, {
        nl: md`*${input.successorName}* (${input.organisationName}) is voorgesteld aan tafel; gemarkeerd op ${formatMeetingMoment(input.introducedAt, locale, input.timeZone)}. Dank u wel!`,
        en: md`*${input.successorName}* (${input.organisationName}) has been introduced at the table; marked on ${formatMeetingMoment(input.introducedAt, locale, input.timeZone)}. Thank you!`,
      })
    : pick(locale, {
        nl: md`*${input.successorName}* volgt per ${day} *${input.predecessorName}* op als contactpersoon van *${input.organisationName}* aan de regiotafel van *${input.regionName}*. Wilt u ${input.successorName} voorstellen tijdens ${next ? `het volgende overleg (${next})` : "het volgende overleg"}? Een goede kennismaking voorkomt dat de samenwerking opnieuw moet beginnen.`,
        en: md`*${input.successorName}* succeeds *${input.predecessorName}* as contact person of *${input.organisationName}* at the regional table of *${input.regionName}* from ${day}. Would you introduce ${input.successorName} at ${next ? `the next meeting (${next})` : "the next meeting"}? A proper introduction keeps the collaboration from starting over.`,
      });
  return card(md`${header}: ${text}`, [
    { type: "header", text: header },
    { type: "text", text },
    {
      type: "facts",
      facts: [
        fact(pick(locale, { nl: "Nieuw", en: "New" }), input.successorName),
        fact(pick(locale, { nl: "Vertrekt", en: "Leaving" }), input.predecessorName),
        fact(pick(locale, { nl: "Organisatie", en: "Organisation" }), input.organisationName),
        fact(pick(locale, { nl: "Per", en: "From" }), day),
        fact(
          pick(locale, { nl: "Volgend overleg", en: "Next meeting" }),
          next ?? pick(locale, { nl: "nog niet gepland", en: "not planned yet" }),
        ),
      ],
    },
    ...(input.introducedAt
      ? []
      : [
          {
            type: "actions" as const,
            actions: [
              {
                ...input.introduced,
                label: pick(locale, { nl: "Geïntroduceerd", en: "Introduced" }),
                style: "primary" as const,
              },
            ],
          },
        ]),
    {
      type: "context",
      text: pick(locale, {
        nl: md`${input.successorName} heeft een inwerkkaart gekregen met de afspraken, open agendapunten en komende overleggen.`,
        en: md`${input.successorName} has received a briefing with the agreements, open agenda items and upcoming meetings.`,
      }),
    },
  ]);
}

export type HandoverNoticeCardInput = {
  locale: Locale;
  regionName: string;
  predecessorName: string;
  successorName: string;
  organisationName: string;
  organisationType: OrganisationType;
  /** Calendar day, YYYY-MM-DD. */
  handoverOn: string;
};

/** To the region's insurer and care-office contacts: who replaces whom, from when. */
export function handoverNoticeCard(input: HandoverNoticeCardInput): Card {
  const { locale } = input;
  const header = pick(locale, { nl: "Wisseling van contactpersoon", en: "Change of contact person" });
  const day = formatCalendarDay(input.handoverOn, locale);
  const type = organisationTypeLabel(input.organisationType, locale);
  const text = pick(locale, {
    nl: md`Per ${day} neemt *${input.successorName}* het stokje over van *${input.predecessorName}* als contactpersoon van *${input.organisationName}* (${type}) aan de regiotafel van *${input.regionName}*.`,
    en: md`From ${day}, *${input.successorName}* takes over from *${input.predecessorName}* as contact person of *${input.organisationName}* (${type}) at the regional table of *${input.regionName}*.`,
  });
  return card(md`${header}: ${text}`, [
    { type: "header", text: header },
    { type: "text", text },
    {
      type: "facts",
      facts: [
        fact(pick(locale, { nl: "Regio", en: "Region" }), input.regionName),
        fact(pick(locale, { nl: "Organisatie", en: "Organisation" }), `${input.organisationName} (${type})`),
        fact(pick(locale, { nl: "Vertrekt", en: "Leaving" }), input.predecessorName),
        fact(pick(locale, { nl: "Nieuw", en: "New" }), input.successorName),
        fact(pick(locale, { nl: "Per", en: "From" }), day),
      ],
    },
    {
      type: "context",
      text: pick(locale, {
        nl: md`U krijgt dit bericht als contactpersoon van een zorgverzekeraar of zorgkantoor in deze regio, zodat de overdracht ook met u is afgestemd.`,
        en: md`You receive this as a contact person of a health insurer or care office in this region, so that the handover is coordinated with you too.`,
      }),
    },
  ]);
}

export type HandoverReminderCardInput = {
  locale: Locale;
  regionName: string;
  predecessorName: string;
  /** Unknown when a membership ended without a named successor: the card then asks to name one. */
  successorName?: string | null;
  organisationName: string;
  /** Calendar day, YYYY-MM-DD. */
  handoverOn: string;
  status: HandoverStatus;
  /** The handover's number in `overdracht`, for the `overdracht klaar <n>` hint. */
  number?: number;
};

const STEPS = ["introduced", "briefed", "completed"] as const satisfies readonly HandoverStatus[];

/** Reminds the chair (and, without a successor, the organisation's other contact) until it is completed. */
export function handoverReminderCard(input: HandoverReminderCardInput): Card {
  const { locale } = input;
  const day = formatCalendarDay(input.handoverOn, locale);
  if (!input.successorName) {
    const header = pick(locale, { nl: "Herinnering: opvolger gezocht", en: "Reminder: successor needed" });
    const text = pick(locale, {
      nl: md`*${input.predecessorName}* stopt per ${day} als contactpersoon van *${input.organisationName}* aan de regiotafel van *${input.regionName}*, maar er is nog geen opvolger genoemd. Wilt u een opvolger zoeken? Zonder opvolger moet de samenwerking straks opnieuw beginnen.`,
      en: md`*${input.predecessorName}* stops as contact person of *${input.organisationName}* at the regional table of *${input.regionName}* from ${day}, but no successor has been named. Would you find a successor? Without one the collaboration will have to start over.`,
    });
    return card(md`${header}: ${text}`, [
      { type: "header", text: header },
      { type: "text", text },
      {
        type: "context",
        text: pick(locale, {
          nl: md`Een voorzitter start de overdracht met \`overdracht <@oud> <@nieuw> [datum]\`.`,
          en: md`A chair starts the handover with \`overdracht <@old> <@new> [date]\`.`,
        }),
      },
    ]);
  }
  const header = pick(locale, {
    nl: "Herinnering: overdracht nog niet afgerond",
    en: "Reminder: handover not completed yet",
  });
  const text = pick(locale, {
    nl: md`De overdracht van *${input.predecessorName}* aan *${input.successorName}* (${input.organisationName}, regio *${input.regionName}*, per ${day}) loopt nog.`,
    en: md`The handover from *${input.predecessorName}* to *${input.successorName}* (${input.organisationName}, region *${input.regionName}*, from ${day}) is still open.`,
  });
  const reached = input.status === "started" ? 0 : STEPS.indexOf(input.status as (typeof STEPS)[number]) + 1;
  const checklist = joinMarkup(
    STEPS.map((step, i) => md`${i < reached ? "✓" : "○"} ${capitalise(handoverStatusLabel(step, locale))}`),
  );
  return card(md`${header}: ${text}`, [
    { type: "header", text: header },
    { type: "text", text },
    { type: "text", text: checklist },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Een voorzitter zet de overdracht een stap verder met \`overdracht klaar ${input.number ?? "<n>"}\`.`,
        en: md`A chair moves the handover one step on with \`overdracht klaar ${input.number ?? "<n>"}\`.`,
      }),
    },
  ]);
}

export type HandoverListCardInput = { locale: Locale; regionName: string; handovers: TableHandover[] };

/** `overdracht`: the open handovers, numbered as `overdracht klaar <n>` expects. */
export function handoverListCard(input: HandoverListCardInput): Card {
  const { locale } = input;
  const header = pick(locale, {
    nl: `Lopende overdrachten — ${input.regionName}`,
    en: `Handovers under way — ${input.regionName}`,
  });
  const unknown = pick(locale, { nl: "opvolger nog onbekend", en: "successor not yet known" });
  const body = input.handovers.length
    ? limitedList(
        input.handovers.map((h, i) => {
          const organisation = h.organisationName ? ` (${h.organisationName})` : "";
          const day = formatCalendarDay(h.handoverOn, locale);
          return md`${i + 1}. ${h.predecessorName} → ${h.successorName ?? md`_${unknown}_`}${organisation}, ${pick(locale, { nl: "per", en: "from" })} ${day}: ${handoverStatusLabel(h.status, locale)}`;
        }),
        MAX_LIST_ENTRIES,
        (hidden) =>
          moreLine(locale, hidden, { nl: ["overdracht", "overdrachten"], en: ["handover", "handovers"] }),
      )
    : pick(locale, { nl: md`Er lopen geen overdrachten.`, en: md`No handovers are under way.` });
  return card(`${header}: ${toPlainText(body).split("\n")[0]}`, [
    { type: "header", text: header },
    { type: "text", text: body },
    {
      type: "context",
      text: pick(locale, {
        nl: md`Voorzitters: \`overdracht klaar <n>\` zet een overdracht een stap verder; \`overdracht <@oud> <@nieuw> [datum]\` start er een.`,
        en: md`Chairs: \`overdracht klaar <n>\` moves a handover one step on; \`overdracht <@old> <@new> [date]\` starts one.`,
      }),
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Requests for support

export type EscalationCardInput = {
  locale: Locale;
  timeZone: string;
  regionName: string;
  askedBy: { name: string; organisationName?: string | null; organisationType?: OrganisationType | null };
  text: string;
  askedAt: Date;
};

/** A region's `hulpvraag`, posted to the national coordinators' channel. */
export function escalationCard(input: EscalationCardInput): Card {
  const { locale, askedBy } = input;
  const header = pick(locale, {
    nl: `Hulpvraag uit ${input.regionName}`,
    en: `Request for support from ${input.regionName}`,
  });
  const organisation = askedBy.organisationName
    ? `${askedBy.organisationName}${askedBy.organisationType ? ` (${organisationTypeLabel(askedBy.organisationType, locale)})` : ""}`
    : undefined;
  const question = shorten(input.text, MAX_FREE_TEXT_CHARS);
  return card(md`${header}: ${question}`, [
    { type: "header", text: header },
    {
      type: "text",
      text: pick(locale, {
        nl: md`De regiotafel van *${input.regionName}* vraagt de landelijke coördinatoren om ondersteuning:`,
        en: md`The regional table of *${input.regionName}* asks the national coordinators for support:`,
      }),
    },
    { type: "text", text: md`${question}` },
    {
      type: "facts",
      facts: [
        fact(pick(locale, { nl: "Regio", en: "Region" }), input.regionName),
        fact(
          pick(locale, { nl: "Gevraagd door", en: "Asked by" }),
          organisation ? `${askedBy.name}, ${organisation}` : askedBy.name,
        ),
        fact(
          pick(locale, { nl: "Wanneer", en: "When" }),
          formatMeetingMoment(input.askedAt, locale, input.timeZone),
        ),
      ],
    },
    {
      type: "context",
      text: pick(locale, {
        nl: md`De regio houdt de regie; landelijke partijen helpen alleen op verzoek. Deze hulpvraag staat ook in het venster.`,
        en: md`The region stays in charge; national parties help only when asked. This request is also listed in the venster.`,
      }),
    },
  ]);
}
