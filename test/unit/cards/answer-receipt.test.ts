import { describe, expect, it } from "vitest";
import { renderSlackBlocks } from "../../../src/bot/cards/render-slack.js";
import { answerReceipt } from "../../../src/domain/cards/answer-receipt.js";
import { invitationCard } from "../../../src/domain/cards/survey-cards.js";
import { evaluatieDefinition } from "../../../src/domain/survey/definitions/evaluatie.js";
import { vensterDefinition } from "../../../src/domain/survey/definitions/venster.js";

/* The receipt on an answered invitation card (issue 12): what was stored, per part, in the person's language. */

const answers = {
  agenda_tevreden: true,
  agenda_toelichting: "Goede\nwerkagenda",
  agenda_ondersteuning: false,
  proces_tevreden: false,
  proces_ondersteuning: true,
  proces_ondersteuning_welke: "x".repeat(500),
  resultaat_tevreden: true,
  resultaat_ondersteuning: false,
};

describe("answerReceipt", () => {
  it("lists each answered question with its answer, per part, in the order of the form", () => {
    const [agenda, proces] = answerReceipt(vensterDefinition, answers, "nl");
    expect(agenda).toEqual({
      title: "Agenda",
      lines: [
        "Bent u tevreden over de samenwerking wat betreft de agenda? *Ja*",
        "Toelichting (optioneel): „Goede werkagenda”",
        "Is er behoefte aan ondersteuning bij de agenda? *Nee*",
      ],
    });
    // A long explanation is shortened to 200 characters; the form shows it whole.
    const which = proces?.lines[2] ?? "";
    expect(which.startsWith("Welke ondersteuning is nodig? „xxx")).toBe(true);
    expect(Array.from(which.slice(which.indexOf("„") + 1, -1))).toHaveLength(200);
    expect(which.endsWith("…”")).toBe(true);
  });

  it("names chosen options and scale values, in English too", () => {
    const receipt = answerReceipt(
      evaluatieDefinition,
      { organisatie_type: "gemeente", factoren_positief: ["vertrouwen", "leiderschap"], urgentie: 4 },
      "en",
    );
    const lines = receipt.flatMap((section) => section.lines);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\*Municipality\*$/),
        expect.stringMatching(/\*Trust\*, \*Leadership\*$/),
        expect.stringMatching(/ \*4\*$/),
      ]),
    );
  });

  it("leaves out parts nobody answered", () => {
    expect(answerReceipt(vensterDefinition, { agenda_tevreden: false }, "nl").map((s) => s.title)).toEqual([
      "Agenda",
    ]);
  });
});

describe("the answered invitation card", () => {
  it("shows the receipt under the facts, in Slack within its limits", () => {
    const card = invitationCard({
      locale: "nl",
      timeZone: "Europe/Amsterdam",
      invitationId: "0b6f3c1e-6a4e-4c55-9d1c-2f8a7c1d9e01",
      surveyTitle: vensterDefinition.title,
      waveName: "2027",
      regionName: "Utrecht Stad",
      closesAt: new Date("2027-02-05T16:00:00Z"),
      state: {
        kind: "answered",
        at: new Date("2027-01-20T10:00:00Z"),
        receipt: answerReceipt(vensterDefinition, answers, "nl"),
      },
    });
    const texts = card.blocks.flatMap((b) => (b.type === "text" ? [b.text] : []));
    expect(texts.slice(1)).toEqual([
      "*Uw antwoorden*",
      expect.stringMatching(/^\*Agenda\*\nBent u tevreden/),
      expect.stringMatching(/^\*Proces\*\n/),
      expect.stringMatching(/^\*Resultaat\*\n/),
    ]);
    const blocks = renderSlackBlocks(card) as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(Array.from(block.text?.text ?? "").length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toContain("Wijzigen");
  });
});
