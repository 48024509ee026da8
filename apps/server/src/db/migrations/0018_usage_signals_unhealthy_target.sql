CREATE TABLE "churn_signal_episodes" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_on" date NOT NULL,
	"signal_id" uuid,
	CONSTRAINT "churn_signal_episodes_org_id_account_id_kind_pk" PRIMARY KEY("org_id","account_id","kind")
);
--> statement-breakpoint
CREATE TABLE "churn_signal_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"usage_drop_pct" integer DEFAULT 50 NOT NULL,
	"usage_window_days" integer DEFAULT 30 NOT NULL,
	"no_login_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_settings" ADD COLUMN "unhealthy_target_pct" integer DEFAULT 25 NOT NULL;--> statement-breakpoint
ALTER TABLE "churn_signal_episodes" ADD CONSTRAINT "churn_signal_episodes_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_signal_settings" ADD CONSTRAINT "churn_signal_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;