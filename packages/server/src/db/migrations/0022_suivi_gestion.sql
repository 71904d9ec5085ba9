CREATE TABLE "controle_medical" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"type" text NOT NULL,
	"demandeur" text NOT NULL,
	"medecin" text,
	"date" date,
	"resultat" text,
	"injustifie_a_partir_du" date,
	"cout" bigint,
	"paye_par" text,
	"demande_par" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "controle_medical_injustifie_check" CHECK (("controle_medical"."resultat" = 'non_justifie') = ("controle_medical"."injustifie_a_partir_du" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "recours_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"date" date NOT NULL,
	"type" text NOT NULL,
	"libelle" text NOT NULL,
	"prochaine_relance" date,
	"auteur" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recours_recouvrement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"date" date NOT NULL,
	"montant" bigint NOT NULL,
	"libelle" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recours_tiers" (
	"sinistre_id" uuid PRIMARY KEY NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"tiers_nom" text NOT NULL,
	"tiers_assureur" text,
	"numero_sinistre_tiers" text,
	"responsabilite" integer NOT NULL,
	"frais_medicaux" bigint NOT NULL,
	"remuneration_saisie" bigint,
	"charges_saisies" bigint,
	"rembourse_par_assureur" bigint NOT NULL,
	"repartition" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reprise_suivi" (
	"sinistre_id" uuid PRIMARY KEY NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"prevue_le" date,
	"effective_le" date,
	"forme" text NOT NULL,
	"quotite" integer,
	"visite_reprise_le" date,
	"suivi30_fait_le" date,
	"suivi90_fait_le" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "controle_medical" ADD CONSTRAINT "controle_medical_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "controle_medical" ADD CONSTRAINT "controle_medical_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_action" ADD CONSTRAINT "recours_action_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_action" ADD CONSTRAINT "recours_action_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_recouvrement" ADD CONSTRAINT "recours_recouvrement_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_recouvrement" ADD CONSTRAINT "recours_recouvrement_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_tiers" ADD CONSTRAINT "recours_tiers_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recours_tiers" ADD CONSTRAINT "recours_tiers_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprise_suivi" ADD CONSTRAINT "reprise_suivi_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprise_suivi" ADD CONSTRAINT "reprise_suivi_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "controle_medical_sinistre_idx" ON "controle_medical" USING btree ("sinistre_id","created_at");--> statement-breakpoint
CREATE INDEX "recours_action_sinistre_idx" ON "recours_action" USING btree ("sinistre_id","date");--> statement-breakpoint
CREATE INDEX "recours_action_relance_idx" ON "recours_action" USING btree ("collectivite_id","prochaine_relance") WHERE "recours_action"."prochaine_relance" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "recours_recouvrement_sinistre_idx" ON "recours_recouvrement" USING btree ("sinistre_id","date");