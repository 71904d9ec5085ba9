CREATE TABLE "decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"type" text NOT NULL,
	"motif" text,
	"reference_nature" text,
	"reference_texte" text,
	"periode_debut" date,
	"periode_fin" date,
	"categorie" text,
	"categorie_avant" text NOT NULL,
	"requalification_id" uuid,
	"auteur_id" uuid,
	"auteur" text NOT NULL,
	"decide_le" date NOT NULL,
	"lettre" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_type_check" CHECK ("decision"."type" IN ('prise_en_charge', 'refus', 'prise_en_charge_partielle', 'sursis_a_statuer', 'requalification_acceptee', 'requalification_refusee', 'cloture')),
	CONSTRAINT "decision_reference_nature_check" CHECK ("decision"."reference_nature" IN ('contrat', 'legale')),
	CONSTRAINT "decision_periode_check" CHECK ("decision"."periode_fin" IS NULL OR "decision"."periode_debut" IS NULL OR "decision"."periode_fin" >= "decision"."periode_debut")
);
--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "categorie" text;--> statement-breakpoint
ALTER TABLE "arret" ADD COLUMN "origine_id" uuid;--> statement-breakpoint
ALTER TABLE "sinistre" ADD COLUMN "remboursement_a_recalculer_depuis" date;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_requalification_id_requalification_id_fk" FOREIGN KEY ("requalification_id") REFERENCES "public"."requalification"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_auteur_id_app_user_id_fk" FOREIGN KEY ("auteur_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_sinistre_idx" ON "decision" USING btree ("sinistre_id","created_at");--> statement-breakpoint
ALTER TABLE "arret" ADD CONSTRAINT "arret_origine_id_arret_id_fk" FOREIGN KEY ("origine_id") REFERENCES "public"."arret"("id") ON DELETE set null ON UPDATE no action;