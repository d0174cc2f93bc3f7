import type { Locale } from "../vocabulary.js";

/**
 * The one command grammar behind Slack's `/regiotafel …` and Teams messages. Dutch words first, English
 * aliases accepted. A parse error answers with the usage of that command.
 */
export type Command = { name: "help" } | { name: "bind"; region: string } | { name: "summary" };

export type ParsedCommand = { ok: true; command: Command } | { ok: false; message: string };

const ALIASES: Record<string, Command["name"]> = {
  help: "help",
  hulp: "help",
  "?": "help",
  koppel: "bind",
  bind: "bind",
  samenvatting: "summary",
  summary: "summary",
};

export function parseCommand(text: string, locale: Locale): ParsedCommand {
  const [word = "", ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const name = ALIASES[word.toLowerCase()] ?? (word === "" ? "help" : undefined);
  const argument = rest.join(" ").trim();
  switch (name) {
    case "help":
      return { ok: true, command: { name: "help" } };
    case "summary":
      return { ok: true, command: { name: "summary" } };
    case "bind":
      return argument
        ? { ok: true, command: { name: "bind", region: argument } }
        : { ok: false, message: usage("bind", locale) };
    default:
      return {
        ok: false,
        message:
          locale === "en"
            ? `I don't know the command "${word}".\n${helpText(locale)}`
            : `Het commando "${word}" ken ik niet.\n${helpText(locale)}`,
      };
  }
}

const USAGE: Record<Command["name"], { nl: string; en: string }> = {
  help: { nl: "`help` — dit overzicht", en: "`help` — this overview" },
  bind: {
    nl: "`koppel <regio>` — koppel dit kanaal aan een regio (slug of naam), bijvoorbeeld `koppel utrecht-stad`",
    en: "`bind <region>` — bind this channel to a region (slug or name), for example `bind utrecht-stad`",
  },
  summary: {
    nl: "`samenvatting` — plaats de samenvatting van de laatste vragenlijstronde van de regio van dit kanaal",
    en: "`summary` — post the summary of the latest survey round of this channel's region",
  },
};

export function usage(name: Command["name"], locale: Locale): string {
  return `${locale === "en" ? "Usage" : "Gebruik"}: ${USAGE[name][locale]}`;
}

export function helpText(locale: Locale): string {
  const title = locale === "en" ? "*Regiotafel commands*" : "*Regiotafel-commando's*";
  return [title, ...Object.values(USAGE).map((u) => `• ${u[locale]}`)].join("\n");
}
