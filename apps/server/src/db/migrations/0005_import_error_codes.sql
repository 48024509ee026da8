ALTER TABLE "import_errors" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "import_errors" ADD COLUMN "params" jsonb;