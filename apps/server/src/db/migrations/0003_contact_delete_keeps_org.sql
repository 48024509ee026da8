-- Deleting a contact unlinks its timeline entries. A plain ON DELETE SET NULL on the composite key would
-- also null org_id (NOT NULL), so only contact_id is cleared (PostgreSQL 15+).
ALTER TABLE "interactions" DROP CONSTRAINT "interactions_org_id_contact_id_contacts_org_id_id_fk";--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE SET NULL ("contact_id") ON UPDATE no action;
