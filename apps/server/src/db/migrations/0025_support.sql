CREATE TABLE "support_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"from_address" text,
	"from_name" text,
	"to_address" text,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"message_id" text,
	"outbox_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "support_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"token" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"channel" text NOT NULL,
	"account_id" uuid,
	"contact_id" uuid,
	"requester_email" text,
	"requester_name" text,
	"assignee_user_id" uuid,
	"created_by_user_id" uuid,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"first_responded_at" timestamp with time zone,
	"solved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_message_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "support_requests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "support_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"targets" jsonb,
	"last_number" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "in_reply_to" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "references" text;--> statement-breakpoint
ALTER TABLE "support_messages" ADD CONSTRAINT "support_messages_org_id_request_id_support_requests_org_id_id_fk" FOREIGN KEY ("org_id","request_id") REFERENCES "public"."support_requests"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_messages" ADD CONSTRAINT "support_messages_org_id_author_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","author_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_org_id_assignee_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","assignee_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_messages_org_request_idx" ON "support_messages" USING btree ("org_id","request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_messages_org_message_id_uq" ON "support_messages" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_requests_org_number_uq" ON "support_requests" USING btree ("org_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "support_requests_org_token_uq" ON "support_requests" USING btree ("org_id","token");--> statement-breakpoint
CREATE INDEX "support_requests_org_account_idx" ON "support_requests" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "support_requests_org_open_idx" ON "support_requests" USING btree ("org_id","resolution_due_at") WHERE "support_requests"."status" in ('new', 'open', 'waiting');