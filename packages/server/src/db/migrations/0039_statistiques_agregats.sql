CREATE TABLE "statistiques_a_recalculer" (
	"collectivite_id" uuid PRIMARY KEY NOT NULL,
	"depuis" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistiques_agregat" (
	"annee_debut" integer NOT NULL,
	"annee_fin" integer NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"jours_periode" integer NOT NULL,
	"jours_agents" double precision NOT NULL,
	"jours" integer NOT NULL,
	"arrets" integer NOT NULL,
	"agents_cnracl" integer NOT NULL,
	"strate" text NOT NULL,
	"primes" bigint NOT NULL,
	"sinistres" bigint NOT NULL,
	"arrets_longs" integer NOT NULL,
	"citis_ouverts" integer NOT NULL,
	"agregat" jsonb NOT NULL,
	"calcule_le" timestamp with time zone NOT NULL,
	CONSTRAINT "statistiques_agregat_annee_debut_annee_fin_collectivite_id_pk" PRIMARY KEY("annee_debut","annee_fin","collectivite_id")
);
--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD CONSTRAINT "statistiques_agregat_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistiques_agregat_collectivite_idx" ON "statistiques_agregat" USING btree ("collectivite_id");
--> statement-breakpoint
-- statutis:custom-begin
-- Marks the collectivités whose statistics inputs changed, in the writer's transaction (statement triggers).
CREATE FUNCTION statistiques_marquer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO statistiques_a_recalculer (collectivite_id)
    SELECT DISTINCT n.collectivite_id FROM nouvelles n WHERE n.collectivite_id IS NOT NULL
    ON CONFLICT (collectivite_id) DO UPDATE SET depuis = EXCLUDED.depuis;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO statistiques_a_recalculer (collectivite_id)
    SELECT DISTINCT o.collectivite_id FROM anciennes o WHERE o.collectivite_id IS NOT NULL
    ON CONFLICT (collectivite_id) DO UPDATE SET depuis = EXCLUDED.depuis;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER arret_statistiques_ins AFTER INSERT ON arret REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER arret_statistiques_upd AFTER UPDATE ON arret REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER arret_statistiques_del AFTER DELETE ON arret REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER sinistre_statistiques_ins AFTER INSERT ON sinistre REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER sinistre_statistiques_upd AFTER UPDATE ON sinistre REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER sinistre_statistiques_del AFTER DELETE ON sinistre REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER decompte_statistiques_ins AFTER INSERT ON decompte REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER decompte_statistiques_upd AFTER UPDATE ON decompte REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER decompte_statistiques_del AFTER DELETE ON decompte REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_statistiques_ins AFTER INSERT ON agent REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_statistiques_upd AFTER UPDATE ON agent REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_statistiques_del AFTER DELETE ON agent REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_emploi_statistiques_ins AFTER INSERT ON agent_emploi REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_emploi_statistiques_upd AFTER UPDATE ON agent_emploi REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER agent_emploi_statistiques_del AFTER DELETE ON agent_emploi REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER base_assurance_statistiques_ins AFTER INSERT ON base_assurance REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER base_assurance_statistiques_upd AFTER UPDATE ON base_assurance REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER base_assurance_statistiques_del AFTER DELETE ON base_assurance REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER salaire_mensuel_statistiques_ins AFTER INSERT ON salaire_mensuel REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER salaire_mensuel_statistiques_upd AFTER UPDATE ON salaire_mensuel REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
--> statement-breakpoint
CREATE TRIGGER salaire_mensuel_statistiques_del AFTER DELETE ON salaire_mensuel REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION statistiques_marquer();
-- statutis:custom-end
