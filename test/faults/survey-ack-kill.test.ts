import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerRevisions, invitations, platformIdentities } from "../../src/db/schema.js";
import { openFanoutWave } from "../support/fanout.js";
import {
  type FanoutReplicasBed,
  faultTestsSkipReason,
  startFanoutReplicas,
} from "../support/fanout-replicas.js";
import { SIGNING_SECRET, TEAM_ID } from "../support/slack-bed.js";
import { postInteraction, viewSubmissionPayload } from "../support/slack-requests.js";
import {
  completeVensterAnswers,
  slackStateValues,
  vensterModalMetadata,
} from "../support/venster-answers.js";

/*
 * Issue 11: a process killed right after it acknowledged a survey answer must not lose it. Slack shows the
 * person "saved" on the ack, so the answer must be committed before the ack goes out. Ten people submit at
 * once; the moment the first acknowledgement arrives the replica is killed (SIGKILL); every submission that
 * got an acknowledgement must then be in answer_revisions.
 */

const PEOPLE = 10;

describe.skipIf(faultTestsSkipReason())("a replica killed right after acknowledging survey answers", () => {
  let bed: FanoutReplicasBed;
  beforeAll(async () => {
    bed = await startFanoutReplicas({ people: PEOPLE, ratePerSecond: 50, replicas: 1 });
  }, 120_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("has stored every answer it acknowledged", { timeout: 60_000 }, async () => {
    const { db } = bed.database;
    const [replica] = bed.replicas as [FanoutReplicasBed["replicas"][0]];
    const opened = await openFanoutWave(db, bed.wave);
    const invited = await db
      .select({ invitationId: invitations.id, userId: platformIdentities.userId })
      .from(invitations)
      .innerJoin(platformIdentities, eq(platformIdentities.personId, invitations.personId))
      .where(eq(invitations.waveId, opened.waveId));
    expect(invited).toHaveLength(PEOPLE);

    const eventsUrl = `${replica.baseUrl}/slack/events`;
    let killed: Promise<number> | undefined;
    const outcomes = await Promise.all(
      invited.map(async ({ invitationId, userId }) => {
        const payload = viewSubmissionPayload({
          userId,
          teamId: TEAM_ID,
          callbackId: "survey_submit",
          privateMetadata: vensterModalMetadata(invitationId),
          values: slackStateValues(completeVensterAnswers),
        });
        try {
          const response = await postInteraction(eventsUrl, SIGNING_SECRET, payload);
          // The acknowledgement is in: from here the person sees "saved". Kill at once, mid whatever follows.
          killed ??= replica.kill("SIGKILL");
          const body = await response.text().catch(() => "");
          return { invitationId, acked: response.status === 200, body };
        } catch {
          return { invitationId, acked: false, body: "(no answer: the process was gone)" };
        }
      }),
    );
    await killed;
    const acked = outcomes.filter((o) => o.acked).map((o) => o.invitationId);
    expect(acked.length, JSON.stringify(outcomes.slice(0, 2))).toBeGreaterThan(0);

    const stored = await db
      .select({ invitationId: answerRevisions.invitationId })
      .from(answerRevisions)
      .where(inArray(answerRevisions.invitationId, acked));
    const lost = acked.filter((id) => !stored.some((s) => s.invitationId === id));
    console.log(
      `[fault SIGKILL after survey ack] ${acked.length} of ${PEOPLE} submissions acknowledged before the kill; ${stored.length} stored, ${lost.length} lost`,
    );
    expect(lost, `${lost.length} of ${acked.length} acknowledged answers are not in the database`).toEqual(
      [],
    );
  });
});
