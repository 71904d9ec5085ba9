CREATE TABLE "import_agent_ligne" (
	"import_id" uuid NOT NULL,
	"ligne" integer NOT NULL,
	"nir" text NOT NULL,
	"nir_cle" text,
	"nir_temporaire" boolean NOT NULL,
	"nom" text NOT NULL,
	"nom_usage" text,
	"prenom" text NOT NULL,
	"sexe" text,
	"date_naissance" date,
	"regime" "regime" NOT NULL,
	"statut" text NOT NULL,
	"date_entree" date NOT NULL,
	"emploi" text,
	"grade" text,
	"temps_travail" text,
	"heures_hebdo" integer,
	"service" text,
	"date_depart" date,
	CONSTRAINT "import_agent_ligne_import_id_ligne_pk" PRIMARY KEY("import_id","ligne")
);
--> statement-breakpoint
ALTER TABLE "liste_import" ADD COLUMN "prepares" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_agent_ligne" ADD CONSTRAINT "import_agent_ligne_import_id_liste_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."liste_import"("id") ON DELETE cascade ON UPDATE no action;