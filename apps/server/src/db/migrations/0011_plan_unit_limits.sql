ALTER TABLE "plans" ADD COLUMN "included_units" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "max_units" integer;