import { describe, expect, it } from "vitest";
import { type Command, parseCommand, usage } from "../../../src/domain/commands/parse-command.js";
import { LOCALES } from "../../../src/domain/vocabulary.js";

const parse = (text: string) => parseCommand(text, "nl", { today: "2027-01-14" });

describe("quoted arguments: an argument written wholly in quotes is its text without them", () => {
  it.each<[string, Command]>([
    [
      'onderwerpen verbied preventie "mededinging"',
      { name: "topics.forbid", topic: "preventie", reason: "mededinging" },
    ],
    [
      'onderwerpen verbied "zorginkoop tarieven" "kartelrisico bij inkoop"',
      { name: "topics.forbid", topic: "zorginkoop tarieven", reason: "kartelrisico bij inkoop" },
    ],
    [
      'agenda add "Wachtlijsten jeugdzorg" #jeugd',
      { name: "agenda.add", text: "Wachtlijsten jeugdzorg", theme: "jeugd" },
    ],
    ["afspraak add „Eén loket”", { name: "agreement.add", text: "Eén loket" }],
    ['hulpvraag "Wij komen er niet uit"', { name: "escalate", text: "Wij komen er niet uit" }],
    ['koppel "Utrecht Stad"', { name: "bind", region: "Utrecht Stad" }],
    [
      'overleg plan morgen 10:00 "Zaal 3"',
      { name: "meeting.plan", date: "2027-01-15", time: "10:00", location: "Zaal 3" },
    ],
    // Quotes inside a longer text are part of what was typed.
    ['agenda add Kosten & baten "Samen Sterk"', { name: "agenda.add", text: 'Kosten & baten "Samen Sterk"' }],
    [
      'onderwerpen verbied preventie zie "Mededingingswet"',
      { name: "topics.forbid", topic: "preventie", reason: 'zie "Mededingingswet"' },
    ],
  ])("%j", (text, command) => {
    expect(parse(text)).toEqual({ ok: true, command });
  });
});

describe("placeholders every platform shows", () => {
  it("no usage line uses angle brackets, which Teams takes for markup", () => {
    for (const locale of LOCALES) {
      for (const name of ["bind", "meeting.plan", "agenda.add", "handover.start", "escalate"] as const) {
        expect(usage(name, locale)).not.toMatch(/[<>]/);
      }
    }
    expect(usage("bind", "nl")).toContain("`koppel «regio»`");
    expect(usage("meeting.plan", "nl")).toContain("[plaats of link]");
  });
});
