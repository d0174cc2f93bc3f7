import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import { createChannelBinding } from "../support/factories.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  TEAM_ID,
} from "../support/slack-bed.js";
import { postSlashCommand } from "../support/slack-requests.js";
import { slackDisplay } from "../unit/cards/slack-display.js";

/*
 * Issue 12: a chair typed `<!channel> <https://evil.example/login|Klik hier>` into an agenda item, and the
 * bot posted it back as mrkdwn, pinging the channel with a disguised link. Through signed slash commands,
 * everything Slack gets back (the answer's `text` and every mrkdwn text in its blocks) shows what was typed,
 * with nothing live in it.
 */

// Its own database: planning a meeting wakes the outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

type SlackAnswer = { response_type?: string; text?: string; blocks?: unknown[] };

/** Every mrkdwn string in an answer: the top-level text (Slack parses it too) and the blocks' mrkdwn texts. */
function mrkdwnTexts(answer: SlackAnswer): string[] {
  const found: string[] = answer.text ? [answer.text] : [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "mrkdwn" && typeof record.text === "string") found.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(answer.blocks);
  return found;
}

describe("what people type reaches Slack as they typed it", () => {
  let bed: SlackBed;
  let seeded: Awaited<ReturnType<typeof seedSlackRegion>>;
  const say = async (text: string) => {
    const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text,
      user_id: seeded.chair.userId,
      team_id: TEAM_ID,
      channel_id: "C0ESCAPE001",
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SlackAnswer;
  };

  beforeAll(async () => {
    bed = await startSlackBed(database.current);
    seeded = await seedSlackRegion(database.current, bed.sim);
    // A working day: a meeting on a day off would first ask "Toch plannen?".
    const day = DateTime.fromISO(
      nextWorkingDay(DateTime.now().setZone("Europe/Amsterdam").plus({ days: 30 }).toISODate() ?? ""),
    ).toFormat("dd-MM-yyyy");
    await say(`overleg plan ${day} 14:00 Stadhuis`);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it.each([
    // As Slack sends them: its control characters arrive as entities, which the bot reads back as typed.
    [
      "&lt;!channel&gt; &lt;https://evil.example/login|Klik hier&gt;",
      "<!channel> <https://evil.example/login|Klik hier>",
    ],
    [
      "<!channel> <https://evil.example/login|Klik hier voor uw subsidie>",
      "<!channel> <https://evil.example/login|Klik hier voor uw subsidie>",
    ],
    ["Zorg &amp; welzijn &lt;18-/18+&gt; overgang", "Zorg & welzijn <18-/18+> overgang"],
    ["@channel *dringend* _nu_ ~weg~", "@channel *dringend* _nu_ ~weg~"],
  ])(
    "agenda add %s: the answer and the agenda show it, with no mention or disguised link",
    async (sent, typed) => {
      const added = await say(`agenda add ${sent}`);
      const agenda = await say("agenda");
      for (const answer of [added, agenda]) {
        const texts = mrkdwnTexts(answer);
        expect(texts.length).toBeGreaterThan(0);
        for (const text of texts) expect(slackDisplay(text).live).toEqual([]);
        expect(texts.some((text) => slackDisplay(text).text.includes(typed))).toBe(true);
      }
      expect(added.response_type).toBe("in_channel");
    },
  );

  it("a hulpvraag with <!channel> and a disguised link reaches the national channel with neither live", async () => {
    const national = "C0NATIONAL01";
    await createChannelBinding(database.current.db, {
      purpose: "national",
      regionId: null,
      platform: "slack",
      workspaceId: TEAM_ID,
      channelId: national,
    });
    const typed = "<!channel> <https://evil.example/login|Klik hier voor uw subsidie>";
    const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text: "hulpvraag &lt;!channel&gt; &lt;https://evil.example/login|Klik hier voor uw subsidie&gt;",
      user_id: seeded.gemeente.userId,
      team_id: TEAM_ID,
      channel_id: "C0ESCAPE002",
    });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (bed.sim.messages(national).length === 0 && Date.now() < deadline) {
      await bed.app.worker?.drain(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [posted] = bed.sim.messages(national);
    expect(posted).toBeDefined();
    const texts = mrkdwnTexts({ text: posted?.text, blocks: posted?.blocks });
    for (const text of texts) expect(slackDisplay(text).live).toEqual([]);
    expect(texts.some((text) => slackDisplay(text).text === typed)).toBe(true);
  });
});
