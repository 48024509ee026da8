CREATE TABLE "capacity_people" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"team" text NOT NULL,
	"hours_per_week" numeric(5, 1) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "capacity_people_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "capacity_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"low_effort_hours" numeric(6, 1) NOT NULL,
	"medium_effort_hours" numeric(6, 1) NOT NULL,
	"high_effort_hours" numeric(6, 1) NOT NULL,
	"renewal_hours" numeric(6, 1) NOT NULL,
	"upsell_cs_hours" numeric(6, 1) NOT NULL,
	"upsell_ps_hours" numeric(6, 1) NOT NULL,
	"cs_spend_percent" numeric(5, 2) NOT NULL,
	"team_cost_per_month_cents" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_objectives" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"metric" text NOT NULL,
	"baseline" numeric(16, 2) NOT NULL,
	"target" numeric(16, 2) NOT NULL,
	"unit" text NOT NULL,
	"due_on" date,
	"owner_user_id" uuid,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"source_key" text,
	"starts_on" date NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "success_objectives_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_progress_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "success_progress_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_value_items" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"objective_id" uuid,
	"description" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"currency" text NOT NULL,
	"delivered_on" date NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "success_value_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "capacity_people" ADD CONSTRAINT "capacity_people_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_settings" ADD CONSTRAINT "capacity_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_objectives" ADD CONSTRAINT "success_objectives_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_objectives" ADD CONSTRAINT "success_objectives_org_id_owner_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_objectives" ADD CONSTRAINT "success_objectives_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_progress_entries" ADD CONSTRAINT "success_progress_entries_org_id_objective_id_success_objectives_org_id_id_fk" FOREIGN KEY ("org_id","objective_id") REFERENCES "public"."success_objectives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_progress_entries" ADD CONSTRAINT "success_progress_entries_org_id_recorded_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","recorded_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_value_items" ADD CONSTRAINT "success_value_items_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_value_items" ADD CONSTRAINT "success_value_items_org_id_objective_id_success_objectives_org_id_id_fk" FOREIGN KEY ("org_id","objective_id") REFERENCES "public"."success_objectives"("org_id","id") ON DELETE SET NULL ("objective_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_value_items" ADD CONSTRAINT "success_value_items_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "success_objectives_org_account_idx" ON "success_objectives" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "success_progress_org_objective_idx" ON "success_progress_entries" USING btree ("org_id","objective_id","measured_on");--> statement-breakpoint
CREATE INDEX "success_value_items_org_account_idx" ON "success_value_items" USING btree ("org_id","account_id","delivered_on");