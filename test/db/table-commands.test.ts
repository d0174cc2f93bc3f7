import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/app/channels/bind-channel.js";
import {
  AGENDA_CONFIRM_ACTION,
  AGENDA_DECLINE_ACTION,
  MEETING_PLAN_CANCEL_ACTION,
  MEETING_PLAN_CONFIRM_ACTION,
  runCardAction,
} from "../../src/app/commands/card-actions.js";
import { runChatCommand } from "../../src/app/commands/run-chat-command.js";
import type { AppContext } from "../../src/app/context.js";
import type { KnownPerson } from "../../src/app/identify-person.js";
import type { Messenger } from "../../src/app/messenger.js";
import { type DeferredCard, DeliveryPayloadSchema } from "../../src/app/outbox/payload.js";
import {
  createDeferredCardRenderer,
  HANDOVER_INTRODUCED_ACTION,
  handoverTaskValue,
} from "../../src/app/render-deferred-card.js";
import { startHandoversForEndingMemberships } from "../../src/app/table/handovers.js";
import {
  agendaItems,
  agreements,
  auditLog,
  channelBindings,
  deliveries,
  escalations,
  handovers,
  meetings,
  memberships,
  topicScopeEntries,
} from "../../src/db/schema.js";
import type { Card } from "../../src/domain/cards/card.js";
import type { Markup } from "../../src/domain/cards/markup.js";
import type { Command } from "../../src/domain/commands/command.js";
import { UserFacingError } from "../../src/domain/user-errors.js";
import type { MembershipRole, OrganisationType } from "../../src/domain/vocabulary.js";
import { createDeliveryWorker } from "../../src/jobs/deliver-outbox.js";
import { createLogger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";
import {
  createChannelBinding,
  createOrganisation,
  createPerson,
  createRegion,
  uniqueKey,
} from "../support/factories.js";

/*
 * The chairs' commands against the real database, driven with Command objects (the parser has its own tests)
 * and a fixed clock. The file has a database of its own: an outbox worker runs here, the national channel is
 * one per deployment (every `hulpvraag` goes to all of them), and the automatic handover scan looks at every
 * membership in the database.
 */
const database = useTestDatabase({ isolated: true });
const TZ = "Europe/Amsterdam";

function contextAt(iso: string, overrides: Partial<AppContext> = {}): AppContext {
  const clock = new Date(iso);
  return {
    db: database.current.db,
    now: () => clock,
    timeZone: TZ,
    locale: "nl",
    publicUrl: "https://regiotafel.test",
    anonymityThreshold: 3,
    nationalCoordinators: [],
    ...overrides,
  };
}

const db = () => database.current.db;

function run(ctx: AppContext, person: KnownPerson, command: Command, channel: ChannelRef) {
  return runChatCommand(ctx, {
    person,
    locale: "nl",
    command,
    channel,
    isWorkspaceAdmin: async () => false,
    requestId: uniqueKey("req"),
    kick: () => {},
  });
}

/** The UserFacingError a promise rejects with (fails the test when it resolves or throws anything else). */
async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "expected a refusal").toBeInstanceOf(UserFacingError);
  return outcome as UserFacingError;
}

/** Everything a card says, as text. */
function cardText(card: Card | undefined): string {
  if (!card) return "";
  return card.blocks
    .map((block) => {
      switch (block.type) {
        case "header":
        case "preformatted":
          return block.text;
        case "text":
        case "context":
          return block.text.markup;
        case "facts":
          return block.facts.map((f) => `${f.label}: ${f.value.markup}`).join("\n");
        case "actions":
          return block.actions.map((a) => a.label).join(" | ");
        default:
          return "";
      }
    })
    .join("\n");
}

const actionsOf = (card: Card | undefined) =>
  (card?.blocks ?? []).flatMap((block) => (block.type === "actions" ? block.actions : []));

/** Any deferred card, with every kind's fields readable (undefined where that kind has none). */
type AnyDeferred = DeferredCard & {
  meetingId?: string;
  startsAt?: string;
  offsetDays?: number;
  handoverId?: string;
  escalationId?: string;
};
const deferredOf = (row: { payload: unknown }): AnyDeferred => {
  const payload = DeliveryPayloadSchema.parse(row.payload);
  if (payload.type !== "deferred") throw new Error(`not a deferred payload: ${payload.type}`);
  return payload.deferred;
};

async function addSeat(
  regionId: string,
  options: {
    personId?: string;
    type?: OrganisationType;
    organisationId?: string;
    isChair?: boolean;
    role?: MembershipRole;
    activeFrom?: string;
    activeUntil?: string | null;
  } = {},
) {
  const organisationId =
    options.organisationId ??
    (await createOrganisation(db(), { type: options.type ?? "overig", activeIn: [regionId] })).id;
  const person = options.personId
    ? { id: options.personId }
    : await createPerson(db(), { name: `Naam ${uniqueKey("p")}` });
  const [membership] = await db()
    .insert(memberships)
    .values({
      personId: person.id,
      organisationId,
      regionId,
      role: options.role ?? "ambtelijk",
      isChair: options.isChair ?? false,
      activeFrom: options.activeFrom ?? "2026-01-01",
      activeUntil: options.activeUntil ?? null,
    })
    .returning();
  if (!membership) throw new Error("membership not stored");
  return { person: person as KnownPerson, membership, organisationId };
}

/**
 * A regional table: a chair (from an "overig" organisation, the regional secretariat), contact persons of a
 * gemeente, a zorgverzekeraar, a zorgkantoor and a zorgaanbieder, someone without a seat, and the region's
 * bound Slack channel.
 */
async function seedTable(options: { secondChair?: boolean } = {}) {
  const region = await createRegion(db());
  const chair = await addSeat(region.id, { type: "overig", isChair: true });
  const secondChair = options.secondChair
    ? await addSeat(region.id, { type: "overig", isChair: true })
    : undefined;
  const gemeente = await addSeat(region.id, { type: "gemeente" });
  const verzekeraar = await addSeat(region.id, { type: "zorgverzekeraar" });
  const zorgkantoor = await addSeat(region.id, { type: "zorgkantoor" });
  const aanbieder = await addSeat(region.id, { type: "zorgaanbieder" });
  const stranger = (await createPerson(db(), { name: `Buitenstaander ${uniqueKey("p")}` })) as KnownPerson;
  const channel: ChannelRef = { platform: "slack", workspaceId: uniqueKey("T"), channelId: uniqueKey("C") };
  const binding = await createChannelBinding(db(), { purpose: "region", regionId: region.id, ...channel });
  const seated = [chair, secondChair, gemeente, verzekeraar, zorgkantoor, aanbieder].filter(
    (s): s is NonNullable<typeof s> => s !== undefined,
  );
  return {
    region,
    chair,
    secondChair,
    gemeente,
    verzekeraar,
    zorgkantoor,
    aanbieder,
    stranger,
    channel,
    binding,
    seated,
  };
}
type Table = Awaited<ReturnType<typeof seedTable>>;

const dmChannel = (): ChannelRef => ({
  platform: "slack",
  workspaceId: uniqueKey("T"),
  channelId: uniqueKey("D"),
});

async function meetingsOf(regionId: string) {
  return db()
    .select()
    .from(meetings)
    .where(eq(meetings.regionId, regionId))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}

async function agendaOfRegion(regionId: string) {
  return db()
    .select({ text: agendaItems.text, position: agendaItems.position, removedAt: agendaItems.removedAt })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(meetings.regionId, regionId))
    .orderBy(asc(agendaItems.createdAt), asc(agendaItems.id));
}

const liveAgenda = async (regionId: string) =>
  (await agendaOfRegion(regionId))
    .filter((i) => i.removedAt === null)
    .sort((a, b) => a.position - b.position)
    .map((i) => i.text);

async function meetingDeliveries(meetingId: string) {
  return db()
    .select()
    .from(deliveries)
    .where(sql`${deliveries.payload} -> 'deferred' ->> 'meetingId' = ${meetingId}`)
    .orderBy(asc(deliveries.dueAt), asc(deliveries.idempotencyKey));
}

async function handoverDeliveries(handoverId: string) {
  return db()
    .select()
    .from(deliveries)
    .where(like(deliveries.idempotencyKey, `handover:${handoverId}:%`))
    .orderBy(asc(deliveries.dueAt), asc(deliveries.idempotencyKey));
}

