CREATE TABLE "calcul_lot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation" jsonb NOT NULL,
	"user_id" uuid,
	"user_label" text NOT NULL,
	"periode_du" date NOT NULL,
	"periode_au" date NOT NULL,
	"statut" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"traites" integer DEFAULT 0 NOT NULL,
	"calcules" integer DEFAULT 0 NOT NULL,
	"sans_montant" integer DEFAULT 0 NOT NULL,
	"erreurs" integer DEFAULT 0 NOT NULL,
	"a_completer" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dernier_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "calcul_lot_statut_check" CHECK ("calcul_lot"."statut" IN ('en_attente', 'en_cours', 'termine', 'echec'))
);
--> statement-breakpoint
ALTER TABLE "calcul_lot" ADD CONSTRAINT "calcul_lot_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calcul_lot_user_idx" ON "calcul_lot" USING btree ("user_id","created_at");