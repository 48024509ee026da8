ALTER TABLE "imports" ADD COLUMN "options" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "unchanged_rows" integer DEFAULT 0 NOT NULL;