ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "daily_events" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "daily_users" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "activity" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "daily_events" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "daily_users" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "usage_rollup_deltas" ALTER COLUMN "activity" SET STORAGE EXTERNAL;