/** All the table's state that a command could change, to check that a refused command changed nothing. */
async function snapshot(t: Table) {
  const regionMeetings = await meetingsOf(t.region.id);
  const personIds = [...t.seated.map((s) => s.person.id), t.stranger.id];
  return {
    meetings: regionMeetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), status: m.status })),
    agenda: await agendaOfRegion(t.region.id),
    agreements: await db()
      .select({ text: agreements.text })
      .from(agreements)
      .where(eq(agreements.regionId, t.region.id)),
    topics: await db()
      .select({ topic: topicScopeEntries.topic, status: topicScopeEntries.status })
      .from(topicScopeEntries)
      .where(eq(topicScopeEntries.regionId, t.region.id)),
    handovers: await db()
      .select({ id: handovers.id, status: handovers.status })
      .from(handovers)
      .where(eq(handovers.regionId, t.region.id)),
    memberships: await db()
      .select({ id: memberships.id, activeUntil: memberships.activeUntil })
      .from(memberships)
      .where(eq(memberships.regionId, t.region.id))
      .orderBy(asc(memberships.id)),
    deliveries: await db()
      .select({ key: deliveries.idempotencyKey, status: deliveries.status })
      .from(deliveries)
      .where(or(inArray(deliveries.personId, personIds), eq(deliveries.channelBindingId, t.binding.id)))
      .orderBy(asc(deliveries.idempotencyKey)),
  };
}

function expectNamesChair(error: UserFacingError, t: Table, kind: "change" | "read") {
  const message = error.userMessage("nl");
  expect(message).toContain(
    kind === "change"
      ? `Alleen de voorzitter van ${t.region.name} kan`
      : `Alleen de contactpersonen van ${t.region.name} kunnen dit zien`,
  );
  const chairs = [t.chair, t.secondChair].flatMap((c) => (c ? [c.person.name] : [])).sort();
  expect(message).toContain(
    chairs.length === 1 ? `Voorzitter is ${chairs[0]}.` : `Voorzitters zijn ${chairs.join(" en ")}.`,
  );
}

// ---------------------------------------------------------------------------------------------------------

const MARCH = "2027-03-19T09:00:00Z"; // Friday 19 March 2027, 10:00 in Amsterdam

