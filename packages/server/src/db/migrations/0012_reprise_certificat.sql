ALTER TABLE "arret" ADD COLUMN "fin_certificat" date;--> statement-breakpoint
-- statutis:custom-begin
-- A declaration is late or not from its date of survenance, with or without an arrêt (issue 8, item 6):
-- the sinistres declared after their garantie's deadline are flagged « hors délai ».
UPDATE "sinistre" s SET "hors_delai" = true
FROM "garantie" g
WHERE g."contrat_id" = s."contrat_id" AND g."risque" = s."categorie" AND NOT s."hors_delai"
  AND (s."created_at" AT TIME ZONE 'Europe/Paris')::date > s."date_survenance" + g."delai_declaration_jours";
-- statutis:custom-end
