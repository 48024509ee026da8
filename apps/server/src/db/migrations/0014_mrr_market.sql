DROP INDEX "mrr_period_movements_series_idx";--> statement-breakpoint
ALTER TABLE "mrr_period_movements" ADD COLUMN "market_id" uuid;--> statement-breakpoint
ALTER TABLE "mrr_subscription_facts" ADD COLUMN "market_id" uuid;--> statement-breakpoint
-- Existing rows: the account's market now (afterwards the account events keep it in step).
UPDATE "mrr_period_movements" c SET "market_id" = a."market_id"
FROM "accounts" a
WHERE a."org_id" = c."org_id" AND a."id" = c."account_id" AND a."market_id" IS NOT NULL;--> statement-breakpoint
UPDATE "mrr_subscription_facts" c SET "market_id" = a."market_id"
FROM "accounts" a
WHERE a."org_id" = c."org_id" AND a."id" = c."account_id" AND a."market_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "mrr_period_movements_series_idx" ON "mrr_period_movements" USING btree ("org_id","unit","period","account_id","mrr_start_cents","mrr_end_cents","active_start","active_end","gap_days","was_active","market_id");
