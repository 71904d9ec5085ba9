-- statutis:custom-begin
-- The clocks now read one rule (issue 13 follow-up); the rows written before follow it.
-- The declaration of a sinistre that occurred under a contract is late past 30 days after its end,
-- when that comes before the contract's deadline (delaiDeclaration = echeanceDeclarationSinistre).
UPDATE sinistre s SET hors_delai = true
  FROM contrat c, garantie g
  WHERE c.id = s.contrat_id AND g.contrat_id = s.contrat_id AND g.risque = s.categorie
    AND NOT s.hors_delai AND c.date_fin IS NOT NULL AND s.date_survenance <= c.date_fin
    AND (s.created_at AT TIME ZONE 'Europe/Paris')::date > LEAST(c.date_fin + 30, s.date_survenance + g.delai_declaration_jours);--> statement-breakpoint
UPDATE gestion_file f SET hors_delai = true FROM sinistre s WHERE s.id = f.sinistre_id AND s.hors_delai AND NOT f.hors_delai;--> statement-breakpoint
-- The work queue's imputability deadline: 3 more months when the enquête leaves a doubt (echeanceCitisSql).
UPDATE gestion_file f SET echeance = x.echeance, cle = coalesce(x.echeance, '9999-12-31'::date)
  FROM (
    SELECT s.id, LEAST(
        CASE WHEN s.pieces_manquantes > 0 THEN (s.created_at AT TIME ZONE 'Europe/Paris')::date + g.delai_pieces_jours END,
        ((s.created_at AT TIME ZONE 'Europe/Paris')::date
          + make_interval(months => CASE WHEN s.categorie = 'maladie_professionnelle' THEN 2 ELSE 1 END + 3))::date
      ) AS echeance
    FROM sinistre s
    JOIN enquete_administrative e ON e.sinistre_id = s.id AND e.doute
    LEFT JOIN garantie g ON g.contrat_id = s.contrat_id AND g.risque = s.categorie
    WHERE s.statut = 'ouvert' AND s.imputabilite IS NULL
      AND s.categorie IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')
  ) x
  WHERE f.sinistre_id = x.id;
-- statutis:custom-end
