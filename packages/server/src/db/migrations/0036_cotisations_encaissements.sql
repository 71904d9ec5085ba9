CREATE TABLE "encaissement_cotisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appel_id" uuid NOT NULL,
	"montant" bigint NOT NULL,
	"date" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"mode" text NOT NULL,
	"source" text NOT NULL,
	"releve_import_id" uuid,
	"releve_ligne" integer,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "encaissement_cotisation_montant_check" CHECK ("encaissement_cotisation"."montant" > 0),
	CONSTRAINT "encaissement_cotisation_mode_check" CHECK ("encaissement_cotisation"."mode" IN ('virement', 'cheque', 'prelevement', 'autre')),
	CONSTRAINT "encaissement_cotisation_source_check" CHECK ("encaissement_cotisation"."source" IN ('saisie', 'releve'))
);
--> statement-breakpoint
CREATE TABLE "relance_echeance" (
	"appel_id" uuid NOT NULL,
	"rang" integer NOT NULL,
	"envoyee_le" timestamp with time zone NOT NULL,
	"destinataires" integer NOT NULL,
	CONSTRAINT "relance_echeance_appel_id_rang_pk" PRIMARY KEY("appel_id","rang")
);
--> statement-breakpoint
CREATE TABLE "releve_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"nom_fichier" text NOT NULL,
	"format" text NOT NULL,
	"statut" text NOT NULL,
	"compteurs" jsonb NOT NULL,
	"montant_affecte" bigint DEFAULT 0 NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applique_par" uuid,
	"applique_le" timestamp with time zone,
	CONSTRAINT "releve_import_statut_check" CHECK ("releve_import"."statut" IN ('a_valider', 'applique')),
	CONSTRAINT "releve_import_format_check" CHECK ("releve_import"."format" IN ('csv', 'camt053'))
);
--> statement-breakpoint
CREATE TABLE "releve_ligne" (
	"import_id" uuid NOT NULL,
	"ligne" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"empreinte" text NOT NULL,
	"statut" text NOT NULL,
	"date" date NOT NULL,
	"montant" bigint NOT NULL,
	"libelle" text NOT NULL,
	"emetteur" text,
	"appels" jsonb NOT NULL,
	"affecte" bigint DEFAULT 0 NOT NULL,
	"excedent" bigint DEFAULT 0 NOT NULL,
	"reste_du" bigint DEFAULT 0 NOT NULL,
	"applique" boolean DEFAULT false NOT NULL,
	"source" jsonb NOT NULL,
	CONSTRAINT "releve_ligne_import_id_ligne_pk" PRIMARY KEY("import_id","ligne"),
	CONSTRAINT "releve_ligne_statut_check" CHECK ("releve_ligne"."statut" IN ('rapproche', 'partiel', 'trop_percu', 'inconnu', 'doublon'))
);
--> statement-breakpoint
ALTER TABLE "encaissement_cotisation" ADD CONSTRAINT "encaissement_cotisation_appel_id_appel_cotisation_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appel_cotisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encaissement_cotisation" ADD CONSTRAINT "encaissement_cotisation_releve_import_id_releve_import_id_fk" FOREIGN KEY ("releve_import_id") REFERENCES "public"."releve_import"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encaissement_cotisation" ADD CONSTRAINT "encaissement_cotisation_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relance_echeance" ADD CONSTRAINT "relance_echeance_appel_id_appel_cotisation_id_fk" FOREIGN KEY ("appel_id") REFERENCES "public"."appel_cotisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releve_import" ADD CONSTRAINT "releve_import_cree_par_app_user_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releve_import" ADD CONSTRAINT "releve_import_applique_par_app_user_id_fk" FOREIGN KEY ("applique_par") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releve_ligne" ADD CONSTRAINT "releve_ligne_import_id_releve_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."releve_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "encaissement_cotisation_appel_idx" ON "encaissement_cotisation" USING btree ("appel_id","date","created_at");--> statement-breakpoint
CREATE INDEX "releve_import_organisation_idx" ON "releve_import" USING btree ("organisation_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "releve_ligne_empreinte_idx" ON "releve_ligne" USING btree ("organisation_id","empreinte") WHERE "releve_ligne"."applique";