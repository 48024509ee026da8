CREATE TABLE "journey_checklist_items" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	CONSTRAINT "journey_checklist_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "journey_log_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_log_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "journey_milestones" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"success_criteria" text,
	"responsible_role" text,
	"effort" text NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	"late_at" timestamp with time zone,
	CONSTRAINT "journey_milestones_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "journey_template_versions" (
	"org_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"milestones" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_template_versions_org_id_template_id_version_pk" PRIMARY KEY("org_id","template_id","version")
);
--> statement-breakpoint
CREATE TABLE "journey_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"name" text NOT NULL,
	"cause" text NOT NULL,
	"cause_key" text,
	"started_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journeys_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "journey_checklist_items" ADD CONSTRAINT "journey_checklist_items_org_id_milestone_id_journey_milestones_org_id_id_fk" FOREIGN KEY ("org_id","milestone_id") REFERENCES "public"."journey_milestones"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_checklist_items" ADD CONSTRAINT "journey_checklist_items_org_id_done_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","done_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_log_entries" ADD CONSTRAINT "journey_log_entries_org_id_milestone_id_journey_milestones_org_id_id_fk" FOREIGN KEY ("org_id","milestone_id") REFERENCES "public"."journey_milestones"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_log_entries" ADD CONSTRAINT "journey_log_entries_org_id_owner_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_log_entries" ADD CONSTRAINT "journey_log_entries_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_milestones" ADD CONSTRAINT "journey_milestones_org_id_journey_id_journeys_org_id_id_fk" FOREIGN KEY ("org_id","journey_id") REFERENCES "public"."journeys"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_milestones" ADD CONSTRAINT "journey_milestones_org_id_completed_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","completed_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_template_versions" ADD CONSTRAINT "journey_template_versions_org_id_template_id_journey_templates_org_id_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."journey_templates"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_template_versions" ADD CONSTRAINT "journey_template_versions_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_org_id_template_id_template_version_journey_template_versions_org_id_template_id_version_fk" FOREIGN KEY ("org_id","template_id","template_version") REFERENCES "public"."journey_template_versions"("org_id","template_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_checklist_items_org_milestone_idx" ON "journey_checklist_items" USING btree ("org_id","milestone_id","position");--> statement-breakpoint
CREATE INDEX "journey_log_entries_org_milestone_idx" ON "journey_log_entries" USING btree ("org_id","milestone_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_milestones_org_journey_position_uq" ON "journey_milestones" USING btree ("org_id","journey_id","position");--> statement-breakpoint
CREATE INDEX "journey_milestones_org_open_due_idx" ON "journey_milestones" USING btree ("org_id","due_on") WHERE "journey_milestones"."completed_at" is null and "journey_milestones"."late_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_templates_org_default_uq" ON "journey_templates" USING btree ("org_id") WHERE "journey_templates"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "journey_templates_org_name_uq" ON "journey_templates" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "journeys_org_account_idx" ON "journeys" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_org_active_account_uq" ON "journeys" USING btree ("org_id","account_id") WHERE "journeys"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_org_cause_key_uq" ON "journeys" USING btree ("org_id","cause_key");