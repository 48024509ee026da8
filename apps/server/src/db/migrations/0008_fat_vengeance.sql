ALTER TABLE "interactions" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "source_ref" text;--> statement-breakpoint
CREATE UNIQUE INDEX "interactions_org_source_ref_uq" ON "interactions" USING btree ("org_id","source_ref");