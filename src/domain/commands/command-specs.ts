import type { CommandName } from "./command.js";
import type { Argument, CommandGroup, CommandSpec, GroupSpec } from "./registry-types.js";

/**
 * The registry's contents: every group of commands and every command, Dutch words first. Change a command
 * here; `npm run manifests` carries the change into the platforms' manifests.
 */

const arg = (nl: string, en: string, optional?: true): Argument =>
  optional ? { word: { nl, en }, optional } : { word: { nl, en } };

const DATE = arg("datum", "date");
const TIME = arg("tijd", "time");
const N = arg("n", "n");
const TEXT = arg("tekst", "text");

export const GROUPS: Readonly<Record<CommandGroup, GroupSpec>> = {
  help: {
    words: { nl: ["help", "hulp", "?"], en: ["help"] },
    title: { nl: "Help", en: "Help" },
    menu: { nl: "Wat u met Regiotafel kunt doen", en: "What you can do with Regiotafel" },
  },
  meeting: {
    words: { nl: ["overleg", "overleggen"], en: ["meeting", "meetings"] },
    title: { nl: "Overleg", en: "Meetings" },
    menu: { nl: "Overleg", en: "Meetings" },
    note: {
      nl: "Datums: `14-01-2027`, `2027-01-14`, `14 jan`, `vandaag`, `morgen`, `overmorgen`, `donderdag` of `volgende donderdag` (de eerste donderdag ná vandaag), `volgende week donderdag` (de donderdag van volgende week). Tijden: `14:00`, `14.00`, `9:30`, `14u`, `14 uur`.",
      en: "Dates: `14-01-2027`, `2027-01-14`, `14 Jan`, `today`, `tomorrow`, `thursday` or `next thursday` (the first Thursday after today), `next week thursday` (the Thursday of next week). Times: `14:00`, `14.00`, `9:30`, `2pm`.",
    },
  },
  agenda: {
    words: { nl: ["agenda"], en: [] },
    title: { nl: "Agenda", en: "Agenda" },
    menu: { nl: "De agenda", en: "The agenda" },
  },
  agreement: {
    words: { nl: ["afspraken", "afspraak"], en: ["agreements", "agreement"] },
    title: { nl: "Afspraken", en: "Agreements" },
    menu: { nl: "Register van afspraken", en: "Register of agreements" },
  },
  topics: {
    words: { nl: ["onderwerpen", "onderwerp"], en: ["topics", "topic"] },
    title: { nl: "Onderwerpen", en: "Topics" },
    menu: { nl: "Wat de tafel niet bespreekt", en: "What the table does not discuss" },
    note: {
      nl: 'Zet een onderwerp van meer woorden tussen aanhalingstekens: `onderwerpen verbieden "zorginkoop tarieven" mededinging`; anders is het eerste woord het onderwerp en de rest de reden. Een thema kan ook: `onderwerpen verbieden #preventie`.',
      en: 'Put a topic of several words in quotes: `topics forbid "purchasing prices" competition law`; otherwise the first word is the topic and the rest the reason. A theme works too: `topics forbid #preventie`.',
    },
  },
  handover: {
    words: { nl: ["overdracht", "overdrachten"], en: ["handover", "handovers"] },
    title: { nl: "Overdracht", en: "Handovers" },
    menu: { nl: "Overdracht aan een opvolger", en: "Handover to a successor" },
    note: {
      nl: "Kies de personen na @ uit de lijst die verschijnt, of typ hun e-mailadres.",
      en: "Pick the people after @ from the list that appears, or type their e-mail address.",
    },
  },
  escalate: {
    words: { nl: ["hulpvraag"], en: ["support", "help-request"] },
    title: { nl: "Hulpvraag", en: "Support" },
    menu: { nl: "Ondersteuning vragen", en: "Ask for support" },
  },
  bind: {
    words: { nl: ["koppel"], en: ["bind"] },
    title: { nl: "Kanaal koppelen", en: "Binding a channel" },
    menu: { nl: "Een teamkanaal aan een regio koppelen", en: "Bind a team channel to a region" },
    note: {
      nl: "De landelijke coördinatoren maken met `koppel landelijk` een kanaal het kanaal voor hulpvragen.",
      en: "The national coordinators make a channel the one for support requests with `bind national`.",
    },
  },
  summary: {
    words: { nl: ["samenvatting"], en: ["summary"] },
    title: { nl: "Samenvatting", en: "Summary" },
    menu: { nl: "Samenvatting van de vragenlijst", en: "Summary of the survey" },
  },
};

const LIST_WORDS = { nl: ["lijst"], en: ["list"] } as const;
const ADD_WORDS = { nl: ["toevoegen", "voegtoe", "voeg-toe"], en: ["add"] } as const;

