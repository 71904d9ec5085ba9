CREATE TABLE "arret" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"type" text NOT NULL,
	"debut" date NOT NULL,
	"fin" date NOT NULL,
	"reprise" date,
	"hors_delai" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sinistre" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"numero" bigserial NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"contrat_id" uuid NOT NULL,
	"categorie" text NOT NULL,
	"date_survenance" date NOT NULL,
	"tiers_implique" boolean NOT NULL,
	"recours_tiers" text,
	"commentaire" text,
	"statut" text NOT NULL,
	"hors_delai" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sinistre" ADD CONSTRAINT "sinistre_contrat_id_contrat_id_fk" FOREIGN KEY ("contrat_id") REFERENCES "public"."contrat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arret_agent_idx" ON "arret" USING btree ("collectivite_id","agent_id","debut");--> statement-breakpoint
CREATE INDEX "arret_sinistre_idx" ON "arret" USING btree ("sinistre_id","debut");--> statement-breakpoint
CREATE INDEX "sinistre_collectivite_idx" ON "sinistre" USING btree ("collectivite_id","date_survenance");--> statement-breakpoint
CREATE INDEX "sinistre_agent_idx" ON "sinistre" USING btree ("collectivite_id","agent_id");