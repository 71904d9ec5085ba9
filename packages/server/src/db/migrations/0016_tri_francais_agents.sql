DROP INDEX "agent_nom_idx";--> statement-breakpoint
ALTER TABLE "agent" ADD COLUMN "tri" text GENERATED ALWAYS AS (translate(replace(replace(replace(replace(translate(nom, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸ', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyy'), 'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae'), '’''-.', '    ') || chr(1) || translate(replace(replace(replace(replace(translate(prenom, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸ', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyy'), 'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae'), '’''-.', '    ')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "liste_import" ADD COLUMN "sans_date_naissance" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "liste_import" ADD COLUMN "sans_temps_travail" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "agent_tri_idx" ON "agent" USING btree ("collectivite_id","tri" COLLATE "C","nom" COLLATE "C","prenom" COLLATE "C","id");--> statement-breakpoint
-- statutis:custom-begin
-- Agents imported from the roster had no employment history line: the first change of their job
-- then left only the new line. Each agent without history gets the line of his current employment
-- at his entry date (what the import now writes for a new agent).
INSERT INTO "agent_emploi" ("agent_id", "collectivite_id", "date_effet", "regime", "statut", "emploi", "grade",
                            "temps_travail", "heures_hebdo", "service", "created_at")
SELECT a."id", a."collectivite_id", a."date_entree", a."regime", a."statut", a."emploi", a."grade", a."temps_travail",
       CASE WHEN a."temps_travail" = 'non_complet' THEN a."heures_hebdo" END, a."service", a."created_at"
FROM "agent" a
WHERE NOT EXISTS (SELECT 1 FROM "agent_emploi" e WHERE e."agent_id" = a."id");
--> statement-breakpoint
-- The NIR gives the sex (1 man, 2 woman): agents imported before the import read it get it now, so
-- that their fiche no longer asks for it. Temporary numbers (7, 8) keep what was typed.
UPDATE "agent" SET "sexe" = CASE left("nir", 1) WHEN '1' THEN 'M' ELSE 'F' END
WHERE "sexe" IS NULL AND left("nir", 1) IN ('1', '2');
-- statutis:custom-end
