import { describe, expect, it } from "vitest";
import { renderAdaptiveCard } from "../../../src/bot/cards/render-adaptive.js";
import { renderSlackBlocks } from "../../../src/bot/cards/render-slack.js";
import type { Card, CardAction } from "../../../src/domain/cards/card.js";
import {
  agendaCard,
  agreementsCard,
  channelAgendaCard,
  collaborationFormLabel,
  escalationCard,
  geographyLabel,
  HANDOVER_STATUSES,
  handoverBriefingCard,
  handoverListCard,
  handoverNoticeCard,
  handoverReminderCard,
  handoverStatusLabel,
  handoverTaskCard,
  instrumentLabel,
  MAX_LIST_ENTRIES,
  MAX_SECTION_ENTRIES,
  meetingListCard,
  meetingListText,
  meetingReminderCard,
  membershipRoleLabel,
  organisationRoleText,
  organisationTypeLabel,
  shorten,
  type TableAgendaItem,
  type TableAgreement,
  type TableContact,
  themeLabel,
  topicGuardCard,
  topicScopeCard,
} from "../../../src/domain/cards/table-cards.js";
import {
  COLLABORATION_FORMS,
  GEOGRAPHIES,
  INSTRUMENTS,
  type Locale,
  MEMBERSHIP_ROLES,
  ORGANISATION_TYPES,
  THEMES,
} from "../../../src/domain/vocabulary.js";

const TZ = "Europe/Amsterdam";
const locales = ["nl", "en"] as const;
const REGION = "Utrecht Stad";
const TEAMS_LINK =
  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjY3ZTk4%40thread.v2/0?context=%7b%22Tid%22%3a%22abc%22%7d";
// Monday 29 March 2027 14:00 CEST, the day after summer time starts.
const meeting = { startsAt: new Date("2027-03-29T12:00:00Z"), location: TEAMS_LINK };
const agenda: TableAgendaItem[] = [
  { position: 2, text: "Wachtlijsten in de geestelijke gezondheidszorg", theme: "ggz" },
  { position: 1, text: "Opening en verslag vorige keer" },
  { position: 3, text: "Overgang naar volwassenheid bij jongeren", theme: "jeugd" },
];
const agreements: TableAgreement[] = [
  {
    text: "Eén loket voor mantelzorgers in de regio",
    theme: "wijk",
    instrument: "collectieve_zorg_minima",
    form: "samenwerkingsafspraken",
    geography: "bovenregionaal",
    agreedOn: "2027-01-14",
  },
  { text: "Samen valpreventie organiseren", theme: "ouderen", agreedOn: "2026-11-02" },
];
const contacts: TableContact[] = [
  { name: "Piet Bakker", organisationName: "Zilveren Kruis", organisationType: "zorgkantoor" },
  { name: "Anna de Wit", organisationName: "Gemeente Zeist", organisationType: "gemeente" },
  { name: "Kees Smit", organisationName: "Cliëntenraad Utrecht", organisationType: "clientenorganisatie" },
  { name: "Fleur Jansen", organisationName: "CZ", organisationType: "zorgverzekeraar" },
];

/** Every string a reader sees: the fallback, block texts, facts (labels and values) and button labels. */
const visible = (card: Card): string =>
  [
    card.fallbackText,
    ...card.blocks.flatMap((b) =>
      "text" in b
        ? [b.text]
        : b.type === "facts"
          ? b.facts.flatMap((f) => [f.label, f.value])
          : b.type === "actions"
            ? b.actions.map((a) => a.label)
            : [],
    ),
  ].join("\n");
const textBlocks = (card: Card) => card.blocks.flatMap((b) => (b.type === "text" ? [b.text] : []));
const header = (card: Card) => card.blocks.find((b) => b.type === "header")?.text;
const facts = (card: Card) =>
  Object.fromEntries(
    card.blocks.flatMap((b) => (b.type === "facts" ? b.facts : [])).map((f) => [f.label, f.value]),
  );
const actions = (card: Card): CardAction[] =>
  card.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));

const longAgenda = (n: number, chars = 280): TableAgendaItem[] =>
  Array.from({ length: n }, (_, i) => ({
    position: i + 1,
    text: `Punt ${i + 1}: ${"overleg over de samenwerking ".repeat(20)}`.slice(0, chars),
  }));

