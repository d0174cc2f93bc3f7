CREATE TABLE "platform_conversations" (
	"platform" "platform" NOT NULL,
	"workspace_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"scope" text NOT NULL,
	"reference" jsonb NOT NULL,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_conversations_platform_workspace_id_conversation_id_pk" PRIMARY KEY("platform","workspace_id","conversation_id"),
	CONSTRAINT "platform_conversations_scope" CHECK ("platform_conversations"."scope" in ('personal', 'channel', 'groupChat'))
);
--> statement-breakpoint
ALTER TABLE "platform_identities" ADD COLUMN "conversation_reference" jsonb;--> statement-breakpoint
ALTER TABLE "platform_identities" ADD COLUMN "unreachable_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_identities" ADD COLUMN "unreachable_reason" text;