CREATE TABLE "mrr_month_acv" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
	"currency" text NOT NULL,
	"first_paid_mrr_cents" bigint NOT NULL,
	"subscriptions" integer NOT NULL,
	CONSTRAINT "mrr_month_acv_org_id_month_currency_pk" PRIMARY KEY("org_id","month","currency")
);
--> statement-breakpoint
ALTER TABLE "mrr_month_summaries" ADD COLUMN "trials_started" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mrr_month_summaries" ADD COLUMN "trials_converted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mrr_month_acv" ADD CONSTRAINT "mrr_month_acv_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Summaries built before they held trials and new ACV are built again on their next read.
DELETE FROM "mrr_month_summaries";--> statement-breakpoint
DELETE FROM "mrr_summary_state";
