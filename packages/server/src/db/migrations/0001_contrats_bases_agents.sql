-- Trigram search on names needs pg_trgm (in PostgreSQL contrib and in PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "agent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"nir" text NOT NULL,
	"nir_cle" text,
	"nir_temporaire" boolean DEFAULT false NOT NULL,
	"nom" text NOT NULL,
	"nom_usage" text,
	"prenom" text NOT NULL,
	"date_naissance" date,
	"sexe" text,
	"regime" "regime" NOT NULL,
	"statut" text NOT NULL,
	"date_entree" date NOT NULL,
	"emploi" text,
	"grade" text,
	"temps_travail" text,
	"heures_hebdo" integer,
	"service" text,
	"date_depart" date,
	"motif_depart" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "base_assurance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"annee" integer NOT NULL,
	"type" text NOT NULL,
	"effectif" integer NOT NULL,
	"tbi" bigint NOT NULL,
	"nbi" bigint,
	"sft" bigint,
	"ir" bigint,
	"ri_montant" bigint,
	"ri_pct" integer,
	"cp_montant" bigint,
	"cp_pct" integer,
	"taux_cotisation" integer NOT NULL,
	"assiette" bigint NOT NULL,
	"cotisation" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "budget" (
	"collectivite_id" uuid NOT NULL,
	"annee" integer NOT NULL,
	"montant_cotisations" bigint NOT NULL,
	"montant_absences" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_collectivite_id_annee_pk" PRIMARY KEY("collectivite_id","annee")
);
--> statement-breakpoint
CREATE TABLE "contrat_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contrat_id" uuid NOT NULL,
	"nom" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"taille" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "garantie" (
	"contrat_id" uuid NOT NULL,
	"risque" text NOT NULL,
	"couvert" boolean NOT NULL,
	"franchise_nombre" integer NOT NULL,
	"franchise_unite" text NOT NULL,
	"remboursement_pct" integer NOT NULL,
	"delai_declaration_jours" integer NOT NULL,
	"delai_pieces_jours" integer NOT NULL,
	"delai_pieces_medicales_jours" integer NOT NULL,
	"delai_deces_jours" integer NOT NULL,
	CONSTRAINT "garantie_contrat_id_risque_pk" PRIMARY KEY("contrat_id","risque")
);
--> statement-breakpoint
CREATE TABLE "liste_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"user_id" uuid,
	"user_label" text NOT NULL,
	"nom_fichier" text NOT NULL,
	"storage_key" text NOT NULL,
	"taille" integer NOT NULL,
	"statut" text NOT NULL,
	"progression" integer DEFAULT 0 NOT NULL,
	"lignes" integer DEFAULT 0 NOT NULL,
	"crees" integer DEFAULT 0 NOT NULL,
	"mis_a_jour" integer DEFAULT 0 NOT NULL,
	"inchanges" integer DEFAULT 0 NOT NULL,
	"nombre_erreurs" integer DEFAULT 0 NOT NULL,
	"erreurs" jsonb,
	"colonnes_ignorees" text[],
	"encodage" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contrat" ADD COLUMN "preavis_assureur_mois" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "contrat" ADD COLUMN "preavis_assure_mois" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "contrat" ADD COLUMN "taux_cotisation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contrat" ADD COLUMN "elements_assurables" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_assurance" ADD CONSTRAINT "base_assurance_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_assurance" ADD CONSTRAINT "base_assurance_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget" ADD CONSTRAINT "budget_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contrat_document" ADD CONSTRAINT "contrat_document_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garantie" ADD CONSTRAINT "garantie_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liste_import" ADD CONSTRAINT "liste_import_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liste_import" ADD CONSTRAINT "liste_import_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_nir_idx" ON "agent" USING btree ("collectivite_id","nir");--> statement-breakpoint
CREATE INDEX "agent_nom_idx" ON "agent" USING btree ("collectivite_id","nom","prenom","id");--> statement-breakpoint
CREATE INDEX "agent_nom_trgm_idx" ON "agent" USING gin (("nom" || ' ' || "prenom") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "base_assurance_unique_idx" ON "base_assurance" USING btree ("collectivite_id","contrat_id","annee","type");--> statement-breakpoint
CREATE INDEX "base_assurance_annee_idx" ON "base_assurance" USING btree ("collectivite_id","annee");--> statement-breakpoint
CREATE INDEX "contrat_document_contrat_idx" ON "contrat_document" USING btree ("contrat_id");--> statement-breakpoint
CREATE INDEX "liste_import_collectivite_idx" ON "liste_import" USING btree ("collectivite_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assureur_nom_kind_idx" ON "assureur" USING btree ("nom","kind");