describe("labels", () => {
  it("names themes as the samenwerkingskaart does", () => {
    expect(themeLabel("ggz", "nl")).toBe("GGZ");
    expect(themeLabel("wijk", "nl")).toBe("Effectief samenwerken in de wijk");
    expect(themeLabel("jeugd", "nl")).toBe("Jeugd 18-/18+");
    expect(themeLabel("preventie", "nl")).toBe("Preventie");
    expect(themeLabel("ggz", "en")).toBe("Mental health care (GGZ)");
    expect(themeLabel("wijk", "en")).toBe("Effective collaboration in the neighbourhood");
    expect(instrumentLabel("collectieve_zorg_minima", "nl")).toBe("Collectieve zorgverzekering minima");
    expect(collaborationFormLabel("ontwikkelproject", "en")).toBe("Development project");
    expect(geographyLabel("bovenregionaal", "nl")).toBe("Bovenregionaal");
    expect(organisationTypeLabel("clientenorganisatie", "nl")).toBe("Cliëntenorganisatie");
    expect(handoverStatusLabel("introduced", "nl")).toBe("voorgesteld aan tafel");
    expect(membershipRoleLabel("ambtelijk", "en")).toBe("civil-service contact");
  });

  it.each(locales)("has a label for every value, never the raw value itself (%s)", (locale) => {
    const all: [string, string][] = [
      ...THEMES.map((v) => [v, themeLabel(v, locale)] as [string, string]),
      ...INSTRUMENTS.map((v) => [v, instrumentLabel(v, locale)] as [string, string]),
      ...COLLABORATION_FORMS.map((v) => [v, collaborationFormLabel(v, locale)] as [string, string]),
      ...GEOGRAPHIES.map((v) => [v, geographyLabel(v, locale)] as [string, string]),
      ...ORGANISATION_TYPES.map((v) => [v, organisationTypeLabel(v, locale)] as [string, string]),
      ...MEMBERSHIP_ROLES.map((v) => [v, membershipRoleLabel(v, locale)] as [string, string]),
      // The steps are plain English words ("briefed", "completed"), so only the Dutch labels must differ.
      ...(locale === "nl"
        ? HANDOVER_STATUSES.map((v) => [v, handoverStatusLabel(v, locale)] as [string, string])
        : []),
    ];
    for (const [value, label] of all) {
      expect(label.trim().length).toBeGreaterThan(0);
      expect(label).not.toBe(value);
      expect(label).not.toContain("_");
    }
    for (const type of ORGANISATION_TYPES)
      expect(organisationRoleText(type, locale).length).toBeGreaterThan(20);
  });
});

describe("meetingReminderCard", () => {
  const card = (locale: Locale, offsetDays: number, items = agenda, location: string | null = TEAMS_LINK) =>
    meetingReminderCard({
      locale,
      timeZone: TZ,
      regionName: REGION,
      meeting: { ...meeting, location },
      offsetDays,
      agenda: items,
    });

  it.each([
    ["nl", 7, "Herinnering: regio-overleg over 7 dagen"],
    ["nl", 1, "Herinnering: regio-overleg morgen"],
    ["nl", 0, "Herinnering: regio-overleg vandaag"],
    ["en", 7, "Reminder: regional meeting in 7 days"],
    ["en", 1, "Reminder: regional meeting tomorrow"],
  ] as const)("%s, %i days ahead: %s", (locale, offsetDays, title) => {
    expect(header(card(locale, offsetDays))).toBe(title);
  });

  it("gives the local date and time, the link as a whole link, and the agenda in order (nl)", () => {
    const c = card("nl", 7);
    expect(facts(c)).toEqual({ Wanneer: "maandag 29 maart 2027 om 14:00", Online: TEAMS_LINK });
    expect(textBlocks(c)).toContain(
      "*Agenda*\n1. Opening en verslag vorige keer\n2. Wachtlijsten in de geestelijke gezondheidszorg — _GGZ_\n3. Overgang naar volwassenheid bij jongeren — _Jeugd 18-/18+_",
    );
    expect(c.fallbackText).toBe(
      "Herinnering: regio-overleg over 7 dagen — Utrecht Stad, maandag 29 maart 2027 om 14:00",
    );
    // The link survives both renderers intact.
    expect(JSON.stringify(renderSlackBlocks(c))).toContain(TEAMS_LINK);
    expect(JSON.stringify(renderAdaptiveCard(c))).toContain(TEAMS_LINK);
  });

  it("in English", () => {
    const c = card("en", 1);
    expect(facts(c)).toEqual({ When: "Monday 29 March 2027 at 14:00", Online: TEAMS_LINK });
    expect(visible(c)).toContain("The regional table of *Utrecht Stad* meets tomorrow");
    expect(visible(c)).toContain(
      "2. Wachtlijsten in de geestelijke gezondheidszorg — _Mental health care (GGZ)_",
    );
  });

  it.each([
    ["nl", "*Agenda*\nNog geen agendapunten.", { Locatie: "Stadhuis, zaal 3" }],
    ["en", "*Agenda*\nNo agenda items yet.", { Location: "Stadhuis, zaal 3" }],
  ] as const)("without agenda items (%s)", (locale, empty, location) => {
    const c = card(locale, 7, [], "Stadhuis, zaal 3");
    expect(textBlocks(c)).toContain(empty);
    expect(facts(c)).toMatchObject(location);
  });

  it("says when no location is given", () => {
    expect(facts(card("nl", 7, agenda, null)).Locatie).toBe("nog niet opgegeven");
    expect(facts(card("en", 7, agenda, "  ")).Location).toBe("not given yet");
  });

  it.each(locales)(
    "cuts a long agenda and says how many are left out, within Slack's limit (%s)",
    (locale) => {
      const items = longAgenda(200);
      const text = textBlocks(card(locale, 7, items)).find((t) => t.startsWith("*Agenda*")) ?? "";
      const shown = text.split("\n").filter((line) => /^\d+\. /.test(line)).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThanOrEqual(MAX_LIST_ENTRIES);
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text.split("\n").at(-1)).toBe(
        locale === "nl"
          ? `… en nog ${200 - shown} agendapunten (\`agenda\` toont ze allemaal)`
          : `… and ${200 - shown} more items (\`agenda\` shows them all)`,
      );
    },
  );
});

