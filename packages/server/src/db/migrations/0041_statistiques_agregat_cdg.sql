CREATE TABLE "statistiques_agregat_cdg" (
	"cdg_id" uuid NOT NULL,
	"annee_debut" integer NOT NULL,
	"annee_fin" integer NOT NULL,
	"strates" jsonb NOT NULL,
	"calcule_le" timestamp with time zone NOT NULL,
	CONSTRAINT "statistiques_agregat_cdg_cdg_id_annee_debut_annee_fin_pk" PRIMARY KEY("cdg_id","annee_debut","annee_fin")
);
--> statement-breakpoint
ALTER TABLE "statistiques_agregat_cdg" ADD CONSTRAINT "statistiques_agregat_cdg_cdg_id_cdg_id_fk" FOREIGN KEY ("cdg_id") REFERENCES "public"."cdg"("id") ON DELETE cascade ON UPDATE no action;