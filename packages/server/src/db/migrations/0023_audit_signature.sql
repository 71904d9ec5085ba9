ALTER TABLE "audit_event" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "signature" text;