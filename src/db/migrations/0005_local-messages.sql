CREATE SEQUENCE "public"."local_messages_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "local_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid,
	"channel_binding_id" uuid,
	"author" text NOT NULL,
	"author_person_id" uuid,
	"visible_to_person_id" uuid,
	"card" jsonb,
	"text" text,
	"version" bigint DEFAULT nextval('local_messages_version_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_messages_one_conversation" CHECK (("local_messages"."person_id" is null) <> ("local_messages"."channel_binding_id" is null)),
	CONSTRAINT "local_messages_author" CHECK ("local_messages"."author" in ('bot', 'person')),
	CONSTRAINT "local_messages_content" CHECK (("local_messages"."card" is null) <> ("local_messages"."text" is null))
);
--> statement-breakpoint
ALTER TABLE "local_messages" ADD CONSTRAINT "local_messages_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_messages" ADD CONSTRAINT "local_messages_channel_binding_id_channel_bindings_id_fk" FOREIGN KEY ("channel_binding_id") REFERENCES "public"."channel_bindings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_messages" ADD CONSTRAINT "local_messages_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_messages" ADD CONSTRAINT "local_messages_visible_to_person_id_people_id_fk" FOREIGN KEY ("visible_to_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "local_messages_person_idx" ON "local_messages" USING btree ("person_id","version");--> statement-breakpoint
CREATE INDEX "local_messages_channel_idx" ON "local_messages" USING btree ("channel_binding_id","version");