describe("channelAgendaCard", () => {
  it.each([
    ["nl", "Over 2 dagen overlegt de regiotafel van *Utrecht Stad*: maandag 29 maart 2027 om 14:00."],
    ["en", "In 2 days the regional table of *Utrecht Stad* meets: Monday 29 March 2027 at 14:00."],
  ] as const)("announces the meeting with its agenda (%s)", (locale, intro) => {
    const c = channelAgendaCard({ locale, timeZone: TZ, regionName: REGION, meeting, agenda });
    expect(textBlocks(c)).toContain(intro);
    expect(visible(c)).toContain("1. Opening en verslag vorige keer");
    expect(header(c)).toContain(REGION);
  });

  it("shows an empty agenda", () => {
    const c = channelAgendaCard({ locale: "nl", timeZone: TZ, regionName: REGION, meeting, agenda: [] });
    expect(visible(c)).toContain("Nog geen agendapunten.");
  });
});

describe("meetingListText and meetingListCard", () => {
  const meetings = [
    { startsAt: new Date("2027-03-29T12:00:00Z"), location: "Stadhuis" },
    { startsAt: new Date("2027-11-01T13:00:00Z") },
  ];

  it.each([
    [
      "nl",
      "*Geplande overleggen van Utrecht Stad*\n1. maandag 29 maart 2027 om 14:00 — Stadhuis\n2. maandag 1 november 2027 om 14:00",
    ],
    [
      "en",
      "*Planned meetings of Utrecht Stad*\n1. Monday 29 March 2027 at 14:00 — Stadhuis\n2. Monday 1 November 2027 at 14:00",
    ],
  ] as const)("numbers the upcoming meetings in local time (%s)", (locale, text) => {
    expect(meetingListText({ locale, timeZone: TZ, regionName: REGION, meetings })).toBe(text);
    expect(textBlocks(meetingListCard({ locale, timeZone: TZ, regionName: REGION, meetings }))).toContain(
      text,
    );
  });

  it.each([
    [
      "nl",
      "Er is nog geen overleg gepland voor *Utrecht Stad*. Een voorzitter plant er een met `overleg plannen «datum» «tijd» [plaats]`",
    ],
    [
      "en",
      "No meeting is planned for *Utrecht Stad* yet. A chair plans one with `meeting plan «date» «time» [place]`",
    ],
  ] as const)("says who can plan one when none is planned (%s)", (locale, text) => {
    expect(meetingListText({ locale, timeZone: TZ, regionName: REGION, meetings: [] })).toContain(text);
  });
});

describe("agendaCard", () => {
  it.each(locales)("shows the meeting and its items (%s)", (locale) => {
    const c = agendaCard({ locale, timeZone: TZ, regionName: REGION, meeting, items: agenda });
    expect(visible(c)).toContain(
      locale === "nl" ? "maandag 29 maart 2027 om 14:00" : "Monday 29 March 2027 at 14:00",
    );
    expect(visible(c)).toContain(
      `3. Overgang naar volwassenheid bij jongeren — _${locale === "nl" ? "Jeugd 18-/18+" : "Youth 18-/18+"}_`,
    );
  });

  it("cuts a long agenda without pointing at itself", () => {
    const c = agendaCard({
      locale: "nl",
      timeZone: TZ,
      regionName: REGION,
      meeting,
      items: longAgenda(40, 40),
    });
    const text = textBlocks(c).at(-1) ?? "";
    expect(text.split("\n")).toHaveLength(MAX_LIST_ENTRIES + 1);
    expect(text.split("\n").at(-1)).toBe(`… en nog ${40 - MAX_LIST_ENTRIES} agendapunten`);
  });
});