describe("permissions: chair, contact person and stranger in the region's channel", () => {
  const plan: Command = { name: "meeting.plan", date: "2027-03-30", time: "14:00" };
  type Spec = {
    command: Command | ((t: Table) => Promise<Command>);
    prepare?: (ctx: AppContext, t: Table) => Promise<void>;
    effect: (t: Table) => Promise<void>;
  };
  const asChair = (ctx: AppContext, t: Table, command: Command) =>
    run(ctx, t.chair.person, command, t.channel);
  const withMeeting = async (ctx: AppContext, t: Table) => {
    await asChair(ctx, t, plan);
  };
  const withAgenda = async (ctx: AppContext, t: Table) => {
    await withMeeting(ctx, t);
    await asChair(ctx, t, { name: "agenda.add", text: "Eerste punt" });
    await asChair(ctx, t, { name: "agenda.add", text: "Tweede punt" });
  };
  const withHandover = async (ctx: AppContext, t: Table) => {
    const successor = await createPerson(db());
    await asChair(ctx, t, {
      name: "handover.start",
      from: { kind: "email", email: t.gemeente.person.email },
      to: { kind: "email", email: successor.email },
    });
  };

  const specs: Spec[] = [
    {
      command: plan,
      effect: async (t) => {
        const [meeting, ...rest] = await meetingsOf(t.region.id);
        expect(rest).toEqual([]);
        expect(meeting?.startsAt.toISOString()).toBe("2027-03-30T12:00:00.000Z");
        expect(meeting?.status).toBe("planned");
      },
    },
    {
      command: { name: "meeting.reschedule", meeting: 1, date: "2027-03-30", time: "10:00" },
      prepare: withMeeting,
      effect: async (t) => {
        const list = await meetingsOf(t.region.id);
        expect(list.map((m) => m.startsAt.toISOString())).toEqual(["2027-03-30T08:00:00.000Z"]);
      },
    },
    {
      command: { name: "meeting.cancel", meeting: 1 },
      prepare: withMeeting,
      effect: async (t) => {
        expect((await meetingsOf(t.region.id)).map((m) => m.status)).toEqual(["cancelled"]);
      },
    },
    {
      command: { name: "agenda.add", text: "Wachtlijsten GGZ", theme: "ggz" },
      prepare: withMeeting,
      effect: async (t) => {
        expect(await liveAgenda(t.region.id)).toEqual(["Wachtlijsten GGZ"]);
      },
    },
    {
      command: { name: "agenda.remove", item: 1 },
      prepare: withAgenda,
      effect: async (t) => {
        const all = await agendaOfRegion(t.region.id);
        expect(await liveAgenda(t.region.id)).toEqual(["Tweede punt"]);
        expect(all.find((i) => i.text === "Tweede punt")?.position).toBe(1);
      },
    },
    {
      command: { name: "agenda.move", item: 2, position: 1 },
      prepare: withAgenda,
      effect: async (t) => {
        expect(await liveAgenda(t.region.id)).toEqual(["Tweede punt", "Eerste punt"]);
      },
    },
    {
      command: { name: "agreement.add", text: "Gezamenlijke aanpak valpreventie", theme: "preventie" },
      effect: async (t) => {
        const rows = await db().select().from(agreements).where(eq(agreements.regionId, t.region.id));
        expect(rows.map((a) => [a.text, a.theme, a.agreedOn])).toEqual([
          ["Gezamenlijke aanpak valpreventie", "preventie", "2027-03-19"],
        ]);
      },
    },
    {
      command: { name: "topics.forbid", topic: "tarieven", reason: "mededingingsrecht" },
      effect: async (t) => {
        const rows = await db()
          .select()
          .from(topicScopeEntries)
          .where(eq(topicScopeEntries.regionId, t.region.id));
        expect(rows.map((r) => [r.topic, r.status, r.reason])).toEqual([
          ["tarieven", "forbidden", "mededingingsrecht"],
        ]);
      },
    },
    {
      command: { name: "topics.allow", topic: "Tarieven" },
      prepare: async (ctx, t) => {
        await asChair(ctx, t, { name: "topics.forbid", topic: "tarieven", reason: "mededingingsrecht" });
      },
      effect: async (t) => {
        const rows = await db()
          .select()
          .from(topicScopeEntries)
          .where(eq(topicScopeEntries.regionId, t.region.id));
        expect(rows.map((r) => r.status)).toEqual(["allowed"]);
      },
    },
    {
      command: async (t) => ({
        name: "handover.start",
        from: { kind: "email", email: t.gemeente.person.email },
        to: { kind: "email", email: (await createPerson(db())).email },
      }),
      effect: async (t) => {
        const rows = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
        expect(rows).toHaveLength(1);
        expect(rows[0]?.predecessorPersonId).toBe(t.gemeente.person.id);
        expect(rows[0]?.status).toBe("started");
      },
    },
    {
      command: { name: "handover.done", handover: 1 },
      prepare: withHandover,
      effect: async (t) => {
        const rows = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
        expect(rows.map((h) => h.status)).toEqual(["introduced"]);
      },
    },
  ];

  const nameOf = (spec: Spec) => (typeof spec.command === "function" ? "handover.start" : spec.command.name);
  it.each(specs.map((spec) => [nameOf(spec), spec] as const))(
    "%s: the chair changes it, the contact person and the stranger are told who the chair is",
    async (_name, spec) => {
      const ctx = contextAt(MARCH);
      const t = await seedTable();
      await spec.prepare?.(ctx, t);
      const command = typeof spec.command === "function" ? await spec.command(t) : spec.command;
      const before = await snapshot(t);
      for (const person of [t.gemeente.person, t.stranger]) {
        const error = await refusal(run(ctx, person, command, t.channel));
        expect(error.constructor.name).toBe("NotChairError");
        expectNamesChair(error, t, "change");
      }
      expect(await snapshot(t)).toEqual(before);

      const reply = await run(ctx, t.chair.person, command, t.channel);
      expect(reply.text).not.toBe("");
      await spec.effect(t);
    },
  );

  const reading: Command[] = [
    { name: "meeting.list" },
    { name: "agenda.show" },
    { name: "agreement.list" },
    { name: "topics.list" },
    { name: "handover.list" },
  ];
  it.each(reading.map((command) => [command.name, command] as const))(
    "%s: chair and contact person read, the stranger is refused with the chair's name",
    async (_name, command) => {
      const ctx = contextAt(MARCH);
      const t = await seedTable();
      await run(ctx, t.chair.person, plan, t.channel);
      await run(ctx, t.chair.person, { name: "agenda.add", text: "Samenwerking wijkteams" }, t.channel);
      for (const person of [t.chair.person, t.gemeente.person, t.verzekeraar.person]) {
        const reply = await run(ctx, person, command, t.channel);
        expect(reply.visibility).toBe("private");
        expect(reply.card).toBeDefined();
        expect(cardText(reply.card)).toContain(t.region.name);
      }
      const error = await refusal(run(ctx, t.stranger, command, t.channel));
      expect(error.constructor.name).toBe("NotAtTableError");
      expectNamesChair(error, t, "read");
    },
  );

  it("a chair of another region is a stranger in this region's channel, and does not act on their own", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    const other = await seedTable();
    const error = await refusal(run(ctx, other.chair.person, plan, t.channel));
    expectNamesChair(error, t, "change");
    expect(await meetingsOf(t.region.id)).toEqual([]);
    expect(await meetingsOf(other.region.id)).toEqual([]);
  });

  it("in a direct message a chair of one region acts on that region (also when a contact person elsewhere)", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    const elsewhere = await createRegion(db());
    await addSeat(elsewhere.id, { personId: t.chair.person.id, type: "gemeente" });
    const dm = dmChannel();
    const reply = await run(ctx, t.chair.person, plan, dm);
    expect(reply.text).toContain("Overleg gepland op 30 maart 2027 om 14:00");
    expect((await meetingsOf(t.region.id)).map((m) => m.startsAt.toISOString())).toEqual([
      "2027-03-30T12:00:00.000Z",
    ]);
    expect(await meetingsOf(elsewhere.id)).toEqual([]);
    // A contact person of one region reads theirs in a DM, but cannot change it.
    const read = await run(ctx, t.gemeente.person, { name: "meeting.list" }, dmChannel());
    expect(cardText(read.card)).toContain(t.region.name);
    expectNamesChair(await refusal(run(ctx, t.gemeente.person, plan, dmChannel())), t, "change");
  });

  it("in a direct message a chair of two regions is asked which table, and nothing changes", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    const second = await createRegion(db());
    await addSeat(second.id, { personId: t.chair.person.id, isChair: true });
    const error = await refusal(run(ctx, t.chair.person, plan, dmChannel()));
    const message = error.userMessage("nl");
    expect(message).toContain("meerdere tafels");
    expect(message).toContain(t.region.name);
    expect(message).toContain(second.name);
    expect(await meetingsOf(t.region.id)).toEqual([]);
    expect(await meetingsOf(second.id)).toEqual([]);
  });

  it("in a direct message someone without a seat is told to use the region's channel", async () => {
    const ctx = contextAt(MARCH);
    const stranger = (await createPerson(db())) as KnownPerson;
    const error = await refusal(run(ctx, stranger, { name: "meeting.list" }, dmChannel()));
    expect(error.userMessage("nl")).toContain("gebruik dit commando in het kanaal van uw regio");
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("meeting reminders in the outbox", () => {
  const dst = [
    {
      // Not Monday 29 March: that is Tweede Paasdag, and planning on it asks first.
      what: "Tuesday 30 March 2027, two days after summer time starts",
      now: MARCH,
      date: "2027-03-30",
      startsAt: "2027-03-30T12:00:00.000Z",
      t7: "2027-03-23T13:00:00.000Z",
      t2: "2027-03-28T12:00:00.000Z",
      t1: "2027-03-29T12:00:00.000Z",
    },
    {
      what: "Monday 1 November 2027, the day after summer time ends (31 October)",
      now: "2027-10-22T08:00:00Z",
      date: "2027-11-01",
      startsAt: "2027-11-01T13:00:00.000Z",
      t7: "2027-10-25T12:00:00.000Z",
      t2: "2027-10-30T12:00:00.000Z",
      t1: "2027-10-31T13:00:00.000Z",
    },
  ];

  it.each(dst)(
    "$what: T-7 and T-1 per active contact person, the agenda to the channel at T-2, all at 14:00 local",
    async (c) => {
      const ctx = contextAt(c.now);
      const t = await seedTable();
      const gone = await addSeat(t.region.id, { type: "gemeente", activeUntil: "2027-03-01" });
      await run(ctx, t.chair.person, { name: "meeting.plan", date: c.date, time: "14:00" }, t.channel);
      const [meeting] = await meetingsOf(t.region.id);
      if (!meeting) throw new Error("no meeting");
      expect(meeting.startsAt.toISOString()).toBe(c.startsAt);

      const rows = await meetingDeliveries(meeting.id);
      expect(rows.every((r) => r.status === "pending")).toBe(true);
      const personRows = rows.filter((r) => r.kind === "meeting-reminder");
      const expected = t.seated
        .flatMap((s) => [
          { personId: s.person.id, dueAt: c.t7, offsetDays: 7 },
          { personId: s.person.id, dueAt: c.t1, offsetDays: 1 },
        ])
        .sort((a, b) => (a.personId + a.dueAt).localeCompare(b.personId + b.dueAt));
      expect(
        personRows
          .map((r) => ({
            personId: r.personId,
            dueAt: r.dueAt.toISOString(),
            offsetDays: deferredOf(r).offsetDays,
          }))
          .sort((a, b) => (a.personId + a.dueAt).localeCompare(b.personId + b.dueAt)),
      ).toEqual(expected);
      expect(personRows.some((r) => r.personId === gone.person.id)).toBe(false);

      const channelRows = rows.filter((r) => r.kind === "meeting-agenda");
      expect(
        channelRows.map((r) => ({
          channel: r.channelBindingId,
          dueAt: r.dueAt.toISOString(),
          deferred: deferredOf(r),
        })),
      ).toEqual([
        {
          channel: t.binding.id,
          dueAt: c.t2,
          deferred: { kind: "meeting-agenda", meetingId: meeting.id, startsAt: c.startsAt, offsetDays: 2 },
        },
      ]);
      expect(rows).toHaveLength(t.seated.length * 2 + 1);
    },
  );

  it("reschedule cancels every pending row of the old moment and queues the new ones; old rows render stale", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    await run(ctx, t.chair.person, { name: "meeting.plan", date: "2027-03-30", time: "14:00" }, t.channel);
    const [meeting] = await meetingsOf(t.region.id);
    if (!meeting) throw new Error("no meeting");
    const old = await meetingDeliveries(meeting.id);
    expect(old).toHaveLength(t.seated.length * 2 + 1);

    const reply = await run(
      ctx,
      t.chair.person,
      { name: "meeting.reschedule", meeting: 1, date: "2027-04-06", time: "10:00" },
      t.channel,
    );
    expect(reply.text).toContain("verplaatst naar 6 april 2027 om 10:00");

    const rows = await meetingDeliveries(meeting.id);
    const oldIds = new Set(old.map((r) => r.id));
    const before = rows.filter((r) => oldIds.has(r.id));
    const after = rows.filter((r) => !oldIds.has(r.id));
    expect(before.map((r) => r.status)).toEqual(old.map(() => "cancelled"));
    expect(after.every((r) => r.status === "pending")).toBe(true);
    expect(after.every((r) => deferredOf(r).startsAt === "2027-04-06T08:00:00.000Z")).toBe(true);
    expect([...new Set(after.map((r) => r.dueAt.toISOString()))].sort()).toEqual([
      "2027-03-30T08:00:00.000Z",
      "2027-04-04T08:00:00.000Z",
      "2027-04-05T08:00:00.000Z",
    ]);
    expect(after).toHaveLength(t.seated.length * 2 + 1);

    // Even if an old row were still pending (say, claimed just before the reschedule), it renders stale.
    const render = createDeferredCardRenderer(ctx);
    const stale = old.find((r) => r.kind === "meeting-reminder");
    if (!stale) throw new Error("no old reminder");
    await db().update(deliveries).set({ status: "pending" }).where(eq(deliveries.id, stale.id));
    expect(await render(deferredOf(stale), { locale: "nl" })).toBeUndefined();
    const staleAgenda = old.find((r) => r.kind === "meeting-agenda");
    if (!staleAgenda) throw new Error("no old agenda row");
    expect(await render(deferredOf(staleAgenda), { locale: undefined })).toBeUndefined();

    const current = after.find((r) => r.kind === "meeting-reminder");
    if (!current) throw new Error("no new reminder");
    expect(cardText(await render(deferredOf(current), { locale: "nl" }))).toContain(
      "dinsdag 6 april 2027 om 10:00",
    );

    // The outbox worker, past every due moment: the resurrected old row is cancelled, not sent.
    const later = new Date("2027-04-05T09:00:00Z");
    const sent: { to: string; card: Card }[] = [];
    const messenger: Messenger = {
      platforms: ["slack"],
      async sendToPerson(person, card) {
        sent.push({ to: person.personId, card });
        return { platform: "slack", ts: String(sent.length) };
      },
      async sendToChannel(channel, card) {
        sent.push({ to: channel.bindingId, card });
        return { platform: "slack", ts: String(sent.length) };
      },
      async updateMessage() {},
    };
    const worker = createDeliveryWorker({
      db: db(),
      messenger,
      logger: createLogger("silent"),
      timeZone: TZ,
      now: () => later,
      renderDeferred: createDeferredCardRenderer(contextAt(later.toISOString())),
    });
    await worker.drain();
    const [resurrected] = await db().select().from(deliveries).where(eq(deliveries.id, stale.id));
    expect(resurrected?.status).toBe("cancelled");
    const final = await meetingDeliveries(meeting.id);
    expect(final.filter((r) => !oldIds.has(r.id)).map((r) => r.status)).toEqual(after.map(() => "sent"));
    const ours = sent.filter((s) => cardText(s.card).includes(t.region.name));
    expect(ours).toHaveLength(after.length);
    expect(ours.every((s) => !cardText(s.card).includes("30 maart"))).toBe(true);
  });

  // Regression test; it was a bug (src/app/table/meetings.ts, queueMeetingReminders): the idempotency key is
  // `meeting:<id>:<moment>:<slot>:<recipient>` and the insert is ON CONFLICT DO NOTHING, so moving a meeting
  // back to a moment it had before (A → B → A) finds the cancelled rows of the first A under the same keys and
  // queues nothing: the meeting keeps no pending reminder at all.
  it("moving a meeting away and back again still leaves pending reminders for it", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    await run(ctx, t.chair.person, { name: "meeting.plan", date: "2027-03-30", time: "14:00" }, t.channel);
    const move = (date: string): Command => ({ name: "meeting.reschedule", meeting: 1, date, time: "14:00" });
    await run(ctx, t.chair.person, move("2027-03-31"), t.channel);
    await run(ctx, t.chair.person, move("2027-03-30"), t.channel);
    const [meeting] = await meetingsOf(t.region.id);
    if (!meeting) throw new Error("no meeting");
    const pending = (await meetingDeliveries(meeting.id)).filter((r) => r.status === "pending");
    expect(pending).toHaveLength(t.seated.length * 2 + 1);
  });

  it("cancel cancels every pending row, and a row of the cancelled meeting renders stale", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    await run(ctx, t.chair.person, { name: "meeting.plan", date: "2027-03-30", time: "14:00" }, t.channel);
    const [meeting] = await meetingsOf(t.region.id);
    if (!meeting) throw new Error("no meeting");
    const reply = await run(ctx, t.chair.person, { name: "meeting.cancel", meeting: 1 }, t.channel);
    expect(reply.text).toContain("geannuleerd");
    const rows = await meetingDeliveries(meeting.id);
    expect(rows).toHaveLength(t.seated.length * 2 + 1);
    expect(rows.every((r) => r.status === "cancelled")).toBe(true);
    const render = createDeferredCardRenderer(ctx);
    for (const row of rows) expect(await render(deferredOf(row), { locale: "nl" })).toBeUndefined();
    const list = await run(ctx, t.chair.person, { name: "meeting.list" }, t.channel);
    expect(cardText(list.card)).not.toContain("30 maart");
  });

  it("the reminder card is made at sending time: it shows the agenda as it is then", async () => {
    const ctx = contextAt(MARCH);
    const t = await seedTable();
    await run(
      ctx,
      t.chair.person,
      { name: "meeting.plan", date: "2027-03-30", time: "14:00", location: "Stadhuis Zwolle" },
      t.channel,
    );
    const [meeting] = await meetingsOf(t.region.id);
    if (!meeting) throw new Error("no meeting");
    const rows = await meetingDeliveries(meeting.id);
    const t7 = rows.find((r) => r.kind === "meeting-reminder" && deferredOf(r).offsetDays === 7);
    const agendaRow = rows.find((r) => r.kind === "meeting-agenda");
    if (!t7 || !agendaRow) throw new Error("rows missing");
    const render = createDeferredCardRenderer(ctx);

    const early = cardText(await render(deferredOf(t7), { locale: "nl" }));
    expect(early).toContain("Nog geen agendapunten");
    expect(early).toContain("over 7 dagen");
    expect(early).toContain("Stadhuis Zwolle");

    await run(ctx, t.chair.person, { name: "agenda.add", text: "Wachtlijsten GGZ", theme: "ggz" }, t.channel);
    await run(ctx, t.chair.person, { name: "agenda.add", text: "Mantelzorg ontlasten" }, t.channel);
    await run(ctx, t.chair.person, { name: "agenda.remove", item: 2 }, t.channel);
    const now = cardText(await render(deferredOf(t7), { locale: "nl" }));
    expect(now).toContain("Wachtlijsten GGZ");
    expect(now).not.toContain("Mantelzorg ontlasten");
    expect(now).not.toContain("Nog geen agendapunten");
    const channel = cardText(await render(deferredOf(agendaRow), { locale: undefined }));
    expect(channel).toContain("Wachtlijsten GGZ");
    expect(channel).toContain(t.region.name);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("planning a meeting on a day off", () => {
  const DECEMBER = "2026-12-01T09:00:00Z"; // Tuesday 1 December 2026, 10:00 in Amsterdam

  const plannedMeetings = async (regionId: string) =>
    (
      await db()
        .select({ startsAt: meetings.startsAt, status: meetings.status })
        .from(meetings)
        .where(eq(meetings.regionId, regionId))
    ).map((m) => `${m.startsAt.toISOString()} ${m.status}`);

  async function askedFor(date: string, time = "14:00") {
    const ctx = contextAt(DECEMBER);
    const t = await seedTable();
    const reply = await run(
      ctx,
      t.chair.person,
      { name: "meeting.plan", date, time, location: "Stadhuis" },
      t.channel,
    );
    return { ctx, t, reply };
  }

  const press = (ctx: AppContext, person: KnownPerson, action: { id: string; value: string }) =>
    runCardAction(ctx, { person, locale: "nl", actionId: action.id, value: action.value });

  it("on a Saturday asks first, with Ja, plannen and Annuleren, and plans nothing yet", async () => {
    const { t, reply } = await askedFor("2026-12-12");
    expect(reply.visibility).toBe("private");
    expect(cardText(reply.card)).toContain("12 december 2026 is een zaterdag. Toch plannen?");
    expect(actionsOf(reply.card).map((a) => [a.id, a.label])).toEqual([
      [MEETING_PLAN_CONFIRM_ACTION, "Ja, plannen"],
      [MEETING_PLAN_CANCEL_ACTION, "Annuleren"],
    ]);
    expect(await plannedMeetings(t.region.id)).toEqual([]);
  });

  it("on a public holiday names the holiday (Koningsdag, Tweede Kerstdag on a Saturday)", async () => {
    const kingsDay = await askedFor("2027-04-27");
    expect(cardText(kingsDay.reply.card)).toContain("27 april 2027 is Koningsdag. Toch plannen?");
    const boxingDay = await askedFor("2026-12-26");
    expect(cardText(boxingDay.reply.card)).toContain("26 december 2026 is Tweede Kerstdag. Toch plannen?");
  });

  it("Ja, plannen plans the meeting with its reminders, once however often it is pressed", async () => {
    const { ctx, t, reply } = await askedFor("2026-12-12");
    const [confirm] = actionsOf(reply.card);
    if (!confirm) throw new Error("no confirm button");
    const planned = await press(ctx, t.chair.person, confirm);
    expect(planned.visibility).toBe("channel");
    expect(planned.text).toContain("Overleg gepland op 12 december 2026 om 14:00 (Stadhuis)");
    expect(await plannedMeetings(t.region.id)).toEqual(["2026-12-12T13:00:00.000Z planned"]);
    const reminders = await db()
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.kind, "meeting-reminder"), like(deliveries.idempotencyKey, "meeting:%")));
    expect(reminders.length).toBeGreaterThan(0);
    const again = await press(ctx, t.chair.person, confirm);
    expect(again.text).toContain("Overleg gepland op 12 december 2026 om 14:00");
    expect(await plannedMeetings(t.region.id)).toEqual(["2026-12-12T13:00:00.000Z planned"]);
  });

  it("Annuleren plans nothing; nobody but the chair who asked can press Ja, plannen", async () => {
    const { ctx, t, reply } = await askedFor("2026-12-13");
    const [confirm, cancel] = actionsOf(reply.card);
    if (!confirm || !cancel) throw new Error("no buttons");
    expect((await press(ctx, t.chair.person, cancel)).text).toBe("Het overleg is niet gepland.");
    for (const person of [t.gemeente.person, t.stranger]) {
      const error = await refusal(press(ctx, person, confirm));
      expect(error.userMessage("nl")).toContain("Deze knop is niet voor u bedoeld");
    }
    expect(await plannedMeetings(t.region.id)).toEqual([]);
  });

  it("the chair who asked is refused once they no longer chair the table", async () => {
    const { ctx, t, reply } = await askedFor("2026-12-12");
    const [confirm] = actionsOf(reply.card);
    if (!confirm) throw new Error("no confirm button");
    await db().update(memberships).set({ isChair: false }).where(eq(memberships.personId, t.chair.person.id));
    const error = await refusal(press(ctx, t.chair.person, confirm));
    expect(error.userMessage("nl")).toContain(`Alleen de voorzitter van ${t.region.name} kan`);
    expect(await plannedMeetings(t.region.id)).toEqual([]);
  });

  it("a working day is planned at once, without asking", async () => {
    const { t, reply } = await askedFor("2026-12-11");
    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain("Overleg gepland op 11 december 2026 om 14:00");
    expect(await plannedMeetings(t.region.id)).toEqual(["2026-12-11T13:00:00.000Z planned"]);
  });

  it("a day off in the past is refused as in the past, without asking", async () => {
    const { ctx, t } = await askedFor("2026-12-11");
    const error = await refusal(
      run(ctx, t.chair.person, { name: "meeting.plan", date: "2026-11-28", time: "14:00" }, t.channel),
    );
    expect(error.userMessage("nl")).toContain("Dat moment is al voorbij");
  });
});

