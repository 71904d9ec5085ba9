DROP INDEX "appel_cotisation_unique_idx";--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD COLUMN "objet" text DEFAULT 'cotisation' NOT NULL;--> statement-breakpoint
ALTER TABLE "appel_cotisation" drop column "numero";--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD COLUMN "numero" text GENERATED ALWAYS AS (CASE WHEN objet = 'frais_gestion' THEN CASE WHEN nature = 'appel' THEN 'FG' ELSE 'RF' END WHEN nature = 'appel' THEN 'AC' ELSE 'RG' END || '-' || annee::text || '-' || CASE WHEN rang < 1000000 THEN lpad(rang::text, 6, '0') ELSE rang::text END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "cotisation_frais_parametre" ADD COLUMN "appeles_separement" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appel_cotisation_unique_idx" ON "appel_cotisation" USING btree ("collectivite_id","contrat_id","annee","nature","objet") WHERE "appel_cotisation"."statut" <> 'annule';--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_objet_check" CHECK ("appel_cotisation"."objet" IN ('cotisation', 'frais_gestion'));
--> statement-breakpoint
-- statutis:custom-begin
-- Dropping the generated « numero » (its expression now reads « objet ») dropped its unique index.
CREATE UNIQUE INDEX "appel_cotisation_numero_idx" ON "appel_cotisation" USING btree ("numero");--> statement-breakpoint
-- An issued call's object is frozen like the rest of it.
CREATE OR REPLACE FUNCTION appel_cotisation_fige() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.statut NOT IN ('brouillon', 'controle') AND (
       NEW.total IS DISTINCT FROM OLD.total OR NEW.annee IS DISTINCT FROM OLD.annee
    OR NEW.nature IS DISTINCT FROM OLD.nature OR NEW.objet IS DISTINCT FROM OLD.objet
    OR NEW.collectivite_id IS DISTINCT FROM OLD.collectivite_id
    OR NEW.contrat_id IS DISTINCT FROM OLD.contrat_id OR NEW.periodicite IS DISTINCT FROM OLD.periodicite
    OR NEW.mois IS DISTINCT FROM OLD.mois OR NEW.debut_couverture IS DISTINCT FROM OLD.debut_couverture
    OR NEW.frais IS DISTINCT FROM OLD.frais OR NEW.emis_le IS DISTINCT FROM OLD.emis_le) THEN
    RAISE EXCEPTION 'L’appel de cotisation % est émis : il ne change plus.', OLD.numero;
  END IF;
  RETURN NEW;
END $$;
-- statutis:custom-end
