CREATE TABLE "mrr_accounts" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"primary_plan_id" uuid,
	CONSTRAINT "mrr_accounts_org_id_account_id_pk" PRIMARY KEY("org_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "mrr_accounts" ADD CONSTRAINT "mrr_accounts_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mrr_accounts_plan_idx" ON "mrr_accounts" USING btree ("org_id","primary_plan_id");--> statement-breakpoint
-- Existing accounts with subscriptions: their plan for segmenting, as metrics.rollup.ts primaryPlan() picks it.
INSERT INTO "mrr_accounts" ("org_id", "account_id", "primary_plan_id")
SELECT DISTINCT ON (v.org_id, v.account_id) v.org_id, v.account_id, v.plan_id
FROM "subscription_line_versions" v
ORDER BY v.org_id, v.account_id, v.valid_to DESC NULLS FIRST, v.mrr_cents DESC, v.subscription_id, v.line_key COLLATE "C"
ON CONFLICT DO NOTHING;
