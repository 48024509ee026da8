CREATE TABLE "upsell_candidates" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"reason_codes" text[] NOT NULL,
	"reasons" jsonb NOT NULL,
	"plan_id" uuid,
	"next_plan_id" uuid,
	"mrr_difference_cents" bigint,
	"currency" text,
	"limit_percent" integer,
	"since" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "upsell_candidates_org_id_account_id_pk" PRIMARY KEY("org_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "upsell_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"limit_threshold_percent" integer DEFAULT 80 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "included_units" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "max_units" integer;--> statement-breakpoint
ALTER TABLE "upsell_candidates" ADD CONSTRAINT "upsell_candidates_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upsell_settings" ADD CONSTRAINT "upsell_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upsell_candidates_org_since_idx" ON "upsell_candidates" USING btree ("org_id","since");