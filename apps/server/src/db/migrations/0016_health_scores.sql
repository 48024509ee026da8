CREATE TABLE "health_pulses" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"value" integer NOT NULL,
	"reason" text NOT NULL,
	"expires_on" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_pulses_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_score_history" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"scorecard_version" integer NOT NULL,
	"score" numeric(5, 2),
	"band" text,
	"measures" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "health_score_history_org_id_account_id_day_pk" PRIMARY KEY("org_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "health_scorecards" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"segment" text,
	"measures" jsonb NOT NULL,
	"explanation" text,
	"fit" jsonb,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_scorecards_org_id_id_version_pk" PRIMARY KEY("org_id","id","version")
);
--> statement-breakpoint
CREATE TABLE "health_scores" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"scorecard_version" integer NOT NULL,
	"score" numeric(5, 2),
	"band" text,
	"measures" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_scores_org_id_account_id_pk" PRIMARY KEY("org_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "health_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"red_max" integer DEFAULT 50 NOT NULL,
	"yellow_max" integer DEFAULT 75 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_pulses" ADD CONSTRAINT "health_pulses_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_pulses" ADD CONSTRAINT "health_pulses_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_score_history" ADD CONSTRAINT "health_score_history_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scorecards" ADD CONSTRAINT "health_scorecards_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scorecards" ADD CONSTRAINT "health_scorecards_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_settings" ADD CONSTRAINT "health_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_pulses_org_account_idx" ON "health_pulses" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "health_scores_org_band_idx" ON "health_scores" USING btree ("org_id","band");