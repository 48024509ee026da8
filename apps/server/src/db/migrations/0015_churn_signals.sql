CREATE TABLE "churn_signals" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"details" jsonb NOT NULL,
	"source_ref" text NOT NULL,
	"note" text,
	"created_by_user_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"acknowledge_note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "churn_signals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "churn_signals" ADD CONSTRAINT "churn_signals_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_signals" ADD CONSTRAINT "churn_signals_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_signals" ADD CONSTRAINT "churn_signals_org_id_acknowledged_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","acknowledged_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_signals_org_source_uq" ON "churn_signals" USING btree ("org_id","source_ref");--> statement-breakpoint
CREATE INDEX "churn_signals_org_account_idx" ON "churn_signals" USING btree ("org_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "churn_signals_org_occurred_idx" ON "churn_signals" USING btree ("org_id","occurred_at");