-- statutis:custom-begin
-- RI and CP percentages go from whole percents to hundredths of a percent (8 → 800, i.e. 8,00 %):
-- exact, and the insured share TBI × pct is unchanged, so the stored assiette and cotisation stay right.
UPDATE "base_assurance" SET "ri_pct" = "ri_pct" * 100 WHERE "ri_pct" IS NOT NULL;--> statement-breakpoint
UPDATE "base_assurance" SET "cp_pct" = "cp_pct" * 100 WHERE "cp_pct" IS NOT NULL;--> statement-breakpoint
-- The journal's past changes of these percentages take the same unit, so that they read right.
UPDATE "audit_event" e SET "changes" = e."changes" || (
  SELECT jsonb_object_agg(c.k, CASE jsonb_typeof(c.v)
    WHEN 'number' THEN to_jsonb((c.v #>> '{}')::numeric * 100)
    WHEN 'array' THEN (
      SELECT jsonb_agg(CASE WHEN jsonb_typeof(a.x) = 'number' THEN to_jsonb((a.x #>> '{}')::numeric * 100) ELSE a.x END ORDER BY a.i)
      FROM jsonb_array_elements(c.v) WITH ORDINALITY AS a(x, i))
    ELSE c.v END)
  FROM jsonb_each(e."changes") AS c(k, v)
  WHERE c.k IN ('riPct', 'cpPct'))
WHERE e."entity" = 'base_assurance' AND jsonb_typeof(e."changes") = 'object'
  AND (e."changes" -> 'riPct' IS NOT NULL OR e."changes" -> 'cpPct' IS NOT NULL);--> statement-breakpoint
-- « Autre » pieces were never medical, and nobody was asked: the safest is to reserve them all as
-- medical (Lecteurs no longer see their name nor download them; the other roles still do).
UPDATE "piece" SET "medicale" = true WHERE "code" = 'autre' AND NOT "medicale";
-- statutis:custom-end
