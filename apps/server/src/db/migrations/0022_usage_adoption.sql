CREATE TABLE "usage_adoption_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"low_activity_days" integer NOT NULL,
	"low_activity_drop_percent" integer NOT NULL,
	"poor_breadth_percent" integer NOT NULL,
	"poor_licence_percent" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_daily_feature_users" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event" text NOT NULL,
	"users" integer NOT NULL,
	CONSTRAINT "usage_daily_feature_users_org_id_account_id_day_event_pk" PRIMARY KEY("org_id","account_id","day","event")
);
--> statement-breakpoint
CREATE TABLE "usage_key_features" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event" text NOT NULL,
	"plan_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_key_features_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "usage_daily_feature_users" ADD CONSTRAINT "usage_daily_feature_users_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_key_features" ADD CONSTRAINT "usage_key_features_org_id_plan_id_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_key_features_org_event_idx" ON "usage_key_features" USING btree ("org_id","event");