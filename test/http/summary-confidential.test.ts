import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueRegionSummary } from "../../src/app/survey/post-region-summary.js";
import { closeWave } from "../../src/app/waves/close-wave.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { channelBindings, deliveries, invitations, memberships } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createChannelBinding, uniqueKey } from "../support/factories.js";
import {
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  submitVensterModal,
  TEAM_ID,
} from "../support/slack-bed.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

/** Free text the respondents type; none of it may reach a region channel. */
const TEXTS = {
  fullGemeenteExplanation: "Goede werkagenda, maar wethouder Bakker schuift steeds aan",
  fullGemeenteSupport: "Procesbegeleiding bij de inkoop van ouderenzorg",
  fullVerzekeraarExplanation: "Het proces loopt traag sinds de fusie",
  fullVerzekeraarSupport: "Advies over preventie en leefstijl",
  sparseExplanation: "Alleen wij komen nog naar het overleg",
  sparseSupport: "Een onafhankelijke voorzitter voor de ggz-tafel",
};

const answers = (explanation: string, support: string) => ({
  agenda_tevreden: true,
  agenda_toelichting: explanation,
  agenda_ondersteuning: false,
  proces_tevreden: false,
  proces_ondersteuning: true,
  proces_ondersteuning_welke: support,
  resultaat_tevreden: true,
  resultaat_ondersteuning: false,
});

type Seeded = Awaited<ReturnType<typeof seedSlackRegion>>;

const threshold = 2;

