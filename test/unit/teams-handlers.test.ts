import { Application } from "@microsoft/teams-ai";
import { type Activity, ActivityTypes, TestAdapter } from "botbuilder";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { registerTeamsHandlers } from "../../src/bot/teams/teams-app.js";
import {
  answerRevisions,
  channelBindings,
  invitations,
  memberships,
  platformIdentities,
} from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import {
  adaptiveCardAction,
  channelMessage,
  type InboundActivity,
  newAadObjectId,
  personalConversation,
  personalMessage,
  TEAMS_TENANT_ID,
  type TeamsUser,
  teamsUser,
} from "../support/teams-activities.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

/*
 * The Teams handlers (registerTeamsHandlers) on a Teams AI Application driven by botbuilder's TestAdapter:
 * no HTTP, no connector, no authentication. What the bot sends lands in the adapter's queue; an
 * `adaptiveCard/action` invoke is answered with an `invokeResponse` activity there (in production
 * CloudAdapter returns that activity's value as the HTTP response). The handlers run the real inbound
 * pipeline, so the sender is recognised by their identity, with the person's language first.
 */

// Its own database: opening a wave invites every financier contact in the database.
const database = useTestDatabase({ isolated: true });

/** Never contacted: the TestAdapter keeps everything the bot sends. */
const SERVICE_URL = "http://127.0.0.1:9/";

type CardElement = {
  type: string;
  id?: string;
  text?: string;
  errorMessage?: string;
  isRequired?: boolean;
};
type AdaptiveCard = { type: string; body: CardElement[]; actions?: { verb?: string }[]; refresh?: unknown };
type InvokeAnswer = { status: number; body: { statusCode: number; type: string; value: AdaptiveCard } };

const textOf = (value: unknown) => JSON.stringify(value);

