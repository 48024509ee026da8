ALTER TABLE "import_files" ADD COLUMN "part" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "import_files" DROP CONSTRAINT "import_files_org_id_import_id_pk";--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_org_id_import_id_part_pk" PRIMARY KEY("org_id","import_id","part");--> statement-breakpoint
ALTER TABLE "import_errors" ADD COLUMN "column" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "file_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "parse_options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "started_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "started_at" timestamp with time zone;