describe("agreementsCard", () => {
  it("lists agreements with Dutch labels for all four axes and the day (nl)", () => {
    const c = agreementsCard({ locale: "nl", regionName: REGION, agreements });
    expect(textBlocks(c)[0]).toBe(
      [
        "1. Eén loket voor mantelzorgers in de regio",
        "      _Effectief samenwerken in de wijk · Collectieve zorgverzekering minima · Samenwerkingsafspraken · Bovenregionaal — afgesproken op 14 januari 2027_",
        "2. Samen valpreventie organiseren",
        "      _Ouderen — afgesproken op 2 november 2026_",
      ].join("\n"),
    );
    expect(header(c)).toBe("Afspraken van Utrecht Stad");
  });

  it("in English", () => {
    const c = agreementsCard({ locale: "en", regionName: REGION, agreements });
    expect(visible(c)).toContain(
      "_Effective collaboration in the neighbourhood · Collective health insurance for low incomes · Collaboration agreements · Supra-regional — agreed on 14 January 2027_",
    );
  });

  it.each([
    ["nl", "Er zijn nog geen afspraken vastgelegd."],
    ["en", "No agreements have been recorded yet."],
  ] as const)("empty register (%s)", (locale, text) => {
    expect(textBlocks(agreementsCard({ locale, regionName: REGION, agreements: [] }))).toContain(text);
  });

  it("shortens a long agreement at a word, and keeps a link in it whole", () => {
    const link = "https://regio.example/documenten/convenant-2027-definitief-versie-3.pdf";
    const long = { text: `${"Afspraak over de samenwerking in de wijk ".repeat(7)}zie ${link} en verder` };
    const c = agreementsCard({ locale: "nl", regionName: REGION, agreements: [long] });
    const line = textBlocks(c)[0] ?? "";
    expect(line.endsWith("…")).toBe(true);
    expect(line.length).toBeLessThan(long.text.length);
    const withLink = agreementsCard({
      locale: "nl",
      regionName: REGION,
      agreements: [{ text: `Convenant: ${link}` }],
    });
    expect(textBlocks(withLink)[0]).toBe(`1. Convenant: ${link}`);
  });

  it("cuts a long register at 25 and says how many more there are", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ text: `Afspraak ${i + 1}` }));
    const text = textBlocks(agreementsCard({ locale: "nl", regionName: REGION, agreements: many }))[0] ?? "";
    expect(text).toContain("25. Afspraak 25");
    expect(text).not.toContain("26. Afspraak 26");
    expect(text.split("\n").at(-1)).toBe("… en nog 5 afspraken");
  });
});

describe("topicScopeCard", () => {
  const topics = [
    {
      topic: "preventie",
      theme: "preventie" as const,
      status: "forbidden" as const,
      reason: "Concurrentiegevoelig tussen verzekeraars (mededingingsrecht)",
    },
    { topic: "tarieven", status: "forbidden" as const },
    { topic: "Wachtlijsten", theme: "ggz" as const, status: "allowed" as const, reason: "Geen concurrentie" },
  ];

  it("lists forbidden topics with reasons and allowed ones separately (nl)", () => {
    const c = topicScopeCard({ locale: "nl", regionName: REGION, topics });
    expect(textBlocks(c)).toEqual([
      "*Niet te bespreken*\n• *Preventie*: Concurrentiegevoelig tussen verzekeraars (mededingingsrecht)\n• *tarieven*",
      "*Uitdrukkelijk toegestaan*\n• *Wachtlijsten* — _GGZ_: Geen concurrentie",
    ]);
    expect(c.fallbackText).toBe("Onderwerpen van Utrecht Stad: Preventie, tarieven");
  });

  it("in English", () => {
    const c = topicScopeCard({ locale: "en", regionName: REGION, topics });
    expect(textBlocks(c)[0]).toContain("*Not to be discussed*\n• *Prevention*: ");
    expect(textBlocks(c)[1]).toContain("• *Wachtlijsten* — _Mental health care (GGZ)_");
  });

  it.each([
    ["nl", "*Niet te bespreken*\nEr zijn geen onderwerpen uitgesloten."],
    ["en", "*Not to be discussed*\nNo topics are excluded."],
  ] as const)("nothing excluded (%s)", (locale, text) => {
    const c = topicScopeCard({ locale, regionName: REGION, topics: [] });
    expect(textBlocks(c)).toEqual([text]);
  });
});

