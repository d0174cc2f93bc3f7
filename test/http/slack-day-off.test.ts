import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetings } from "../../src/db/schema.js";
import { nonWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  TEAM_ID,
} from "../support/slack-bed.js";
import { blockActionsPayload, postInteraction, postSlashCommand } from "../support/slack-requests.js";

/*
 * `overleg plan` on a Saturday in Slack, through signed requests: the question with its buttons as the
 * command's answer, then the chair's press of *Ja, plannen* as a block action.
 */
const database = useTestDatabase({ isolated: true });

describe("Slack: planning a meeting on a day off", () => {
  let bed: SlackBed;
  let seeded: Awaited<ReturnType<typeof seedSlackRegion>>;

  beforeAll(async () => {
    bed = await startSlackBed(database.current);
    seeded = await seedSlackRegion(database.current, bed.sim);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("asks first, and plans once the chair presses Ja, plannen", async () => {
    let saturday = DateTime.now().setZone("Europe/Amsterdam").plus({ days: 40 });
    while (nonWorkingDay(saturday.toISODate() as string)?.name.nl !== "een zaterdag")
      saturday = saturday.plus({ days: 1 });
    const channelId = bed.sim.dmChannelFor(seeded.chair.userId, TEAM_ID);
    const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text: `overleg plan ${saturday.toFormat("dd-MM-yyyy")} 10:00`,
      user_id: seeded.chair.userId,
      team_id: TEAM_ID,
      channel_id: channelId,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      blocks?: { type: string; elements?: Record<string, unknown>[] }[];
    };
    const day = saturday.setLocale("nl-NL").toFormat("d MMMM yyyy");
    expect(JSON.stringify(body)).toContain(`${day} is een zaterdag. Toch plannen?`);
    const buttons = (body.blocks ?? [])
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements ?? []) as { action_id: string; value: string; text: { text: string } }[];
    expect(buttons.map((b) => b.text.text)).toEqual(["Ja, plannen", "Annuleren"]);
    const [confirm] = buttons;
    if (!confirm) throw new Error("no Ja, plannen button");

    const startsAt = saturday.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    const planned = () =>
      database.current.db
        .select()
        .from(meetings)
        .where(and(eq(meetings.regionId, seeded.region.id), eq(meetings.startsAt, startsAt)));
    expect(await planned()).toHaveLength(0);

    const pressed = await postInteraction(
      bed.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({
        userId: seeded.chair.userId,
        teamId: TEAM_ID,
        actionId: confirm.action_id,
        value: confirm.value,
        channelId,
      }),
    );
    expect(pressed.status).toBe(200);
    const deadline = Date.now() + 5000;
    while ((await planned()).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(await planned()).toHaveLength(1);
    // The answer reaches Slack: in the DM, or through the interaction's response_url.
    const answers = () =>
      JSON.stringify([
        ...bed.sim.callsTo("chat.postMessage"),
        ...bed.sim.callsTo("chat.postEphemeral"),
        ...bed.sim.callsTo("chat.update"),
        ...bed.sim.responses,
      ]);
    while (!answers().includes("Overleg gepland op") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(answers()).toContain(`Overleg gepland op ${day} om 10:00`);
  });
});
