-- The events' key puts the time before the message id: a live stream's events are near now, so its key entries
-- land on the index's last pages instead of anywhere in it (message ids are random), which halves what storing
-- live events costs PostgreSQL. The same columns, so idempotence is unchanged. Rebuilds the key of every partition.
ALTER TABLE "usage_events" DROP CONSTRAINT "usage_events_org_id_source_id_message_id_ts_pk";--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_org_id_source_id_ts_message_id_pk" PRIMARY KEY("org_id","source_id","ts","message_id");