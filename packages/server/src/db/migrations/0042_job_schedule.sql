CREATE TABLE "job_schedule" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"period" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"job_id" bigint,
	"keep_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_schedule_status_check" CHECK ("job_schedule"."status" IN ('planned', 'queued', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "outbox_mail" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "job_schedule_key_idx" ON "job_schedule" USING btree ("subject","kind","period");--> statement-breakpoint
CREATE INDEX "job_schedule_due_idx" ON "job_schedule" USING btree ("due_at") WHERE status = 'planned';--> statement-breakpoint
CREATE INDEX "job_schedule_finished_idx" ON "job_schedule" USING btree ("keep_until") WHERE status IN ('done', 'failed', 'cancelled');--> statement-breakpoint
CREATE INDEX "job_finished_idx" ON "job" USING btree ("finished_at") WHERE status IN ('done', 'failed');--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_mail_idempotency_key_idx" ON "outbox_mail" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_mail_sent_idx" ON "outbox_mail" USING btree ("sent_at") WHERE status IN ('sent', 'logged');