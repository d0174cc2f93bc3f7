import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCalendarDay } from "../../../src/domain/commands/dutch-date.js";
import {
  COMMAND_GROUP,
  COMMAND_GROUPS,
  type Command,
  type CommandName,
  commandGroupOf,
  commandHelp,
  commandWord,
  type ParsedCommand,
  parseCommand as parseAt,
  usage,
} from "../../../src/domain/commands/parse-command.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";

// A Thursday.
const TODAY = "2027-01-14";
const parseCommand = (text: string, locale: Locale): ParsedCommand => parseAt(text, locale, { today: TODAY });

describe("parseCommand: recognised commands", () => {
  it.each([
    ["help", "help"],
    ["hulp", "help"],
    ["?", "help"],
    ["HELP", "help"],
    ["Hulp", "help"],
    ["  help  ", "help"],
    ["", "help"],
    ["   ", "help"],
    ["\t\n", "help"],
    ["samenvatting", "summary"],
    ["summary", "summary"],
    ["SamenVatting", "summary"],
    ["SUMMARY", "summary"],
    ["  \t samenvatting \n", "summary"],
  ] as const)("%j is the %s command (nl and en)", (text, name) => {
    for (const locale of LOCALES) {
      expect(parseCommand(text, locale)).toEqual({ ok: true, command: { name } });
    }
  });

  it.each([
    ["koppel utrecht-stad", "utrecht-stad"],
    ["bind utrecht-stad", "utrecht-stad"],
    ["KOPPEL utrecht-stad", "utrecht-stad"],
    ["Bind Utrecht-Stad", "Utrecht-Stad"],
    ["koppel Utrecht Stad", "Utrecht Stad"],
    ["  koppel   Utrecht \t  Stad  ", "Utrecht Stad"],
    ["koppel\tZuid-Holland\nNoord", "Zuid-Holland Noord"],
    ["koppel\u00a0noord", "noord"],
    ["bind 's-Hertogenbosch", "'s-Hertogenbosch"],
  ])("%j binds to the region %j, keeping its case and collapsing whitespace", (text, region) => {
    for (const locale of LOCALES) {
      expect(parseCommand(text, locale)).toEqual({ ok: true, command: { name: "bind", region } });
    }
  });
});

describe("parseCommand: help about one command", () => {
  it.each<[string, Command]>([
    ["help koppel", { name: "help", about: { group: "bind" } }],
    ["help agenda", { name: "help", about: { group: "agenda" } }],
    ["hulp Overleg", { name: "help", about: { group: "meeting" } }],
    ["help agenda toevoegen", { name: "help", about: { group: "agenda", command: "agenda.add" } }],
    ["help agenda add", { name: "help", about: { group: "agenda", command: "agenda.add" } }],
    ["help onderwerpen sta toe", { name: "help", about: { group: "topics", command: "topics.allow" } }],
    ["help meeting iets", { name: "help", about: { group: "meeting" } }],
  ])("%j", (text, command) => {
    for (const locale of LOCALES) expect(parseCommand(text, locale)).toEqual({ ok: true, command });
  });

  it("help about an unknown word suggests the closest command, with the usage of help", () => {
    expect(parseCommand("help agnda", "nl")).toEqual({
      ok: false,
      message: `Het commando "agnda" ken ik niet. Bedoelt u \`help agenda\`?\n${usage("help", "nl")}`,
    });
    expect(parseCommand("help xyz", "en")).toEqual({
      ok: false,
      message: `I don't know the command "xyz".\n${usage("help", "en")}`,
    });
  });
});

