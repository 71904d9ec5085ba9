CREATE TABLE "agent_emploi" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"date_effet" date NOT NULL,
	"regime" "regime" NOT NULL,
	"statut" text NOT NULL,
	"emploi" text,
	"grade" text,
	"temps_travail" text,
	"heures_hebdo" integer,
	"service" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_emploi" ADD CONSTRAINT "agent_emploi_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_emploi" ADD CONSTRAINT "agent_emploi_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_emploi_agent_idx" ON "agent_emploi" USING btree ("collectivite_id","agent_id","date_effet");