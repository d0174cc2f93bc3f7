import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  COLLABORATION_FORMS,
  GEOGRAPHIES,
  INSTRUMENTS,
  LOCALES,
  MEMBERSHIP_ROLES,
  ORGANISATION_TYPES,
  PLATFORMS,
  REGION_KINDS,
  THEMES,
} from "../domain/vocabulary.js";

/*
 * The whole state of Regiotafel. Rules that must hold whatever code writes here are constraints, not
 * application checks: foreign keys, natural-key uniqueness, one invitation per wave × person × region,
 * one delivery per idempotency key. Every instant is a timestamptz (stored as UTC); calendar days
 * (membership periods, agreement dates) are plain dates in Europe/Amsterdam.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => instant("created_at").notNull().defaultNow();
const id = () => uuid("id").primaryKey().defaultRandom();

export const regionKind = pgEnum("region_kind", REGION_KINDS);
export const organisationType = pgEnum("organisation_type", ORGANISATION_TYPES);
export const platform = pgEnum("platform", PLATFORMS);
export const membershipRole = pgEnum("membership_role", MEMBERSHIP_ROLES);
export const locale = pgEnum("locale", LOCALES);
export const theme = pgEnum("theme", THEMES);
export const instrument = pgEnum("instrument", INSTRUMENTS);
export const collaborationForm = pgEnum("collaboration_form", COLLABORATION_FORMS);
export const geography = pgEnum("geography", GEOGRAPHIES);
export const meetingStatus = pgEnum("meeting_status", ["planned", "cancelled"]);
export const topicStatus = pgEnum("topic_status", ["allowed", "forbidden"]);
export const waveStatus = pgEnum("wave_status", ["draft", "open", "closed"]);
export const handoverStatus = pgEnum("handover_status", [
  "started",
  "introduced",
  "briefed",
  "completed",
  "cancelled",
]);
export const bindingPurpose = pgEnum("binding_purpose", ["region", "national"]);
export const deliveryStatus = pgEnum("delivery_status", ["pending", "sending", "sent", "dead", "cancelled"]);

export const regions = pgTable(
  "regions",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: regionKind("kind").notNull(),
    // The wider region it was cut from, e.g. the Wmo region of an HLZ region.
    groupName: text("group_name"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    // Target of region_municipalities' (region, kind) key, which keeps each municipality in one region per kind.
    unique("regions_id_kind_key").on(t.id, t.kind),
    unique("regions_kind_name_key").on(t.kind, t.name),
    check("regions_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const municipalities = pgTable("municipalities", {
  id: id(),
  name: text("name").notNull().unique(),
});

/** Regions of one kind cover each municipality at most once (DOMAIN: "exactly once" across a full cut). */
export const regionMunicipalities = pgTable(
  "region_municipalities",
  {
    regionId: uuid("region_id").notNull(),
    regionKind: regionKind("region_kind").notNull(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.municipalityId] }),
    foreignKey({
      name: "region_municipalities_region_fk",
      columns: [t.regionId, t.regionKind],
      foreignColumns: [regions.id, regions.kind],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    unique("region_municipalities_one_region_per_kind").on(t.regionKind, t.municipalityId),
  ],
);

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    type: organisationType("type").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("organisations_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

/** The regions where an organisation is active (insurers and care offices answer only for those). */
export const organisationRegions = pgTable(
  "organisation_regions",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.regionId] })],
);

