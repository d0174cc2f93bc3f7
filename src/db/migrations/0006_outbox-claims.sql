ALTER TABLE "deliveries" ADD COLUMN "claimed_by" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
-- Rows an older worker is sending keep their lease; a token of their own lets the new workers take them over when it ends.
UPDATE "deliveries" SET "claim_token" = gen_random_uuid() WHERE "status" = 'sending';--> statement-breakpoint
CREATE INDEX "deliveries_claimed_by_idx" ON "deliveries" USING btree ("claimed_by") WHERE "deliveries"."status" = 'sending';--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_claim_complete" CHECK (("deliveries"."status" = 'sending') = ("deliveries"."claim_token" is not null));