describe("the topic guard", () => {
  async function guarded() {
    const ctx = contextAt(MARCH);
    const t = await seedTable({ secondChair: true });
    await run(ctx, t.chair.person, { name: "meeting.plan", date: "2027-03-30", time: "14:00" }, t.channel);
    await run(
      ctx,
      t.chair.person,
      { name: "topics.forbid", topic: "tarieven", reason: "Mededingingsrecht: geen afspraken over prijzen" },
      t.channel,
    );
    const reply = await run(
      ctx,
      t.chair.person,
      { name: "agenda.add", text: "Tarieven wijkverpleging 2028" },
      t.channel,
    );
    return { ctx, t, reply };
  }

  const auditOf = async (personId: string) =>
    (
      await db()
        .select({ action: auditLog.action, subjectType: auditLog.subjectType, details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.actorPersonId, personId), like(auditLog.action, "agenda.%")))
        .orderBy(asc(auditLog.id))
    ).map((a) => a.action);

  it("asks with confirm and decline buttons, adds nothing, and logs the question", async () => {
    const { t, reply } = await guarded();
    expect(reply.visibility).toBe("private");
    expect(reply.card).toBeDefined();
    const text = cardText(reply.card);
    expect(text).toContain("Mededingingsrecht: geen afspraken over prijzen");
    expect(text).toContain("Tarieven wijkverpleging 2028");
    expect(actionsOf(reply.card).map((a) => a.id)).toEqual([AGENDA_CONFIRM_ACTION, AGENDA_DECLINE_ACTION]);
    expect(await liveAgenda(t.region.id)).toEqual([]);
    expect(await auditOf(t.chair.person.id)).toEqual(["agenda.guard.asked"]);
  });

  it("confirm adds the item and logs the decision", async () => {
    const { ctx, t, reply } = await guarded();
    const confirm = actionsOf(reply.card).find((a) => a.id === AGENDA_CONFIRM_ACTION);
    if (!confirm) throw new Error("no confirm button");
    const result = await runCardAction(ctx, {
      person: t.chair.person,
      locale: "nl",
      actionId: confirm.id,
      value: confirm.value,
    });
    expect(result.text).toContain("Agendapunt 1 toegevoegd na bevestiging");
    expect(await liveAgenda(t.region.id)).toEqual(["Tarieven wijkverpleging 2028"]);
    expect(await auditOf(t.chair.person.id)).toEqual(["agenda.guard.asked", "agenda.guard.confirmed"]);

    // A second press of the same button (a double click, a redelivered action) adds nothing more.
    const again = await runCardAction(ctx, {
      person: t.chair.person,
      locale: "nl",
      actionId: confirm.id,
      value: confirm.value,
    });
    expect(again.text).toContain("Agendapunt 1 toegevoegd");
    expect(await liveAgenda(t.region.id)).toEqual(["Tarieven wijkverpleging 2028"]);
  });

  it("decline adds nothing and logs the decision", async () => {
    const { ctx, t, reply } = await guarded();
    const decline = actionsOf(reply.card).find((a) => a.id === AGENDA_DECLINE_ACTION);
    if (!decline) throw new Error("no decline button");
    const result = await runCardAction(ctx, {
      person: t.chair.person,
      locale: "nl",
      actionId: decline.id,
      value: decline.value,
    });
    expect(result.text).toBe("Het agendapunt is niet toegevoegd.");
    expect(await liveAgenda(t.region.id)).toEqual([]);
    expect(await auditOf(t.chair.person.id)).toEqual(["agenda.guard.asked", "agenda.guard.declined"]);
  });

  it("anyone but the chair who was asked pressing confirm is refused, also the other chair; nothing is added", async () => {
    const { ctx, t, reply } = await guarded();
    const confirm = actionsOf(reply.card).find((a) => a.id === AGENDA_CONFIRM_ACTION);
    if (!confirm) throw new Error("no confirm button");
    for (const person of [t.gemeente.person, t.stranger, t.secondChair?.person]) {
      if (!person) throw new Error("no second chair");
      const error = await refusal(
        runCardAction(ctx, { person, locale: "nl", actionId: confirm.id, value: confirm.value }),
      );
      expect(error.userMessage("nl")).toContain("Deze knop is niet voor u bedoeld");
    }
    expect(await liveAgenda(t.region.id)).toEqual([]);
    expect(await auditOf(t.chair.person.id)).toEqual(["agenda.guard.asked"]);
  });

  it("the chair who was asked is refused once they no longer chair the table", async () => {
    const { ctx, t, reply } = await guarded();
    const confirm = actionsOf(reply.card).find((a) => a.id === AGENDA_CONFIRM_ACTION);
    if (!confirm) throw new Error("no confirm button");
    await db().update(memberships).set({ isChair: false }).where(eq(memberships.personId, t.chair.person.id));
    const error = await refusal(
      runCardAction(ctx, {
        person: t.chair.person,
        locale: "nl",
        actionId: confirm.id,
        value: confirm.value,
      }),
    );
    expect(error.userMessage("nl")).toContain(`Alleen de voorzitter van ${t.region.name} kan`);
    expect(await liveAgenda(t.region.id)).toEqual([]);
  });

  it("a button value without its owner, or not ours at all, is refused as unreadable", async () => {
    const { ctx, t, reply } = await guarded();
    const confirm = actionsOf(reply.card).find((a) => a.id === AGENDA_CONFIRM_ACTION);
    if (!confirm) throw new Error("no confirm button");
    const { for: _owner, ...ownerless } = JSON.parse(confirm.value) as Record<string, unknown>;
    for (const value of [JSON.stringify(ownerless), "not json", JSON.stringify({ for: t.chair.person.id })]) {
      const error = await refusal(
        runCardAction(ctx, { person: t.chair.person, locale: "nl", actionId: confirm.id, value }),
      );
      expect(error.userMessage("nl")).toContain("Deze knop kan ik niet verwerken");
    }
    expect(await liveAgenda(t.region.id)).toEqual([]);
  });

  it("an item on an allowed topic is added at once, without asking", async () => {
    const { ctx, t } = await guarded();
    const reply = await run(ctx, t.chair.person, { name: "agenda.add", text: "Valpreventie" }, t.channel);
    expect(reply.card).toBeUndefined();
    await run(ctx, t.chair.person, { name: "topics.allow", topic: "tarieven" }, t.channel);
    const again = await run(ctx, t.chair.person, { name: "agenda.add", text: "Tarieven 2029" }, t.channel);
    expect(again.card).toBeUndefined();
    expect(await liveAgenda(t.region.id)).toEqual(["Valpreventie", "Tarieven 2029"]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("handovers", () => {
  const MAY = "2027-05-10T08:00:00Z"; // Monday 10 May 2027, 10:00 in Amsterdam
  const DAY = 24 * 60 * 60 * 1000;

  async function startedHandover() {
    const ctx = contextAt(MAY);
    const t = await seedTable({ secondChair: true });
    const chair = t.chair.person;
    await run(ctx, chair, { name: "meeting.plan", date: "2027-05-20", time: "14:00" }, t.channel);
    await run(ctx, chair, { name: "meeting.plan", date: "2027-06-17", time: "14:00" }, t.channel);
    await run(ctx, chair, { name: "agenda.add", text: "Inkoop wijkverpleging", theme: "ouderen" }, t.channel);
    await run(ctx, chair, { name: "agreement.add", text: "Eén loket voor mantelzorgers" }, t.channel);
    const successor = (await createPerson(db(), { name: `Opvolger ${uniqueKey("p")}` })) as KnownPerson;
    const reply = await run(
      ctx,
      chair,
      {
        name: "handover.start",
        from: { kind: "email", email: t.gemeente.person.email },
        to: { kind: "email", email: successor.email.toUpperCase() },
        date: "2027-05-17",
      },
      t.channel,
    );
    const [handover] = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
    if (!handover) throw new Error("no handover");
    return { ctx, t, successor, reply, handover };
  }

  it("start: the predecessor's seat ends at the handover day, the successor gets one, messages are queued", async () => {
    const { ctx, t, successor, reply, handover } = await startedHandover();
    expect(reply.text).toContain(`${successor.name} volgt ${t.gemeente.person.name} op per 17 mei 2027`);
    expect(handover).toMatchObject({
      organisationId: t.gemeente.organisationId,
      predecessorPersonId: t.gemeente.person.id,
      successorPersonId: successor.id,
      endingMembershipId: t.gemeente.membership.id,
      handoverOn: "2027-05-17",
      status: "started",
    });
    const [ended] = await db().select().from(memberships).where(eq(memberships.id, t.gemeente.membership.id));
    expect(ended?.activeUntil).toBe("2027-05-17");
    const seats = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, successor.id), eq(memberships.regionId, t.region.id)));
    expect(seats.map((s) => [s.organisationId, s.role, s.activeFrom, s.activeUntil, s.isChair])).toEqual([
      [t.gemeente.organisationId, "ambtelijk", "2027-05-17", null, false],
    ]);

    const rows = await handoverDeliveries(handover.id);
    const now = ctx.now().getTime();
    const chairs = [t.chair.person.id, t.secondChair?.person.id].sort();
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind);
    expect(byKind("handover-briefing").map((r) => [r.personId, r.dueAt.getTime()])).toEqual([
      [successor.id, now],
    ]);
    expect(
      byKind("handover-task")
        .map((r) => r.personId)
        .sort(),
    ).toEqual(chairs);
    expect(
      byKind("handover-notice")
        .map((r) => r.personId)
        .sort(),
    ).toEqual([t.verzekeraar.person.id, t.zorgkantoor.person.id].sort());
    const reminders = byKind("handover-reminder");
    expect(reminders).toHaveLength(6);
    for (const days of [7, 14, 21]) {
      expect(
        reminders
          .filter((r) => r.dueAt.getTime() === now + days * DAY)
          .map((r) => r.personId)
          .sort(),
      ).toEqual(chairs);
    }
    expect(rows).toHaveLength(1 + 2 + 2 + 6);
    expect(rows.every((r) => r.status === "pending")).toBe(true);
    expect(rows.every((r) => deferredOf(r).handoverId === handover.id)).toBe(true);
  });

  it("a handover started at 04:19 reminds the chairs at 08:00 on days 7, 14 and 21, not at 04:19", async () => {
    // Monday 10 May 2027 04:19 in Amsterdam (summer time, UTC+2).
    const ctx = contextAt("2027-05-10T02:19:00Z");
    const t = await seedTable();
    const successor = (await createPerson(db(), { name: `Opvolger ${uniqueKey("p")}` })) as KnownPerson;
    await run(
      ctx,
      t.chair.person,
      {
        name: "handover.start",
        from: { kind: "email", email: t.gemeente.person.email },
        to: { kind: "email", email: successor.email },
      },
      t.channel,
    );
    const [handover] = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
    if (!handover) throw new Error("no handover");
    const reminders = (await handoverDeliveries(handover.id)).filter((r) => r.kind === "handover-reminder");
    expect(reminders.map((r) => r.dueAt.toISOString()).sort()).toEqual([
      "2027-05-17T06:00:00.000Z",
      "2027-05-24T06:00:00.000Z",
      "2027-05-31T06:00:00.000Z",
    ]);
  });

  it("a worker that reaches a handover reminder at night holds it until 08:00 instead of sending it", async () => {
    const { ctx, handover } = await startedHandover();
    // Day 7's reminders were due at 10:00 on 17 May; the worker only gets to them at 22:30 on 18 May.
    const night = new Date("2027-05-18T20:30:00Z");
    const sent: string[] = [];
    const messenger: Messenger = {
      platforms: ["slack"],
      async sendToPerson(person) {
        sent.push(person.personId);
        return { platform: "slack", ts: String(sent.length) };
      },
      async sendToChannel(channel) {
        sent.push(channel.bindingId);
        return { platform: "slack", ts: String(sent.length) };
      },
      async updateMessage() {},
    };
    const worker = createDeliveryWorker({
      db: db(),
      messenger,
      logger: createLogger("silent"),
      timeZone: TZ,
      now: () => night,
      renderDeferred: createDeferredCardRenderer({ ...ctx, now: () => night }),
    });
    await worker.drain();
    const reminders = (await handoverDeliveries(handover.id)).filter(
      (r) => r.kind === "handover-reminder" && r.idempotencyKey.includes(":reminder:7:"),
    );
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.map((r) => [r.status, r.dueAt.toISOString()])).toEqual(
      reminders.map(() => ["pending", "2027-05-19T06:00:00.000Z"]),
    );
  });

  it("the briefing shows the agreements, the agenda, the next meetings and the other contact persons", async () => {
    const { ctx, t, successor, handover } = await startedHandover();
    const [briefing] = (await handoverDeliveries(handover.id)).filter((r) => r.kind === "handover-briefing");
    if (!briefing) throw new Error("no briefing");
    const card = await createDeferredCardRenderer(ctx)(deferredOf(briefing), { locale: "nl" });
    const text = cardText(card);
    expect(text).toContain(`Welkom aan de regiotafel van ${t.region.name}`);
    expect(text).toContain(`Beste ${successor.name}, u volgt *${t.gemeente.person.name}* op`);
    expect(text).toContain("Eén loket voor mantelzorgers");
    expect(text).toContain("Inkoop wijkverpleging");
    expect(text).toContain("donderdag 20 mei 2027 om 14:00");
    expect(text).toContain("donderdag 17 juni 2027 om 14:00");
    const contacts = card?.blocks.find(
      (b): b is { type: "text"; text: Markup } =>
        b.type === "text" && b.text.markup.startsWith("*Andere contactpersonen*"),
    );
    if (!contacts) throw new Error("no contacts section");
    for (const other of [t.chair, t.secondChair, t.verzekeraar, t.zorgkantoor, t.aanbieder]) {
      expect(contacts.text.markup).toContain(other?.person.name);
    }
    expect(contacts.text.markup).not.toContain(successor.name);
    expect(contacts.text.markup).not.toContain(t.gemeente.person.name);

    // The other cards of the start.
    const rows = await handoverDeliveries(handover.id);
    const render = createDeferredCardRenderer(ctx);
    const task = rows.find((r) => r.kind === "handover-task");
    const notice = rows.find((r) => r.kind === "handover-notice");
    if (!task || !notice) throw new Error("rows missing");
    const taskCard = await render(deferredOf(task), { locale: "nl", personId: task.personId ?? undefined });
    expect(cardText(taskCard)).toContain(`Wilt u ${successor.name} voorstellen`);
    // The button is the chair's own: it names the handover and the chair it was sent to.
    expect(actionsOf(taskCard).map((a) => [a.id, JSON.parse(a.value)])).toEqual([
      [HANDOVER_INTRODUCED_ACTION, { handoverId: handover.id, for: task.personId }],
    ]);
    const noticeText = cardText(await render(deferredOf(notice), { locale: "nl" }));
    expect(noticeText).toContain(`neemt *${successor.name}* het stokje over van *${t.gemeente.person.name}*`);
  });

  it("handover.done steps introduced → briefed → completed; completing cancels the pending reminders", async () => {
    const { ctx, t, handover } = await startedHandover();
    const done = () => run(ctx, t.chair.person, { name: "handover.done", handover: 1 }, t.channel);
    const status = async () =>
      (await db().select().from(handovers).where(eq(handovers.id, handover.id)))[0]?.status;

    expect((await done()).text).toContain("Overdracht 1:");
    expect(await status()).toBe("introduced");
    await done();
    expect(await status()).toBe("briefed");
    const list = await run(ctx, t.gemeente.person, { name: "handover.list" }, t.channel);
    expect(cardText(list.card)).toContain(t.gemeente.person.name);
    expect((await handoverDeliveries(handover.id)).every((r) => r.status === "pending")).toBe(true);
    await done();
    expect(await status()).toBe("completed");

    const rows = await handoverDeliveries(handover.id);
    expect(rows.filter((r) => r.kind === "handover-reminder").map((r) => r.status)).toEqual(
      Array(6).fill("cancelled"),
    );
    expect(rows.filter((r) => r.kind !== "handover-reminder").every((r) => r.status === "pending")).toBe(
      true,
    );
    const reminder = rows.find((r) => r.kind === "handover-reminder");
    if (!reminder) throw new Error("no reminder");
    expect(await createDeferredCardRenderer(ctx)(deferredOf(reminder), { locale: "nl" })).toBeUndefined();
    const actions = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, handover.id))
      .orderBy(asc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual([
      "handover.start",
      "handover.introduced",
      "handover.briefed",
      "handover.completed",
    ]);
    // Nothing open any more.
    const error = await refusal(done());
    expect(error.userMessage("nl")).toContain("Overdracht 1 bestaat niet");
  });

  it("the chair's 'geïntroduceerd' button takes the first step; others are refused", async () => {
    const { ctx, t, handover } = await startedHandover();
    const value = handoverTaskValue(t.chair.person.id, handover.id);
    const press = (person: KnownPerson) =>
      runCardAction(ctx, { person, locale: "nl", actionId: HANDOVER_INTRODUCED_ACTION, value });
    // The other chair has a task card of their own; this one is not theirs.
    for (const person of [t.verzekeraar.person, t.secondChair?.person]) {
      if (!person) throw new Error("no second chair");
      expect((await refusal(press(person))).userMessage("nl")).toContain("Deze knop is niet voor u bedoeld");
    }
    const [before] = await db().select().from(handovers).where(eq(handovers.id, handover.id));
    expect(before?.status).toBe("started");
    // A contact person's own button (as if one had been sent) still needs the chair.
    const forged = handoverTaskValue(t.verzekeraar.person.id, handover.id);
    expectNamesChair(
      await refusal(
        runCardAction(ctx, {
          person: t.verzekeraar.person,
          locale: "nl",
          actionId: HANDOVER_INTRODUCED_ACTION,
          value: forged,
        }),
      ),
      t,
      "change",
    );
    const reply = await press(t.chair.person);
    expect(reply.text).toContain("Vastgelegd");
    const [row] = await db().select().from(handovers).where(eq(handovers.id, handover.id));
    expect(row?.status).toBe("introduced");
  });

  it("a second start for the same predecessor is refused politely and changes nothing", async () => {
    const { ctx, t, handover } = await startedHandover();
    const other = await createPerson(db());
    const before = await snapshot(t);
    const error = await refusal(
      run(
        ctx,
        t.chair.person,
        {
          name: "handover.start",
          from: { kind: "email", email: t.gemeente.person.email },
          to: { kind: "email", email: other.email },
        },
        t.channel,
      ),
    );
    expect(error.userMessage("nl")).toBe(
      "Voor deze persoon loopt al een overdracht; `overdracht` toont hem.",
    );
    expect(await snapshot(t)).toEqual(before);
    expect(await db().select().from(memberships).where(eq(memberships.personId, other.id))).toEqual([]);
    expect(
      (await db().select().from(handovers).where(eq(handovers.regionId, t.region.id))).map((h) => h.id),
    ).toEqual([handover.id]);
  });

  it("names an unknown person and someone without a seat politely", async () => {
    const ctx = contextAt(MAY);
    const t = await seedTable();
    const unknown = await refusal(
      run(
        ctx,
        t.chair.person,
        {
          name: "handover.start",
          from: { kind: "email", email: t.gemeente.person.email },
          to: { kind: "email", email: "niemand-bekend@test.example" },
        },
        t.channel,
      ),
    );
    expect(unknown.userMessage("nl")).toContain("niemand-bekend@test.example ken ik nog niet");
    const noSeat = await refusal(
      run(
        ctx,
        t.chair.person,
        {
          name: "handover.start",
          from: { kind: "email", email: t.stranger.email },
          to: { kind: "email", email: t.gemeente.person.email },
        },
        t.channel,
      ),
    );
    expect(noSeat.userMessage("nl")).toBe("Wie vervangen wordt, is geen contactpersoon van deze regio.");
  });

  // Regression test; it was a bug (src/app/table/handovers.ts, startHandover): the successor's membership copies the organisation and
  // `role` of the predecessor's seat but not `is_chair`. When the chair (often the regional secretary, whose
  // leaving the seeds name as a typical break) hands over, the region has no chair from the day after the
  // handover: nobody can plan meetings or change the agenda, and refusals name no chair.
  it("a chair's successor becomes chair of the table", async () => {
    const ctx = contextAt(MAY);
    const t = await seedTable();
    const successor = await createPerson(db());
    await run(
      ctx,
      t.chair.person,
      {
        name: "handover.start",
        from: { kind: "email", email: t.chair.person.email },
        to: { kind: "email", email: successor.email },
        date: "2027-05-17",
      },
      t.channel,
    );
    const [seat] = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, successor.id), eq(memberships.regionId, t.region.id)));
    expect(seat?.isChair).toBe(true);
  });

  // Regression test; it was a bug (src/app/table/meetings.ts, queueMeetingReminders): the recipients of a meeting's T-7/T-1 reminders are
  // fixed when the meeting is planned (the contact persons active on that day), and nothing re-targets them on
  // a handover. A successor who takes over before T-7 gets no reminder for an already planned meeting, while
  // the predecessor, no longer at the table, still gets both (the renderer does not check the membership).
  it("a successor who takes over before the reminders are due gets the meeting reminders", async () => {
    const ctx = contextAt(MAY);
    const t = await seedTable();
    await run(ctx, t.chair.person, { name: "meeting.plan", date: "2027-05-31", time: "14:00" }, t.channel);
    const successor = await createPerson(db());
    await run(
      ctx,
      t.chair.person,
      {
        name: "handover.start",
        from: { kind: "email", email: t.gemeente.person.email },
        to: { kind: "email", email: successor.email },
        date: "2027-05-17",
      },
      t.channel,
    );
    const [meeting] = await meetingsOf(t.region.id);
    if (!meeting) throw new Error("no meeting");
    const pending = (await meetingDeliveries(meeting.id)).filter(
      (r) => r.status === "pending" && r.kind === "meeting-reminder",
    );
    expect(pending.filter((r) => r.personId === successor.id)).toHaveLength(2);
  });
});