describe("topicGuardCard", () => {
  const confirm = { id: "agenda_guard_confirm", value: "pending-7f3a" };
  const cancel = { id: "agenda_guard_cancel", value: "pending-7f3a" };

  it("shows the reason and asks to confirm with the given actions (nl)", () => {
    const c = topicGuardCard({
      locale: "nl",
      topic: "preventie",
      reason: "concurrentiegevoelig voor verzekeraars.",
      itemText: "Gezamenlijke campagne valpreventie",
      confirm,
      cancel,
    });
    expect(textBlocks(c)).toEqual([
      "Dit onderwerp is in deze regio afgesproken als niet te bespreken: concurrentiegevoelig voor verzekeraars. Toch toevoegen?",
    ]);
    expect(facts(c)).toEqual({ Agendapunt: "Gezamenlijke campagne valpreventie", Onderwerp: "Preventie" });
    expect(actions(c)).toEqual([
      { id: "agenda_guard_confirm", value: "pending-7f3a", label: "Toch toevoegen", style: "primary" },
      { id: "agenda_guard_cancel", value: "pending-7f3a", label: "Niet toevoegen" },
    ]);
    // The ids reach the platforms as action ids / verbs with the value.
    const slack = JSON.stringify(renderSlackBlocks(c));
    expect(slack).toContain('"action_id":"agenda_guard_confirm"');
    expect(slack).toContain('"action_id":"agenda_guard_cancel"');
    const teams = JSON.stringify(renderAdaptiveCard(c));
    expect(teams).toContain('"verb":"agenda_guard_confirm"');
    expect(teams).toContain('"value":"pending-7f3a"');
  });

  it("without a recorded reason, and in English", () => {
    const nl = topicGuardCard({
      locale: "nl",
      topic: "tarieven",
      itemText: "Tarieven 2028",
      confirm,
      cancel,
    });
    expect(textBlocks(nl)).toEqual([
      "Dit onderwerp is in deze regio afgesproken als niet te bespreken. Toch toevoegen?",
    ]);
    const en = topicGuardCard({
      locale: "en",
      topic: "tarieven",
      reason: "competition law",
      itemText: "Tarieven 2028",
      confirm,
      cancel,
    });
    expect(textBlocks(en)).toEqual([
      "This region agreed not to discuss this topic: competition law. Add it anyway?",
    ]);
    expect(actions(en).map((a) => a.label)).toEqual(["Add anyway", "Don't add"]);
  });
});

describe("handoverBriefingCard", () => {
  const input = (locale: Locale, overrides: Partial<Parameters<typeof handoverBriefingCard>[0]> = {}) => ({
    locale,
    timeZone: TZ,
    regionName: REGION,
    successorName: "Eva Mulder",
    predecessorName: "Jan de Boer",
    organisationName: "Gemeente Utrecht",
    organisationRole: "gemeente" as const,
    membershipRole: "ambtelijk" as const,
    handoverOn: "2027-02-01",
    agreements,
    openAgendaItems: agenda,
    nextMeetings: [meeting],
    otherContacts: contacts,
    ...overrides,
  });

  it("gives the successor everything named in the seeds (nl)", () => {
    const c = handoverBriefingCard(input("nl"));
    const [intro, role, made, open, next, others] = textBlocks(c);
    expect(header(c)).toBe("Welkom aan de regiotafel van Utrecht Stad");
    expect(intro).toBe(
      "Beste Eva Mulder, u volgt *Jan de Boer* op als contactpersoon van *Gemeente Utrecht* aan de regiotafel van *Utrecht Stad* per 1 februari 2027. Hieronder staat wat u nodig heeft om meteen mee te doen.",
    );
    expect(role).toBe(
      `*Uw rol aan tafel*\n${organisationRoleText("gemeente", "nl")} U bent het ambtelijk aanspreekpunt.`,
    );
    expect(role).toContain("Wmo");
    expect(made).toContain("*Gemaakte afspraken*\n1. Eén loket voor mantelzorgers in de regio");
    expect(open).toContain("*Open agendapunten*\n1. Opening en verslag vorige keer");
    expect(next).toBe(`*Komende overleggen*\n• maandag 29 maart 2027 om 14:00 — ${TEAMS_LINK}`);
    // Financiers first (gemeente, zorgverzekeraar, zorgkantoor), each with its type in words.
    expect(others).toBe(
      [
        "*Andere contactpersonen*",
        "• Anna de Wit — Gemeente Zeist (Gemeente)",
        "• Fleur Jansen — CZ (Zorgverzekeraar)",
        "• Piet Bakker — Zilveren Kruis (Zorgkantoor)",
        "• Kees Smit — Cliëntenraad Utrecht (Cliëntenorganisatie)",
      ].join("\n"),
    );
  });

  it("in English", () => {
    const c = handoverBriefingCard(
      input("en", { organisationRole: "zorgkantoor", membershipRole: undefined }),
    );
    const all = visible(c);
    expect(all).toContain(
      "Dear Eva Mulder, you succeed *Jan de Boer* as contact person of *Gemeente Utrecht*",
    );
    expect(all).toContain("from 1 February 2027");
    expect(all).toContain("*Your role at the table*\nThe care office runs long-term care (Wlz)");
    expect(all).toContain("*Upcoming meetings*\n• Monday 29 March 2027 at 14:00");
    expect(all).toContain("• Fleur Jansen — CZ (Health insurer)");
  });

  it.each([
    [
      "nl",
      [
        "*Gemaakte afspraken*\nEr zijn nog geen afspraken vastgelegd.",
        "*Open agendapunten*\nEr staan geen agendapunten open.",
        "*Komende overleggen*\nEr is nog geen overleg gepland.",
        "*Andere contactpersonen*\nEr zijn nog geen andere contactpersonen bekend.",
      ],
    ],
    [
      "en",
      [
        "*Agreements made*\nNo agreements recorded yet.",
        "*Open agenda items*\nThere are no open agenda items.",
        "*Upcoming meetings*\nNo meeting is planned yet.",
        "*Other contact persons*\nNo other contact persons are known yet.",
      ],
    ],
  ] as const)("a new region: every section says it is empty (%s)", (locale, sections) => {
    const c = handoverBriefingCard(
      input(locale, { agreements: [], openAgendaItems: [], nextMeetings: [], otherContacts: [] }),
    );
    for (const section of sections) expect(textBlocks(c)).toContain(section);
  });

  it("keeps a busy region's briefing short: ten agreements and items, with counts and pointers", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ text: `Afspraak ${i + 1}` }));
    const people = Array.from({ length: 60 }, (_, i) => ({
      name: `Persoon ${String(i + 1).padStart(2, "0")}`,
      organisationName: `Gemeente ${i + 1}`,
      organisationType: "gemeente" as const,
    }));
    const c = handoverBriefingCard(
      input("nl", { agreements: many, openAgendaItems: longAgenda(12, 30), otherContacts: people }),
    );
    const [, , made, open, , others] = textBlocks(c);
    expect(made?.split("\n").at(-1)).toBe("… en nog 4 afspraken (`afspraken` toont ze allemaal)");
    expect(made?.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(MAX_SECTION_ENTRIES);
    expect(open?.split("\n").at(-1)).toBe("… en nog 2 agendapunten (`agenda` toont ze allemaal)");
    expect(others?.split("\n").at(-1)).toBe(`… en nog ${60 - MAX_LIST_ENTRIES} contactpersonen`);
    for (const text of textBlocks(c)) expect(text.length).toBeLessThanOrEqual(3000);
  });
});