describe("Teams handlers on botbuilder's TestAdapter", () => {
  const kick = vi.fn();
  let adapter: TestAdapter;
  let people: {
    dutch: { id: string; user: TeamsUser };
    english: { id: string; user: TeamsUser };
    member: { id: string; user: TeamsUser };
    chair: { id: string; user: TeamsUser };
  };
  let region: { slug: string; name: string };

  beforeAll(async () => {
    const { db } = database.current;
    const ctx: AppContext = {
      db,
      now: () => new Date(),
      timeZone: "Europe/Amsterdam",
      locale: "nl",
      publicUrl: "http://127.0.0.1:3978",
      anonymityThreshold: 3,
      nationalCoordinators: [],
    };
    const app = new Application({ startTypingTimer: false, removeRecipientMention: true });
    // The TestAdapter has no Bot Connector to ask for a stranger's e-mail address: Teams would know none.
    registerTeamsHandlers(app, {
      ctx,
      logger: createLogger("silent"),
      auth: undefined,
      kick,
      emailsOf: async () => [],
    });
    adapter = new TestAdapter(async (context) => {
      await app.run(context);
    });

    const created = await createRegion(db);
    region = created;
    const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [created.id] });
    const verzekeraar = await createOrganisation(db, { type: "zorgverzekeraar", activeIn: [created.id] });
    const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [created.id] });
    const contact = async (organisationId: string, locale: "nl" | "en", isChair = false) => {
      const person = await createPerson(db, { locale });
      await db.insert(memberships).values({
        personId: person.id,
        organisationId,
        regionId: created.id,
        role: "ambtelijk",
        activeFrom: "2026-01-01",
        isChair,
      });
      const user = teamsUser({ aadObjectId: newAadObjectId(), name: person.name, email: person.email });
      await db.insert(platformIdentities).values({
        personId: person.id,
        platform: "teams",
        workspaceId: TEAMS_TENANT_ID,
        userId: user.aadObjectId,
      });
      return { id: person.id, user };
    };
    people = {
      dutch: await contact(gemeente.id, "nl"),
      english: await contact(verzekeraar.id, "en"),
      member: await contact(secretariaat.id, "nl"),
      chair: await contact(secretariaat.id, "nl", true),
    };

    const waveName = uniqueKey("Venster 2027");
    await createWave(db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
    await openWave(db, waveName, { now: new Date(), timeZone: ctx.timeZone });
  });

  /** Runs one activity through the Application; what the bot sent during that turn. */
  async function turn(activity: InboundActivity): Promise<Partial<Activity>[]> {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity as unknown as Activity);
    return adapter.activeQueue.splice(0);
  }

  /** An invoke's answer: exactly one invokeResponse activity, and nothing else sent. */
  async function invoke(activity: InboundActivity): Promise<InvokeAnswer> {
    const sent = await turn(activity);
    expect(sent.map((a) => a.type)).toEqual([ActivityTypes.InvokeResponse]);
    return sent[0]?.value as InvokeAnswer;
  }

  const cardIn = (activity: Partial<Activity> | undefined) =>
    activity?.attachments?.[0]?.content as AdaptiveCard | undefined;

  const invitationOf = async (personId: string) => {
    const [row] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, personId));
    if (!row) throw new Error("no invitation");
    return row;
  };

  const cardAction = (
    user: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    options: { locale?: string } = {},
  ) =>
    adaptiveCardAction(
      user,
      { verb, data },
      {
        serviceUrl: SERVICE_URL,
        replyToId: "1700000000000",
        conversation: personalConversation(user),
        ...options,
      },
    );

  describe("messages", () => {
    it("help answers with the command overview in the person's language, whatever Teams' language", async () => {
      const dutch = await turn(personalMessage(people.dutch.user, "help", { serviceUrl: SERVICE_URL }));
      expect(dutch).toHaveLength(1);
      expect(dutch[0]).toMatchObject({ type: "message", textFormat: "markdown" });
      expect(dutch[0]?.text).toContain("Regiotafel-commando's");
      // A contact person's commands, with placeholders Teams shows as typed.
      expect(dutch[0]?.text).toContain("hulpvraag «tekst»");
      expect(dutch[0]?.text).not.toContain("commands");

      // An English-speaking contact with a Dutch Teams client still gets English.
      const english = await turn(
        personalMessage(people.english.user, "help", { serviceUrl: SERVICE_URL, locale: "nl-NL" }),
      );
      expect(english).toHaveLength(1);
      expect(english[0]?.text).toContain("Regiotafel commands");
      expect(english[0]?.text).toContain("support «text»");
      expect(english[0]?.text).not.toContain("commando");
    });

    it("someone the bot does not know gets the registration card, in their Teams language", async () => {
      const stranger = teamsUser({ aadObjectId: newAadObjectId(), name: "Onbekende Gebruiker" });
      const [dutch, ...rest] = await turn(personalMessage(stranger, "help", { serviceUrl: SERVICE_URL }));
      expect(rest).toEqual([]);
      expect(dutch?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(textOf(cardIn(dutch))).toContain("Ik ken u nog niet");
      expect(textOf(cardIn(dutch))).not.toContain("Regiotafel-commando's");

      const [english] = await turn(
        personalMessage(stranger, "help", { serviceUrl: SERVICE_URL, locale: "en-US" }),
      );
      expect(textOf(cardIn(english))).toContain("I don't know you yet");
    });

    it("`koppel «regio»` from someone who is not the region's chair is refused politely; nothing is bound", async () => {
      const channelId = `19:${uniqueKey("kanaal")}@thread.tacv2`;
      const [reply, ...rest] = await turn(
        channelMessage(people.member.user, `koppel ${region.slug}`, { serviceUrl: SERVICE_URL, channelId }),
      );
      expect(rest).toEqual([]);
      expect(reply?.type).toBe("message");
      // The refusal is for the one who asked, so it goes to their personal chat; the TestAdapter cannot open one
      // (the HTTP tests do, against the connector), so the channel hears only that, and not the refusal.
      expect(reply?.text).toContain("Ik kon u geen privébericht sturen");
      expect(reply?.text).not.toContain("voorzitter");
      const bound = await database.current.db
        .select()
        .from(channelBindings)
        .where(and(eq(channelBindings.platform, "teams"), eq(channelBindings.channelId, channelId)));
      expect(bound).toEqual([]);

      // The same command from the chair binds the channel: the refusal was about who asked.
      const [bind] = await turn(
        channelMessage(people.chair.user, `koppel ${region.slug}`, { serviceUrl: SERVICE_URL, channelId }),
      );
      expect(bind?.text).toContain("Dit kanaal is nu het kanaal van regio");
      const boundNow = await database.current.db
        .select()
        .from(channelBindings)
        .where(and(eq(channelBindings.platform, "teams"), eq(channelBindings.channelId, channelId)));
      expect(boundNow).toMatchObject([{ purpose: "region", createdByPersonId: people.chair.id }]);
    });
  });

  describe("the survey card (adaptiveCard/action)", () => {
    it("survey_open answers the invoke with the form: status 200 and a card with the questions as inputs", async () => {
      const invitation = await invitationOf(people.dutch.id);
      const answer = await invoke(cardAction(people.dutch.user, "survey_open", { value: invitation.id }));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
      const card = answer.body.value;
      expect(card.type).toBe("AdaptiveCard");
      const inputs = card.body.filter((e) => e.type.startsWith("Input."));
      expect(inputs.map((i) => i.id)).toEqual(
        expect.arrayContaining(Object.keys(completeVensterAnswers).filter((id) => !id.endsWith("_welke"))),
      );
      expect(inputs.find((i) => i.id === "agenda_tevreden")).toMatchObject({ isRequired: true });
      expect(card.actions?.map((a) => a.verb)).toEqual(["survey_submit", "survey_card"]);
      // The form has no refresh: Teams would otherwise replace a half-filled form.
      expect(card.refresh).toBeUndefined();
    });

    it("survey_submit with answers missing returns the form with the Dutch field errors and stores nothing", async () => {
      const invitation = await invitationOf(people.dutch.id);
      const answer = await invoke(
        cardAction(people.dutch.user, "survey_submit", {
          invitationId: invitation.id,
          agenda_tevreden: "true",
        }),
      );
      expect(answer.status).toBe(200);
      const card = answer.body.value;
      // A summary of the five problems first (issue 12).
      expect(card.body[0]).toMatchObject({ type: "Container", id: "error-summary" });
      expect(textOf(card.body[0])).toContain("Controleer deze 5 antwoorden:");
      const byId = new Map(card.body.filter((e) => e.id).map((e) => [e.id, e]));
      expect(byId.get("proces_tevreden")?.errorMessage).toBe("Kies ja of nee.");
      expect(byId.get("resultaat_ondersteuning")?.errorMessage).toBe("Kies ja of nee.");
      // What was filled in stays filled in, without an error.
      expect(byId.get("agenda_tevreden")).toMatchObject({ value: "true" });
      expect(byId.has("error-agenda_tevreden")).toBe(false);
      // The message is also shown as text under the input (Teams shows errorMessage only for its own checks).
      expect(byId.get("error-proces_tevreden")).toMatchObject({ type: "TextBlock", text: "Kies ja of nee." });
      expect(card.body.filter((e) => e.id?.startsWith("error-") && e.type === "TextBlock")).toHaveLength(5);
      const stored = await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitation.id));
      expect(stored).toEqual([]);
    });

    it("the field errors are in English for an English-speaking contact", async () => {
      const invitation = await invitationOf(people.english.id);
      const answer = await invoke(
        cardAction(people.english.user, "survey_submit", { invitationId: invitation.id }),
      );
      expect(textOf(answer.body.value)).toContain("Please check these 6 answers:");
      expect(textOf(answer.body.value)).toContain("Please choose yes or no.");
      expect(textOf(answer.body.value)).not.toContain("Kies ja of nee.");
    });

    it("a valid survey_submit stores the answers and answers with the 'Ingevuld op' card", async () => {
      const invitation = await invitationOf(people.dutch.id);
      kick.mockClear();
      const answer = await invoke(
        cardAction(
          people.dutch.user,
          "survey_submit",
          teamsActionData(completeVensterAnswers, invitation.id),
        ),
      );
      expect(answer.status).toBe(200);
      expect(textOf(answer.body.value)).toContain("Ingevuld op");
      const stored = await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitation.id));
      expect(stored).toMatchObject([{ revision: 1, submittedVia: "teams" }]);
      // The outbox is woken (the card in other places is updated by it).
      expect(kick).toHaveBeenCalled();
    });

    it("answers every card action itself: no message is replaced inside an invoke, before or after a valid submit", async () => {
      // Teams AI replaces the card message for everyone when a handler returns a card with a refresh, unless the
      // invoke was already answered; the outbox updates the message instead (it retries when Teams refuses).
      const updates = vi.spyOn(adapter, "updateActivity");
      const english = await invitationOf(people.english.id);
      await invoke(cardAction(people.english.user, "survey_submit", { invitationId: english.id }));
      await invoke(cardAction(people.english.user, "survey_card", { value: english.id }));
      const dutch = await invitationOf(people.dutch.id);
      await invoke(
        cardAction(people.dutch.user, "survey_submit", teamsActionData(completeVensterAnswers, dutch.id)),
      );
      expect(updates).not.toHaveBeenCalled();
      updates.mockRestore();
    });

    it("a card action from someone the bot does not know answers with the registration card", async () => {
      const invitation = await invitationOf(people.dutch.id);
      const stranger = teamsUser({ aadObjectId: newAadObjectId(), name: "Onbekende Gebruiker" });
      const answer = await invoke(cardAction(stranger, "survey_open", { value: invitation.id }));
      expect(answer.status).toBe(200);
      expect(textOf(answer.body.value)).toContain("Ik ken u nog niet");
      expect(textOf(answer.body.value)).not.toContain("agenda_tevreden");
    });
  });
});