export const SPECS: { readonly [N in CommandName]: Omit<CommandSpec, "name"> } = {
  "meeting.list": {
    group: "meeting",
    words: LIST_WORDS,
    bare: true,
    args: [],
    who: "contact",
    where: "anywhere",
    summary: {
      nl: "de komende overleggen van de regio, genummerd",
      en: "the region's upcoming meetings, numbered",
    },
  },
  "meeting.plan": {
    group: "meeting",
    words: { nl: ["plannen", "plan", "nieuw"], en: ["plan", "schedule", "new"] },
    args: [DATE, TIME, arg("plaats of link", "place or link", true)],
    who: "chair",
    where: "anywhere",
    summary: { nl: "plan een overleg", en: "plan a meeting" },
    detail: {
      nl: "De contactpersonen krijgen een week en een dag vooraf een herinnering.",
      en: "The contact persons are reminded a week and a day before.",
    },
    example: {
      nl: "overleg plannen 14-01-2027 14:00 Stadhuis Utrecht",
      en: "meeting plan 14-01-2027 14:00 Utrecht town hall",
    },
  },
  "meeting.reschedule": {
    group: "meeting",
    words: { nl: ["verplaatsen", "verplaats"], en: ["move", "reschedule"] },
    args: [N, DATE, TIME],
    who: "chair",
    where: "anywhere",
    summary: {
      nl: "verplaats overleg n (het nummer uit `overleg`)",
      en: "move meeting n (its number in `meeting`)",
    },
    detail: { nl: "De herinneringen gaan mee.", en: "The reminders move with it." },
    example: {
      nl: "overleg verplaatsen 1 volgende donderdag 10:00",
      en: "meeting move 1 next thursday 10:00",
    },
  },
  "meeting.cancel": {
    group: "meeting",
    words: { nl: ["annuleren", "annuleer"], en: ["cancel"] },
    args: [N],
    who: "chair",
    where: "anywhere",
    summary: { nl: "annuleer overleg n", en: "cancel meeting n" },
    example: { nl: "overleg annuleren 2", en: "meeting cancel 2" },
  },
  "agenda.show": {
    group: "agenda",
    words: { nl: [], en: [] },
    bare: true,
    args: [arg("n", "n", true)],
    who: "contact",
    where: "anywhere",
    summary: {
      nl: "de agenda van het volgende overleg, of van overleg n",
      en: "the agenda of the next meeting, or of meeting n",
    },
    example: { nl: "agenda 2", en: "agenda 2" },
  },
  "agenda.add": {
    group: "agenda",
    words: ADD_WORDS,
    args: [TEXT, arg("#thema", "#theme", true)],
    who: "chair",
    where: "anywhere",
    summary: {
      nl: "zet een punt op de agenda van het volgende overleg",
      en: "add an item to the next meeting's agenda",
    },
    detail: {
      nl: "Raakt het punt een onderwerp dat de tafel niet bespreekt, dan vraag ik eerst of het toch op de agenda moet.",
      en: "When the item touches a topic the table does not discuss, I ask first whether it should go on the agenda anyway.",
    },
    example: {
      nl: "agenda toevoegen Wachtlijsten jeugdzorg #jeugd",
      en: "agenda add Waiting lists in youth care #jeugd",
    },
  },
  "agenda.remove": {
    group: "agenda",
    words: { nl: ["verwijderen", "verwijder"], en: ["remove", "delete"] },
    args: [N],
    who: "chair",
    where: "anywhere",
    summary: { nl: "haal punt n van de agenda", en: "take item n off the agenda" },
    example: { nl: "agenda verwijderen 2", en: "agenda remove 2" },
  },
  "agenda.move": {
    group: "agenda",
    words: { nl: ["verplaatsen", "verplaats"], en: ["move"] },
    args: [N, arg("positie", "position")],
    who: "chair",
    where: "anywhere",
    summary: { nl: "zet punt n op een andere plaats", en: "put item n in another place" },
    example: { nl: "agenda verplaatsen 3 1", en: "agenda move 3 1" },
  },
  "agreement.list": {
    group: "agreement",
    words: LIST_WORDS,
    bare: true,
    args: [],
    who: "contact",
    where: "anywhere",
    summary: { nl: "het register van afspraken van de regio", en: "the region's register of agreements" },
  },
  "agreement.add": {
    group: "agreement",
    words: ADD_WORDS,
    groupWord: { nl: "afspraak", en: "agreement" },
    args: [
      TEXT,
      arg("#thema", "#theme", true),
      arg("#instrument", "#instrument", true),
      arg("#vorm", "#form", true),
      arg("#geografie", "#geography", true),
    ],
    who: "chair",
    where: "anywhere",
    summary: { nl: "leg een afspraak vast", en: "record an agreement" },
    example: {
      nl: "afspraak toevoegen Eén loket voor mantelzorgers #ouderen #werkwijze",
      en: "agreement add One desk for carers #ouderen #werkwijze",
    },
  },
  "topics.list": {
    group: "topics",
    words: LIST_WORDS,
    bare: true,
    args: [],
    who: "contact",
    where: "anywhere",
    summary: {
      nl: "welke onderwerpen deze tafel wel en niet bespreekt",
      en: "which topics this table does and does not discuss",
    },
  },
  "topics.forbid": {
    group: "topics",
    words: { nl: ["verbieden", "verbied"], en: ["forbid"] },
    args: [arg("onderwerp", "topic"), arg("reden", "reason", true)],
    who: "chair",
    where: "anywhere",
    summary: { nl: "deze tafel bespreekt het onderwerp niet", en: "this table does not discuss the topic" },
    example: {
      nl: 'onderwerpen verbieden "zorginkoop tarieven" mededinging',
      en: 'topics forbid "purchasing prices" competition law',
    },
  },
  "topics.allow": {
    group: "topics",
    words: { nl: ["toestaan", "sta-toe", "sta toe", "statoe"], en: ["allow"] },
    args: [arg("onderwerp", "topic")],
    who: "chair",
    where: "anywhere",
    summary: { nl: "het onderwerp mag weer besproken worden", en: "the topic may be discussed again" },
    example: { nl: 'onderwerpen toestaan "zorginkoop tarieven"', en: 'topics allow "purchasing prices"' },
  },
  "handover.list": {
    group: "handover",
    words: LIST_WORDS,
    bare: true,
    args: [],
    who: "contact",
    where: "anywhere",
    summary: { nl: "de lopende overdrachten, genummerd", en: "the handovers under way, numbered" },
  },
  "handover.start": {
    group: "handover",
    words: { nl: ["starten", "start"], en: ["start"] },
    wordOptional: true,
    args: [arg("@oud", "@old"), arg("@nieuw", "@new"), arg("datum", "date", true)],
    who: "chair",
    where: "anywhere",
    summary: {
      nl: "start de overdracht van een contactpersoon aan een opvolger, per datum (standaard vandaag)",
      en: "start the handover of a contact person to a successor, from a date (today if left out)",
    },
    detail: {
      nl: "De opvolger krijgt een inwerkkaart, de voorzitter de taak om de opvolger aan tafel voor te stellen.",
      en: "The successor receives a briefing, the chair a task to introduce the successor at the table.",
    },
    example: {
      nl: "overdracht starten jan@utrecht.nl piet@utrecht.nl 1 maart",
      en: "handover start jan@utrecht.nl piet@utrecht.nl 1 March",
    },
  },
  "handover.done": {
    group: "handover",
    words: { nl: ["klaar", "gereed"], en: ["done"] },
    args: [N],
    who: "chair",
    where: "anywhere",
    summary: {
      nl: "zet overdracht n een stap verder: voorgesteld aan tafel, ingewerkt, afgerond",
      en: "move handover n one step on: introduced at the table, briefed, completed",
    },
    example: { nl: "overdracht klaar 1", en: "handover done 1" },
  },
  escalate: {
    group: "escalate",
    words: { nl: [], en: [] },
    args: [TEXT],
    who: "contact",
    where: "anywhere",
    summary: {
      nl: "vraag de landelijke coördinatoren om ondersteuning",
      en: "ask the national coordinators for support",
    },
    detail: {
      nl: "De vraag wordt vastgelegd voor het venster.",
      en: "The request is recorded for the venster.",
    },
    example: {
      nl: "hulpvraag Wij komen er met de zorgverzekeraar niet uit",
      en: "support We cannot agree with the insurer",
    },
  },
  bind: {
    group: "bind",
    words: { nl: [], en: [] },
    args: [arg("regio", "region")],
    who: "chair",
    where: "channel",
    summary: {
      nl: "koppel dit kanaal aan een regio (slug of naam)",
      en: "bind this channel to a region (slug or name)",
    },
    detail: {
      nl: "Typ het in het kanaal dat u wilt koppelen; in Slack kan een beheerder van de werkruimte het ook.",
      en: "Type it in the channel you want to bind; in Slack a workspace administrator can do it too.",
    },
    example: { nl: "koppel utrecht-stad", en: "bind utrecht-stad" },
  },
  summary: {
    group: "summary",
    words: { nl: [], en: [] },
    args: [],
    who: "everyone",
    where: "region-channel",
    summary: {
      nl: "plaats de samenvatting van de laatste vragenlijstronde van de regio van dit kanaal",
      en: "post the summary of the latest survey round of this channel's region",
    },
  },
  help: {
    group: "help",
    words: { nl: [], en: [] },
    args: [arg("commando", "command", true)],
    who: "everyone",
    where: "anywhere",
    summary: {
      nl: "wat u kunt doen, of meer over één commando",
      en: "what you can do, or more about one command",
    },
    example: { nl: "help agenda", en: "help agenda" },
  },
};