describe("handoverTaskCard", () => {
  const introduced = { id: "handover_introduced", value: "handover-42" };
  const base = {
    timeZone: TZ,
    regionName: REGION,
    successorName: "Eva Mulder",
    predecessorName: "Jan de Boer",
    organisationName: "Gemeente Utrecht",
    handoverOn: "2027-02-01",
    nextMeeting: meeting,
    introduced,
  };

  it("asks the chair to introduce the successor at the next meeting, with a button (nl)", () => {
    const c = handoverTaskCard({ locale: "nl", ...base });
    expect(textBlocks(c)[0]).toContain(
      "Wilt u Eva Mulder voorstellen tijdens het volgende overleg (maandag 29 maart 2027 om 14:00)?",
    );
    expect(facts(c)).toMatchObject({ Nieuw: "Eva Mulder", Vertrekt: "Jan de Boer", Per: "1 februari 2027" });
    expect(actions(c)).toEqual([
      { id: "handover_introduced", value: "handover-42", label: "Geïntroduceerd", style: "primary" },
    ]);
  });

  it("without a planned meeting, in English", () => {
    const c = handoverTaskCard({ locale: "en", ...base, nextMeeting: null });
    expect(textBlocks(c)[0]).toContain("Would you introduce Eva Mulder at the next meeting?");
    expect(facts(c)["Next meeting"]).toBe("not planned yet");
    expect(actions(c).map((a) => a.label)).toEqual(["Introduced"]);
  });

  it("once marked, shows when and drops the button", () => {
    const c = handoverTaskCard({ locale: "nl", ...base, introducedAt: new Date("2027-03-29T13:30:00Z") });
    expect(actions(c)).toEqual([]);
    expect(textBlocks(c)[0]).toContain(
      "is voorgesteld aan tafel; gemarkeerd op maandag 29 maart 2027 om 15:30",
    );
  });
});

describe("handoverNoticeCard", () => {
  it.each([
    [
      "nl",
      "Per 1 februari 2027 neemt *Eva Mulder* het stokje over van *Jan de Boer* als contactpersoon van *Gemeente Utrecht* (Gemeente) aan de regiotafel van *Utrecht Stad*.",
    ],
    [
      "en",
      "From 1 February 2027, *Eva Mulder* takes over from *Jan de Boer* as contact person of *Gemeente Utrecht* (Municipality) at the regional table of *Utrecht Stad*.",
    ],
  ] as const)("tells the insurer and care office who replaces whom from when (%s)", (locale, text) => {
    const c = handoverNoticeCard({
      locale,
      regionName: REGION,
      predecessorName: "Jan de Boer",
      successorName: "Eva Mulder",
      organisationName: "Gemeente Utrecht",
      organisationType: "gemeente",
      handoverOn: "2027-02-01",
    });
    expect(textBlocks(c)).toEqual([text]);
  });
});

