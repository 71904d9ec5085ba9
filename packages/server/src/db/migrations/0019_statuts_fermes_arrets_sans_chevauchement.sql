DROP INDEX "piece_collectivite_valide_idx";--> statement-breakpoint
CREATE INDEX "piece_collectivite_valide_idx" ON "piece" USING btree ("collectivite_id","sinistre_id","code","arret_id") WHERE "piece"."statut" IN ('deposee', 'validee');--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_statut_check" CHECK ("agent"."statut" IN ('titulaire', 'stagiaire', 'contractuel'));--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_temps_travail_check" CHECK ("agent"."temps_travail" IN ('complet', 'non_complet'));--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_sexe_check" CHECK ("agent"."sexe" IN ('M', 'F'));--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_motif_depart_check" CHECK ("agent"."motif_depart" IN ('mutation', 'retraite', 'demission', 'fin_contrat', 'licenciement', 'disponibilite', 'deces', 'autre'));--> statement-breakpoint
ALTER TABLE "agent_emploi" ADD CONSTRAINT "agent_emploi_statut_check" CHECK ("agent_emploi"."statut" IN ('titulaire', 'stagiaire', 'contractuel'));--> statement-breakpoint
ALTER TABLE "agent_emploi" ADD CONSTRAINT "agent_emploi_temps_travail_check" CHECK ("agent_emploi"."temps_travail" IN ('complet', 'non_complet'));--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_type_check" CHECK ("arret"."type" IN ('initial', 'prolongation', 'rechute'));--> statement-breakpoint
ALTER TABLE "assureur" ADD CONSTRAINT "assureur_kind_check" CHECK ("assureur"."kind" IN ('assureur', 'courtier'));--> statement-breakpoint
ALTER TABLE "base_assurance" ADD CONSTRAINT "base_assurance_type_check" CHECK ("base_assurance"."type" IN ('previsionnelle', 'reelle'));--> statement-breakpoint
ALTER TABLE "collectivite" ADD CONSTRAINT "collectivite_type_check" CHECK ("collectivite"."type" IN ('commune', 'epci', 'ccas', 'sdis', 'syndicat', 'departement', 'region', 'etablissement_public', 'autre'));--> statement-breakpoint
ALTER TABLE "enquete_administrative" ADD CONSTRAINT "enquete_administrative_nature_check" CHECK ("enquete_administrative"."nature" IN ('lieu_travail', 'trajet', 'mission'));--> statement-breakpoint
ALTER TABLE "garantie" ADD CONSTRAINT "garantie_risque_check" CHECK ("garantie"."risque" IN ('deces', 'accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'clm', 'cld', 'cgm', 'maternite', 'tpt', 'disponibilite_office'));--> statement-breakpoint
ALTER TABLE "garantie" ADD CONSTRAINT "garantie_franchise_unite_check" CHECK ("garantie"."franchise_unite" IN ('jours_fermes_par_arret', 'jours_fermes_par_sinistre'));--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_status_check" CHECK ("job"."status" IN ('pending', 'running', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "liste_import" ADD CONSTRAINT "liste_import_statut_check" CHECK ("liste_import"."statut" IN ('en_attente', 'validation', 'ecriture', 'termine', 'refuse', 'echec'));--> statement-breakpoint
ALTER TABLE "outbox_mail" ADD CONSTRAINT "outbox_mail_status_check" CHECK ("outbox_mail"."status" IN ('pending', 'sent', 'logged', 'failed'));--> statement-breakpoint
ALTER TABLE "piece" ADD CONSTRAINT "piece_statut_check" CHECK ("piece"."statut" IN ('deposee', 'validee', 'refusee', 'remplacee'));--> statement-breakpoint
ALTER TABLE "piece_modele" ADD CONSTRAINT "piece_modele_categorie_check" CHECK ("piece_modele"."categorie" IN ('deces', 'accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'clm', 'cld', 'cgm', 'maternite', 'tpt', 'disponibilite_office'));--> statement-breakpoint
ALTER TABLE "piece_modele" ADD CONSTRAINT "piece_modele_etape_check" CHECK ("piece_modele"."etape" IN ('declaration', 'arret', 'imputabilite', 'reprise'));--> statement-breakpoint
ALTER TABLE "requalification" ADD CONSTRAINT "requalification_statut_check" CHECK ("requalification"."statut" IN ('demandee', 'acceptee', 'refusee'));--> statement-breakpoint
ALTER TABLE "requalification" ADD CONSTRAINT "requalification_de_check" CHECK ("requalification"."de" IN ('deces', 'accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'clm', 'cld', 'cgm', 'maternite', 'tpt', 'disponibilite_office'));--> statement-breakpoint
ALTER TABLE "requalification" ADD CONSTRAINT "requalification_vers_check" CHECK ("requalification"."vers" IN ('deces', 'accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'clm', 'cld', 'cgm', 'maternite', 'tpt', 'disponibilite_office'));--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_statut_check" CHECK ("sinistre"."statut" IN ('brouillon', 'ouvert', 'clos'));--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_categorie_check" CHECK ("sinistre"."categorie" IN ('deces', 'accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'clm', 'cld', 'cgm', 'maternite', 'tpt', 'disponibilite_office'));--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_imputabilite_check" CHECK ("sinistre"."imputabilite" IN ('reconnue', 'refusee'));--> statement-breakpoint
-- statutis:custom-begin
-- Two arrêts of one agent never share a day (domain §5, `checkArret`), whatever their sinistres: the
-- database says it too, so that two concurrent declarations cannot both pass the service's check.
-- Dates are inclusive on both ends ('[]'). btree_gist gives the uuid its equality operator in GiST.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
DO $$
DECLARE
  chevauchements text;
BEGIN
  SELECT string_agg(format('agent %s : arrêt %s (%s → %s) et arrêt %s (%s → %s)', a.agent_id, a.id, a.debut, a.fin, b.id, b.debut, b.fin), E'\n')
  INTO chevauchements
  FROM arret a JOIN arret b ON b.agent_id = a.agent_id AND a.id < b.id AND a.debut <= b.fin AND b.debut <= a.fin;
  IF chevauchements IS NOT NULL THEN
    RAISE EXCEPTION 'Des arrêts se chevauchent : corrigez-les avant cette migration.%', E'\n' || chevauchements;
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_agent_sans_chevauchement"
  EXCLUDE USING gist ("agent_id" WITH =, daterange("debut", "fin", '[]') WITH &&);
-- statutis:custom-end
