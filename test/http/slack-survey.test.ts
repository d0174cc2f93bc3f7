import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWave } from "../../src/app/waves/close-wave.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { waveStatus } from "../../src/app/waves/wave-status.js";
import { answerRevisions, channelBindings, deliveries, invitations } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { uniqueKey } from "../support/factories.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  submitVensterModal,
  TEAM_ID,
} from "../support/slack-bed.js";
import { blockActionsPayload, postInteraction, postSlashCommand } from "../support/slack-requests.js";
import { completeVensterAnswers } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

describe("the annual survey end to end in Slack", () => {
  let bed: SlackBed;
  let seeded: Awaited<ReturnType<typeof seedSlackRegion>>;
  let waveName: string;

  beforeAll(async () => {
    bed = await startSlackBed(database.current);
    seeded = await seedSlackRegion(database.current, bed.sim);
    waveName = uniqueKey("Venster 2027");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const invitationOf = async (personId: string) => {
    const [row] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, personId));
    if (!row) throw new Error("no invitation");
    return row;
  };

  it("opens a wave, DMs each surveyed contact person once, in their language, and never the others", async () => {
    const ctx = bed.app.ctx;
    await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
    await bed.app.worker?.drain(0);

    const dm = (userId: string) => bed.sim.messages(bed.sim.dmChannelFor(userId, TEAM_ID));
    const gemeenteDm = dm(seeded.gemeente.userId);
    expect(gemeenteDm).toHaveLength(1);
    expect(gemeenteDm[0]?.text).toContain(seeded.region.name);
    const invitation = await invitationOf(seeded.gemeente.person.id);
    expect(JSON.stringify(gemeenteDm[0]?.blocks)).toContain(`"value":"${invitation.id}"`);
    expect(JSON.stringify(gemeenteDm[0]?.blocks)).toContain("Invullen");
    expect(JSON.stringify(dm(seeded.verzekeraar.userId)[0]?.blocks)).toContain("Answer");
    // The chair's and the provider's organisations are not financiers: they are not surveyed.
    expect(dm(seeded.chair.userId)).toHaveLength(0);
    expect(dm(seeded.aanbieder.userId)).toHaveLength(0);
  });

  it("opens the questions in a modal from the card's button", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const response = await postInteraction(
      bed.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({
        userId: seeded.gemeente.userId,
        teamId: TEAM_ID,
        actionId: "survey_open",
        value: invitation.id,
        channelId: bed.sim.dmChannelFor(seeded.gemeente.userId, TEAM_ID),
      }),
    );
    expect(response.status).toBe(200);
    const opened = await bed.sim.waitForCall("views.open");
    const view = opened.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string }[];
    };
    expect(view.callback_id).toBe("survey_submit");
    expect(JSON.parse(view.private_metadata)).toEqual({
      invitationId: invitation.id,
      survey: "venster",
      version: 1,
      locale: "nl",
      region: seeded.region.name,
    });
    expect(view.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining(["agenda_tevreden", "proces_ondersteuning_welke"]),
    );
  });

  it("shows validation errors inline in the modal, in Dutch, and stores nothing", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const response = await submitVensterModal(bed, {
      userId: seeded.gemeente.userId,
      invitationId: invitation.id,
      answers: { agenda_tevreden: true, proces_ondersteuning: true },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors)).toEqual(
      expect.arrayContaining([
        "agenda_ondersteuning",
        "proces_tevreden",
        "proces_ondersteuning_welke",
        "resultaat_tevreden",
      ]),
    );
    expect(body.errors.proces_tevreden).toMatch(/ja of nee/i);
    // The conditional question says why it is required now.
    expect(body.errors.proces_ondersteuning_welke).toBe(
      "U antwoordde „ja” bij „Is er behoefte aan ondersteuning bij het proces?”: welke ondersteuning is nodig?",
    );
    expect(
      await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitation.id)),
    ).toEqual([]);
  });

  it("stores a valid submission as a revision, masks a citizen number, and updates the DM card", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const response = await submitVensterModal(bed, {
      userId: seeded.gemeente.userId,
      invitationId: invitation.id,
      answers: completeVensterAnswers,
      viewId: "V0VALID0001",
    });
    expect(response.status).toBe(200);
    // Stored first, then acknowledged: the answer itself says it was saved.
    expect(JSON.stringify(await response.json())).toContain("Dank u wel! Uw antwoorden zijn opgeslagen");

    const revisions = await database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitation.id));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ revision: 1, submittedVia: "slack" });
    expect(revisions[0]?.answers).toMatchObject({
      agenda_tevreden: true,
      proces_tevreden: false,
      proces_ondersteuning_welke: "Procesbegeleiding bij de inkoop",
      agenda_toelichting: "Goede werkagenda; bel gerust [BSN verwijderd] voor vragen",
    });

    await bed.app.worker?.drain(0);
    const update = await bed.sim.waitForCall("chat.update");
    expect(update.args.channel).toBe(bed.sim.dmChannelFor(seeded.gemeente.userId, TEAM_ID));
    const [card] = bed.sim.messages(bed.sim.dmChannelFor(seeded.gemeente.userId, TEAM_ID));
    expect(card?.text).toContain("Ingevuld op");
    expect(JSON.stringify(card?.blocks)).toContain("Wijzigen");
  });

  it("pre-fills the modal with the latest answers when opened again", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const before = bed.sim.callsTo("views.open").length;
    await postInteraction(
      bed.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({
        userId: seeded.gemeente.userId,
        teamId: TEAM_ID,
        actionId: "survey_open",
        value: invitation.id,
      }),
    );
    await bed.sim.waitForCall("views.open", () => bed.sim.callsTo("views.open").length > before);
    const view = bed.sim.callsTo("views.open").at(-1)?.args.view as { blocks: Record<string, unknown>[] };
    const welke = view.blocks.find((b) => b.block_id === "proces_ondersteuning_welke") as {
      element: { initial_value?: string };
    };
    expect(welke.element.initial_value).toBe("Procesbegeleiding bij de inkoop");
  });

  it("keeps every revision and counts only the latest", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const response = await submitVensterModal(bed, {
      userId: seeded.gemeente.userId,
      invitationId: invitation.id,
      answers: { ...completeVensterAnswers, agenda_tevreden: false },
      viewId: "V0CHANGE001",
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain("Dank u wel!");
    const revisions = await database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitation.id));
    expect(
      revisions.map((r) => [r.revision, (r.answers as Record<string, unknown>).agenda_tevreden]),
    ).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it("binds a channel for the chair and posts the region summary there when the wave closes", async () => {
    const channelId = uniqueKey("C").toUpperCase().replaceAll("-", "");
    const refused = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text: `koppel ${seeded.region.slug}`,
      user_id: seeded.gemeente.userId,
      team_id: TEAM_ID,
      channel_id: channelId,
    });
    expect(((await refused.json()) as { text: string }).text).toContain(
      `Alleen de voorzitter van ${seeded.region.name}`,
    );

    const bound = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text: `koppel ${seeded.region.slug}`,
      user_id: seeded.chair.userId,
      team_id: TEAM_ID,
      channel_id: channelId,
    });
    expect(await bound.json()).toMatchObject({ response_type: "in_channel" });
    const [binding] = await database.current.db
      .select()
      .from(channelBindings)
      .where(eq(channelBindings.channelId, channelId));
    expect(binding).toMatchObject({
      purpose: "region",
      regionId: seeded.region.id,
      platform: "slack",
      workspaceId: TEAM_ID,
    });

    const status = await waveStatus(database.current.db, waveName);
    expect(status.wave.status).toBe("open");

    await closeWave(bed.app.ctx, waveName);
    await bed.app.worker?.drain(0);
    const [summary] = bed.sim.messages(channelId);
    const text = JSON.stringify(summary?.blocks);
    expect(text).toContain("Respons: 1/2 (50%)");
    // Only the latest revision counts: agenda was changed to "nee".
    expect(text).toMatch(/Agenda +[░▓]+ +0% +\(0 ja, 1 nee\)/);
    expect(text).toContain("Gemeenten: 1/1 (100%)");
    // Free text is confidential: support needs are counted per theme, explanations not shown, never a name.
    expect(text).toContain("• Proces — 1 antwoord: Anders 1");
    expect(text).not.toContain("Procesbegeleiding bij de inkoop");
    expect(text).not.toContain("Goede werkagenda");
    expect(text).not.toContain(seeded.gemeente.person.name);
    expect(text).toContain("/venster");

    // One answer is below the threshold of 3: the chair hears privately that there are too few to share.
    const [chairDm, ...moreForChair] = bed.sim.messages(bed.sim.dmChannelFor(seeded.chair.userId, TEAM_ID));
    expect(moreForChair).toEqual([]);
    expect(JSON.stringify(chairDm)).toContain(
      "Er hebben te weinig mensen geantwoord om de toelichtingen te delen",
    );
    expect(JSON.stringify(chairDm)).not.toContain("Procesbegeleiding");

    // The unanswered invitation's card now says the round has closed.
    const [closedCard] = bed.sim.messages(bed.sim.dmChannelFor(seeded.verzekeraar.userId, TEAM_ID));
    expect(closedCard?.text).toContain("closed");
  });

  it("refuses a late submission politely and stores nothing", async () => {
    const invitation = await invitationOf(seeded.verzekeraar.person.id);
    const response = await submitVensterModal(bed, {
      userId: seeded.verzekeraar.userId,
      invitationId: invitation.id,
      answers: completeVensterAnswers,
      viewId: "V0LATE00001",
      locale: "en",
    });
    expect(response.status).toBe(200);
    // Said at once, never "saving" first.
    const answer = JSON.stringify(await response.json());
    expect(answer).toContain("this round has closed");
    expect(answer).not.toContain("Saving your answers");
    const stored = await database.current.db
      .select()
      .from(answerRevisions)
      .where(and(eq(answerRevisions.invitationId, invitation.id)));
    expect(stored).toEqual([]);
    const sentInvitations = await database.current.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.invitationId, invitation.id), eq(deliveries.kind, "survey-invitation")));
    expect(sentInvitations).toHaveLength(1);
  });
});
