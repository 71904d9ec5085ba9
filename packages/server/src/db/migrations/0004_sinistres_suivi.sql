CREATE TABLE "commentaire" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"auteur" text NOT NULL,
	"gestion" boolean NOT NULL,
	"texte" text NOT NULL,
	"lu_le" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enquete_administrative" (
	"sinistre_id" uuid PRIMARY KEY NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"nature" text NOT NULL,
	"date" date NOT NULL,
	"heure" text NOT NULL,
	"lieu" text NOT NULL,
	"horaires" text NOT NULL,
	"tache" text NOT NULL,
	"circonstances" text NOT NULL,
	"sieges" jsonb NOT NULL,
	"nature_lesions" text NOT NULL,
	"temoins" jsonb NOT NULL,
	"doute" boolean NOT NULL,
	"motif_doute" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "piece" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"arret_id" uuid,
	"requalification_id" uuid,
	"code" text NOT NULL,
	"libelle" text NOT NULL,
	"statut" text NOT NULL,
	"motif_refus" text,
	"medicale" boolean NOT NULL,
	"nom" text NOT NULL,
	"mime" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"taille" integer NOT NULL,
	"depose_par" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "piece_modele" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"categorie" text NOT NULL,
	"regime" "regime",
	"code" text NOT NULL,
	"libelle" text NOT NULL,
	"etape" text NOT NULL,
	"obligatoire" boolean NOT NULL,
	"medicale" boolean NOT NULL,
	"aide" text,
	"ordre" integer NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "requalification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"de" text NOT NULL,
	"vers" text NOT NULL,
	"motif" text NOT NULL,
	"statut" text NOT NULL,
	"demande_par" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "quotite_tpt" integer;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "tbi" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "nbi" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "sft" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "ir" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "ri" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "cp" bigint;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "ne_pas_proratiser" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "imputabilite" text;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "imputabilite_date" date;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "arret_travail" boolean;--> statement-breakpoint