describe("handoverReminderCard", () => {
  const base = {
    regionName: REGION,
    predecessorName: "Jan de Boer",
    organisationName: "Gemeente Utrecht",
    handoverOn: "2027-02-01",
  };

  it("asks to name a successor when none is known", () => {
    const nl = handoverReminderCard({ locale: "nl", ...base, status: "started" });
    expect(header(nl)).toBe("Herinnering: opvolger gezocht");
    expect(textBlocks(nl)[0]).toContain("maar er is nog geen opvolger genoemd");
    expect(visible(nl)).toContain("`overdracht <@oud> <@nieuw> [datum]`");
    const en = handoverReminderCard({ locale: "en", ...base, successorName: null, status: "started" });
    expect(header(en)).toBe("Reminder: successor needed");
  });

  it.each([
    ["nl", "started", "○ Voorgesteld aan tafel\n○ Ingewerkt\n○ Afgerond"],
    ["nl", "introduced", "✓ Voorgesteld aan tafel\n○ Ingewerkt\n○ Afgerond"],
    ["en", "briefed", "✓ Introduced at the table\n✓ Briefed\n○ Completed"],
  ] as const)("shows the steps done and to do (%s, %s)", (locale, status, checklist) => {
    const c = handoverReminderCard({ locale, ...base, successorName: "Eva Mulder", status, number: 2 });
    expect(textBlocks(c)).toContain(checklist);
    expect(visible(c)).toContain("`overdracht klaar 2`");
  });
});

describe("handoverListCard", () => {
  it.each([
    ["nl", "Er lopen geen overdrachten."],
    ["en", "No handovers are under way."],
  ] as const)("empty (%s)", (locale, text) => {
    expect(textBlocks(handoverListCard({ locale, regionName: REGION, handovers: [] }))).toEqual([text]);
  });

  it("numbers the open handovers with their step in words", () => {
    const c = handoverListCard({
      locale: "nl",
      regionName: REGION,
      handovers: [
        {
          predecessorName: "Jan de Boer",
          successorName: "Eva Mulder",
          organisationName: "Gemeente Utrecht",
          handoverOn: "2027-02-01",
          status: "introduced",
        },
        { predecessorName: "Piet Bakker", successorName: null, handoverOn: "2027-03-01", status: "started" },
      ],
    });
    expect(textBlocks(c)).toEqual([
      "1. Jan de Boer → Eva Mulder (Gemeente Utrecht), per 1 februari 2027: voorgesteld aan tafel\n2. Piet Bakker → _opvolger nog onbekend_, per 1 maart 2027: gestart",
    ]);
    expect(c.fallbackText).toBe(
      "Lopende overdrachten — Utrecht Stad: 1. Jan de Boer → Eva Mulder (Gemeente Utrecht), per 1 februari 2027: voorgesteld aan tafel",
    );
  });
});

describe("escalationCard", () => {
  it.each([
    [
      "nl",
      "Hulpvraag uit Utrecht Stad",
      "Gevraagd door",
      "Eva Mulder, Gemeente Utrecht (Gemeente)",
      "maandag 29 maart 2027 om 14:00",
    ],
    [
      "en",
      "Request for support from Utrecht Stad",
      "Asked by",
      "Eva Mulder, Gemeente Utrecht (Municipality)",
      "Monday 29 March 2027 at 14:00",
    ],
  ] as const)("names the region, who asked and the question (%s)", (locale, title, askedBy, who, when) => {
    const c = escalationCard({
      locale,
      timeZone: TZ,
      regionName: REGION,
      askedBy: { name: "Eva Mulder", organisationName: "Gemeente Utrecht", organisationType: "gemeente" },
      text: "Wij zoeken een procesbegeleider voor de werkagenda.",
      askedAt: new Date("2027-03-29T12:00:00Z"),
    });
    expect(header(c)).toBe(title);
    expect(textBlocks(c)).toContain("Wij zoeken een procesbegeleider voor de werkagenda.");
    expect(facts(c)[askedBy]).toBe(who);
    expect(Object.values(facts(c))).toContain(when);
    expect(Object.values(facts(c))).toContain(REGION);
  });
});

