CREATE TABLE "exchange_rates" (
	"org_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"month" date NOT NULL,
	"rate" numeric(18, 8) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_rates_org_id_currency_month_pk" PRIMARY KEY("org_id","currency","month")
);
--> statement-breakpoint
CREATE TABLE "metric_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mrr_changes" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"mrr_before_cents" bigint NOT NULL,
	"mrr_after_cents" bigint NOT NULL,
	"active_before" boolean NOT NULL,
	"active_after" boolean NOT NULL,
	"last_active_on" date,
	CONSTRAINT "mrr_changes_org_id_account_id_effective_date_pk" PRIMARY KEY("org_id","account_id","effective_date")
);
--> statement-breakpoint
CREATE TABLE "service_costs" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_costs_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
CREATE TABLE "features" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"group_name" text,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "features_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_features" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"feature_id" uuid NOT NULL,
	"limit_value" numeric(14, 2),
	"note" text,
	"is_key" boolean DEFAULT false NOT NULL,
	CONSTRAINT "plan_features_org_id_plan_id_feature_id_pk" PRIMARY KEY("org_id","plan_id","feature_id")
);
--> statement-breakpoint
CREATE TABLE "plan_prices" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"interval_months" integer NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "plan_prices_org_id_plan_id_currency_interval_months_pk" PRIMARY KEY("org_id","plan_id","currency","interval_months")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"description" text,
	"tier" integer DEFAULT 0 NOT NULL,
	"is_free" boolean DEFAULT false NOT NULL,
	"trial_days" integer DEFAULT 0 NOT NULL,
	"edition" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "products_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "cancel_reasons" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"asks_competitor" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cancel_reasons_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "subscription_changes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"seq" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"reason_id" uuid,
	"competitor_id" uuid,
	"comment" text,
	"mrr_before_cents" bigint DEFAULT 0 NOT NULL,
	"mrr_after_cents" bigint DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"import_id" uuid,
	"external_id" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "subscription_line_versions" (
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"line_key" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"plan_id" uuid,
	"description" text NOT NULL,
	"quantity" numeric(14, 2) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"currency" text NOT NULL,
	"interval_months" integer NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"trial" boolean DEFAULT false NOT NULL,
	"free" boolean DEFAULT false NOT NULL,
	"mrr_cents" bigint NOT NULL,
	"mrr_undiscounted_cents" bigint NOT NULL,
	CONSTRAINT "subscription_line_versions_org_id_subscription_id_line_key_valid_from_pk" PRIMARY KEY("org_id","subscription_id","line_key","valid_from")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"currency" text NOT NULL,
	"interval_months" integer NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date,
	"auto_renew" boolean DEFAULT true NOT NULL,
	"notice_days" integer DEFAULT 30 NOT NULL,
	"trial_end" date,
	"status" text NOT NULL,
	"ends_on" date,
	"mrr_cents" bigint DEFAULT 0 NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscriptions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_settings" ADD CONSTRAINT "metric_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_changes" ADD CONSTRAINT "mrr_changes_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_costs" ADD CONSTRAINT "service_costs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_features" ADD CONSTRAINT "plan_features_org_id_plan_id_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_features" ADD CONSTRAINT "plan_features_org_id_feature_id_features_org_id_id_fk" FOREIGN KEY ("org_id","feature_id") REFERENCES "public"."features"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_prices" ADD CONSTRAINT "plan_prices_org_id_plan_id_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_org_id_product_id_products_org_id_id_fk" FOREIGN KEY ("org_id","product_id") REFERENCES "public"."products"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancel_reasons" ADD CONSTRAINT "cancel_reasons_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_org_id_actor_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","actor_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_org_id_reason_id_cancel_reasons_org_id_id_fk" FOREIGN KEY ("org_id","reason_id") REFERENCES "public"."cancel_reasons"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_line_versions" ADD CONSTRAINT "subscription_line_versions_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_line_versions" ADD CONSTRAINT "subscription_line_versions_org_id_plan_id_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mrr_changes_org_date_idx" ON "mrr_changes" USING btree ("org_id","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "features_org_key_uq" ON "features" USING btree ("org_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_org_code_uq" ON "plans" USING btree ("org_id",lower("code"));--> statement-breakpoint
CREATE INDEX "plans_org_product_idx" ON "plans" USING btree ("org_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_org_name_uq" ON "products" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "cancel_reasons_org_label_uq" ON "cancel_reasons" USING btree ("org_id",lower("label"));--> statement-breakpoint
CREATE INDEX "subscription_changes_org_sub_idx" ON "subscription_changes" USING btree ("org_id","subscription_id","effective_date","seq");--> statement-breakpoint
CREATE INDEX "subscription_changes_org_account_idx" ON "subscription_changes" USING btree ("org_id","account_id","effective_date");--> statement-breakpoint
CREATE INDEX "subscription_changes_org_date_idx" ON "subscription_changes" USING btree ("org_id","effective_date","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_changes_org_external_id_uq" ON "subscription_changes" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "subscription_line_versions_org_account_idx" ON "subscription_line_versions" USING btree ("org_id","account_id","valid_from");--> statement-breakpoint
CREATE INDEX "subscription_line_versions_org_plan_idx" ON "subscription_line_versions" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_org_reference_uq" ON "subscriptions" USING btree ("org_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_org_external_id_uq" ON "subscriptions" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "subscriptions_org_account_idx" ON "subscriptions" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "subscriptions_org_term_end_idx" ON "subscriptions" USING btree ("org_id","term_end");