export const people = pgTable(
  "people",
  {
    id: id(),
    // The natural key for imports and for matching a Teams user (UPN) on first contact.
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    locale: locale("locale").notNull().default("nl"),
    preferredPlatform: platform("preferred_platform"),
    createdAt: createdAt(),
  },
  (t) => [check("people_email_normalised", sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`)],
);

/** Slack: workspace = team id, user = user id. Teams: workspace = tenant id, user = AAD object id. */
export const platformIdentities = pgTable(
  "platform_identities",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    platform: platform("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    // Teams: where to reach the person proactively (their 1:1 chat with the bot, or at least the tenant's
    // service URL); Slack needs only the user id. Opaque to everything outside the platform adapter.
    conversationReference: jsonb("conversation_reference"),
    // Set when the platform said the person cannot be reached (bot blocked, removed, disabled by an admin);
    // cleared when they talk to the bot again. The outbox then uses their other platform, if any.
    unreachableSince: instant("unreachable_since"),
    unreachableReason: text("unreachable_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("platform_identities_user_key").on(t.platform, t.workspaceId, t.userId),
    unique("platform_identities_one_per_workspace").on(t.personId, t.platform, t.workspaceId),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    organisationId: uuid("organisation_id").notNull(),
    regionId: uuid("region_id").notNull(),
    role: membershipRole("role").notNull(),
    isChair: boolean("is_chair").notNull().default(false),
    activeFrom: date("active_from", { mode: "string" }).notNull(),
    activeUntil: date("active_until", { mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [
    // A person represents an organisation only in a region where that organisation is active.
    foreignKey({
      name: "memberships_organisation_region_fk",
      columns: [t.organisationId, t.regionId],
      foreignColumns: [organisationRegions.organisationId, organisationRegions.regionId],
    }),
    unique("memberships_period_key").on(t.personId, t.organisationId, t.regionId, t.role, t.activeFrom),
    check("memberships_period_order", sql`${t.activeUntil} is null or ${t.activeUntil} >= ${t.activeFrom}`),
    index("memberships_region_idx").on(t.regionId),
  ],
);

/** A Slack channel or Teams conversation where the bot speaks for a region (or for the national coordinators). */
export const channelBindings = pgTable(
  "channel_bindings",
  {
    id: id(),
    purpose: bindingPurpose("purpose").notNull(),
    regionId: uuid("region_id").references(() => regions.id),
    platform: platform("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id").notNull(),
    // Teams needs the stored conversation reference to post proactively; Slack needs only the channel id.
    conversationReference: jsonb("conversation_reference"),
    createdByPersonId: uuid("created_by_person_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("channel_bindings_channel_key").on(t.platform, t.workspaceId, t.channelId),
    check(
      "channel_bindings_region_matches_purpose",
      sql`(${t.purpose} = 'region') = (${t.regionId} is not null)`,
    ),
  ],
);

/**
 * Conversations the bot was added to (a Teams team or group chat, before or without a binding), so that the
 * bot can reach them, and the people in that tenant, proactively. Personal chats live on the identity.
 */
export const platformConversations = pgTable(
  "platform_conversations",
  {
    platform: platform("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    scope: text("scope").notNull(),
    reference: jsonb("reference").notNull(),
    removedAt: instant("removed_at"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.workspaceId, t.conversationId] }),
    check("platform_conversations_scope", sql`${t.scope} in ('personal', 'channel', 'groupChat')`),
  ],
);

export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    startsAt: instant("starts_at").notNull(),
    location: text("location"),
    status: meetingStatus("status").notNull().default("planned"),
    createdByPersonId: uuid("created_by_person_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_region_starts_idx").on(t.regionId, t.startsAt)],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    theme: theme("theme"),
    createdByPersonId: uuid("created_by_person_id").references(() => people.id),
    createdAt: createdAt(),
    removedAt: instant("removed_at"),
  },
  (t) => [
    check("agenda_items_position_positive", sql`${t.position} > 0`),
    check("agenda_items_text_present", sql`length(trim(${t.text})) > 0`),
  ],
);

export const agreements = pgTable(
  "agreements",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    text: text("text").notNull(),
    theme: theme("theme"),
    instrument: instrument("instrument"),
    form: collaborationForm("form"),
    geography: geography("geography"),
    agreedOn: date("agreed_on", { mode: "string" }).notNull(),
    createdByPersonId: uuid("created_by_person_id").references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [check("agreements_text_present", sql`length(trim(${t.text})) > 0`)],
);

/** What the financiers of a region agreed they may (not) discuss, e.g. competitive matters between insurers. */
export const topicScopeEntries = pgTable(
  "topic_scope_entries",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    topic: text("topic").notNull(),
    theme: theme("theme"),
    status: topicStatus("status").notNull(),
    reason: text("reason"),
    decidedByPersonId: uuid("decided_by_person_id").references(() => people.id),
    decidedAt: instant("decided_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("topic_scope_entries_region_topic_key").on(t.regionId, sql`lower(${t.topic})`),
    check("topic_scope_entries_topic_present", sql`length(trim(${t.topic})) > 0`),
  ],
);

/** A region's request for support from the national coordinators (`hulpvraag`); listed in the venster. */
export const escalations = pgTable(
  "escalations",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("escalations_text_present", sql`length(trim(${t.text})) > 0`),
    index("escalations_region_idx").on(t.regionId, t.createdAt),
  ],
);

/** Survey definitions are data; a wave pins one version so answers always match the questions asked. */
export const surveyDefinitions = pgTable(
  "survey_definitions",
  {
    id: id(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("survey_definitions_key_version").on(t.key, t.version),
    check("survey_definitions_version_positive", sql`${t.version} > 0`),
  ],
);

export const waves = pgTable(
  "waves",
  {
    id: id(),
    surveyDefinitionId: uuid("survey_definition_id")
      .notNull()
      .references(() => surveyDefinitions.id),
    name: text("name").notNull().unique(),
    opensAt: instant("opens_at").notNull(),
    closesAt: instant("closes_at").notNull(),
    status: waveStatus("status").notNull().default("draft"),
    reminderOffsetsDays: jsonb("reminder_offsets_days").$type<number[]>().notNull().default([7, 2]),
    maxReminders: integer("max_reminders").notNull().default(2),
    openedAt: instant("opened_at"),
    closedAt: instant("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    check("waves_close_after_open", sql`${t.closesAt} > ${t.opensAt}`),
    check("waves_max_reminders_non_negative", sql`${t.maxReminders} >= 0`),
  ],
);

/** Reminder moments of a wave, planned when it opens; each is claimed once, by one replica, when due. */
export const waveReminderSlots = pgTable(
  "wave_reminder_slots",
  {
    waveId: uuid("wave_id")
      .notNull()
      .references(() => waves.id),
    ordinal: integer("ordinal").notNull(),
    dueAt: instant("due_at").notNull(),
    claimedAt: instant("claimed_at"),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.ordinal] })],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    waveId: uuid("wave_id")
      .notNull()
      .references(() => waves.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    regionId: uuid("region_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("invitations_wave_person_region").on(t.waveId, t.personId, t.regionId),
    foreignKey({
      name: "invitations_organisation_region_fk",
      columns: [t.organisationId, t.regionId],
      foreignColumns: [organisationRegions.organisationId, organisationRegions.regionId],
    }),
  ],
);

/** Append-only: the latest revision counts; edits are new rows, so a double submit is harmless. */
export const answerRevisions = pgTable(
  "answer_revisions",
  {
    id: id(),
    invitationId: uuid("invitation_id")
      .notNull()
      .references(() => invitations.id),
    revision: integer("revision").notNull(),
    answers: jsonb("answers").notNull(),
    submittedVia: platform("submitted_via").notNull(),
    submittedAt: instant("submitted_at").notNull().defaultNow(),
  },
  (t) => [
    unique("answer_revisions_invitation_revision").on(t.invitationId, t.revision),
    check("answer_revisions_revision_positive", sql`${t.revision} > 0`),
  ],
);

export const handovers = pgTable(
  "handovers",
  {
    id: id(),
    regionId: uuid("region_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    predecessorPersonId: uuid("predecessor_person_id")
      .notNull()
      .references(() => people.id),
    // Unknown when a membership ends without a named successor; the chair is then asked to name one.
    successorPersonId: uuid("successor_person_id").references(() => people.id),
    endingMembershipId: uuid("ending_membership_id").references(() => memberships.id),
    handoverOn: date("handover_on", { mode: "string" }).notNull(),
    status: handoverStatus("status").notNull().default("started"),
    startedByPersonId: uuid("started_by_person_id").references(() => people.id),
    createdAt: createdAt(),
    completedAt: instant("completed_at"),
  },
  (t) => [
    foreignKey({
      name: "handovers_organisation_region_fk",
      columns: [t.organisationId, t.regionId],
      foreignColumns: [organisationRegions.organisationId, organisationRegions.regionId],
    }),
    check(
      "handovers_successor_differs",
      sql`${t.successorPersonId} is null or ${t.successorPersonId} <> ${t.predecessorPersonId}`,
    ),
    uniqueIndex("handovers_one_open_per_predecessor")
      .on(t.predecessorPersonId, t.organisationId, t.regionId)
      .where(sql`${t.status} not in ('completed', 'cancelled')`),
  ],
);

/**
 * The outbox. Every outgoing message is a row first; the idempotency key (for example
 * `invite:<wave>:<person>:<region>`) makes fan-out and redelivered requests insert each message once.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: id(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    kind: text("kind").notNull(),
    personId: uuid("person_id").references(() => people.id),
    channelBindingId: uuid("channel_binding_id").references(() => channelBindings.id),
    // Survey invitations and reminders: lets the worker skip a reminder for someone who has answered meanwhile.
    invitationId: uuid("invitation_id").references(() => invitations.id),
    payload: jsonb("payload").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    dueAt: instant("due_at").notNull().defaultNow(),
    // A claim: the worker holding the row (it renews `locked_until` while it lives) and the fencing token of
    // this claim. Every write that ends the claim names the token, so a worker that lost the row (it paused
    // past its lease and another took over) can neither send it nor overwrite the other's outcome.
    claimedBy: uuid("claimed_by"),
    claimToken: uuid("claim_token"),
    lockedUntil: instant("locked_until"),
    lastError: text("last_error"),
    messageRef: jsonb("message_ref"),
    createdAt: createdAt(),
    sentAt: instant("sent_at"),
  },
  (t) => [
    check("deliveries_one_recipient", sql`(${t.personId} is null) <> (${t.channelBindingId} is null)`),
    check("deliveries_attempts_non_negative", sql`${t.attempts} >= 0`),
    index("deliveries_due_idx").on(t.dueAt).where(sql`${t.status} in ('pending', 'sending')`),
    index("deliveries_claimed_by_idx").on(t.claimedBy).where(sql`${t.status} = 'sending'`),
    check("deliveries_claim_complete", sql`(${t.status} = 'sending') = (${t.claimToken} is not null)`),
    // Finding the invitation card to update after an answer, and wave status.
    index("deliveries_invitation_idx").on(t.invitationId),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    actorPersonId: uuid("actor_person_id").references(() => people.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_subject_idx").on(t.subjectType, t.subjectId)],
);

/**
 * Inbound requests already handled, by the platform's own id (Slack event id or a hash of an interaction,
 * Teams activity id). Slack and Teams redeliver slow requests; the insert is the deduplication.
 */
export const processedRequests = pgTable(
  "processed_requests",
  {
    platform: platform("platform").notNull(),
    requestId: text("request_id").notNull(),
    receivedAt: instant("received_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.requestId] })],
);

/** Bumped on every insert and update of a local message: the cursor the /local page polls with. */
export const localMessagesVersion = pgSequence("local_messages_version_seq");

/**
 * Local mode's "chat platform": what the bot said to a person (or in a region's local channel) and what people
 * typed there, shown on /local. A bot message holds the neutral card; a person's line holds its text.
 */
export const localMessages = pgTable(
  "local_messages",
  {
    id: id(),
    // The conversation: a person's chat with the bot, or a local channel.
    personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    channelBindingId: uuid("channel_binding_id").references(() => channelBindings.id, {
      onDelete: "cascade",
    }),
    author: text("author").notNull(),
    // Who typed a person's line (in a channel, one of many); null for the bot.
    authorPersonId: uuid("author_person_id").references(() => people.id, { onDelete: "cascade" }),
    // A reply only its asker sees in a channel (Slack's ephemeral message); null: everyone in it.
    visibleToPersonId: uuid("visible_to_person_id").references(() => people.id, { onDelete: "cascade" }),
    card: jsonb("card"),
    text: text("text"),
    version: bigint("version", { mode: "number" })
      .notNull()
      .default(sql`nextval('local_messages_version_seq')`),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("local_messages_one_conversation", sql`(${t.personId} is null) <> (${t.channelBindingId} is null)`),
    check("local_messages_author", sql`${t.author} in ('bot', 'person')`),
    check("local_messages_content", sql`(${t.card} is null) <> (${t.text} is null)`),
    index("local_messages_person_idx").on(t.personId, t.version),
    index("local_messages_channel_idx").on(t.channelBindingId, t.version),
  ],
);
