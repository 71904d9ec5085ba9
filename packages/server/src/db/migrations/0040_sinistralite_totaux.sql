CREATE TABLE "sinistralite_total" (
	"collectivite_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"annee" integer NOT NULL,
	"primes" bigint DEFAULT 0 NOT NULL,
	"base_type" text,
	"regle" bigint DEFAULT 0 NOT NULL,
	"du" bigint DEFAULT 0 NOT NULL,
	"decomptes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sinistralite_total_collectivite_id_contrat_id_annee_pk" PRIMARY KEY("collectivite_id","contrat_id","annee")
);
--> statement-breakpoint
ALTER TABLE "sinistralite_total" ADD CONSTRAINT "sinistralite_total_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sinistralite_total" ADD CONSTRAINT "sinistralite_total_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sinistralite_total_annee_idx" ON "sinistralite_total" USING btree ("annee","contrat_id");--> statement-breakpoint
-- statutis:custom-begin
-- The loss ratio's sums (issue 11) are kept by triggers rather than by each writer: every statement
-- that writes a base, a validated décompte or a règlement's status — services, demo, raw SQL — updates
-- them in its own transaction, so the S/P page is exact at read time and no writer can forget it.
-- Statement-level triggers with transition tables: a bulk write (a month of décomptes, a run of
-- règlements) costs one aggregate, not one upsert per row. Keys are upserted in order (two writers
-- lock them alike), and only while the collectivité and the contract exist (a collectivité's cascade
-- deletes its bases and décomptes too). TRUNCATE of those tables is not followed.
CREATE TYPE sinistralite_mouvement AS (collectivite_id uuid, contrat_id uuid, annee integer, montant bigint, paye boolean, signe integer);--> statement-breakpoint
CREATE TYPE sinistralite_cle AS (collectivite_id uuid, contrat_id uuid, annee integer);--> statement-breakpoint
-- What validated décomptes add (signe 1) or take away (signe -1), paid or due.
CREATE FUNCTION sinistralite_appliquer(m sinistralite_mouvement[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO sinistralite_total AS t (collectivite_id, contrat_id, annee, regle, du, decomptes)
  SELECT d.collectivite_id, d.contrat_id, d.annee,
         COALESCE(sum(d.signe * d.montant) FILTER (WHERE d.paye), 0),
         COALESCE(sum(d.signe * d.montant) FILTER (WHERE NOT d.paye), 0), sum(d.signe)
  FROM unnest(m) d
  WHERE EXISTS (SELECT 1 FROM collectivite c WHERE c.id = d.collectivite_id)
    AND EXISTS (SELECT 1 FROM contrat c WHERE c.id = d.contrat_id)
  GROUP BY d.collectivite_id, d.contrat_id, d.annee
  HAVING sum(d.signe) <> 0 OR COALESCE(sum(d.signe * d.montant) FILTER (WHERE d.paye), 0) <> 0
      OR COALESCE(sum(d.signe * d.montant) FILTER (WHERE NOT d.paye), 0) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (collectivite_id, contrat_id, annee) DO UPDATE
    SET regle = t.regle + excluded.regle, du = t.du + excluded.du, decomptes = t.decomptes + excluded.decomptes
$$;--> statement-breakpoint
-- The premiums of the keys touched, recomputed from their bases: the réelle once declared, else the prévisionnelle.
CREATE FUNCTION sinistralite_primes(cles sinistralite_cle[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO sinistralite_total AS t (collectivite_id, contrat_id, annee, primes, base_type)
  SELECT k.collectivite_id, k.contrat_id, k.annee, COALESCE(p.cotisation, 0), p.type
  FROM (SELECT DISTINCT * FROM unnest(cles)) k
  LEFT JOIN LATERAL (
    SELECT b.cotisation, b.type FROM base_assurance b
    WHERE b.collectivite_id = k.collectivite_id AND b.contrat_id = k.contrat_id AND b.annee = k.annee
    ORDER BY (b.type = 'reelle') DESC LIMIT 1) p ON true
  WHERE EXISTS (SELECT 1 FROM collectivite c WHERE c.id = k.collectivite_id)
    AND EXISTS (SELECT 1 FROM contrat c WHERE c.id = k.contrat_id)
  ORDER BY 1, 2, 3
  ON CONFLICT (collectivite_id, contrat_id, annee) DO UPDATE SET primes = excluded.primes, base_type = excluded.base_type
$$;--> statement-breakpoint
CREATE FUNCTION sinistralite_decompte() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m sinistralite_mouvement[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    m := m || ARRAY(
      SELECT ROW(n.collectivite_id, n.contrat_id, extract(year FROM n.periode_du)::int, n.a_regler,
                 COALESCE(r.statut = 'paye', false), 1)::sinistralite_mouvement
      FROM sinistralite_nouveaux n LEFT JOIN reglement r ON r.id = n.reglement_id WHERE n.statut = 'valide');
  END IF;
  IF TG_OP <> 'INSERT' THEN
    m := m || ARRAY(
      SELECT ROW(o.collectivite_id, o.contrat_id, extract(year FROM o.periode_du)::int, o.a_regler,
                 COALESCE(r.statut = 'paye', false), -1)::sinistralite_mouvement
      FROM sinistralite_anciens o LEFT JOIN reglement r ON r.id = o.reglement_id WHERE o.statut = 'valide');
  END IF;
  IF cardinality(m) > 0 THEN
    PERFORM sinistralite_appliquer(m);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sinistralite_decompte_insert AFTER INSERT ON "decompte" REFERENCING NEW TABLE AS sinistralite_nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_decompte();--> statement-breakpoint
CREATE TRIGGER sinistralite_decompte_update AFTER UPDATE ON "decompte"
  REFERENCING OLD TABLE AS sinistralite_anciens NEW TABLE AS sinistralite_nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_decompte();--> statement-breakpoint
CREATE TRIGGER sinistralite_decompte_delete AFTER DELETE ON "decompte" REFERENCING OLD TABLE AS sinistralite_anciens
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_decompte();--> statement-breakpoint
-- A règlement paid (or no longer paid) moves its validated décomptes between « réglé » and « dû ».
-- Inserted, it has no décompte yet; deleted, none may point at it (foreign key) but in a cascade.
CREATE FUNCTION sinistralite_reglement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m sinistralite_mouvement[];
BEGIN
  m := ARRAY(
    SELECT ROW(d.collectivite_id, d.contrat_id, extract(year FROM d.periode_du)::int, d.a_regler, x.paye, x.signe)::sinistralite_mouvement
    FROM sinistralite_nouveaux n JOIN sinistralite_anciens o ON o.id = n.id
    JOIN decompte d ON d.reglement_id = n.id AND d.statut = 'valide'
    CROSS JOIN LATERAL (VALUES (o.statut = 'paye', -1), (n.statut = 'paye', 1)) x(paye, signe)
    WHERE (o.statut = 'paye') <> (n.statut = 'paye'));
  IF cardinality(m) > 0 THEN
    PERFORM sinistralite_appliquer(m);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sinistralite_reglement_update AFTER UPDATE ON "reglement"
  REFERENCING OLD TABLE AS sinistralite_anciens NEW TABLE AS sinistralite_nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_reglement();--> statement-breakpoint
CREATE FUNCTION sinistralite_base() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cles sinistralite_cle[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    cles := cles || ARRAY(SELECT ROW(n.collectivite_id, n.contrat_id, n.annee)::sinistralite_cle FROM sinistralite_nouveaux n);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    cles := cles || ARRAY(SELECT ROW(o.collectivite_id, o.contrat_id, o.annee)::sinistralite_cle FROM sinistralite_anciens o);
  END IF;
  IF cardinality(cles) > 0 THEN
    PERFORM sinistralite_primes(cles);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sinistralite_base_insert AFTER INSERT ON "base_assurance" REFERENCING NEW TABLE AS sinistralite_nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_base();--> statement-breakpoint
CREATE TRIGGER sinistralite_base_update AFTER UPDATE ON "base_assurance"
  REFERENCING OLD TABLE AS sinistralite_anciens NEW TABLE AS sinistralite_nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_base();--> statement-breakpoint
CREATE TRIGGER sinistralite_base_delete AFTER DELETE ON "base_assurance" REFERENCING OLD TABLE AS sinistralite_anciens
  FOR EACH STATEMENT EXECUTE FUNCTION sinistralite_base();--> statement-breakpoint
-- Backfill: the rows that exist before this migration.
INSERT INTO sinistralite_total (collectivite_id, contrat_id, annee, primes, base_type)
SELECT DISTINCT ON (collectivite_id, contrat_id, annee) collectivite_id, contrat_id, annee, cotisation, type
FROM base_assurance ORDER BY collectivite_id, contrat_id, annee, (type = 'reelle') DESC;--> statement-breakpoint
INSERT INTO sinistralite_total AS t (collectivite_id, contrat_id, annee, regle, du, decomptes)
SELECT d.collectivite_id, d.contrat_id, extract(year FROM d.periode_du)::int,
       COALESCE(sum(d.a_regler) FILTER (WHERE r.statut = 'paye'), 0),
       COALESCE(sum(d.a_regler) FILTER (WHERE r.statut IS DISTINCT FROM 'paye'), 0), count(*)
FROM decompte d LEFT JOIN reglement r ON r.id = d.reglement_id
WHERE d.statut = 'valide'
GROUP BY 1, 2, 3
ON CONFLICT (collectivite_id, contrat_id, annee) DO UPDATE
  SET regle = excluded.regle, du = excluded.du, decomptes = excluded.decomptes;
-- statutis:custom-end
