ALTER TABLE "contrat" ADD COLUMN "successeur_id" uuid;--> statement-breakpoint
ALTER TABLE "contrat" ADD CONSTRAINT "contrat_successeur_id_contrat_id_fk" FOREIGN KEY ("successeur_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sinistre_contrat_idx" ON "sinistre" USING btree ("contrat_id","collectivite_id");