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
ALTER TABLE "capacity_people" ADD CONSTRAINT "capacity_people_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_settings" ADD CONSTRAINT "capacity_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;