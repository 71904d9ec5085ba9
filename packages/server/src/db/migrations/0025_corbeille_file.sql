CREATE TABLE "gestion_file" (
	"sinistre_id" uuid PRIMARY KEY NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"types" text[] NOT NULL,
	"depuis" timestamp with time zone NOT NULL,
	"echeance" date,
	"cle" date NOT NULL,
	"citis" boolean NOT NULL,
	"tiers_implique" boolean NOT NULL,
	"hors_delai" boolean NOT NULL,
	"rechute" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gestion_file" ADD CONSTRAINT "gestion_file_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gestion_file" ADD CONSTRAINT "gestion_file_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gestion_file_urgence_idx" ON "gestion_file" USING btree ("cle","depuis","sinistre_id");--> statement-breakpoint
CREATE INDEX "gestion_file_collectivite_idx" ON "gestion_file" USING btree ("collectivite_id","cle","depuis","sinistre_id");--> statement-breakpoint
-- statutis:custom-begin
-- The files waiting today, rendered from `fileRowsSql` (corbeille.repository.ts) for every sinistre:
-- afterwards `refreshFile` keeps each row in its writer's transaction, the nightly reconciliation any drift.
INSERT INTO gestion_file (sinistre_id, collectivite_id, contrat_id, types, depuis, echeance, cle, citis, tiers_implique, hors_delai, rechute) SELECT sinistre_id, collectivite_id, contrat_id, types, depuis, echeance, cle, citis, tiers_implique, hors_delai, rechute FROM (
    WITH attente AS (
      -- sinistre_corbeille_nouveau_idx
      SELECT s.id, 'nouveau_sinistre' AS type, s.created_at AS depuis FROM sinistre s
        WHERE s.statut = 'ouvert' AND s.examine_le IS NULL AND true
      UNION ALL -- arret_non_examine_idx
      SELECT a.sinistre_id, 'nouvel_arret', min(a.created_at) FROM arret a
        WHERE a.examine_le IS NULL AND true GROUP BY a.sinistre_id
      UNION ALL -- piece_deposee_idx
      SELECT p.sinistre_id, 'piece', min(p.created_at) FROM piece p
        WHERE p.statut = 'deposee' AND true GROUP BY p.sinistre_id
      UNION ALL -- requalification_demandee_idx
      SELECT r.sinistre_id, 'requalification', min(r.created_at) FROM requalification r
        WHERE r.statut = 'demandee' AND true GROUP BY r.sinistre_id
      UNION ALL -- commentaire_non_lu_gestion_idx: answers of the employer to a comment of a handler
      SELECT m.sinistre_id, 'reponse_employeur', min(m.created_at) FROM commentaire m
        WHERE NOT m.gestion AND m.lu_gestion_le IS NULL AND true
          AND EXISTS (SELECT 1 FROM commentaire h WHERE h.sinistre_id = m.sinistre_id AND h.gestion AND h.created_at < m.created_at)
        GROUP BY m.sinistre_id
      UNION ALL -- sinistre_corbeille_echeance_idx: a deadline running (pieces, imputability)
      SELECT s.id, 'echeance', NULL FROM sinistre s
        WHERE s.statut = 'ouvert' AND (s.pieces_manquantes > 0 OR (s.imputabilite IS NULL AND s.categorie IN ('accident_service', 'accident_trajet', 'maladie_professionnelle'))) AND true
    ),
    lignes AS (
      SELECT s.id, s.collectivite_id, s.contrat_id, s.tiers_implique, s.hors_delai, s.created_at,
        array_agg(DISTINCT w.type) AS types,
        min(w.depuis) AS depuis,
        LEAST(CASE WHEN s.pieces_manquantes > 0 THEN (s.created_at AT TIME ZONE 'Europe/Paris')::date + g.delai_pieces_jours END, CASE WHEN (s.imputabilite IS NULL AND s.categorie IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')) THEN ((s.created_at AT TIME ZONE 'Europe/Paris')::date + CASE WHEN s.categorie = 'maladie_professionnelle' THEN interval '2 months' ELSE interval '1 month' END)::date END) AS echeance,
        (s.imputabilite IS NULL AND s.categorie IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')) AS citis
      FROM attente w
      JOIN sinistre s ON s.id = w.id
      LEFT JOIN garantie g ON g.contrat_id = s.contrat_id AND g.risque = s.categorie
      WHERE s.statut = 'ouvert'
      GROUP BY s.id, g.delai_pieces_jours
    )
    SELECT l.id AS sinistre_id, l.collectivite_id, l.contrat_id, l.types,
      coalesce(l.depuis, l.created_at) AS depuis, l.echeance, coalesce(l.echeance, '9999-12-31'::date) AS cle,
      l.citis, l.tiers_implique,
      l.hors_delai OR EXISTS (SELECT 1 FROM arret a WHERE a.sinistre_id = l.id AND a.hors_delai) AS hors_delai,
      EXISTS (SELECT 1 FROM arret a WHERE a.sinistre_id = l.id AND a.type = 'rechute') AS rechute
    FROM lignes l) f;
-- statutis:custom-end