describe("automatic handovers for memberships that end", () => {
  const JUNE = "2027-06-01T08:00:00Z";

  it("a seat ending within 30 days without a successor starts one handover without successor (twice: still one)", async () => {
    const ctx = contextAt(JUNE);
    const t = await seedTable();
    await db()
      .update(memberships)
      .set({ activeUntil: "2027-06-20" })
      .where(eq(memberships.id, t.gemeente.membership.id));
    // Controls: a seat that ends but is taken over within the organisation, and one ending after the horizon.
    await db()
      .update(memberships)
      .set({ activeUntil: "2027-06-20" })
      .where(eq(memberships.id, t.verzekeraar.membership.id));
    await addSeat(t.region.id, { organisationId: t.verzekeraar.organisationId, activeFrom: "2027-06-21" });
    await db()
      .update(memberships)
      .set({ activeUntil: "2027-08-15" })
      .where(eq(memberships.id, t.zorgkantoor.membership.id));

    expect(await startHandoversForEndingMemberships(ctx)).toBeGreaterThanOrEqual(1);
    expect(await startHandoversForEndingMemberships(ctx)).toBe(0);

    const rows = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      predecessorPersonId: t.gemeente.person.id,
      organisationId: t.gemeente.organisationId,
      successorPersonId: null,
      endingMembershipId: t.gemeente.membership.id,
      handoverOn: "2027-06-21",
      status: "started",
      startedByPersonId: null,
    });
    const handover = rows[0];
    if (!handover) throw new Error("no handover");
    const queued = await handoverDeliveries(handover.id);
    expect(queued.some((r) => r.kind === "handover-briefing")).toBe(false);
    // Nobody to introduce yet: no task and no notice; the reminders ask the chair to name a successor.
    expect(queued.some((r) => r.kind === "handover-task" || r.kind === "handover-notice")).toBe(false);
    expect(
      queued.filter((r) => r.kind === "handover-reminder" && r.personId === t.chair.person.id),
    ).toHaveLength(3);
    const reminder = queued.find((r) => r.kind === "handover-reminder");
    if (!reminder) throw new Error("no reminder");
    const card = await createDeferredCardRenderer(ctx)(deferredOf(reminder), { locale: "nl" });
    expect(cardText(card)).toContain("er is nog geen opvolger genoemd");
    const list = await run(ctx, t.chair.person, { name: "handover.list" }, t.channel);
    expect(cardText(list.card)).toContain("opvolger nog onbekend");
  });

  // Regression test; it was a bug (src/app/render-deferred-card.ts, handoverCard, and src/app/table/handovers.ts, queueHandoverMessages):
  // an automatic handover has no successor, yet the chair still gets the "stel de nieuwe contactpersoon voor"
  // task and the insurers the "neemt … het stokje over" notice, rendered with an empty successor name
  // ("** volgt per … op", "Wilt u  voorstellen") and a "Geïntroduceerd" button for nobody. Only the reminder
  // card handles a missing successor.
  it("an automatic handover's task and notice do not introduce a successor who is not known", async () => {
    const ctx = contextAt(JUNE);
    const t = await seedTable();
    await db()
      .update(memberships)
      .set({ activeUntil: "2027-06-20" })
      .where(eq(memberships.id, t.gemeente.membership.id));
    await startHandoversForEndingMemberships(ctx);
    const [handover] = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
    if (!handover) throw new Error("no handover");
    const render = createDeferredCardRenderer(ctx);
    for (const row of await handoverDeliveries(handover.id)) {
      if (row.kind !== "handover-task" && row.kind !== "handover-notice") continue;
      const card = await render(deferredOf(row), { locale: "nl" });
      if (!card) continue;
      expect(cardText(card)).not.toContain("**");
      expect(cardText(card)).not.toContain("Wilt u  voorstellen");
      expect(actionsOf(card).map((a) => a.id)).not.toContain(HANDOVER_INTRODUCED_ACTION);
    }
  });

  // Regression test; it was a bug (src/app/table/handovers.ts, startHandoversForEndingMemberships): "a successor" is any other person of
  // the same organisation active the day after, whatever their role, so a gemeente's ambtelijk contact who
  // leaves is considered succeeded by the bestuurlijk contact (the alderman) and no handover starts. Issue 5
  // rule 5 expects one, with the chair and the organisation's other contact reminded to name a successor;
  // queueHandoverMessages never messages the organisation's other contact at all.
  it("an ambtelijk seat ending while the bestuurlijk contact stays starts a handover that asks them", async () => {
    const ctx = contextAt(JUNE);
    const t = await seedTable();
    const alderman = await addSeat(t.region.id, {
      organisationId: t.gemeente.organisationId,
      role: "bestuurlijk",
    });
    await db()
      .update(memberships)
      .set({ activeUntil: "2027-06-20" })
      .where(eq(memberships.id, t.gemeente.membership.id));
    await startHandoversForEndingMemberships(ctx);
    const [handover] = await db().select().from(handovers).where(eq(handovers.regionId, t.region.id));
    expect(handover?.predecessorPersonId).toBe(t.gemeente.person.id);
    const queued = handover ? await handoverDeliveries(handover.id) : [];
    expect(queued.some((r) => r.personId === alderman.person.id)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("hulpvraag and the national coordinators' channel", () => {
  // In order: first without a national channel (this file's own database has none), then bound.
  const coordinator = `coordinator-${uniqueKey("lc")}@test.example`;
  const at = (overrides: Partial<AppContext> = {}) =>
    contextAt(MARCH, { nationalCoordinators: [coordinator], ...overrides });

  const escalationRows = async (escalationId: string) =>
    db()
      .select()
      .from(deliveries)
      .where(sql`${deliveries.payload} -> 'deferred' ->> 'escalationId' = ${escalationId}`);

  it("without a national channel it is recorded, citizen numbers masked, and nothing is queued", async () => {
    const ctx = at();
    const t = await seedTable();
    const reply = await run(
      ctx,
      t.gemeente.person,
      { name: "escalate", text: "Casus BSN 111222333 en 123 456 782 loopt vast; bel 0612345678" },
      t.channel,
    );
    expect(reply.text).toContain("er is nog geen kanaal van de landelijke coördinatoren gekoppeld");
    const [row, ...rest] = await db().select().from(escalations).where(eq(escalations.regionId, t.region.id));
    expect(rest).toEqual([]);
    expect(row?.personId).toBe(t.gemeente.person.id);
    expect(row?.text).toBe("Casus BSN [BSN verwijderd] en [BSN verwijderd] loopt vast; bel 0612345678");
    expect(await escalationRows(row?.id ?? "")).toEqual([]);
  });

  it("someone without a seat cannot ask for support for the region", async () => {
    const t = await seedTable();
    const error = await refusal(run(at(), t.stranger, { name: "escalate", text: "Help" }, t.channel));
    expectNamesChair(error, t, "read");
    expect(await db().select().from(escalations).where(eq(escalations.regionId, t.region.id))).toEqual([]);
  });

  it("binding 'landelijk' works only for the national coordinators' e-mail addresses", async () => {
    const t = await seedTable();
    const channel = dmChannel();
    const error = await refusal(run(at(), t.chair.person, { name: "bind", region: "landelijk" }, channel));
    expect(error.userMessage("nl")).toBe(
      "Alleen de landelijke coördinatoren kunnen dit het kanaal voor hulpvragen maken.",
    );
    const none = await db()
      .select()
      .from(channelBindings)
      .where(eq(channelBindings.channelId, channel.channelId));
    expect(none).toEqual([]);

    const person = (await createPerson(db(), { email: coordinator })) as KnownPerson;
    const reply = await run(
      at({ nationalCoordinators: [coordinator] }),
      person,
      { name: "bind", region: "Landelijk" },
      channel,
    );
    expect(reply.text).toContain("kanaal van de landelijke coördinatoren");
    const [binding] = await db()
      .select()
      .from(channelBindings)
      .where(eq(channelBindings.channelId, channel.channelId));
    expect(binding).toMatchObject({ purpose: "national", regionId: null, createdByPersonId: person.id });
  });

  it("with a national channel the request is queued to it and its card shows the masked text", async () => {
    const ctx = at();
    const t = await seedTable();
    const national = await db().select().from(channelBindings).where(eq(channelBindings.purpose, "national"));
    expect(national).toHaveLength(1);
    const reply = await run(
      ctx,
      t.verzekeraar.person,
      { name: "escalate", text: "Wij komen er niet uit met de inkoop; BSN 1112.22.333 als voorbeeld" },
      t.channel,
    );
    expect(reply.text).toContain("doorgestuurd naar de landelijke coördinatoren");
    const [escalation] = await db().select().from(escalations).where(eq(escalations.regionId, t.region.id));
    if (!escalation) throw new Error("no escalation");
    expect(escalation.text).toBe("Wij komen er niet uit met de inkoop; BSN [BSN verwijderd] als voorbeeld");
    const rows = await escalationRows(escalation.id);
    expect(
      rows.map((r) => [r.kind, r.channelBindingId, r.personId, r.status, r.dueAt.toISOString()]),
    ).toEqual([["escalation", national[0]?.id, null, "pending", new Date(MARCH).toISOString()]]);
    const card = await createDeferredCardRenderer(ctx)(deferredOf(rows[0] as { payload: unknown }), {
      locale: undefined,
    });
    const text = cardText(card);
    expect(text).toContain(t.region.name);
    expect(text).toContain(t.verzekeraar.person.name);
    expect(text).toContain("[BSN verwijderd]");
    expect(text).not.toContain("1112.22.333");
  });
});
