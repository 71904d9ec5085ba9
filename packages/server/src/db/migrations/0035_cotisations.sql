CREATE TABLE "appel_cotisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rang" bigserial NOT NULL,
	"annee" integer NOT NULL,
	"nature" text NOT NULL,
	"numero" text GENERATED ALWAYS AS (CASE WHEN nature = 'appel' THEN 'AC' ELSE 'RG' END || '-' || annee::text || '-' || CASE WHEN rang < 1000000 THEN lpad(rang::text, 6, '0') ELSE rang::text END) STORED NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"base_id" uuid,
	"appel_origine_id" uuid,
	"statut" text NOT NULL,
	"periodicite" text NOT NULL,
	"debut_couverture" date NOT NULL,
	"mois" integer NOT NULL,
	"date_deliberation" date,
	"frais" jsonb,
	"total" bigint NOT NULL,
	"encaisse" bigint DEFAULT 0 NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"controle_par" uuid,
	"controle_le" timestamp with time zone,
	"emis_par" uuid,
	"emis_le" timestamp with time zone,
	"annule_par" uuid,
	"annule_le" timestamp with time zone,
	"motif_annulation" text,
	CONSTRAINT "appel_cotisation_statut_check" CHECK ("appel_cotisation"."statut" IN ('brouillon', 'controle', 'emis', 'paye_partiellement', 'solde', 'annule')),
	CONSTRAINT "appel_cotisation_nature_check" CHECK ("appel_cotisation"."nature" IN ('appel', 'regularisation')),
	CONSTRAINT "appel_cotisation_periodicite_check" CHECK ("appel_cotisation"."periodicite" IN ('annuelle', 'semestrielle', 'trimestrielle')),
	CONSTRAINT "appel_cotisation_mois_check" CHECK ("appel_cotisation"."mois" BETWEEN 0 AND 12),
	CONSTRAINT "appel_cotisation_encaisse_check" CHECK ("appel_cotisation"."encaisse" >= 0)
);
--> statement-breakpoint
CREATE TABLE "appel_cotisation_echeance" (
	"appel_id" uuid NOT NULL,
	"rang" integer NOT NULL,
	"du" date NOT NULL,
	"au" date NOT NULL,
	"date_echeance" date NOT NULL,
	"montant" bigint NOT NULL,
	CONSTRAINT "appel_cotisation_echeance_appel_id_rang_pk" PRIMARY KEY("appel_id","rang")
);
--> statement-breakpoint
CREATE TABLE "appel_cotisation_ligne" (
	"appel_id" uuid NOT NULL,
	"rang" integer NOT NULL,
	"nature" text NOT NULL,
	"code" text NOT NULL,
	"libelle" text NOT NULL,
	"assiette" bigint,
	"taux" integer,
	"quantite" integer,
	"prix_unitaire" bigint,
	"mois" integer NOT NULL,
	"montant" bigint NOT NULL,
	CONSTRAINT "appel_cotisation_ligne_appel_id_rang_pk" PRIMARY KEY("appel_id","rang"),
	CONSTRAINT "appel_cotisation_ligne_nature_check" CHECK ("appel_cotisation_ligne"."nature" IN ('cotisation', 'frais_gestion'))
);
--> statement-breakpoint
CREATE TABLE "cotisation_frais_parametre" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cdg_id" uuid NOT NULL,
	"du" date NOT NULL,
	"au" date,
	"modele" text NOT NULL,
	"montant_par_agent" bigint,
	"taux_cnracl" integer,
	"taux_ircantec" integer,
	"regularise" boolean DEFAULT false NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cotisation_frais_parametre_modele_check" CHECK ("cotisation_frais_parametre"."modele" IN ('forfait_agent', 'pourcentage_assiette')),
	CONSTRAINT "cotisation_frais_parametre_periode_check" CHECK ("cotisation_frais_parametre"."au" IS NULL OR "cotisation_frais_parametre"."au" >= "cotisation_frais_parametre"."du"),
	CONSTRAINT "cotisation_frais_parametre_montant_check" CHECK ("cotisation_frais_parametre"."modele" <> 'forfait_agent' OR "cotisation_frais_parametre"."montant_par_agent" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_base_id_base_assurance_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."base_assurance"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_appel_origine_id_appel_cotisation_id_fk" FOREIGN KEY ("appel_origine_id") REFERENCES "public"."appel_cotisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_controle_par_app_user_id_fk" FOREIGN KEY ("controle_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_emis_par_app_user_id_fk" FOREIGN KEY ("emis_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation" ADD CONSTRAINT "appel_cotisation_annule_par_app_user_id_fk" FOREIGN KEY ("annule_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation_echeance" ADD CONSTRAINT "appel_cotisation_echeance_appel_id_appel_cotisation_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appel_cotisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appel_cotisation_ligne" ADD CONSTRAINT "appel_cotisation_ligne_appel_id_appel_cotisation_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appel_cotisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cotisation_frais_parametre" ADD CONSTRAINT "cotisation_frais_parametre_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cotisation_frais_parametre" ADD CONSTRAINT "cotisation_frais_parametre_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appel_cotisation_numero_idx" ON "appel_cotisation" USING btree ("numero");--> statement-breakpoint
CREATE UNIQUE INDEX "appel_cotisation_unique_idx" ON "appel_cotisation" USING btree ("collectivite_id","contrat_id","annee","nature") WHERE "appel_cotisation"."statut" <> 'annule';--> statement-breakpoint
CREATE INDEX "appel_cotisation_collectivite_idx" ON "appel_cotisation" USING btree ("collectivite_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "appel_cotisation"."emis_le" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "appel_cotisation_liste_idx" ON "appel_cotisation" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cotisation_frais_parametre_cdg_idx" ON "cotisation_frais_parametre" USING btree ("cdg_id","du");--> statement-breakpoint
-- statutis:custom-begin
-- The CDG's fee periods never overlap: the parameters of a date are one row. Dates inclusive ('[]'),
-- an open end is infinity (btree_gist, created by 0019, gives the uuid its GiST equality).
ALTER TABLE "cotisation_frais_parametre" ADD CONSTRAINT "cotisation_frais_parametre_sans_chevauchement"
  EXCLUDE USING gist ("cdg_id" WITH =, daterange("du", "au", '[]') WITH &&);--> statement-breakpoint
-- An issued call never changes (issue 11): once it has left « brouillon » / « contrôlé », only its
-- status, what was cashed and the cancellation are written; its lines and échéances are frozen. The
-- services never try; this is the safety net under them. Deleting (a collectivité's cascade) stays possible.
CREATE OR REPLACE FUNCTION appel_cotisation_fige() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.statut NOT IN ('brouillon', 'controle') AND (
       NEW.total IS DISTINCT FROM OLD.total OR NEW.annee IS DISTINCT FROM OLD.annee
    OR NEW.nature IS DISTINCT FROM OLD.nature OR NEW.collectivite_id IS DISTINCT FROM OLD.collectivite_id
    OR NEW.contrat_id IS DISTINCT FROM OLD.contrat_id OR NEW.periodicite IS DISTINCT FROM OLD.periodicite
    OR NEW.mois IS DISTINCT FROM OLD.mois OR NEW.debut_couverture IS DISTINCT FROM OLD.debut_couverture
    OR NEW.frais IS DISTINCT FROM OLD.frais OR NEW.emis_le IS DISTINCT FROM OLD.emis_le) THEN
    RAISE EXCEPTION 'L’appel de cotisation % est émis : il ne change plus.', OLD.numero;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER appel_cotisation_fige BEFORE UPDATE ON "appel_cotisation"
  FOR EACH ROW EXECUTE FUNCTION appel_cotisation_fige();--> statement-breakpoint
CREATE OR REPLACE FUNCTION appel_cotisation_detail_fige() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s text;
BEGIN
  SELECT statut INTO s FROM appel_cotisation WHERE id = NEW.appel_id;
  IF s IS NOT NULL AND s NOT IN ('brouillon', 'controle') THEN
    RAISE EXCEPTION 'Cet appel de cotisation est émis : ses lignes et ses échéances ne changent plus.';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER appel_cotisation_ligne_fige BEFORE INSERT OR UPDATE ON "appel_cotisation_ligne"
  FOR EACH ROW EXECUTE FUNCTION appel_cotisation_detail_fige();--> statement-breakpoint
CREATE TRIGGER appel_cotisation_echeance_fige BEFORE INSERT OR UPDATE ON "appel_cotisation_echeance"
  FOR EACH ROW EXECUTE FUNCTION appel_cotisation_detail_fige();
-- statutis:custom-end
