CREATE TABLE "renewal_customer_emails" (
	"org_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"term_no" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid NOT NULL,
	"opportunity_id" uuid,
	"language" text NOT NULL,
	"sent_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "renewal_customer_emails_org_id_subscription_id_term_no_contact_id_kind_pk" PRIMARY KEY("org_id","subscription_id","term_no","contact_id","kind")
);
--> statement-breakpoint
CREATE TABLE "renewal_email_templates" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "renewal_email_templates_org_id_kind_language_pk" PRIMARY KEY("org_id","kind","language")
);
--> statement-breakpoint
ALTER TABLE "renewal_settings" ADD COLUMN "customer_emails" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "renewal_settings" ADD COLUMN "customer_reminder_offsets" jsonb DEFAULT '[60,30]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "renewal_customer_emails" ADD CONSTRAINT "renewal_customer_emails_org_id_subscription_id_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_customer_emails" ADD CONSTRAINT "renewal_customer_emails_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;