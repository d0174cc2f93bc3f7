CREATE TABLE "processed_requests" (
	"platform" "platform" NOT NULL,
	"request_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_requests_platform_request_id_pk" PRIMARY KEY("platform","request_id")
);
--> statement-breakpoint
CREATE TABLE "wave_reminder_slots" (
	"wave_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "wave_reminder_slots_wave_id_ordinal_pk" PRIMARY KEY("wave_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "waves" ADD COLUMN "reminder_offsets_days" jsonb DEFAULT '[7,2]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "waves" ADD COLUMN "max_reminders" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "waves" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waves" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wave_reminder_slots" ADD CONSTRAINT "wave_reminder_slots_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_max_reminders_non_negative" CHECK ("waves"."max_reminders" >= 0);