ALTER TABLE "commentaire" ADD CONSTRAINT "commentaire_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commentaire" ADD CONSTRAINT "commentaire_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquete_administrative" ADD CONSTRAINT "enquete_administrative_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquete_administrative" ADD CONSTRAINT "enquete_administrative_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece" ADD CONSTRAINT "piece_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece" ADD CONSTRAINT "piece_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece" ADD CONSTRAINT "piece_arret_id_arret_id_fk" FOREIGN KEY ("arret_id") REFERENCES "public"."arret"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requalification" ADD CONSTRAINT "requalification_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requalification" ADD CONSTRAINT "requalification_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commentaire_sinistre_idx" ON "commentaire" USING btree ("sinistre_id","created_at");--> statement-breakpoint
CREATE INDEX "piece_sinistre_idx" ON "piece" USING btree ("sinistre_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "piece_modele_code_idx" ON "piece_modele" USING btree ("categorie","code");--> statement-breakpoint
CREATE INDEX "requalification_sinistre_idx" ON "requalification" USING btree ("sinistre_id");--> statement-breakpoint
-- The default catalogue of pieces (domain §5); the platform administrator edits it afterwards.
INSERT INTO "piece_modele" ("categorie", "regime", "code", "libelle", "etape", "obligatoire", "medicale", "aide", "ordre") VALUES
('deces', NULL, 'acte_deces', 'Acte de décès', 'declaration', true, false, NULL, 10),
('deces', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 20),
('deces', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 30),
('accident_service', NULL, 'declaration_accident', 'Déclaration d’accident de l’employeur', 'declaration', true, false, NULL, 10),
('accident_service', NULL, 'enquete_signee', 'Enquête administrative signée', 'declaration', true, false, NULL, 20),
('accident_service', NULL, 'certificat_initial', 'Certificat médical initial', 'declaration', true, true, NULL, 30),
('accident_service', NULL, 'arrete_imputabilite', 'Arrêté d’imputabilité au service', 'imputabilite', true, false, NULL, 40),
('accident_service', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 50),
('accident_service', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 60),
('accident_service', NULL, 'certificat_reprise', 'Certificat de reprise ou de guérison', 'reprise', false, true, NULL, 70),
('accident_service', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 80),
('accident_service', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('accident_trajet', NULL, 'declaration_accident', 'Déclaration d’accident de l’employeur', 'declaration', true, false, NULL, 10),
('accident_trajet', NULL, 'enquete_signee', 'Enquête administrative signée', 'declaration', true, false, NULL, 20),
('accident_trajet', NULL, 'certificat_initial', 'Certificat médical initial', 'declaration', true, true, NULL, 30),
('accident_trajet', NULL, 'arrete_imputabilite', 'Arrêté d’imputabilité au service', 'imputabilite', true, false, NULL, 40),
('accident_trajet', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 50),
('accident_trajet', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 60),
('accident_trajet', NULL, 'certificat_reprise', 'Certificat de reprise ou de guérison', 'reprise', false, true, NULL, 70),
('accident_trajet', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 80),
('accident_trajet', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('maladie_professionnelle', NULL, 'declaration_accident', 'Déclaration d’accident de l’employeur', 'declaration', true, false, NULL, 10),
('maladie_professionnelle', NULL, 'enquete_signee', 'Enquête administrative signée', 'declaration', true, false, NULL, 20),
('maladie_professionnelle', NULL, 'certificat_initial', 'Certificat médical initial', 'declaration', true, true, NULL, 30),
('maladie_professionnelle', NULL, 'arrete_imputabilite', 'Arrêté d’imputabilité au service', 'imputabilite', true, false, NULL, 40),
('maladie_professionnelle', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 50),
('maladie_professionnelle', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 60),
('maladie_professionnelle', NULL, 'certificat_reprise', 'Certificat de reprise ou de guérison', 'reprise', false, true, NULL, 70),
('maladie_professionnelle', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 80),
('maladie_professionnelle', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('maladie_ordinaire', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 10),
('maladie_ordinaire', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 20),
('maladie_ordinaire', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 30),
('maladie_ordinaire', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('clm', NULL, 'avis_conseil_medical', 'Avis du conseil médical', 'declaration', true, true, NULL, 10),
('clm', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 20),
('clm', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 30),
('clm', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 40),
('cld', NULL, 'avis_conseil_medical', 'Avis du conseil médical', 'declaration', true, true, NULL, 10),
('cld', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 20),
('cld', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 30),
('cld', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 40),
('cgm', NULL, 'avis_conseil_medical', 'Avis du conseil médical', 'declaration', true, true, NULL, 10),
('cgm', NULL, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', 'arret', true, false, 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.', 20),
('cgm', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 30),
('cgm', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 40),
('cgm', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('maternite', NULL, 'arret_travail', 'Certificat de grossesse ou acte de naissance / d’adoption', 'arret', true, false, NULL, 10),
('maternite', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 20),
('maternite', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 30),
('maternite', 'IRCANTEC', 'decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', 'arret', true, false, NULL, 25),
('tpt', NULL, 'arrete_tpt', 'Arrêté de temps partiel thérapeutique', 'arret', true, false, NULL, 10),
('tpt', NULL, 'avis_conseil_medical', 'Avis du conseil médical', 'declaration', true, true, NULL, 20),
('tpt', NULL, 'bulletins_salaire', 'Bulletins de salaire de la période', 'arret', true, false, NULL, 30),
('tpt', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 40),
('disponibilite_office', NULL, 'arrete_disponibilite', 'Arrêté de disponibilité d’office', 'declaration', true, false, NULL, 10),
('disponibilite_office', NULL, 'avis_conseil_medical', 'Avis du conseil médical', 'declaration', true, true, NULL, 20),
('disponibilite_office', NULL, 'autre', 'Autre (préciser)', 'declaration', false, false, NULL, 30);
