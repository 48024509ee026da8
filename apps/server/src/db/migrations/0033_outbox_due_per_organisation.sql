DROP INDEX "email_outbox_due_idx";--> statement-breakpoint
CREATE INDEX "email_outbox_org_due_idx" ON "email_outbox" USING btree ("org_id","next_attempt_at") WHERE "email_outbox"."status" = 'pending';