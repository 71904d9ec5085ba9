ALTER TABLE "app_user" ADD COLUMN "last_collectivite_id" uuid;--> statement-breakpoint
ALTER TABLE "collectivite" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_last_collectivite_id_collectivite_id_fk" FOREIGN KEY ("last_collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE set null ON UPDATE no action;