-- usage_events is partitioned by month on ts (edited by hand: Drizzle does not declare partitioning); the
-- partitions are made by the usage module (usage.partitions.repository.ts) ahead and on demand.
CREATE TABLE "usage_account_activity" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "usage_account_activity_org_id_account_id_pk" PRIMARY KEY("org_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "usage_daily_events" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "usage_daily_events_org_id_account_id_day_event_pk" PRIMARY KEY("org_id","account_id","day","event")
);
--> statement-breakpoint
CREATE TABLE "usage_daily_users" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "usage_daily_users_org_id_account_id_day_user_id_pk" PRIMARY KEY("org_id","account_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"event" text,
	"account_id" uuid,
	"group_key" text,
	"user_id" text,
	"anonymous_id" text,
	"properties" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_events_org_id_source_id_message_id_ts_pk" PRIMARY KEY("org_id","source_id","message_id","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "usage_keys" (
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"account_id" uuid,
	"ignored_at" timestamp with time zone,
	"events" bigint NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"mapped_at" timestamp with time zone,
	CONSTRAINT "usage_keys_org_id_source_id_kind_key_pk" PRIMARY KEY("org_id","source_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "usage_rollup_deltas" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"daily_events" jsonb NOT NULL,
	"daily_users" jsonb NOT NULL,
	"activity" jsonb NOT NULL,
	CONSTRAINT "usage_rollup_deltas_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"retention_months" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_sources" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"account_mapping" text NOT NULL,
	"account_trait" text,
	"key_hash" text,
	"key_hint" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "usage_sources_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_users" (
	"org_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"group_key" text,
	"contact_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_users_org_id_source_id_user_id_pk" PRIMARY KEY("org_id","source_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "usage_account_activity" ADD CONSTRAINT "usage_account_activity_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily_events" ADD CONSTRAINT "usage_daily_events_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily_users" ADD CONSTRAINT "usage_daily_users_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_keys" ADD CONSTRAINT "usage_keys_org_id_source_id_usage_sources_org_id_id_fk" FOREIGN KEY ("org_id","source_id") REFERENCES "public"."usage_sources"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_keys" ADD CONSTRAINT "usage_keys_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_sources" ADD CONSTRAINT "usage_sources_org_id_created_by_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_users" ADD CONSTRAINT "usage_users_org_id_source_id_usage_sources_org_id_id_fk" FOREIGN KEY ("org_id","source_id") REFERENCES "public"."usage_sources"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_events_unmapped_idx" ON "usage_events" USING btree ("org_id","source_id","group_key") WHERE account_id is null;--> statement-breakpoint
CREATE INDEX "usage_rollup_deltas_created_idx" ON "usage_rollup_deltas" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_sources_key_hash_uq" ON "usage_sources" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_sources_org_native_uq" ON "usage_sources" USING btree ("org_id") WHERE kind = 'native';