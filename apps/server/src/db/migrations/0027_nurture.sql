CREATE TABLE "nurture_enrolments" (
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nurture_enrolments_org_id_programme_id_contact_id_pk" PRIMARY KEY("org_id","programme_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "nurture_opt_outs" (
	"org_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"programme_id" uuid,
	"unsubscribed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nurture_opt_outs_org_id_contact_id_pk" PRIMARY KEY("org_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "nurture_programmes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"audience" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nurture_programmes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "nurture_sends" (
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"outbox_id" uuid,
	"language" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nurture_sends_org_id_programme_id_contact_id_step_id_pk" PRIMARY KEY("org_id","programme_id","contact_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "nurture_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"max_per_window" integer DEFAULT 100 NOT NULL,
	"window" text DEFAULT 'hour' NOT NULL,
	"signing_key" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "nurture_enrolments" ADD CONSTRAINT "nurture_enrolments_org_id_programme_id_nurture_programmes_org_id_id_fk" FOREIGN KEY ("org_id","programme_id") REFERENCES "public"."nurture_programmes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_enrolments" ADD CONSTRAINT "nurture_enrolments_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_enrolments" ADD CONSTRAINT "nurture_enrolments_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_opt_outs" ADD CONSTRAINT "nurture_opt_outs_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_programmes" ADD CONSTRAINT "nurture_programmes_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_sends" ADD CONSTRAINT "nurture_sends_org_id_programme_id_contact_id_nurture_enrolments_org_id_programme_id_contact_id_fk" FOREIGN KEY ("org_id","programme_id","contact_id") REFERENCES "public"."nurture_enrolments"("org_id","programme_id","contact_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_settings" ADD CONSTRAINT "nurture_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nurture_enrolments_contact_idx" ON "nurture_enrolments" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nurture_programmes_org_name_uq" ON "nurture_programmes" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "nurture_programmes_org_default_uq" ON "nurture_programmes" USING btree ("org_id") WHERE "nurture_programmes"."is_default";--> statement-breakpoint
CREATE INDEX "nurture_programmes_running_idx" ON "nurture_programmes" USING btree ("org_id") WHERE "nurture_programmes"."status" = 'running';--> statement-breakpoint
CREATE INDEX "nurture_sends_org_sent_idx" ON "nurture_sends" USING btree ("org_id","sent_at");