CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"subject" text NOT NULL,
	"link" text,
	"source_key" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "renewal_opportunities" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"term_no" integer NOT NULL,
	"currency" text NOT NULL,
	"term_last_day" date NOT NULL,
	"due_on" date NOT NULL,
	"opened_on" date NOT NULL,
	"owner_user_id" uuid,
	"stage" text DEFAULT 'upcoming' NOT NULL,
	"category" text DEFAULT 'renew' NOT NULL,
	"target_cents" bigint NOT NULL,
	"forecast_cents" bigint NOT NULL,
	"likelihood" integer,
	"risk_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"close_reason" text,
	"closed_at" timestamp with time zone,
	"quote_status" text,
	"notes" text,
	"stage_changed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "renewal_opportunities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "renewal_reminders" (
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"term_no" integer NOT NULL,
	"reminder" text NOT NULL,
	"opportunity_id" uuid,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"due_on" date NOT NULL,
	"sent_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "renewal_reminders_org_id_subscription_id_term_no_reminder_pk" PRIMARY KEY("org_id","subscription_id","term_no","reminder")
);
--> statement-breakpoint
CREATE TABLE "renewal_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"lead_days" integer DEFAULT 90 NOT NULL,
	"lead_days_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reminder_offsets" jsonb DEFAULT '[120,90,60,30,7]'::jsonb NOT NULL,
	"overdue_reminder" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_opportunities" ADD CONSTRAINT "renewal_opportunities_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_opportunities" ADD CONSTRAINT "renewal_opportunities_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_opportunities" ADD CONSTRAINT "renewal_opportunities_org_id_owner_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_reminders" ADD CONSTRAINT "renewal_reminders_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_org_source_key_uq" ON "notifications" USING btree ("org_id","source_key");--> statement-breakpoint
CREATE INDEX "notifications_org_user_created_idx" ON "notifications" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_org_user_unread_idx" ON "notifications" USING btree ("org_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "renewal_opportunities_org_term_uq" ON "renewal_opportunities" USING btree ("org_id","subscription_id","term_no");--> statement-breakpoint
CREATE INDEX "renewal_opportunities_org_account_idx" ON "renewal_opportunities" USING btree ("org_id","account_id","due_on");--> statement-breakpoint
CREATE INDEX "renewal_opportunities_org_open_due_idx" ON "renewal_opportunities" USING btree ("org_id","due_on") WHERE "renewal_opportunities"."closed_at" is null;