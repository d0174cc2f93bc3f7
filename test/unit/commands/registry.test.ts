import { describe, expect, it } from "vitest";
import { editDistance } from "../../../src/domain/commands/closest.js";
import { commandHelp, type HelpViewer, helpText, mayUse } from "../../../src/domain/commands/help.js";
import { parseCommand } from "../../../src/domain/commands/parse-command.js";
import {
  COMMANDS,
  type CommandSpec,
  commandPhrase,
  GROUPS,
  wordsOf,
} from "../../../src/domain/commands/registry.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";

const TODAY = "2027-01-14";
const parse = (text: string, locale: Locale) => parseCommand(text, locale, { today: TODAY });

const CHAIR_COMMANDS = COMMANDS.filter((spec) => spec.who === "chair");
const VIEWERS: HelpViewer[] = (["none", "contact", "chair"] as const).flatMap((role) =>
  (["region-channel", "national-channel", "elsewhere"] as const).flatMap((place) =>
    [false, true].map((coordinator) => ({ role, place, coordinator })),
  ),
);

/** The commands a help text lists: every `word …` at the start of a line or after "ook"/"also". */
const listed = (help: string, spec: CommandSpec, locale: Locale) =>
  help.split("\n").some((line) => line.includes(`\`${commandPhrase(spec, locale)}`));

describe("the registry", () => {
  it("has the chair commands of today: chairs change the table's business and bind channels", () => {
    expect(CHAIR_COMMANDS.map((s) => s.name).sort()).toEqual(
      [
        "agenda.add",
        "agenda.move",
        "agenda.remove",
        "agreement.add",
        "bind",
        "handover.done",
        "handover.start",
        "meeting.cancel",
        "meeting.plan",
        "meeting.reschedule",
        "topics.allow",
        "topics.forbid",
      ].sort(),
    );
  });

  it("every example parses to its own command, in both languages", () => {
    for (const spec of COMMANDS) {
      for (const locale of LOCALES) {
        if (!spec.example) continue;
        const result = parse(spec.example[locale], locale);
        expect(result.ok && result.command.name, `${spec.example[locale]}`).toBe(spec.name);
      }
    }
  });

  it("Dutch verbs lead the usage, and every word of either language still leads to the same command", () => {
    expect(COMMANDS.map((s) => commandPhrase(s, "nl"))).toEqual(
      expect.arrayContaining([
        "agenda toevoegen",
        "agenda verwijderen",
        "agenda verplaatsen",
        "overleg plannen",
        "overleg verplaatsen",
        "overleg annuleren",
        "afspraak toevoegen",
        "onderwerpen verbieden",
        "onderwerpen toestaan",
        "overdracht starten",
        "overdracht klaar",
      ]),
    );
    for (const spec of COMMANDS.filter((s) => s.example && wordsOf(s).length > 0)) {
      const example = spec.example?.nl ?? "";
      const lead = commandPhrase(spec, "nl");
      expect(example.startsWith(`${lead} `), example).toBe(true);
      const args = example.slice(lead.length);
      for (const groupWord of [...GROUPS[spec.group].words.nl, ...GROUPS[spec.group].words.en]) {
        for (const word of wordsOf(spec)) {
          for (const locale of LOCALES) {
            const result = parse(`${groupWord} ${word}${args}`, locale);
            expect(result.ok && result.command, `${groupWord} ${word}${args}`).toEqual(
              (parse(example, "nl") as { command: unknown }).command,
            );
          }
        }
      }
    }
  });

  it("every word chooses one command within its group", () => {
    for (const group of Object.keys(GROUPS)) {
      const words = COMMANDS.filter((s) => s.group === group).flatMap(wordsOf);
      expect(new Set(words).size, group).toBe(words.length);
    }
  });
});