describe("parseCommand: errors", () => {
  it.each([
    ["koppel", "nl", "Gebruik: `koppel «regio»`"],
    ["bind", "nl", "Gebruik: `koppel «regio»`"],
    ["  KOPPEL   ", "nl", "Gebruik: `koppel «regio»`"],
    ["koppel", "en", "Usage: `bind «region»`"],
    ["bind", "en", "Usage: `bind «region»`"],
    ["Bind \t ", "en", "Usage: `bind «region»`"],
  ] as const)("%j without a region answers with the usage in %s", (text, locale, start) => {
    const result = parseCommand(text, locale);
    expect(result).toEqual({ ok: false, message: usage("bind", locale) });
    expect(result.ok === false && result.message.startsWith(start)).toBe(true);
  });

  it("has a usage line in both languages for every command", () => {
    expect(usage("bind", "nl")).toBe(
      "Gebruik: `koppel «regio»` — koppel dit kanaal aan een regio (slug of naam), bijvoorbeeld `koppel utrecht-stad`",
    );
    expect(usage("bind", "en")).toBe(
      "Usage: `bind «region»` — bind this channel to a region (slug or name), for example `bind utrecht-stad`",
    );
    expect(usage("help", "nl")).toMatch(/^Gebruik: `help \[commando\]`/);
    expect(usage("summary", "en")).toMatch(/^Usage: `summary`/);
  });

  it.each([
    ["onbekend", "onbekend", undefined],
    ["Onbekend iets", "Onbekend", undefined],
    ["  vraag   morgen ", "vraag", undefined],
    ["helpme", "helpme", "help"],
    ["koppelen utrecht", "koppelen", "koppel"],
    ["agnda", "agnda", "agenda"],
    ["agnda add Wachtlijsten", "agnda", "agenda toevoegen"],
    ["overdarcht klaar 1", "overdarcht", "overdracht klaar"],
    ["constructor", "constructor", undefined],
    ["__proto__", "__proto__", undefined],
    ["toString", "toString", undefined],
    ["hasOwnProperty", "hasOwnProperty", undefined],
  ])(
    "%j is unknown: one sentence naming %j and the closest command (%s), and where the help is",
    (text, word, meant) => {
      expect(parseCommand(text, "nl")).toEqual({
        ok: false,
        message: `Het commando "${word}" ken ik niet.${meant ? ` Bedoelt u \`${meant}\`?` : ""}\nTyp \`help\` voor de commando's die u kunt gebruiken.`,
      });
    },
  );

  it("suggests in the person's language, from a word of either language", () => {
    expect(parseCommand("meetnig plan morgen", "en")).toEqual({
      ok: false,
      message:
        'I don\'t know the command "meetnig". Did you mean `meeting plan`?\nType `help` for the commands you can use.',
    });
    expect(parseCommand("meetnig plan morgen", "nl")).toMatchObject({
      message: expect.stringContaining("Bedoelt u `overleg plannen`?"),
    });
    expect(parseCommand("agenad remove 1", "nl")).toMatchObject({
      message: expect.stringContaining("Bedoelt u `agenda verwijderen`?"),
    });
  });

  it("the details of `help <commando>` cover every command once, with the date rules and labels", () => {
    for (const locale of LOCALES) {
      const all = COMMAND_GROUPS.flatMap((group) =>
        commandHelp(locale, { group })
          .split("\n")
          .filter((line) => line.startsWith("• ")),
      );
      expect(all).toHaveLength(Object.keys(COMMAND_GROUP).length);
      for (const name of Object.keys(COMMAND_GROUP) as CommandName[]) {
        const line = usage(name, locale)
          .replace(/^(Gebruik|Usage): /, "")
          .replace(/, (bijvoorbeeld|for example) .*$/, "");
        expect(
          all.filter((l) => l.startsWith(`• ${line}`)),
          name,
        ).toHaveLength(1);
      }
      expect(commandHelp(locale, { group: "meeting" })).toMatch(
        locale === "nl" ? /Datums: .*volgende donderdag/ : /Dates: .*next thursday/,
      );
      expect(commandHelp(locale, { group: "agreement" })).toMatch(
        /#preventie #ggz #ouderen #wijk #jeugd #anders/,
      );
      expect(commandHelp(locale, { group: "agreement" })).toMatch(/#collectieve-zorg-minima/);
    }
  });

  it("explains in `help onderwerpen` how a topic of several words is written", () => {
    const nl = commandHelp("nl", { group: "topics" });
    expect(nl).toContain('`onderwerpen verbieden "zorginkoop tarieven" mededinging`');
    expect(nl).toContain("anders is het eerste woord het onderwerp en de rest de reden");
    expect(commandHelp("en", { group: "topics" })).toContain(
      "otherwise the first word is the topic and the rest the reason",
    );
  });
});

describe("parseCommand: text that cannot be stored", () => {
  it.each([
    ["agenda add Wacht\u0000lijsten", "nl", "dit teken kan niet worden opgeslagen"],
    ["hulpvraag\u0000", "nl", "dit teken kan niet worden opgeslagen"],
    ["\u0000", "en", "this character cannot be saved"],
  ] as const)("refuses %j politely: PostgreSQL cannot hold U+0000", (text, locale, sentence) => {
    const result = parseCommand(text, locale);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(sentence);
  });
});

