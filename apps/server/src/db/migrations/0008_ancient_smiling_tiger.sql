CREATE TABLE "account_competitors" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"competitor_id" uuid NOT NULL,
	"status" text NOT NULL,
	"since" date,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_competitors_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "competitor_plan_prices" (
	"org_id" uuid NOT NULL,
	"competitor_plan_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"interval_months" integer NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "competitor_plan_prices_org_id_competitor_plan_id_currency_interval_months_pk" PRIMARY KEY("org_id","competitor_plan_id","currency","interval_months")
);
--> statement-breakpoint
CREATE TABLE "competitor_plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"competitor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"comparable_plan_id" uuid,
	"notes" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "competitor_plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "competitors" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"notes" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "competitors_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "account_competitors" ADD CONSTRAINT "account_competitors_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_competitors" ADD CONSTRAINT "account_competitors_org_id_competitor_id_competitors_org_id_id_fk" FOREIGN KEY ("org_id","competitor_id") REFERENCES "public"."competitors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_competitors" ADD CONSTRAINT "account_competitors_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_plan_prices" ADD CONSTRAINT "competitor_plan_prices_org_id_competitor_plan_id_competitor_plans_org_id_id_fk" FOREIGN KEY ("org_id","competitor_plan_id") REFERENCES "public"."competitor_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_plans" ADD CONSTRAINT "competitor_plans_org_id_competitor_id_competitors_org_id_id_fk" FOREIGN KEY ("org_id","competitor_id") REFERENCES "public"."competitors"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_plans" ADD CONSTRAINT "competitor_plans_org_id_comparable_plan_id_plans_org_id_id_fk" FOREIGN KEY ("org_id","comparable_plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_competitors_org_account_competitor_uq" ON "account_competitors" USING btree ("org_id","account_id","competitor_id");--> statement-breakpoint
CREATE INDEX "account_competitors_org_competitor_idx" ON "account_competitors" USING btree ("org_id","competitor_id");--> statement-breakpoint
CREATE INDEX "competitor_plans_org_competitor_idx" ON "competitor_plans" USING btree ("org_id","competitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "competitors_org_name_uq" ON "competitors" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "interactions_org_source_ref_uq" ON "interactions" USING btree ("org_id","source_ref");