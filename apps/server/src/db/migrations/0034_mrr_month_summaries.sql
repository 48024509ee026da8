CREATE TABLE "mrr_month_summaries" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
	"mrr_delta_cents" bigint NOT NULL,
	"customers_delta" integer NOT NULL,
	"new_cents" bigint NOT NULL,
	"new_n" integer NOT NULL,
	"reactivation_cents" bigint NOT NULL,
	"reactivation_n" integer NOT NULL,
	"expansion_cents" bigint NOT NULL,
	"expansion_n" integer NOT NULL,
	"contraction_cents" bigint NOT NULL,
	"contraction_n" integer NOT NULL,
	"churn_cents" bigint NOT NULL,
	"churn_n" integer NOT NULL,
	"join_and_churn_n" integer NOT NULL,
	CONSTRAINT "mrr_month_summaries_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
CREATE TABLE "mrr_summary_state" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"reactivation_window_days" integer,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mrr_month_summaries" ADD CONSTRAINT "mrr_month_summaries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_summary_state" ADD CONSTRAINT "mrr_summary_state_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;