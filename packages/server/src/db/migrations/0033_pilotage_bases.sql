CREATE TABLE "relance_base" (
	"collectivite_id" uuid NOT NULL,
	"annee" integer NOT NULL,
	"envoyee_le" timestamp with time zone NOT NULL,
	"destinataires" integer NOT NULL,
	CONSTRAINT "relance_base_collectivite_id_annee_pk" PRIMARY KEY("collectivite_id","annee")
);
--> statement-breakpoint
ALTER TABLE "collectivite" ADD COLUMN "tri" text GENERATED ALWAYS AS (replace(replace(replace(replace(translate(nom, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸ', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyy'), 'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "relance_base" ADD CONSTRAINT "relance_base_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collectivite_cdg_tri_idx" ON "collectivite" USING btree ("cdg_id","tri" COLLATE "C","id");