describe("confidential answers in the region summary (Slack, end to end)", () => {
  let bed: SlackBed;
  /** Both financiers answer: as many answers as the threshold. */
  let full: Seeded;
  /** Only the gemeente answers: below the threshold. */
  let sparse: Seeded;
  const channels = { full: "", sparse: "", fullInAnotherChannel: "" };

  const blocksIn = (channel: string) => JSON.stringify(bed.sim.messages(channel));
  const dmOf = (userId: string) => bed.sim.messages(bed.sim.dmChannelFor(userId, TEAM_ID));

  beforeAll(async () => {
    bed = await startSlackBed(database.current, { env: { ANONYMITY_THRESHOLD: String(threshold) } });
    full = await seedSlackRegion(database.current, bed.sim);
    sparse = await seedSlackRegion(database.current, bed.sim);
    // The full region is bound in two channels: its chairs still get the texts once.
    for (const [key, seeded] of [
      ["full", full],
      ["sparse", sparse],
      ["fullInAnotherChannel", full],
    ] as const) {
      channels[key] = uniqueKey("C").toUpperCase().replaceAll("-", "");
      await createChannelBinding(database.current.db, {
        purpose: "region",
        regionId: seeded.region.id,
        platform: "slack",
        workspaceId: TEAM_ID,
        channelId: channels[key],
      });
    }
    const waveName = uniqueKey("Venster 2027");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
    const ctx = bed.app.ctx;
    await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
    await bed.app.worker?.drain(0);

    const answer = async (who: Seeded["gemeente"], given: Record<string, boolean | string>) => {
      const [invitation] = await database.current.db
        .select()
        .from(invitations)
        .where(eq(invitations.personId, who.person.id));
      if (!invitation) throw new Error("no invitation");
      const response = await submitVensterModal(bed, {
        userId: who.userId,
        invitationId: invitation.id,
        answers: given,
      });
      expect(response.status).toBe(200);
    };
    await answer(full.gemeente, answers(TEXTS.fullGemeenteExplanation, TEXTS.fullGemeenteSupport));
    await answer(full.verzekeraar, answers(TEXTS.fullVerzekeraarExplanation, TEXTS.fullVerzekeraarSupport));
    await answer(sparse.gemeente, answers(TEXTS.sparseExplanation, TEXTS.sparseSupport));

    await closeWave(ctx, waveName);
    await bed.app.worker?.drain(0);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("posts a summary in each region channel that quotes no free-text answer", () => {
    for (const channel of Object.values(channels)) {
      const posted = blocksIn(channel);
      expect(posted).toContain("Respons:");
      for (const text of Object.values(TEXTS)) expect(posted).not.toContain(text);
    }
  });

  it("counts the support needs per theme in the channel, as the venster does", () => {
    const posted = blocksIn(channels.full);
    expect(posted).toContain("*Gevraagde ondersteuning per thema*");
    // "…inkoop van ouderenzorg" is Ouderen, "…preventie en leefstijl" is Preventie.
    expect(posted).toContain("• Proces — 2 antwoorden: Preventie 1, Ouderen 1");
    expect(posted).toContain(
      "Toelichtingen in eigen woorden gaan zonder namen alleen naar de voorzitters van deze regiotafel",
    );
  });

  it("sends the texts to the region's chair privately, in alphabetical order, without names", () => {
    const [message, ...more] = dmOf(full.chair.userId);
    expect(more).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).toContain(`Toelichtingen voor de voorzitters — ${full.region.name}`);
    // Per question, alphabetical: the order of answering does not show.
    const explanations = [TEXTS.fullGemeenteExplanation, TEXTS.fullVerzekeraarExplanation].sort();
    const supports = [TEXTS.fullVerzekeraarSupport, TEXTS.fullGemeenteSupport];
    for (const [first, second] of [explanations, supports]) {
      expect(text.indexOf(first as string)).toBeGreaterThan(-1);
      expect(text.indexOf(first as string)).toBeLessThan(text.indexOf(second as string));
    }
    expect(text).not.toContain(TEXTS.sparseExplanation);
    for (const person of [full.gemeente.person, full.verzekeraar.person])
      expect(text).not.toContain(person.name);
    expect(text).not.toContain("Organisatie");
  });

  it("below the threshold tells the chair there are too few answers, and shares no text", () => {
    const [message, ...more] = dmOf(sparse.chair.userId);
    expect(more).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).toContain(
      `Er hebben te weinig mensen geantwoord om de toelichtingen te delen: 1 van de minimaal ${threshold}.`,
    );
    for (const written of Object.values(TEXTS)) expect(text).not.toContain(written);
  });

  it("sends the texts to nobody else: not to other members, not to any channel", () => {
    const chairDms = new Set(
      [full.chair.userId, sparse.chair.userId].map((u) => bed.sim.dmChannelFor(u, TEAM_ID)),
    );
    const elsewhere = JSON.stringify(bed.sim.messages().filter((m) => !chairDms.has(m.channel)));
    for (const written of Object.values(TEXTS)) expect(elsewhere).not.toContain(written);
    for (const seeded of [full, sparse])
      for (const member of [seeded.gemeente, seeded.verzekeraar, seeded.aanbieder])
        expect(JSON.stringify(dmOf(member.userId))).not.toContain("Toelichtingen voor de voorzitters");
  });

  it("sends nothing to someone who stopped chairing between the queueing and the sending", async () => {
    const db = database.current.db;
    const [binding] = await db
      .select()
      .from(channelBindings)
      .where(eq(channelBindings.channelId, channels.full));
    if (!binding) throw new Error("no binding");
    await queueRegionSummary(bed.app.ctx, db, { bindingId: binding.id, occasion: "test:replaced-chair" });
    await db
      .update(memberships)
      .set({ activeUntil: "2026-01-01" })
      .where(eq(memberships.personId, full.chair.person.id));
    await bed.app.worker?.drain(0);

    const rows = await db.select().from(deliveries).where(eq(deliveries.kind, "region-summary-texts"));
    expect(rows.find((row) => row.idempotencyKey.includes("test:replaced-chair"))).toMatchObject({
      personId: full.chair.person.id,
      status: "cancelled",
    });
    expect(dmOf(full.chair.userId)).toHaveLength(1);
    // The outbox holds where to read the texts from, never the texts themselves.
    for (const written of Object.values(TEXTS)) expect(JSON.stringify(rows)).not.toContain(written);
  });
});
