CREATE TABLE "decompte" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rang" bigserial NOT NULL,
	"annee" integer NOT NULL,
	"numero" text GENERATED ALWAYS AS ('D-' || annee::text || '-' || CASE WHEN rang < 1000000 THEN lpad(rang::text, 6, '0') ELSE rang::text END) STORED NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"periode_du" date NOT NULL,
	"periode_au" date NOT NULL,
	"version" integer NOT NULL,
	"remplace_id" uuid,
	"statut" text NOT NULL,
	"nature" text NOT NULL,
	"beneficiaire" text NOT NULL,
	"praticien_nom" text,
	"praticien_iban" text,
	"praticien_bic" text,
	"montant" bigint NOT NULL,
	"deja_regle" bigint DEFAULT 0 NOT NULL,
	"a_regler" bigint NOT NULL,
	"jours_franchise" integer DEFAULT 0 NOT NULL,
	"jours_carence" integer DEFAULT 0 NOT NULL,
	"ijss" bigint DEFAULT 0 NOT NULL,
	"lignes" jsonb NOT NULL,
	"journal" jsonb NOT NULL,
	"entrees" jsonb NOT NULL,
	"calcule_par" uuid,
	"calcule_le" timestamp with time zone NOT NULL,
	"valide_par" uuid,
	"valide_le" timestamp with time zone,
	"reglement_id" uuid,
	CONSTRAINT "decompte_statut_check" CHECK ("decompte"."statut" IN ('calcule', 'valide', 'abandonne')),
	CONSTRAINT "decompte_nature_check" CHECK ("decompte"."nature" IN ('indemnites_journalieres', 'frais_medicaux')),
	CONSTRAINT "decompte_beneficiaire_check" CHECK ("decompte"."beneficiaire" IN ('collectivite', 'praticien')),
	CONSTRAINT "decompte_periode_check" CHECK ("decompte"."periode_au" >= "decompte"."periode_du"),
	CONSTRAINT "decompte_praticien_check" CHECK ("decompte"."beneficiaire" <> 'praticien' OR ("decompte"."praticien_nom" IS NOT NULL AND "decompte"."praticien_iban" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "reglement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rang" bigserial NOT NULL,
	"annee" integer NOT NULL,
	"numero" text GENERATED ALWAYS AS ('R-' || annee::text || '-' || CASE WHEN rang < 1000000 THEN lpad(rang::text, 6, '0') ELSE rang::text END) STORED NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"cdg_id" uuid,
	"assureur_id" uuid,
	"periode_du" date NOT NULL,
	"periode_au" date NOT NULL,
	"statut" text NOT NULL,
	"beneficiaire" text NOT NULL,
	"montant" bigint NOT NULL,
	"iban" text,
	"bic" text,
	"titulaire" text,
	"approbations_requises" integer DEFAULT 1 NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valide_par" uuid,
	"valide_le" timestamp with time zone,
	"approuve_par" uuid,
	"approuve_le" timestamp with time zone,
	"virement_id" uuid,
	"mise_en_paiement_le" timestamp with time zone,
	"paye_le" timestamp with time zone,
	"rejete_le" timestamp with time zone,
	"motif_rejet" text,
	"remplace_id" uuid,
	CONSTRAINT "reglement_statut_check" CHECK ("reglement"."statut" IN ('calcule', 'valide', 'mis_en_paiement', 'paye', 'rejete', 'reemis')),
	CONSTRAINT "reglement_beneficiaire_check" CHECK ("reglement"."beneficiaire" IN ('collectivite', 'praticien')),
	CONSTRAINT "reglement_montant_check" CHECK ("reglement"."montant" > 0)
);
--> statement-breakpoint
CREATE TABLE "reglement_parametre" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cdg_id" uuid,
	"assureur_id" uuid,
	"seuil_quatre_yeux" bigint,
	"iban" text NOT NULL,
	"bic" text,
	"titulaire" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reglement_parametre_organisation_check" CHECK (num_nonnulls("reglement_parametre"."cdg_id", "reglement_parametre"."assureur_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "virement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"cdg_id" uuid,
	"assureur_id" uuid,
	"date_execution" date NOT NULL,
	"nombre" integer NOT NULL,
	"montant" bigint NOT NULL,
	"xml" text NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "virement_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
ALTER TABLE "collectivite" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "collectivite" ADD COLUMN "bic" text;--> statement-breakpoint
ALTER TABLE "collectivite" ADD COLUMN "titulaire_compte" text;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_remplace_id_decompte_id_fk" FOREIGN KEY ("remplace_id") REFERENCES "public"."decompte"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_calcule_par_app_user_id_fk" FOREIGN KEY ("calcule_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_valide_par_app_user_id_fk" FOREIGN KEY ("valide_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte" ADD CONSTRAINT "decompte_reglement_id_reglement_id_fk" FOREIGN KEY ("reglement_id") REFERENCES "public"."reglement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_assureur_id_assureur_id_fk" FOREIGN KEY ("assureur_id") REFERENCES "public"."assureur"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_valide_par_app_user_id_fk" FOREIGN KEY ("valide_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_approuve_par_app_user_id_fk" FOREIGN KEY ("approuve_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_virement_id_virement_id_fk" FOREIGN KEY ("virement_id") REFERENCES "public"."virement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement" ADD CONSTRAINT "reglement_remplace_id_reglement_id_fk" FOREIGN KEY ("remplace_id") REFERENCES "public"."reglement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement_parametre" ADD CONSTRAINT "reglement_parametre_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reglement_parametre" ADD CONSTRAINT "reglement_parametre_assureur_id_assureur_id_fk" FOREIGN KEY ("assureur_id") REFERENCES "public"."assureur"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virement" ADD CONSTRAINT "virement_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virement" ADD CONSTRAINT "virement_assureur_id_assureur_id_fk" FOREIGN KEY ("assureur_id") REFERENCES "public"."assureur"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "virement" ADD CONSTRAINT "virement_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decompte_numero_idx" ON "decompte" USING btree ("numero");--> statement-breakpoint
CREATE UNIQUE INDEX "decompte_version_idx" ON "decompte" USING btree ("sinistre_id","nature","periode_du","periode_au","version");--> statement-breakpoint
CREATE INDEX "decompte_reglement_idx" ON "decompte" USING btree ("reglement_id");--> statement-breakpoint
CREATE INDEX "decompte_a_regler_idx" ON "decompte" USING btree ("collectivite_id","periode_au") WHERE "decompte"."statut" = 'valide' AND "decompte"."reglement_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reglement_numero_idx" ON "reglement" USING btree ("numero");--> statement-breakpoint
CREATE INDEX "reglement_collectivite_idx" ON "reglement" USING btree ("collectivite_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reglement_liste_idx" ON "reglement" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "reglement_parametre_cdg_idx" ON "reglement_parametre" USING btree ("cdg_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reglement_parametre_assureur_idx" ON "reglement_parametre" USING btree ("assureur_id");