describe("help by role and place", () => {
  it("a contact person's help lists what they can do and no chair command", () => {
    for (const locale of LOCALES) {
      const help = helpText(locale, { role: "contact", coordinator: false, place: "region-channel" });
      for (const spec of CHAIR_COMMANDS.filter((s) => wordsOf(s).length > 0 || s.name === "bind")) {
        expect(listed(help, spec, locale), `${spec.name} in ${help}`).toBe(false);
      }
      expect(help).not.toContain("«@");
      for (const name of [
        "meeting.list",
        "agenda.show",
        "agreement.list",
        "topics.list",
        "handover.list",
        "escalate",
      ]) {
        const spec = COMMANDS.find((s) => s.name === name) as CommandSpec;
        expect(listed(help, spec, locale), name).toBe(true);
      }
    }
    const dutch = helpText("nl", { role: "contact", coordinator: false, place: "region-channel" });
    expect(dutch).toContain("• `agenda [n]` — de agenda van het volgende overleg, of van overleg n\n");
    expect(dutch).toContain("`hulpvraag «tekst»`");
    expect(dutch).toContain("`samenvatting`");
    expect(dutch).not.toContain("agenda toevoegen");
    expect(dutch).not.toContain("koppel");
  });

  it("a chair's help also lists the chair commands, Dutch verbs first", () => {
    const help = helpText("nl", { role: "chair", coordinator: false, place: "region-channel" });
    expect(help).toContain(
      "• `agenda [n]` — de agenda van het volgende overleg, of van overleg n; ook `agenda toevoegen`, `agenda verwijderen`, `agenda verplaatsen`",
    );
    expect(help).toContain("`overdracht starten`");
    expect(help).toContain("• `koppel «regio»` — koppel dit kanaal aan een regio (slug of naam)");
    for (const spec of CHAIR_COMMANDS) expect(listed(help, spec, "nl"), spec.name).toBe(true);
    const english = helpText("en", { role: "chair", coordinator: false, place: "elsewhere" });
    expect(english).toContain("also `agenda add`, `agenda remove`, `agenda move`");
  });

  it("is at most 15 lines for everyone, everywhere, and always says how to get the details", () => {
    for (const viewer of VIEWERS) {
      for (const locale of LOCALES) {
        const lines = helpText(locale, viewer).split("\n");
        expect(lines.length, JSON.stringify(viewer)).toBeLessThanOrEqual(15);
        expect(lines[0]).toBe(locale === "nl" ? "*Regiotafel-commando's*" : "*Regiotafel commands*");
        expect(lines.at(-1)).toContain(locale === "nl" ? "`help agenda`" : "`help agenda`");
        expect(helpText(locale, viewer)).not.toMatch(/[<>]/);
      }
    }
  });

  it("the summary only in a region's channel; `koppel landelijk` only for the national coordinators", () => {
    const contact = { role: "contact", coordinator: false } as const;
    expect(helpText("nl", { ...contact, place: "elsewhere" })).not.toContain("samenvatting");
    expect(helpText("nl", { ...contact, place: "region-channel" })).toContain("samenvatting");
    expect(helpText("nl", { ...contact, place: "elsewhere" })).not.toContain("koppel landelijk");
    expect(helpText("nl", { role: "none", coordinator: true, place: "elsewhere" })).toContain(
      "`koppel landelijk`",
    );
    expect(helpText("en", { role: "none", coordinator: true, place: "national-channel" })).toContain(
      "`bind national`",
    );
  });

  it("someone without a seat is told what they can do and who can add them", () => {
    const help = helpText("nl", { role: "none", coordinator: false, place: "elsewhere" });
    expect(help.split("\n")).toEqual([
      "*Regiotafel-commando's*",
      "U bent hier geen contactpersoon van een regiotafel; de voorzitter van uw regio kan u toevoegen.",
      "Meer over een commando: `help «commando»`, bijvoorbeeld `help agenda`.",
    ]);
  });

  it("mayUse follows the registry's who and where", () => {
    const chair: HelpViewer = { role: "chair", coordinator: false, place: "region-channel" };
    const contact: HelpViewer = { ...chair, role: "contact" };
    for (const spec of COMMANDS) {
      expect(mayUse(spec, chair), spec.name).toBe(spec.who !== "coordinator");
      expect(mayUse(spec, contact), spec.name).toBe(spec.who === "contact" || spec.who === "everyone");
    }
  });
});

describe("help <commando>", () => {
  it("`help agenda` gives every agenda command with its example, who may run it, labels and other words", () => {
    expect(commandHelp("nl", { group: "agenda" }).split("\n")).toEqual([
      "*Agenda*",
      "• `agenda [n]` — de agenda van het volgende overleg, of van overleg n. Bijvoorbeeld: `agenda 2`.",
      "• `agenda toevoegen «tekst» [#thema]` — zet een punt op de agenda van het volgende overleg; alleen de voorzitter. Raakt het punt een onderwerp dat de tafel niet bespreekt, dan vraag ik eerst of het toch op de agenda moet. Bijvoorbeeld: `agenda toevoegen Wachtlijsten jeugdzorg #jeugd`.",
      "• `agenda verwijderen «n»` — haal punt n van de agenda; alleen de voorzitter. Bijvoorbeeld: `agenda verwijderen 2`.",
      "• `agenda verplaatsen «n» «positie»` — zet punt n op een andere plaats; alleen de voorzitter. Bijvoorbeeld: `agenda verplaatsen 3 1`.",
      "Labels: thema #preventie #ggz #ouderen #wijk #jeugd #anders.",
      "Andere woorden: `voegtoe`, `voeg-toe`, `add`, `verwijder`, `remove`, `delete`, `verplaats`, `move`.",
    ]);
  });

  it("`help agenda toevoegen` gives that one command; English has English words", () => {
    const help = commandHelp("en", { group: "agenda", command: "agenda.add" });
    expect(help.split("\n")[1]).toBe(
      "• `agenda add «text» [#theme]` — add an item to the next meeting's agenda; chairs only. When the item touches a topic the table does not discuss, I ask first whether it should go on the agenda anyway. For example: `agenda add Waiting lists in youth care #jeugd`.",
    );
    expect(help).not.toContain("agenda.remove");
    expect(help).toContain("`toevoegen`");
  });

  it("`help koppel` mentions `koppel landelijk` for the national coordinators", () => {
    expect(commandHelp("nl", { group: "bind" })).toContain("`koppel landelijk`");
  });
});

describe("edit distance", () => {
  it.each([
    ["agenda", "agenda", 0],
    ["agnda", "agenda", 1],
    ["agneda", "agenda", 1],
    ["overdarcht", "overdracht", 1],
    ["", "help", 4],
    ["koppelen", "koppel", 2],
  ] as const)("%j → %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
