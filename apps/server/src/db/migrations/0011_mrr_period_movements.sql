CREATE TABLE "mrr_period_movements" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"period" date NOT NULL,
	"mrr_start_cents" bigint NOT NULL,
	"mrr_end_cents" bigint NOT NULL,
	"active_start" boolean NOT NULL,
	"active_end" boolean NOT NULL,
	"gap_days" integer,
	"was_active" boolean NOT NULL,
	CONSTRAINT "mrr_period_movements_org_id_account_id_unit_period_pk" PRIMARY KEY("org_id","account_id","unit","period")
);
--> statement-breakpoint
CREATE TABLE "mrr_subscription_facts" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"first_paid_on" date,
	"first_paid_mrr_cents" bigint,
	"trial_started_on" date,
	"trial_ended_on" date,
	"paid" boolean NOT NULL,
	CONSTRAINT "mrr_subscription_facts_org_id_account_id_subscription_id_pk" PRIMARY KEY("org_id","account_id","subscription_id")
);
--> statement-breakpoint
ALTER TABLE "mrr_period_movements" ADD CONSTRAINT "mrr_period_movements_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_subscription_facts" ADD CONSTRAINT "mrr_subscription_facts_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mrr_period_movements_series_idx" ON "mrr_period_movements" USING btree ("org_id","unit","period","account_id","mrr_start_cents","mrr_end_cents","active_start","active_end","gap_days","was_active");--> statement-breakpoint
CREATE INDEX "mrr_subscription_facts_paid_idx" ON "mrr_subscription_facts" USING btree ("org_id","first_paid_on");--> statement-breakpoint
CREATE INDEX "mrr_subscription_facts_trial_idx" ON "mrr_subscription_facts" USING btree ("org_id","trial_started_on");--> statement-breakpoint
-- Existing MRR history: each account's movement per month, quarter and year from its change points, as
-- metrics.rollup.ts periodMovements() computes it for every later change.
INSERT INTO "mrr_period_movements" ("org_id", "account_id", "unit", "period", "mrr_start_cents", "mrr_end_cents", "active_start", "active_end", "gap_days", "was_active")
SELECT x.org_id, x.account_id, x.unit, x.period,
  min(x.mrr_before_cents) FILTER (WHERE x.is_first), min(x.mrr_after_cents) FILTER (WHERE x.is_last),
  bool_or(x.active_before) FILTER (WHERE x.is_first), bool_or(x.active_after) FILTER (WHERE x.is_last),
  min(x.effective_date - x.last_active_on) FILTER (WHERE x.is_first), bool_or(x.active_after)
FROM (
  SELECT c.org_id, c.account_id, u.unit, date_trunc(u.unit, c.effective_date::timestamp)::date AS period,
    c.mrr_before_cents, c.mrr_after_cents, c.active_before, c.active_after, c.effective_date, c.last_active_on,
    row_number() OVER (PARTITION BY c.org_id, c.account_id, u.unit, date_trunc(u.unit, c.effective_date::timestamp) ORDER BY c.effective_date) = 1 AS is_first,
    row_number() OVER (PARTITION BY c.org_id, c.account_id, u.unit, date_trunc(u.unit, c.effective_date::timestamp) ORDER BY c.effective_date DESC) = 1 AS is_last
  FROM "mrr_changes" c CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS u(unit)
) x
GROUP BY x.org_id, x.account_id, x.unit, x.period
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Existing subscriptions: the day each first paid and its MRR then, and its trial (metrics.rollup.ts subscriptionFacts()).
INSERT INTO "mrr_subscription_facts" ("org_id", "account_id", "subscription_id", "currency", "first_paid_on", "first_paid_mrr_cents", "trial_started_on", "trial_ended_on", "paid")
SELECT x.org_id, x.account_id, x.subscription_id, min(x.currency), x.first_paid_on,
  sum(x.mrr_cents) FILTER (WHERE NOT x.trial AND x.valid_from = x.first_paid_on),
  min(x.valid_from) FILTER (WHERE x.trial), max(x.valid_to) FILTER (WHERE x.trial),
  bool_or(NOT x.trial AND x.mrr_cents > 0)
FROM (
  SELECT v.org_id, v.account_id, v.subscription_id, v.currency, v.valid_from, v.valid_to, v.trial, v.mrr_cents,
    min(v.valid_from) FILTER (WHERE NOT v.trial AND v.mrr_cents > 0) OVER (PARTITION BY v.org_id, v.subscription_id) AS first_paid_on
  FROM "subscription_line_versions" v
) x
GROUP BY x.org_id, x.account_id, x.subscription_id, x.first_paid_on
ON CONFLICT DO NOTHING;
