CREATE TABLE "antecedent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"categorie" text NOT NULL,
	"du" date NOT NULL,
	"au" date NOT NULL,
	"saisi_par" text NOT NULL,
	"saisi_le" timestamp with time zone NOT NULL,
	CONSTRAINT "antecedent_categorie_check" CHECK ("antecedent"."categorie" IN ('maladie_ordinaire', 'clm', 'cld', 'cgm')),
	CONSTRAINT "antecedent_periode_check" CHECK ("antecedent"."du" <= "antecedent"."au")
);
--> statement-breakpoint
CREATE TABLE "ijss" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"du" date NOT NULL,
	"au" date NOT NULL,
	"montant_journalier" bigint,
	"montant_total" bigint,
	"saisi_par" text NOT NULL,
	"saisi_le" timestamp with time zone NOT NULL,
	CONSTRAINT "ijss_periode_check" CHECK ("ijss"."du" <= "ijss"."au"),
	CONSTRAINT "ijss_montant_check" CHECK (("ijss"."montant_journalier" IS NULL) <> ("ijss"."montant_total" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "salaire_mensuel" (
	"collectivite_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"mois" text NOT NULL,
	"tbi" bigint,
	"nbi" bigint,
	"sft" bigint,
	"ir" bigint,
	"saisi_par" text NOT NULL,
	"saisi_le" timestamp with time zone NOT NULL,
	CONSTRAINT "salaire_mensuel_collectivite_id_agent_id_mois_pk" PRIMARY KEY("collectivite_id","agent_id","mois"),
	CONSTRAINT "salaire_mensuel_mois_check" CHECK ("salaire_mensuel"."mois" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "certificat_recu_le" date;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "grossesse" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "ald" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "garantie" ADD COLUMN "hors_delai_regle" text DEFAULT 'couverture_a_reception' NOT NULL;--> statement-breakpoint
ALTER TABLE "garantie" ADD COLUMN "rechute_nouvelle_franchise" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "garantie" ADD COLUMN "capital_deces" bigint;--> statement-breakpoint
ALTER TABLE "antecedent" ADD CONSTRAINT "antecedent_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antecedent" ADD CONSTRAINT "antecedent_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ijss" ADD CONSTRAINT "ijss_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ijss" ADD CONSTRAINT "ijss_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salaire_mensuel" ADD CONSTRAINT "salaire_mensuel_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salaire_mensuel" ADD CONSTRAINT "salaire_mensuel_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antecedent_agent_idx" ON "antecedent" USING btree ("collectivite_id","agent_id","du");--> statement-breakpoint
CREATE INDEX "ijss_sinistre_idx" ON "ijss" USING btree ("sinistre_id","du");--> statement-breakpoint
ALTER TABLE "garantie" ADD CONSTRAINT "garantie_hors_delai_regle_check" CHECK ("garantie"."hors_delai_regle" IN ('refus', 'couverture_a_reception'));--> statement-breakpoint
-- statutis:custom-begin
-- The salary was typed per arrêt: each calendar month an arrêt touches takes its amounts, unless the
-- month already has some (the latest arrêt starting first wins) or the amounts were the period's
-- (« ne pas proratiser »). RI and CP are the base's percentages of TBI: not carried over. Same rule
-- as `SALAIRES_DEPUIS_ARRET` (modules/remboursements/entrees.repository.ts) for arrêts declared later.
INSERT INTO "salaire_mensuel" ("collectivite_id", "agent_id", "mois", "tbi", "nbi", "sft", "ir", "saisi_par", "saisi_le")
SELECT DISTINCT ON (a."collectivite_id", a."agent_id", to_char(m, 'YYYY-MM'))
  a."collectivite_id", a."agent_id", to_char(m, 'YYYY-MM'), a."tbi", a."nbi", a."sft", a."ir",
  'Reprise des salaires des arrêts', now()
FROM "arret" a
CROSS JOIN LATERAL generate_series(date_trunc('month', a."debut"::timestamp), a."fin"::timestamp, interval '1 month') AS m
WHERE a."tbi" IS NOT NULL AND NOT a."ne_pas_proratiser"
ORDER BY a."collectivite_id", a."agent_id", to_char(m, 'YYYY-MM'), a."debut" DESC
ON CONFLICT DO NOTHING;
-- statutis:custom-end