describe("parseCommand: properties", () => {
  const locale = fc.constantFrom<Locale>(...LOCALES);
  const anyText = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc.string({ unit: "binary", maxLength: 60 }),
    fc
      .tuple(
        fc.constantFrom("help", "HULP", "?", "koppel", "Bind", "samenvatting", "summary", "x", ""),
        fc.array(fc.constantFrom(" ", "\t", "\n", "\u00a0", "a", "Regio", "-", "*", "`"), { maxLength: 8 }),
      )
      .map(([word, rest]) => `${word}${rest.join("")}`),
  );

  it("never throws; every failure has a non-empty message with a usage or an unknown-command sentence", () => {
    fc.assert(
      fc.property(anyText, locale, (text, loc) => {
        const result = parseCommand(text, loc);
        if (result.ok) return;
        expect(result.message.length).toBeGreaterThan(0);
        if (loc === "nl") {
          expect(result.message).toMatch(
            /Gebruik:|ken ik niet\..*\nTyp `help`|dit teken kan niet worden opgeslagen/,
          );
        } else {
          expect(result.message).toMatch(
            /Usage:|I don't know the command.*\nType `help`|this character cannot be saved/,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it("ignores surrounding whitespace and the case of the command word", () => {
    const padding = fc.array(fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003"), { maxLength: 4 });
    const word = fc.constantFrom("help", "hulp", "?", "koppel", "bind", "samenvatting", "summary", "xyz");
    const region = fc.stringMatching(/^[a-z][a-z-]{0,20}$/);
    const upper = fc.array(fc.boolean(), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(padding, padding, word, region, upper, locale, (before, after, w, r, caps, loc) => {
        const mixed = [...w].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join("");
        const plainInput = `${w} ${r}`;
        const messyInput = `${before.join("")}${mixed}${before.join("")} ${r}${after.join("")}`;
        const expected = parseCommand(plainInput, loc);
        const actual = parseCommand(messyInput, loc);
        if (expected.ok) expect(actual).toEqual(expected);
        else expect(actual.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("a bind command's region never has leading, trailing or repeated whitespace", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), locale, (rest, loc) => {
        const result = parseCommand(`koppel ${rest}`, loc);
        if (result.ok && result.command.name === "bind") {
          expect(result.command.region).toBe(result.command.region.trim());
          expect(result.command.region).not.toMatch(/\s{2}/);
          expect(result.command.region.length).toBeGreaterThan(0);
        } else {
          expect(result).toEqual({ ok: false, message: usage("bind", loc) });
        }
      }),
    );
  });
});

/** Accepted in both languages with the same meaning: the words are not tied to the person's language. */
function expectCommand(text: string, command: Command) {
  for (const locale of LOCALES)
    expect(parseCommand(text, locale), `${text} (${locale})`).toEqual({ ok: true, command });
}

describe("parseCommand: meetings", () => {
  it.each<[string, Command]>([
    ["overleg", { name: "meeting.list" }],
    ["Overleg", { name: "meeting.list" }],
    ["overleggen", { name: "meeting.list" }],
    ["overleg lijst", { name: "meeting.list" }],
    ["meeting", { name: "meeting.list" }],
    ["meetings list", { name: "meeting.list" }],
    [
      "overleg plan 14-01-2027 14:00 Stadhuis Utrecht",
      { name: "meeting.plan", date: "2027-01-14", time: "14:00", location: "Stadhuis Utrecht" },
    ],
    ["overleg plan 14/1/2027 14.00", { name: "meeting.plan", date: "2027-01-14", time: "14:00" }],
    [
      "overleg plan 2027-01-15 9:30 online",
      { name: "meeting.plan", date: "2027-01-15", time: "09:30", location: "online" },
    ],
    ["overleg plan 14 jan 14u", { name: "meeting.plan", date: "2027-01-14", time: "14:00" }],
    ["overleg plan 13 januari 14 uur", { name: "meeting.plan", date: "2028-01-13", time: "14:00" }],
    ["overleg plan 14 jan 2028 14:00", { name: "meeting.plan", date: "2028-01-14", time: "14:00" }],
    ["overleg plan vandaag 16:00", { name: "meeting.plan", date: "2027-01-14", time: "16:00" }],
    [
      "overleg plan morgen om 10:00 Zaal 3",
      { name: "meeting.plan", date: "2027-01-15", time: "10:00", location: "Zaal 3" },
    ],
    ["overleg plan overmorgen 10:00", { name: "meeting.plan", date: "2027-01-16", time: "10:00" }],
    ["overleg plan donderdag 10:00", { name: "meeting.plan", date: "2027-01-21", time: "10:00" }],
    ["overleg plan volgende donderdag 10:00", { name: "meeting.plan", date: "2027-01-21", time: "10:00" }],
    ["overleg plan volgende week maandag 10:00", { name: "meeting.plan", date: "2027-01-18", time: "10:00" }],
    ["overleg plan donderdag 14 januari 10:00", { name: "meeting.plan", date: "2027-01-14", time: "10:00" }],
    ["overleg plan 14:00 morgen", { name: "meeting.plan", date: "2027-01-15", time: "14:00" }],
    [
      "overleg plan morgen 10:00 <https://teams.microsoft.com/l/meetup-join/abc|Teams-vergadering>",
      {
        name: "meeting.plan",
        date: "2027-01-15",
        time: "10:00",
        location: "https://teams.microsoft.com/l/meetup-join/abc",
      },
    ],
    [
      "overleg plan morgen 10:00 https://zoom.us/j/123",
      { name: "meeting.plan", date: "2027-01-15", time: "10:00", location: "https://zoom.us/j/123" },
    ],
    [
      "overleg plan morgen 10:00 Zaal  \t 3 ",
      { name: "meeting.plan", date: "2027-01-15", time: "10:00", location: "Zaal 3" },
    ],
    ["meeting plan next thursday 2pm", { name: "meeting.plan", date: "2027-01-21", time: "14:00" }],
    [
      "meeting schedule Jan 20 at 2:30 pm Town hall",
      { name: "meeting.plan", date: "2027-01-20", time: "14:30", location: "Town hall" },
    ],
    ["MEETING PLAN TOMORROW 10:00", { name: "meeting.plan", date: "2027-01-15", time: "10:00" }],
    [
      "overleg verplaats 2 20-01-2027 10:00",
      { name: "meeting.reschedule", meeting: 2, date: "2027-01-20", time: "10:00" },
    ],
    [
      "overleg verplaats 1 volgende week vrijdag 9u",
      { name: "meeting.reschedule", meeting: 1, date: "2027-01-22", time: "09:00" },
    ],
    [
      "meeting move 1 tomorrow 9:00",
      { name: "meeting.reschedule", meeting: 1, date: "2027-01-15", time: "09:00" },
    ],
    [
      "meeting reschedule 12 14 Feb 2027 11:00",
      { name: "meeting.reschedule", meeting: 12, date: "2027-02-14", time: "11:00" },
    ],
    ["overleg annuleer 3", { name: "meeting.cancel", meeting: 3 }],
    ["overleg annuleren 3", { name: "meeting.cancel", meeting: 3 }],
    ["meeting cancel 1", { name: "meeting.cancel", meeting: 1 }],
  ])("%j", (text, command) => expectCommand(text, command));
});

describe("parseCommand: agenda", () => {
  it.each<[string, Command]>([
    ["agenda", { name: "agenda.show" }],
    ["agenda 2", { name: "agenda.show", meeting: 2 }],
    ["AGENDA 10", { name: "agenda.show", meeting: 10 }],
    ["agenda add Wachtlijsten jeugdzorg", { name: "agenda.add", text: "Wachtlijsten jeugdzorg" }],
    [
      "agenda add Wachtlijsten jeugdzorg #jeugd",
      { name: "agenda.add", text: "Wachtlijsten jeugdzorg", theme: "jeugd" },
    ],
    ["agenda toevoegen #GGZ Crisisbedden", { name: "agenda.add", text: "Crisisbedden", theme: "ggz" }],
    [
      "agenda voeg-toe Valpreventie #preventie",
      { name: "agenda.add", text: "Valpreventie", theme: "preventie" },
    ],
    [
      "agenda add Sociale wijkteams #effectief-samenwerken-in-de-wijk",
      { name: "agenda.add", text: "Sociale wijkteams", theme: "wijk" },
    ],
    ["agenda add Jongvolwassenen #18+", { name: "agenda.add", text: "Jongvolwassenen", theme: "jeugd" }],
    ["agenda add Casus #ggz #ggz", { name: "agenda.add", text: "Casus", theme: "ggz" }],
    ['agenda add Kosten & baten "Samen Sterk"', { name: "agenda.add", text: 'Kosten & baten "Samen Sterk"' }],
    ["agenda add Prijs in # euro", { name: "agenda.add", text: "Prijs in # euro" }],
    ["agenda add Dementie <#C0123|ouderen>", { name: "agenda.add", text: "Dementie", theme: "ouderen" }],
    ["agenda remove 2", { name: "agenda.remove", item: 2 }],
    ["agenda verwijder 2", { name: "agenda.remove", item: 2 }],
    ["agenda move 3 1", { name: "agenda.move", item: 3, position: 1 }],
    ["agenda verplaats 3 naar 1", { name: "agenda.move", item: 3, position: 1 }],
    ["agenda move 3 to 1", { name: "agenda.move", item: 3, position: 1 }],
  ])("%j", (text, command) => expectCommand(text, command));
});

describe("parseCommand: agreements", () => {
  it.each<[string, Command]>([
    ["afspraken", { name: "agreement.list" }],
    ["afspraak", { name: "agreement.list" }],
    ["agreements", { name: "agreement.list" }],
    ["agreement list", { name: "agreement.list" }],
    [
      "afspraak add Eén loket voor mantelzorgers",
      { name: "agreement.add", text: "Eén loket voor mantelzorgers" },
    ],
    [
      "afspraak add Eén loket #ouderen #werkwijze #ontwikkelproject #regionaal",
      {
        name: "agreement.add",
        text: "Eén loket",
        theme: "ouderen",
        instrument: "werkwijze",
        form: "ontwikkelproject",
        geography: "regionaal",
      },
    ],
    [
      "afspraak toevoegen Minimapolis #collectieve_zorg_minima #bovenregionaal",
      {
        name: "agreement.add",
        text: "Minimapolis",
        instrument: "collectieve_zorg_minima",
        geography: "bovenregionaal",
      },
    ],
    [
      "afspraken add Convenant #samenwerkingsdocument #samenwerkingsafspraken #gemeentelijk #anders",
      {
        name: "agreement.add",
        text: "Convenant",
        theme: "anders",
        instrument: "samenwerkingsdocument",
        form: "samenwerkingsafspraken",
        geography: "gemeentelijk",
      },
    ],
    [
      "agreement add Shared desk #prevention #policy #implementation #municipal",
      {
        name: "agreement.add",
        text: "Shared desk",
        theme: "preventie",
        instrument: "beleid",
        form: "implementatie",
        geography: "gemeentelijk",
      },
    ],
    [
      "agreement add Pilot #Doorontwikkelen #INKOOP",
      { name: "agreement.add", text: "Pilot", instrument: "inkoop", form: "doorontwikkelen" },
    ],
  ])("%j", (text, command) => expectCommand(text, command));

  it.each([
    ["#preventie", "theme", "preventie"],
    ["#prevention", "theme", "preventie"],
    ["#ggz", "theme", "ggz"],
    ["#geestelijke-gezondheidszorg", "theme", "ggz"],
    ["#ouderen", "theme", "ouderen"],
    ["#ouderenzorg", "theme", "ouderen"],
    ["#wijk", "theme", "wijk"],
    ["#effectief-samenwerken-in-de-wijk", "theme", "wijk"],
    ["#Effectief_Samenwerken_In_De_Wijk", "theme", "wijk"],
    ["#jeugd", "theme", "jeugd"],
    ["#jeugd18-", "theme", "jeugd"],
    ["#jeugd18+", "theme", "jeugd"],
    ["#18-", "theme", "jeugd"],
    ["#youth", "theme", "jeugd"],
    ["#anders", "theme", "anders"],
    ["#overig", "theme", "anders"],
    ["#werkwijze", "instrument", "werkwijze"],
    ["#beleid", "instrument", "beleid"],
    ["#inkoop", "instrument", "inkoop"],
    ["#collectieve-zorg-minima", "instrument", "collectieve_zorg_minima"],
    ["#samenwerkingsdocument", "instrument", "samenwerkingsdocument"],
    ["#ontwikkelproject", "form", "ontwikkelproject"],
    ["#doorontwikkelen", "form", "doorontwikkelen"],
    ["#implementatie", "form", "implementatie"],
    ["#samenwerkingsafspraken", "form", "samenwerkingsafspraken"],
    ["#gemeentelijk", "geography", "gemeentelijk"],
    ["#regionaal", "geography", "regionaal"],
    ["#bovenregionaal", "geography", "bovenregionaal"],
    ["#ggz.", "theme", "ggz"],
  ])("the label %s is the %s %s", (tag, axis, value) => {
    const result = parseCommand(`afspraak add Tekst ${tag}`, "nl");
    expect(result).toEqual({ ok: true, command: { name: "agreement.add", text: "Tekst", [axis]: value } });
  });
});

describe("parseCommand: topic scope", () => {
  it.each<[string, Command]>([
    ["onderwerpen", { name: "topics.list" }],
    ["onderwerp lijst", { name: "topics.list" }],
    ["topics", { name: "topics.list" }],
    ["onderwerpen verbied preventie", { name: "topics.forbid", topic: "preventie" }],
    [
      "onderwerpen verbied zorginkoop tarieven zijn concurrentiegevoelig",
      { name: "topics.forbid", topic: "zorginkoop", reason: "tarieven zijn concurrentiegevoelig" },
    ],
    [
      'onderwerpen verbied "zorginkoop tarieven" mededingingsrecht',
      { name: "topics.forbid", topic: "zorginkoop tarieven", reason: "mededingingsrecht" },
    ],
    ["onderwerpen verbied “zorginkoop   tarieven”", { name: "topics.forbid", topic: "zorginkoop tarieven" }],
    ["onderwerpen verbied „zorginkoop tarieven”", { name: "topics.forbid", topic: "zorginkoop tarieven" }],
    ['onderwerpen verbied " tarieven "', { name: "topics.forbid", topic: "tarieven" }],
    [
      "onderwerpen verbied #preventie kartelrisico",
      { name: "topics.forbid", topic: "preventie", theme: "preventie", reason: "kartelrisico" },
    ],
    [
      "topics forbid prices competition law",
      { name: "topics.forbid", topic: "prices", reason: "competition law" },
    ],
    ["onderwerpen sta-toe preventie", { name: "topics.allow", topic: "preventie" }],
    ["onderwerpen sta toe preventie", { name: "topics.allow", topic: "preventie" }],
    ["onderwerpen toestaan preventie", { name: "topics.allow", topic: "preventie" }],
    ['onderwerpen sta-toe "zorginkoop tarieven"', { name: "topics.allow", topic: "zorginkoop tarieven" }],
    ["onderwerpen sta-toe #ggz", { name: "topics.allow", topic: "ggz" }],
    ["topics allow prices", { name: "topics.allow", topic: "prices" }],
  ])("%j", (text, command) => expectCommand(text, command));
});

describe("parseCommand: handovers", () => {
  it.each<[string, Command]>([
    ["overdracht", { name: "handover.list" }],
    ["overdrachten", { name: "handover.list" }],
    ["handover list", { name: "handover.list" }],
    ["handovers", { name: "handover.list" }],
    [
      "overdracht <@U123> <@U456>",
      {
        name: "handover.start",
        from: { kind: "mention", userId: "U123" },
        to: { kind: "mention", userId: "U456" },
      },
    ],
    [
      "overdracht <@U123|jan> <@U456|Piet de Vries> 1 maart",
      {
        name: "handover.start",
        from: { kind: "mention", userId: "U123" },
        to: { kind: "mention", userId: "U456" },
        date: "2027-03-01",
      },
    ],
    [
      "overdracht <@29:1abcDEF-x> piet@Utrecht.NL 01-02-2027",
      {
        name: "handover.start",
        from: { kind: "mention", userId: "29:1abcDEF-x" },
        to: { kind: "email", email: "piet@utrecht.nl" },
        date: "2027-02-01",
      },
    ],
    [
      "overdracht jan@utrecht.nl <mailto:piet@utrecht.nl|piet@utrecht.nl> volgende week maandag",
      {
        name: "handover.start",
        from: { kind: "email", email: "jan@utrecht.nl" },
        to: { kind: "email", email: "piet@utrecht.nl" },
        date: "2027-01-18",
      },
    ],
    // A handover may be recorded afterwards: a date in the past is accepted.
    [
      "handover <@U1> <@U2> 2026-12-01",
      {
        name: "handover.start",
        from: { kind: "mention", userId: "U1" },
        to: { kind: "mention", userId: "U2" },
        date: "2026-12-01",
      },
    ],
    ["overdracht klaar 1", { name: "handover.done", handover: 1 }],
    ["overdracht gereed 2", { name: "handover.done", handover: 2 }],
    ["handover done 3", { name: "handover.done", handover: 3 }],
  ])("%j", (text, command) => expectCommand(text, command));
});

describe("parseCommand: support requests", () => {
  it.each<[string, Command]>([
    [
      "hulpvraag Wij komen er met de zorgverzekeraar niet uit",
      { name: "escalate", text: "Wij komen er met de zorgverzekeraar niet uit" },
    ],
    ["HULPVRAAG  graag   een gesprek", { name: "escalate", text: "graag een gesprek" }],
    ["support we need a facilitator #ggz", { name: "escalate", text: "we need a facilitator #ggz" }],
    ["help-request please call", { name: "escalate", text: "please call" }],
  ])("%j", (text, command) => expectCommand(text, command));
});

describe("parseCommand: command words", () => {
  it("every group has one word per language for the help and Teams' menu, and all its words lead to it", () => {
    expect(COMMAND_GROUPS.map((g) => commandWord(g, "nl"))).toEqual([
      "help",
      "overleg",
      "agenda",
      "afspraken",
      "onderwerpen",
      "overdracht",
      "hulpvraag",
      "koppel",
      "samenvatting",
    ]);
    expect(COMMAND_GROUPS.map((g) => commandWord(g, "en"))).toEqual([
      "help",
      "meeting",
      "agenda",
      "agreements",
      "topics",
      "handover",
      "support",
      "bind",
      "summary",
    ]);
    for (const group of COMMAND_GROUPS) {
      for (const locale of LOCALES)
        expect(commandGroupOf(commandWord(group, locale).toUpperCase())).toBe(group);
    }
    expect(commandGroupOf("__proto__")).toBeUndefined();
    expect(commandGroupOf("constructor")).toBeUndefined();
  });

  it("every command's usage starts with a word of its group", () => {
    for (const name of Object.keys(COMMAND_GROUP) as CommandName[]) {
      for (const locale of LOCALES) {
        const word = /^(?:Gebruik|Usage): `([^`\s]+)/.exec(usage(name, locale))?.[1] ?? "";
        expect(commandGroupOf(word), `${name} ${locale}`).toBe(COMMAND_GROUP[name]);
      }
    }
  });
});

describe("parseCommand: rejections", () => {
  it.each<[string, CommandName, string]>([
    // meetings
    ["overleg plan", "meeting.plan", "Ik mis de datum en de tijd."],
    ["overleg plan morgen", "meeting.plan", "Ik mis de tijd. Schrijf bijvoorbeeld 14:00"],
    ["overleg plan 14:00", "meeting.plan", "Ik mis de datum. Schrijf bijvoorbeeld 14-01-2027"],
    ["overleg plan gisteren 14:00", "meeting.plan", '"gisteren" kan ik niet als datum lezen.'],
    ["overleg plan Stadhuis", "meeting.plan", '"Stadhuis" kan ik niet als datum lezen.'],
    ["overleg plan morgen Stadhuis", "meeting.plan", '"Stadhuis" kan ik niet als tijd lezen.'],
    ["overleg plan morgen 25:00", "meeting.plan", '"25:00" is geen bestaande tijd.'],
    ["overleg plan 31-02-2027 14:00", "meeting.plan", '"31-02-2027" is geen bestaande datum.'],
    ["overleg plan 30 feb 14:00", "meeting.plan", '"30 feb" is geen bestaande datum.'],
    ["overleg plan 13-01-2027 14:00", "meeting.plan", "Woensdag 13 januari 2027 ligt in het verleden."],
    ["overleg plan 2020-05-01 14:00", "meeting.plan", "Vrijdag 1 mei 2020 ligt in het verleden."],
    [
      "overleg plan maandag 14 januari 10:00",
      "meeting.plan",
      "14 januari 2027 is een donderdag, geen maandag.",
    ],
    [
      "overleg plan 14-01-2207 10:00",
      "meeting.plan",
      "ligt meer dan vijf jaar vooruit; is het jaartal goed?",
    ],
    ["overleg verplaats", "meeting.reschedule", "Ik mis het nummer van het overleg (zie `overleg`)."],
    ["overleg verplaats morgen 10:00", "meeting.reschedule", '"morgen" is geen geldig nummer'],
    ["overleg verplaats 0 morgen 10:00", "meeting.reschedule", '"0" is geen geldig nummer'],
    ["overleg verplaats 1", "meeting.reschedule", "Ik mis de datum en de tijd."],
    [
      "overleg verplaats 1 10-01-2027 10:00",
      "meeting.reschedule",
      "Zondag 10 januari 2027 ligt in het verleden.",
    ],
    [
      "overleg verplaats 1 morgen 10:00 Stadhuis",
      "meeting.reschedule",
      'Na de tijd verwacht ik niets meer, maar er staat nog "Stadhuis".',
    ],
    ["overleg annuleer", "meeting.cancel", "Ik mis het nummer van het overleg"],
    ["overleg annuleer twee", "meeting.cancel", '"twee" is geen geldig nummer'],
    ["overleg annuleer 1 wegens ziekte", "meeting.cancel", "Na het nummer verwacht ik niets meer"],
    // agenda
    ["agenda 0", "agenda.show", '"0" is geen geldig nummer'],
    ["agenda 123456", "agenda.show", '"123456" is geen geldig nummer'],
    ["agenda 2 3", "agenda.show", "Na het nummer verwacht ik niets meer"],
    ["agenda add", "agenda.add", "Ik mis de tekst van het agendapunt."],
    ["agenda add #ggz", "agenda.add", "Ik mis de tekst van het agendapunt."],
    [
      "agenda add Iets #zorg",
      "agenda.add",
      "Het label #zorg ken ik hier niet. Geldige labels — Thema: #preventie #ggz",
    ],
    ["agenda add Iets #inkoop", "agenda.add", "Het label #inkoop ken ik hier niet."],
    ["agenda add Iets #ggz #ouderen", "agenda.add", "Geef één thema, niet #ggz én #ouderen."],
    ["agenda remove", "agenda.remove", "Ik mis het nummer van het agendapunt"],
    ["agenda remove -1", "agenda.remove", '"-1" is geen geldig nummer'],
    ["agenda move 3", "agenda.move", "Ik mis de nieuwe plaats op de agenda."],
    ["agenda move 3 naar", "agenda.move", "Ik mis de nieuwe plaats op de agenda."],
    ["agenda move 3 bovenaan", "agenda.move", '"bovenaan" is geen geldig nummer'],
    ["agenda move 3 1 2", "agenda.move", "Na de nieuwe plaats verwacht ik niets meer"],
    // agreements
    ["afspraak add", "agreement.add", "Ik mis de tekst van de afspraak."],
    ["afspraak add #ggz #beleid", "agreement.add", "Ik mis de tekst van de afspraak."],
    [
      "afspraak add Iets #landelijk",
      "agreement.add",
      "Het label #landelijk ken ik hier niet. Geldige labels — Thema:",
    ],
    ["afspraak add Iets #beleid #inkoop", "agreement.add", "Geef één instrument, niet #beleid én #inkoop."],
    [
      "afspraak add Iets #pilot #implementatie",
      "agreement.add",
      "Geef één vorm, niet #ontwikkelproject én #implementatie.",
    ],
    [
      "afspraak add Iets #lokaal #regionaal",
      "agreement.add",
      "Geef één geografie, niet #gemeentelijk én #regionaal.",
    ],
    // topics
    ["onderwerpen verbied", "topics.forbid", "Ik mis het onderwerp."],
    ['onderwerpen verbied "" reden', "topics.forbid", "Het onderwerp is leeg."],
    [
      "onderwerpen verbied #inkoop reden",
      "topics.forbid",
      "Als onderwerp ken ik het label #inkoop niet. Thema's: #preventie",
    ],
    ["onderwerpen sta-toe", "topics.allow", "Ik mis het onderwerp."],
    [
      "onderwerpen sta-toe zorginkoop tarieven",
      "topics.allow",
      "Zet een onderwerp van meer woorden tussen aanhalingstekens",
    ],
    // handovers
    ["overdracht <@U1>", "handover.start", "Ik mis wie opvolgt"],
    [
      "overdracht @jan @piet",
      "handover.start",
      '"@jan" herken ik niet als persoon: kies de naam na @ uit de lijst',
    ],
    [
      "overdracht jan@utrecht piet",
      "handover.start",
      '"jan@utrecht" is geen @-vermelding of e-mailadres; ik verwacht wie vertrekt.',
    ],
    [
      "overdracht <@U1> piet",
      "handover.start",
      '"piet" is geen @-vermelding of e-mailadres; ik verwacht wie opvolgt.',
    ],
    ["overdracht <@U1> <!here>", "handover.start", "is geen @-vermelding of e-mailadres"],
    [
      "overdracht <@U1> <@U1|jan>",
      "handover.start",
      "De vertrekkende contactpersoon en de opvolger zijn dezelfde persoon.",
    ],
    ["overdracht a@b.nl A@B.nl", "handover.start", "dezelfde persoon"],
    ["overdracht <@U1> <@U2> binnenkort", "handover.start", '"binnenkort" kan ik niet als datum lezen.'],
    ["overdracht <@U1> <@U2> 31-04-2027", "handover.start", '"31-04-2027" is geen bestaande datum.'],
    [
      "overdracht <@U1> <@U2> morgen graag",
      "handover.start",
      'Na de datum verwacht ik niets meer, maar er staat nog "graag".',
    ],
    ["overdracht klaar", "handover.done", "Ik mis het nummer van de overdracht (zie `overdracht`)."],
    ["overdracht klaar 1 2", "handover.done", "Na het nummer verwacht ik niets meer"],
    // support and binding
    ["hulpvraag", "escalate", "Wat is uw hulpvraag?"],
  ])("%j answers politely with the usage of %s", (text, name, problem) => {
    const result = parseCommand(text, "nl");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [first = "", ...rest] = result.message.split("\n");
    expect(first).toContain(problem);
    expect(rest.join("\n")).toBe(usage(name, "nl"));
  });

  it.each<[string, CommandName, string]>([
    ["meeting plan tomorrow", "meeting.plan", "The time is missing. Write for example 14:00"],
    ["meeting plan 13-01-2027 10:00", "meeting.plan", "Wednesday 13 January 2027 is in the past."],
    ["meeting plan monday 14 jan 10:00", "meeting.plan", "14 January 2027 is a Thursday, not a Monday."],
    ["meeting move x", "meeting.reschedule", '"x" is not a valid number: I expect the meeting number'],
    ["agenda add", "agenda.add", "The text of the agenda item is missing."],
    ["agenda add x #foo", "agenda.add", "I don't know the label #foo here. Valid labels — Theme: #preventie"],
    ["agreement add x #ggz #jeugd", "agreement.add", "Give one theme, not both #ggz and #jeugd."],
    ["topics allow prices of care", "topics.allow", "Put a topic of several words in quotes"],
    ["handover @jan <@U2>", "handover.start", "pick the name after @ from the list"],
    ["support", "escalate", "What do you need support with?"],
  ])("%j answers in English with the usage of %s", (text, name, problem) => {
    const result = parseCommand(text, "en");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [first = "", ...rest] = result.message.split("\n");
    expect(first).toContain(problem);
    expect(rest.join("\n")).toBe(usage(name, "en"));
  });

  it.each([
    [
      "overleg morgen",
      "overleg",
      "morgen",
      ["meeting.list", "meeting.plan", "meeting.reschedule", "meeting.cancel"],
    ],
    ["agenda toon", "agenda", "toon", ["agenda.show", "agenda.add", "agenda.remove", "agenda.move"]],
    ["afspraak Wij spreken af", "afspraken", "Wij", ["agreement.list", "agreement.add"]],
    ["onderwerpen wis x", "onderwerpen", "wis", ["topics.list", "topics.forbid", "topics.allow"]],
    ["overdracht afgerond 1", "overdracht", "afgerond", ["handover.list", "handover.start", "handover.done"]],
    ["overdracht jan piet", "overdracht", "jan", ["handover.list", "handover.start", "handover.done"]],
  ] as const)(
    "%j: an unknown word after the command lists the usage of its commands",
    (text, group, word, names) => {
      expect(parseCommand(text, "nl")).toEqual({
        ok: false,
        message: [
          `Bij \`${group}\` ken ik "${word}" niet.`,
          "Gebruik:",
          ...names.map((n) => `• ${usage(n, "nl").replace(/^Gebruik: /, "")}`),
        ].join("\n"),
      });
    },
  );

  it("a near miss after the command suggests that command, with its usage only", () => {
    expect(parseCommand("agenda toevoegn Wachtlijsten", "nl")).toEqual({
      ok: false,
      message: `Bij \`agenda\` ken ik "toevoegn" niet. Bedoelt u \`agenda toevoegen\`?\n${usage("agenda.add", "nl")}`,
    });
    expect(parseCommand("meeting cancle 1", "en")).toEqual({
      ok: false,
      message: `I don't know "cancle" after \`meeting\`. Did you mean \`meeting cancel\`?\n${usage("meeting.cancel", "en")}`,
    });
  });

  it("an unknown word after an English command is explained in English", () => {
    const result = parseCommand("meeting tomorrow", "en");
    expect(result.ok === false && result.message.split("\n").slice(0, 2)).toEqual([
      'I don\'t know "tomorrow" after `meeting`.',
      "Usage:",
    ]);
  });

  it("refuses a today that is no calendar day: a mistake of the caller, not of the person typing", () => {
    expect(() => parseAt("overleg", "nl", { today: "14-01-2027" })).toThrow(TypeError);
  });
});

describe("parseCommand: properties of the chairs' commands", () => {
  const locale = fc.constantFrom<Locale>(...LOCALES);
  const today = fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const commandWords = fc.constantFrom(
    "overleg",
    "meeting",
    "agenda",
    "afspraak",
    "afspraken",
    "agreements",
    "onderwerpen",
    "topics",
    "overdracht",
    "handover",
    "hulpvraag",
    "support",
    "koppel",
    "help",
    "samenvatting",
    "Overleg plan",
    "overleg verplaats 1",
    "overleg annuleer",
    "meeting move",
    "agenda add",
    "agenda remove",
    "agenda move",
    "afspraak add",
    "onderwerpen verbied",
    "onderwerpen sta-toe",
    "onderwerpen sta toe",
    "overdracht klaar",
  );
  const token = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom("14", "jan", "2027", "14-01-2027", "31-02-2027", "2026-12-31", "1/1"),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "morgen",
        "vandaag",
        "gisteren",
        "volgende",
        "week",
        "donderdag",
        "do",
        "next",
        "friday",
      ),
    },
    { weight: 3, arbitrary: fc.constantFrom("14:00", "9.30", "25:00", "14u", "uur", "om", "2pm", "24:00") },
    { weight: 2, arbitrary: fc.constantFrom("0", "1", "2", "99999", "-1", "naar", "to") },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "#ggz",
        "#jeugd18-",
        "#foo",
        "#",
        "#werkwijze",
        "#lokaal",
        "<#C1|ggz>",
        "#18+",
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "<@U1>",
        "<@U2|Jan de Vries>",
        "@jan",
        "a@b.nl",
        "<mailto:c@d.nl|c@d.nl>",
        "<!here>",
        "<",
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom('"zorginkoop', 'tarieven"', '""', "“x y”", "„", "<https://x.nl|x>"),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  );
  const space = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0");
  const commandText = fc
    .tuple(commandWords, fc.array(fc.tuple(space, token), { maxLength: 7 }))
    .map(([word, rest]) => `${word}${rest.map(([s, t]) => `${s}${t}`).join("")}`);
  const anyText = fc.oneof(
    commandText,
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 80 }),
  );

  it("never throws; every rejection is a non-empty message in the person's language with a usage or the help", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, meetingText), locale, today, (text, loc, day) => {
        const result = parseAt(text, loc, { today: day });
        if (result.ok) return;
        expect(result.message.trim().length).toBeGreaterThan(0);
        if (loc === "nl") {
          expect(result.message).toMatch(/Gebruik:|Typ `help`|dit teken kan niet worden/);
          expect(result.message).not.toMatch(/Usage:|I don't know/);
        } else {
          expect(result.message).toMatch(/Usage:|Type `help`|this character cannot be/);
          expect(result.message).not.toMatch(/Gebruik:|ken ik niet/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // Meeting commands with a date and a time written in any supported way, past, present or far ahead.
  const anyDay = fc
    .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const MONTHS = "jan feb mrt apr mei jun jul aug sep okt nov dec".split(" ");
  const datePhrase = fc.oneof(
    anyDay.map((d) => d),
    anyDay.map((d) => d.split("-").reverse().join("-")),
    anyDay.map((d) => {
      const [y, m, dd] = d.split("-").map(Number) as [number, number, number];
      return `${dd} ${MONTHS[m - 1]} ${y}`;
    }),
    fc
      .tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 1, max: 12 }))
      .map(([d, m]) => `${d} ${MONTHS[m - 1]}`),
    fc.tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 })).map(([d, m]) => `${d}-${m}`),
    fc.constantFrom(
      "vandaag",
      "morgen",
      "overmorgen",
      "donderdag",
      "volgende zondag",
      "volgende week maandag",
      "next friday",
    ),
  );
  const timePhrase = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
      .map(([h, m]) => `${h}:${String(m).padStart(2, "0")}`),
    fc.integer({ min: 0, max: 25 }).map((h) => `${h} uur`),
    fc.integer({ min: 0, max: 13 }).map((h) => `om ${h}pm`),
  );
  const meetingText = fc
    .tuple(
      fc.constantFrom("overleg plan", "meeting plan", "overleg verplaats 1", "meeting move 2"),
      datePhrase,
      timePhrase,
      fc.constantFrom("", " Stadhuis", " <https://x.nl|x>"),
      fc.boolean(),
    )
    .map(([command, date, time, place, timeFirst]) =>
      timeFirst ? `${command} ${time} ${date}${place}` : `${command} ${date} ${time}${place}`,
    );

  it("every accepted meeting date is a real day, not before today and at most five years ahead, at a real time", () => {
    let meetings = 0;
    fc.assert(
      fc.property(fc.oneof(meetingText, commandText), locale, today, (text, loc, day) => {
        const result = parseAt(text, loc, { today: day });
        if (!result.ok) return;
        const { command } = result;
        if (command.name === "meeting.plan" || command.name === "meeting.reschedule") {
          meetings++;
          expect(isCalendarDay(command.date)).toBe(true);
          expect(command.date >= day).toBe(true);
          expect(command.date <= `${Number(day.slice(0, 4)) + 5}${day.slice(4)}`).toBe(true);
          expect(command.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        }
        if (command.name === "handover.start" && command.date !== undefined) {
          expect(isCalendarDay(command.date)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // The generator reaches the interesting case: not a property about nothing.
    expect(meetings).toBeGreaterThan(50);
  });

  it("accepted commands carry trimmed, non-empty texts without doubled whitespace, and positive numbers", () => {
    fc.assert(
      fc.property(commandText, locale, today, (text, loc, day) => {
        const result = parseAt(text, loc, { today: day });
        if (!result.ok) return;
        const first = text.trim().split(/\s+/)[0] ?? "";
        expect(COMMAND_GROUP[result.command.name]).toBe(commandGroupOf(first));
        for (const [key, value] of Object.entries(result.command)) {
          if (key === "name") continue;
          if (typeof value === "string") {
            expect(value.length, key).toBeGreaterThan(0);
            expect(value, key).toBe(value.trim());
            expect(value, key).not.toMatch(/\s{2}/);
          }
          if (typeof value === "number") {
            expect(Number.isInteger(value) && value >= 1, key).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
