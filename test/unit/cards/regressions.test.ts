import { describe, expect, it } from "vitest";
import { renderSlackBlocks, renderSlackModal } from "../../../src/bot/cards/render-slack.js";
import { invitationCard, surveyForm } from "../../../src/domain/cards/survey-cards.js";
import { vensterDefinition } from "../../../src/domain/survey/definitions/venster.js";
import { validateAnswers } from "../../../src/domain/survey/validate-answers.js";

describe("regressions found by the card tests", () => {
  it("accepts a stored answer unchanged although masking made it longer than the limit", () => {
    const question = vensterDefinition.sections
      .flatMap((s) => s.questions)
      .find((q) => q.id === "agenda_toelichting");
    if (question?.kind !== "text") throw new Error("fixture question missing");
    const typed = `${"x".repeat(question.maxLength - 10)} 111222333`;
    const raw = {
      agenda_tevreden: "ja",
      agenda_toelichting: typed,
      agenda_ondersteuning: "nee",
      proces_tevreden: "ja",
      proces_ondersteuning: "nee",
      resultaat_tevreden: "ja",
      resultaat_ondersteuning: "nee",
    };
    const first = validateAnswers(vensterDefinition, raw);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const stored = String(first.answers.agenda_toelichting);
    expect(stored.endsWith("[BSN verwijderd]")).toBe(true);
    expect(Array.from(stored).length).toBeGreaterThan(question.maxLength);
    expect(validateAnswers(vensterDefinition, { ...raw, agenda_toelichting: stored }).ok).toBe(true);

    const modal = renderSlackModal(surveyForm(vensterDefinition, "nl", "Regio", first.answers), {
      callbackId: "c",
      privateMetadata: "",
    }) as {
      blocks: { block_id?: string; element?: { max_length?: number; initial_value?: string } }[];
    };
    const input = modal.blocks.find((b) => b.block_id === "agenda_toelichting")?.element;
    expect(Array.from(input?.initial_value ?? "").length).toBeLessThanOrEqual(input?.max_length ?? 0);
  });

  it("keeps card fields within Slack's 2000 characters and never cuts an emoji in half", () => {
    const card = invitationCard({
      locale: "nl",
      timeZone: "Europe/Amsterdam",
      invitationId: "i",
      surveyTitle: { nl: "😀".repeat(200), en: "x" },
      waveName: "Ronde",
      regionName: "R".repeat(2500),
      closesAt: new Date("2027-02-05T16:00:00Z"),
      state: { kind: "open" },
    });
    const blocks = renderSlackBlocks(card) as {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
    }[];
    for (const field of blocks.flatMap((b) => b.fields ?? []))
      expect(field.text.length).toBeLessThanOrEqual(2000);
    const header = blocks.find((b) => b.type === "header")?.text?.text ?? "";
    expect(header).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(Array.from(header).length).toBeLessThanOrEqual(150);
  });
});
