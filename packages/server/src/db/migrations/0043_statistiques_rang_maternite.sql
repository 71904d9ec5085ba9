-- statutis:custom-begin
-- The aggregates are recomputed from their inputs, with both maternity options, their CDG, their line
-- and their rank: the next run of the marked refresh computes every collectivité of a CDG that has none.
DELETE FROM "statistiques_agregat";--> statement-breakpoint
DELETE FROM "statistiques_agregat_cdg";--> statement-breakpoint
-- statutis:custom-end
ALTER TABLE "statistiques_agregat" DROP CONSTRAINT "statistiques_agregat_annee_debut_annee_fin_collectivite_id_pk";--> statement-breakpoint
ALTER TABLE "statistiques_agregat_cdg" DROP CONSTRAINT "statistiques_agregat_cdg_cdg_id_annee_debut_annee_fin_pk";--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD COLUMN "maternite" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD COLUMN "cdg_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD COLUMN "ligne" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD COLUMN "rang" integer;--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD COLUMN "sur" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "statistiques_agregat_cdg" ADD COLUMN "maternite" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD CONSTRAINT "statistiques_agregat_annee_debut_annee_fin_maternite_collectivite_id_pk" PRIMARY KEY("annee_debut","annee_fin","maternite","collectivite_id");--> statement-breakpoint
ALTER TABLE "statistiques_agregat_cdg" ADD CONSTRAINT "statistiques_agregat_cdg_cdg_id_annee_debut_annee_fin_maternite_pk" PRIMARY KEY("cdg_id","annee_debut","annee_fin","maternite");--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD CONSTRAINT "statistiques_agregat_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistiques_agregat_cdg_idx" ON "statistiques_agregat" USING btree ("cdg_id","annee_debut","annee_fin","maternite");--> statement-breakpoint
ALTER TABLE "statistiques_agregat" ADD CONSTRAINT "statistiques_agregat_maternite_check" CHECK ("statistiques_agregat"."maternite" IN ('exclue', 'incluse'));--> statement-breakpoint
ALTER TABLE "statistiques_agregat_cdg" ADD CONSTRAINT "statistiques_agregat_cdg_maternite_check" CHECK ("statistiques_agregat_cdg"."maternite" IN ('exclue', 'incluse'));