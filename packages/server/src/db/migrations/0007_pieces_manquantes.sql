CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "agent_recherche_trgm_idx";--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "pieces_manquantes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "sinistre_incomplet_idx" ON "sinistre" USING btree ("collectivite_id","date_survenance") WHERE "sinistre"."pieces_manquantes" > 0;--> statement-breakpoint
CREATE INDEX "agent_recherche_trgm_idx" ON "agent" USING gin ("collectivite_id","recherche" gin_trgm_ops);--> statement-breakpoint
-- The count of every existing sinistre, by the rule of the missing-pieces list (pieces.repository.ts).
UPDATE "sinistre" x SET "pieces_manquantes" = m.n
FROM (
  SELECT s.id, count(*)::int AS n
  FROM sinistre s
  JOIN agent a ON a.id = s.agent_id AND a.collectivite_id = s.collectivite_id
  JOIN piece_modele m ON m.categorie = s.categorie AND m.actif AND m.obligatoire AND m.code <> 'autre'
    AND (m.regime IS NULL OR m.regime = a.regime) AND m.etape IN ('declaration', 'imputabilite', 'arret')
  LEFT JOIN arret ar ON m.etape = 'arret' AND ar.collectivite_id = s.collectivite_id AND ar.sinistre_id = s.id
  WHERE (m.etape <> 'arret' OR ar.id IS NOT NULL)
    AND NOT EXISTS (
      SELECT 1 FROM piece p
      WHERE p.collectivite_id = s.collectivite_id AND p.sinistre_id = s.id AND p.code = m.code
        AND p.statut <> 'refusee' AND p.arret_id IS NOT DISTINCT FROM ar.id
    )
  GROUP BY s.id
) m
WHERE x.id = m.id;
