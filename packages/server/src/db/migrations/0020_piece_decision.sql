CREATE TABLE "piece_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"piece_id" uuid NOT NULL,
	"action" text NOT NULL,
	"motif" text,
	"commentaire" text,
	"fichier_efface" boolean DEFAULT false NOT NULL,
	"decide_par" uuid,
	"decide_par_libelle" text NOT NULL,
	"decide_le" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "piece_decision" ADD CONSTRAINT "piece_decision_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_decision" ADD CONSTRAINT "piece_decision_piece_id_piece_id_fk" FOREIGN KEY ("piece_id") REFERENCES "public"."piece"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "piece_decision_piece_idx" ON "piece_decision" USING btree ("piece_id","decide_le");