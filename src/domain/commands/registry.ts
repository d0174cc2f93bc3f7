import type { Locale } from "../vocabulary.js";
import type { CommandName } from "./command.js";
import { GROUPS, SPECS } from "./command-specs.js";
import { type Argument, COMMAND_GROUPS, type CommandGroup, type CommandSpec } from "./registry-types.js";

/**
 * The one command registry, read: the parser's dispatch, `help`, the usage answers, the permission checks and
 * both platforms' manifests are made from it (the contents are in `command-specs.ts`, the shape in
 * `registry-types.ts`), so they cannot drift apart.
 */

export { GROUPS } from "./command-specs.js";
export * from "./registry-types.js";

/** Every command, in the order the help shows them (a command missing from SPECS fails the typecheck). */
export const COMMANDS: readonly CommandSpec[] = Object.entries(SPECS).map(([name, spec]) => ({
  name: name as CommandName,
  ...spec,
}));

/** `koppel landelijk`: the same command with a fixed argument, for the national coordinators. */
export const NATIONAL_REGION_WORDS: readonly string[] = ["landelijk", "national"];

const BY_NAME = new Map(COMMANDS.map((spec) => [spec.name, spec]));

export function commandSpec(name: CommandName): CommandSpec {
  const spec = BY_NAME.get(name);
  // The registry test lists every command name: a gap is a programming error.
  if (!spec) throw new TypeError(`no registry entry for ${name}`);
  return spec;
}

export function commandsOf(group: CommandGroup): CommandSpec[] {
  return COMMANDS.filter((spec) => spec.group === group);
}

/** The word the help and the Teams menu show for a group, in a language. */
export function commandWord(group: CommandGroup, locale: Locale): string {
  const { words } = GROUPS[group];
  return (locale === "en" ? words.en[0] : undefined) ?? words.nl[0] ?? group;
}

const GROUP_OF_WORD: ReadonlyMap<string, CommandGroup> = new Map(
  COMMAND_GROUPS.flatMap((group) =>
    [...GROUPS[group].words.nl, ...GROUPS[group].words.en].map((word) => [word, group] as const),
  ),
);

/** The group a typed top-level word belongs to (any language, any case), or undefined. */
export function commandGroupOf(word: string): CommandGroup | undefined {
  return GROUP_OF_WORD.get(word.trim().toLowerCase());
}

/** Every top-level word and the group it starts, both languages: what a typo is compared with. */
export function allGroupWords(): [string, CommandGroup][] {
  return [...GROUP_OF_WORD.entries()];
}

/** Which top-level word each command starts with. */
export const COMMAND_GROUP: Readonly<Record<CommandName, CommandGroup>> = Object.fromEntries(
  COMMANDS.map((spec) => [spec.name, spec.group]),
) as Record<CommandName, CommandGroup>;

/** The words that choose a command after its group's word, all languages, lower case. */
export function wordsOf(spec: CommandSpec): string[] {
  return [...new Set([...spec.words.nl, ...spec.words.en])];
}

/** The command's words as shown: `agenda toevoegen`, `meeting plan`, `overleg`. */
export function commandPhrase(spec: CommandSpec, locale: Locale): string {
  const group = spec.groupWord?.[locale] ?? commandWord(spec.group, locale);
  const sub = spec.bare ? undefined : ((locale === "en" ? spec.words.en[0] : undefined) ?? spec.words.nl[0]);
  return sub ? `${group} ${sub}` : group;
}

export function placeholder(argument: Argument, locale: Locale): string {
  const word = argument.word[locale];
  return argument.optional ? `[${word}]` : `«${word}»`;
}

/** What to type: the words and the arguments, `agenda toevoegen «tekst» [#thema]`. */
export function commandForm(spec: CommandSpec, locale: Locale): string {
  return [commandPhrase(spec, locale), ...spec.args.map((a) => placeholder(a, locale))].join(" ");
}

/** One help line's text: `` `agenda toevoegen «tekst» [#thema]` — zet een punt op de agenda … ``. */
export function usageLine(spec: CommandSpec, locale: Locale): string {
  return `\`${commandForm(spec, locale)}\` — ${spec.summary[locale]}`;
}

/** The answer to a command typed wrongly: how it is written, with an example. */
export function usage(name: CommandName, locale: Locale): string {
  const spec = commandSpec(name);
  const example = spec.example
    ? `, ${locale === "en" ? "for example" : "bijvoorbeeld"} \`${spec.example[locale]}\``
    : "";
  return `${locale === "en" ? "Usage" : "Gebruik"}: ${usageLine(spec, locale)}${example}`;
}