describe("no raw enum values reach a reader", () => {
  const every = (locale: Locale): Card[] => {
    const all: Card[] = [
      meetingReminderCard({ locale, timeZone: TZ, regionName: REGION, meeting, offsetDays: 7, agenda }),
      channelAgendaCard({ locale, timeZone: TZ, regionName: REGION, meeting, agenda }),
      meetingListCard({ locale, timeZone: TZ, regionName: REGION, meetings: [meeting] }),
      agendaCard({ locale, timeZone: TZ, regionName: REGION, meeting, items: agenda }),
      agreementsCard({ locale, regionName: REGION, agreements }),
      topicScopeCard({
        locale,
        regionName: REGION,
        topics: [
          { topic: "ggz", theme: "ggz", status: "forbidden", reason: "Concurrentie" },
          { topic: "#jeugd", status: "allowed" },
          { topic: "Wijkteams", theme: "wijk", status: "allowed" },
        ],
      }),
      topicGuardCard({
        locale,
        topic: "ggz",
        reason: "Concurrentie",
        itemText: "Bedden in de kliniek",
        confirm: { id: "a", value: "1" },
        cancel: { id: "b", value: "1" },
      }),
      escalationCard({
        locale,
        timeZone: TZ,
        regionName: REGION,
        askedBy: { name: "Eva", organisationName: "Raad", organisationType: "clientenorganisatie" },
        text: "Hulp gevraagd",
        askedAt: meeting.startsAt,
      }),
      handoverListCard({
        locale,
        regionName: REGION,
        handovers: HANDOVER_STATUSES.map((status) => ({
          predecessorName: "Jan",
          successorName: "Eva",
          handoverOn: "2027-02-01",
          status,
        })),
      }),
      ...HANDOVER_STATUSES.map((status) =>
        handoverReminderCard({
          locale,
          regionName: REGION,
          predecessorName: "Jan",
          successorName: "Eva",
          organisationName: "Raad",
          handoverOn: "2027-02-01",
          status,
        }),
      ),
      handoverTaskCard({
        locale,
        timeZone: TZ,
        regionName: REGION,
        successorName: "Eva",
        predecessorName: "Jan",
        organisationName: "Raad",
        handoverOn: "2027-02-01",
        introduced: { id: "i", value: "1" },
      }),
    ];
    for (const type of ORGANISATION_TYPES) {
      for (const role of MEMBERSHIP_ROLES) {
        all.push(
          handoverBriefingCard({
            locale,
            timeZone: TZ,
            regionName: REGION,
            successorName: "Eva",
            predecessorName: "Jan",
            organisationName: "Raad",
            organisationRole: type,
            membershipRole: role,
            agreements: [
              ...agreements,
              ...INSTRUMENTS.map((instrument, i) => ({
                text: `Afspraak ${i}`,
                instrument,
                form: COLLABORATION_FORMS[i % COLLABORATION_FORMS.length],
                geography: GEOGRAPHIES[i % GEOGRAPHIES.length],
                theme: THEMES[i % THEMES.length],
              })),
            ],
            openAgendaItems: THEMES.map((theme, i) => ({ position: i + 1, text: `Punt ${i}`, theme })),
            nextMeetings: [meeting],
            otherContacts: ORGANISATION_TYPES.map((t, i) => ({
              name: `Persoon ${i}`,
              organisationName: `Organisatie ${i}`,
              organisationType: t,
            })),
          }),
        );
        all.push(
          handoverNoticeCard({
            locale,
            regionName: REGION,
            predecessorName: "Jan",
            successorName: "Eva",
            organisationName: "Raad",
            organisationType: type,
            handoverOn: "2027-02-01",
          }),
        );
      }
    }
    return all;
  };

  // Words that are also ordinary Dutch ("de gemeente", "ambtelijk aanspreekpunt") or English ("completed")
  // are only checked in the other language; everything with an underscore or a hash is checked in both.
  const rawIn = {
    nl: [
      ...THEMES.filter((t) => t !== "wijk"),
      ...INSTRUMENTS,
      ...COLLABORATION_FORMS,
      ...GEOGRAPHIES,
      "clientenorganisatie",
      ...HANDOVER_STATUSES,
    ],
    en: [
      ...THEMES,
      ...INSTRUMENTS,
      ...COLLABORATION_FORMS,
      ...GEOGRAPHIES,
      ...ORGANISATION_TYPES,
      ...MEMBERSHIP_ROLES,
    ],
  };

  it.each(locales)("%s", (locale) => {
    for (const card of every(locale)) {
      const text = visible(card);
      for (const raw of rawIn[locale])
        expect(text).not.toMatch(new RegExp(`(^|[^\\p{L}])${raw}([^\\p{L}]|$)`, "u"));
      // "#thema" in a command hint is syntax, a "#ggz" would be a raw value.
      for (const theme of THEMES) expect(text).not.toContain(`#${theme}`);
      expect(text).not.toMatch(/undefined|null|NaN|Invalid DateTime/);
    }
  });
});

describe("shorten", () => {
  it("leaves short text alone and cuts long text at a word", () => {
    expect(shorten("  Kort  ", 20)).toBe("Kort");
    expect(shorten("Dit is een heel lange zin die afgekapt moet worden", 30)).toBe(
      "Dit is een heel lange zin die…",
    );
  });

  it("never cuts a link", () => {
    const link = "https://example.org/een/heel/lang/pad/naar/een/document.pdf";
    expect(shorten(`Bekijk ${link} voor meer`, 20)).toBe("Bekijk…");
    expect(shorten(`${link} en dan nog meer tekst`, 20)).toBe(`${link} …`);
    expect(shorten(link, 10)).toBe(link);
  });

  it("never splits an emoji", () => {
    const text = "🙂".repeat(50);
    const short = shorten(text, 10);
    expect(Array.from(short)).toHaveLength(10);
    expect(short).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
