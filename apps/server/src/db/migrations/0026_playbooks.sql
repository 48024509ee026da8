CREATE TABLE "playbook_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"cause_key" text NOT NULL,
	"trigger" text NOT NULL,
	"outcome" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"webhook_status" text,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "playbook_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"preset" text,
	"name" text NOT NULL,
	"description" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" text NOT NULL,
	"trigger_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_secret" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "playbooks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_org_id_playbook_id_playbooks_org_id_id_fk" FOREIGN KEY ("org_id","playbook_id") REFERENCES "public"."playbooks"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_runs_cause_uq" ON "playbook_runs" USING btree ("org_id","playbook_id","account_id","cause_key");--> statement-breakpoint
CREATE INDEX "playbook_runs_org_playbook_idx" ON "playbook_runs" USING btree ("org_id","playbook_id","fired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_org_preset_uq" ON "playbooks" USING btree ("org_id","preset");--> statement-breakpoint
CREATE INDEX "playbooks_org_trigger_idx" ON "playbooks" USING btree ("org_id","trigger") WHERE "playbooks"."enabled";