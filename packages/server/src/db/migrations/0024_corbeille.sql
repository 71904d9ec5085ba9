CREATE TABLE "gestion_attribution" (
	"sinistre_id" uuid PRIMARY KEY NOT NULL,
	"gestionnaire_id" uuid NOT NULL,
	"attribue_par" uuid NOT NULL,
	"attribue_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gestion_echantillonnage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cdg_id" uuid,
	"assureur_id" uuid,
	"pourcentage" integer DEFAULT 0 NOT NULL,
	"seuil_montant" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gestion_echantillonnage_organisation_check" CHECK (num_nonnulls("gestion_echantillonnage"."cdg_id", "gestion_echantillonnage"."assureur_id") = 1),
	CONSTRAINT "gestion_echantillonnage_pourcentage_check" CHECK ("gestion_echantillonnage"."pourcentage" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "gestion_filtre" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gestionnaire_id" uuid NOT NULL,
	"nom" text NOT NULL,
	"criteres" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gestion_portefeuille" (
	"gestionnaire_id" uuid NOT NULL,
	"collectivite_id" uuid NOT NULL,
	CONSTRAINT "gestion_portefeuille_gestionnaire_id_collectivite_id_pk" PRIMARY KEY("gestionnaire_id","collectivite_id")
);
--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "examine_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "examine_par" uuid;--> statement-breakpoint
ALTER TABLE "commentaire" ADD COLUMN "lu_gestion_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "examine_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "examine_par" uuid;--> statement-breakpoint
ALTER TABLE "gestion_attribution" ADD CONSTRAINT "gestion_attribution_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_attribution" ADD CONSTRAINT "gestion_attribution_gestionnaire_id_app_user_id_fk" FOREIGN KEY ("gestionnaire_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_echantillonnage" ADD CONSTRAINT "gestion_echantillonnage_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_echantillonnage" ADD CONSTRAINT "gestion_echantillonnage_assureur_id_assureur_id_fk" FOREIGN KEY ("assureur_id") REFERENCES "public"."assureur"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_filtre" ADD CONSTRAINT "gestion_filtre_gestionnaire_id_app_user_id_fk" FOREIGN KEY ("gestionnaire_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_portefeuille" ADD CONSTRAINT "gestion_portefeuille_gestionnaire_id_app_user_id_fk" FOREIGN KEY ("gestionnaire_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_portefeuille" ADD CONSTRAINT "gestion_portefeuille_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gestion_attribution_gestionnaire_idx" ON "gestion_attribution" USING btree ("gestionnaire_id");--> statement-breakpoint
CREATE INDEX "gestion_echantillonnage_cdg_idx" ON "gestion_echantillonnage" USING btree ("cdg_id");--> statement-breakpoint
CREATE INDEX "gestion_echantillonnage_assureur_idx" ON "gestion_echantillonnage" USING btree ("assureur_id");--> statement-breakpoint
CREATE INDEX "gestion_filtre_gestionnaire_idx" ON "gestion_filtre" USING btree ("gestionnaire_id","nom");--> statement-breakpoint
CREATE INDEX "arret_non_examine_idx" ON "arret" USING btree ("collectivite_id","sinistre_id","created_at") WHERE "arret"."examine_le" IS NULL;--> statement-breakpoint
CREATE INDEX "piece_deposee_idx" ON "piece" USING btree ("collectivite_id","sinistre_id","created_at") WHERE "piece"."statut" = 'deposee';--> statement-breakpoint
CREATE INDEX "commentaire_non_lu_gestion_idx" ON "commentaire" USING btree ("collectivite_id","sinistre_id") WHERE NOT "commentaire"."gestion" AND "commentaire"."lu_gestion_le" IS NULL;--> statement-breakpoint
CREATE INDEX "requalification_demandee_idx" ON "requalification" USING btree ("collectivite_id","sinistre_id") WHERE "requalification"."statut" = 'demandee';--> statement-breakpoint
CREATE INDEX "sinistre_corbeille_nouveau_idx" ON "sinistre" USING btree ("collectivite_id") WHERE "sinistre"."statut" = 'ouvert' AND "sinistre"."examine_le" IS NULL;--> statement-breakpoint
CREATE INDEX "sinistre_corbeille_echeance_idx" ON "sinistre" USING btree ("collectivite_id") WHERE "sinistre"."statut" = 'ouvert' AND ("sinistre"."pieces_manquantes" > 0 OR ("sinistre"."imputabilite" IS NULL AND "sinistre"."categorie" IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')));--> statement-breakpoint
-- statutis:custom-begin
-- The arrêts of files already closed need no handler: marked examined, so that the queue's partial
-- index holds only what may still wait (the open files keep theirs unexamined: nobody handled them).
UPDATE "arret" SET "examine_le" = "arret"."created_at" FROM "sinistre" s
  WHERE s."id" = "arret"."sinistre_id" AND s."statut" <> 'ouvert';
-- statutis:custom-end
