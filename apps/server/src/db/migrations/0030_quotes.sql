CREATE TABLE "quote_lines" (
	"org_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"plan_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" bigint NOT NULL,
	"list_price_cents" bigint,
	"discount_percent" numeric DEFAULT 0 NOT NULL,
	"total_cents" bigint NOT NULL,
	CONSTRAINT "quote_lines_org_id_quote_id_position_pk" PRIMARY KEY("org_id","quote_id","position")
);
--> statement-breakpoint
CREATE TABLE "quote_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"max_discount_percent" numeric DEFAULT 10 NOT NULL,
	"approve_below_list" boolean DEFAULT true NOT NULL,
	"link_valid_days" integer DEFAULT 30 NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"company_name" text NOT NULL,
	"accent_color" text DEFAULT '#1c7ed6' NOT NULL,
	"logo_data_url" text,
	"intro_text" text NOT NULL,
	"terms_text" text NOT NULL,
	"footer_text" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quote_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text DEFAULT 'renewal' NOT NULL,
	"renewal_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"contact_id" uuid,
	"template_id" uuid NOT NULL,
	"language" text NOT NULL,
	"currency" text NOT NULL,
	"interval_months" integer NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"valid_until" date NOT NULL,
	"uplift_percent" numeric DEFAULT 0 NOT NULL,
	"incentive_percent" numeric DEFAULT 0 NOT NULL,
	"incentive_until" date,
	"notes" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"list_total_cents" bigint DEFAULT 0 NOT NULL,
	"subtotal_cents" bigint DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	"decided_by_user_id" uuid,
	"decision_comment" text,
	"decided_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sent_to" text,
	"accepted_at" timestamp with time zone,
	"accepted_name" text,
	"accepted_ip" text,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"outcome" text,
	"link_secret" text,
	"link_expires_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quotes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_org_id_quote_id_quotes_org_id_id_fk" FOREIGN KEY ("org_id","quote_id") REFERENCES "public"."quotes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_renewal_id_renewal_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","renewal_id") REFERENCES "public"."renewal_opportunities"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_template_id_quote_templates_org_id_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."quote_templates"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_decided_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","decided_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quote_templates_org_default_uq" ON "quote_templates" USING btree ("org_id","language") WHERE "quote_templates"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_org_number_uq" ON "quotes" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "quotes_org_renewal_idx" ON "quotes" USING btree ("org_id","renewal_id");--> statement-breakpoint
CREATE INDEX "quotes_org_status_idx" ON "quotes" USING btree ("org_id","status","created_at");