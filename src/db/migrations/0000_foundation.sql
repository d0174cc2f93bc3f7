CREATE TYPE "public"."binding_purpose" AS ENUM('region', 'national');--> statement-breakpoint
CREATE TYPE "public"."collaboration_form" AS ENUM('ontwikkelproject', 'doorontwikkelen', 'implementatie', 'samenwerkingsafspraken');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'sent', 'dead', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."geography" AS ENUM('gemeentelijk', 'regionaal', 'bovenregionaal');--> statement-breakpoint
CREATE TYPE "public"."handover_status" AS ENUM('started', 'introduced', 'briefed', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."instrument" AS ENUM('werkwijze', 'beleid', 'inkoop', 'collectieve_zorg_minima', 'samenwerkingsdocument');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('nl', 'en');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('bestuurlijk', 'ambtelijk');--> statement-breakpoint
CREATE TYPE "public"."organisation_type" AS ENUM('gemeente', 'zorgverzekeraar', 'zorgkantoor', 'zorgaanbieder', 'clientenorganisatie', 'overig');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('slack', 'teams', 'local');--> statement-breakpoint
CREATE TYPE "public"."region_kind" AS ENUM('zorgkantoorregio', 'wmo', 'hlz', 'subregio', 'overig');--> statement-breakpoint
CREATE TYPE "public"."theme" AS ENUM('preventie', 'ggz', 'ouderen', 'wijk', 'jeugd', 'anders');--> statement-breakpoint
CREATE TYPE "public"."topic_status" AS ENUM('allowed', 'forbidden');--> statement-breakpoint
CREATE TYPE "public"."wave_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"theme" "theme",
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "agenda_items_position_positive" CHECK ("agenda_items"."position" > 0),
	CONSTRAINT "agenda_items_text_present" CHECK (length(trim("agenda_items"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"text" text NOT NULL,
	"theme" "theme",
	"instrument" "instrument",
	"form" "collaboration_form",
	"geography" "geography",
	"agreed_on" date NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_text_present" CHECK (length(trim("agreements"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "answer_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_via" "platform" NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_revisions_invitation_revision" UNIQUE("invitation_id","revision"),
	CONSTRAINT "answer_revisions_revision_positive" CHECK ("answer_revisions"."revision" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_person_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "channel_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" "binding_purpose" NOT NULL,
	"region_id" uuid,
	"platform" "platform" NOT NULL,
	"workspace_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"conversation_reference" jsonb,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_bindings_channel_key" UNIQUE("platform","workspace_id","channel_id"),
	CONSTRAINT "channel_bindings_region_matches_purpose" CHECK (("channel_bindings"."purpose" = 'region') = ("channel_bindings"."region_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"channel_binding_id" uuid,
	"payload" jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"message_ref" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "deliveries_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "deliveries_one_recipient" CHECK (("deliveries"."person_id" is null) <> ("deliveries"."channel_binding_id" is null)),
	CONSTRAINT "deliveries_attempts_non_negative" CHECK ("deliveries"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"predecessor_person_id" uuid NOT NULL,
	"successor_person_id" uuid,
	"ending_membership_id" uuid,
	"handover_on" date NOT NULL,
	"status" "handover_status" DEFAULT 'started' NOT NULL,
	"started_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "handovers_successor_differs" CHECK ("handovers"."successor_person_id" is null or "handovers"."successor_person_id" <> "handovers"."predecessor_person_id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_wave_person_region" UNIQUE("wave_id","person_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"is_chair" boolean DEFAULT false NOT NULL,
	"active_from" date NOT NULL,
	"active_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_period_key" UNIQUE("person_id","organisation_id","region_id","role","active_from"),
	CONSTRAINT "memberships_period_order" CHECK ("memberships"."active_until" is null or "memberships"."active_until" >= "memberships"."active_from")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "municipalities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "organisation_regions" (
	"organisation_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	CONSTRAINT "organisation_regions_organisation_id_region_id_pk" PRIMARY KEY("organisation_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"type" "organisation_type" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organisations_slug_format" CHECK ("organisations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" "locale" DEFAULT 'nl' NOT NULL,
	"preferred_platform" "platform",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_email_unique" UNIQUE("email"),
	CONSTRAINT "people_email_normalised" CHECK ("people"."email" = lower("people"."email") and "people"."email" like '%_@_%')
);
--> statement-breakpoint
CREATE TABLE "platform_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_identities_user_key" UNIQUE("platform","workspace_id","user_id"),
	CONSTRAINT "platform_identities_one_per_workspace" UNIQUE("person_id","platform","workspace_id")
);
--> statement-breakpoint
CREATE TABLE "region_municipalities" (
	"region_id" uuid NOT NULL,
	"region_kind" "region_kind" NOT NULL,
	"municipality_id" uuid NOT NULL,
	CONSTRAINT "region_municipalities_region_id_municipality_id_pk" PRIMARY KEY("region_id","municipality_id"),
	CONSTRAINT "region_municipalities_one_region_per_kind" UNIQUE("region_kind","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "region_kind" NOT NULL,
	"group_name" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_slug_unique" UNIQUE("slug"),
	CONSTRAINT "regions_id_kind_key" UNIQUE("id","kind"),
	CONSTRAINT "regions_kind_name_key" UNIQUE("kind","name"),
	CONSTRAINT "regions_slug_format" CHECK ("regions"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "survey_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_definitions_key_version" UNIQUE("key","version"),
	CONSTRAINT "survey_definitions_version_positive" CHECK ("survey_definitions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "topic_scope_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"theme" "theme",
	"status" "topic_status" NOT NULL,
	"reason" text,
	"decided_by_person_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_scope_entries_topic_present" CHECK (length(trim("topic_scope_entries"."topic")) > 0)
);
--> statement-breakpoint
CREATE TABLE "waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_definition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" "wave_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waves_name_unique" UNIQUE("name"),
	CONSTRAINT "waves_close_after_open" CHECK ("waves"."closes_at" > "waves"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD CONSTRAINT "answer_revisions_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bindings" ADD CONSTRAINT "channel_bindings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_bindings" ADD CONSTRAINT "channel_bindings_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_channel_binding_id_channel_bindings_id_fk" FOREIGN KEY ("channel_binding_id") REFERENCES "public"."channel_bindings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_predecessor_person_id_people_id_fk" FOREIGN KEY ("predecessor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_successor_person_id_people_id_fk" FOREIGN KEY ("successor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_ending_membership_id_memberships_id_fk" FOREIGN KEY ("ending_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_started_by_person_id_people_id_fk" FOREIGN KEY ("started_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_organisation_region_fk" FOREIGN KEY ("organisation_id","region_id") REFERENCES "public"."organisation_regions"("organisation_id","region_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_region_fk" FOREIGN KEY ("organisation_id","region_id") REFERENCES "public"."organisation_regions"("organisation_id","region_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_region_fk" FOREIGN KEY ("organisation_id","region_id") REFERENCES "public"."organisation_regions"("organisation_id","region_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_regions" ADD CONSTRAINT "organisation_regions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_regions" ADD CONSTRAINT "organisation_regions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_identities" ADD CONSTRAINT "platform_identities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_municipalities" ADD CONSTRAINT "region_municipalities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_municipalities" ADD CONSTRAINT "region_municipalities_region_fk" FOREIGN KEY ("region_id","region_kind") REFERENCES "public"."regions"("id","kind") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "topic_scope_entries" ADD CONSTRAINT "topic_scope_entries_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_scope_entries" ADD CONSTRAINT "topic_scope_entries_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_survey_definition_id_survey_definitions_id_fk" FOREIGN KEY ("survey_definition_id") REFERENCES "public"."survey_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("due_at") WHERE "deliveries"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_one_open_per_predecessor" ON "handovers" USING btree ("predecessor_person_id","organisation_id","region_id") WHERE "handovers"."status" not in ('completed', 'cancelled');--> statement-breakpoint
CREATE INDEX "meetings_region_starts_idx" ON "meetings" USING btree ("region_id","starts_at");--> statement-breakpoint
CREATE INDEX "memberships_region_idx" ON "memberships" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_scope_entries_region_topic_key" ON "topic_scope_entries" USING btree ("region_id",lower("topic"));