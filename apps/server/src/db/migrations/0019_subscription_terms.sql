-- Terms are replayed from each subscription's changes (TypeScript, subscriptions.terms.ts), so SQL cannot fill
-- them: subscriptions.refresh replays every subscription that has none yet. It runs nightly; the job queued at
-- the end of this migration runs it once as soon as a worker starts, when there are subscriptions to fill.
CREATE TABLE "subscription_terms" (
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"term_no" integer NOT NULL,
	"account_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"term_start" date NOT NULL,
	"last_day" date,
	"rolled" boolean DEFAULT false NOT NULL,
	"start_mrr_cents" bigint NOT NULL,
	"end_mrr_cents" bigint NOT NULL,
	CONSTRAINT "subscription_terms_org_id_subscription_id_term_no_pk" PRIMARY KEY("org_id","subscription_id","term_no")
);
--> statement-breakpoint
ALTER TABLE "subscription_terms" ADD CONSTRAINT "subscription_terms_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_terms_org_last_day_idx" ON "subscription_terms" USING btree ("org_id","last_day");--> statement-breakpoint
CREATE INDEX "subscription_terms_org_account_start_idx" ON "subscription_terms" USING btree ("org_id","account_id","term_start");--> statement-breakpoint
INSERT INTO "jobs" ("id", "org_id", "name", "payload", "status", "run_at", "max_attempts", "created_at")
SELECT gen_random_uuid(), NULL, 'subscriptions.refresh', '{}'::jsonb, 'queued', now(), 2, now()
WHERE EXISTS (SELECT 1 FROM "subscriptions");
