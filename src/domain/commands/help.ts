import type { Locale } from "../vocabulary.js";
import type { CommandName } from "./command.js";
import { AXIS_NAMES, type Axis, axisList } from "./labels.js";
import {
  COMMAND_GROUPS,
  type CommandGroup,
  type CommandSpec,
  commandForm,
  commandPhrase,
  commandSpec,
  commandsOf,
  GROUPS,
  type Texts,
  usageLine,
  wordsOf,
} from "./registry.js";

/**
 * `help`, made from the registry: what this person can do here (a contact person's commands, a chair's too,
 * the national coordinators' one), one line per group; and `help <commando>` with every detail.
 */

/** The person's place at the table the help is about: the channel's region, or in a direct message any. */
export type TableRole = "none" | "contact" | "chair";
/** Where `help` was asked: a channel bound to a region, the national coordinators' channel, or elsewhere. */
export type HelpPlace = "region-channel" | "national-channel" | "elsewhere";
export type HelpViewer = { role: TableRole; coordinator: boolean; place: HelpPlace };

export const HELP_TITLE: Texts = { nl: "*Regiotafel-commando's*", en: "*Regiotafel commands*" };

/** Whether the registry lets this person run the command here (the use cases check it again, with the data). */
export function mayUse(spec: CommandSpec, viewer: HelpViewer): boolean {
  const who =
    spec.who === "everyone" ||
    (spec.who === "contact" && viewer.role !== "none") ||
    (spec.who === "chair" && viewer.role === "chair") ||
    (spec.who === "coordinator" && viewer.coordinator);
  const where =
    spec.where === "anywhere" ||
    (spec.where === "channel" && viewer.place !== "national-channel") ||
    (spec.where === "region-channel" && viewer.place === "region-channel");
  return who && where;
}

/** How a further command of a group is named in its help line: its words, or its form when it has none. */
const shortName = (spec: CommandSpec, locale: Locale) =>
  spec.words.nl.length === 0 ? commandForm(spec, locale) : commandPhrase(spec, locale);

export function helpText(locale: Locale, viewer: HelpViewer): string {
  const lines = [HELP_TITLE[locale]];
  for (const group of COMMAND_GROUPS.filter((g) => g !== "help")) {
    const [lead, ...more] = commandsOf(group).filter((spec) => mayUse(spec, viewer));
    if (!lead) continue;
    const also = more.length
      ? `; ${locale === "en" ? "also" : "ook"} ${more.map((s) => `\`${shortName(s, locale)}\``).join(", ")}`
      : "";
    lines.push(`• ${usageLine(lead, locale)}${also}`);
  }
  if (viewer.coordinator && viewer.place !== "region-channel") {
    lines.push(
      locale === "en"
        ? "• `bind national` — make this channel the national coordinators' channel for support requests"
        : "• `koppel landelijk` — maak dit kanaal het kanaal van de landelijke coördinatoren voor hulpvragen",
    );
  }
  if (viewer.role === "none") {
    lines.push(
      locale === "en"
        ? "You are not a contact person of a regional table here; the chair of your region can add you."
        : "U bent hier geen contactpersoon van een regiotafel; de voorzitter van uw regio kan u toevoegen.",
    );
  }
  lines.push(
    locale === "en"
      ? "More about a command: `help «command»`, for example `help agenda`."
      : "Meer over een commando: `help «commando»`, bijvoorbeeld `help agenda`.",
  );
  return lines.join("\n");
}

const WHO: Record<CommandSpec["who"], Texts | undefined> = {
  everyone: undefined,
  contact: undefined,
  chair: { nl: "alleen de voorzitter", en: "chairs only" },
  coordinator: { nl: "alleen de landelijke coördinatoren", en: "national coordinators only" },
};

const LABEL_AXES: Partial<Record<CommandGroup, readonly Axis[]>> = {
  agenda: ["theme"],
  agreement: ["theme", "instrument", "form", "geography"],
};

function detailLine(spec: CommandSpec, locale: Locale): string {
  const who = WHO[spec.who];
  const parts = [
    `• ${usageLine(spec, locale)}${who ? `; ${who[locale]}` : ""}.`,
    spec.detail?.[locale],
    spec.example
      ? `${locale === "en" ? "For example" : "Bijvoorbeeld"}: \`${spec.example[locale]}\`.`
      : undefined,
  ];
  return parts.filter(Boolean).join(" ");
}

/** `help agenda`, `help agenda toevoegen`: every command of the group (or the one), with the group's notes. */
export function commandHelp(locale: Locale, about: { group: CommandGroup; command?: CommandName }): string {
  const specs = about.command ? [commandSpec(about.command)] : commandsOf(about.group);
  const { title, note, words } = GROUPS[about.group];
  const lines = [`*${title[locale]}*`, ...specs.map((spec) => detailLine(spec, locale))];
  const axes = LABEL_AXES[about.group];
  if (axes) {
    const labels = axes.map((axis) => `${AXIS_NAMES[axis][locale].toLowerCase()} ${axisList(axis)}`);
    lines.push(`Labels: ${labels.join("; ")}.`);
  }
  if (note) lines.push(note[locale]);
  const leadWords = new Set(specs.map((spec) => commandPhrase(spec, locale)).flatMap((p) => p.split(" ")));
  const others = [
    ...new Set([...words.nl, ...words.en, ...specs.flatMap(wordsOf)].filter((w) => !leadWords.has(w))),
  ];
  if (others.length) {
    const label = locale === "en" ? "Other words" : "Andere woorden";
    lines.push(`${label}: ${others.map((w) => `\`${w}\``).join(", ")}.`);
  }
  return lines.join("\n");
}
