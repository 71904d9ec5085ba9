CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"titre" text NOT NULL,
	"lien" text NOT NULL,
	"sujet" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lue_le" timestamp with time zone,
	CONSTRAINT "notification_kind_check" CHECK ("notification"."kind" IN ('decision', 'piece_refusee', 'commentaire', 'paiement', 'appel', 'alerte'))
);
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_non_lue_idx" ON "notification" USING btree ("user_id") WHERE lue_le IS NULL;