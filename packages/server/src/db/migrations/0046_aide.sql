CREATE TABLE "faq_entree" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"module" text NOT NULL,
	"question" text NOT NULL,
	"reponse" text NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"recherche" text GENERATED ALWAYS AS (replace(replace(replace(replace(translate(question || ' ' || reponse, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸ', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyy'), 'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae')) STORED NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "faq_entree_module_check" CHECK ("faq_entree"."module" IN ('general', 'comptes', 'agents', 'base_assurance', 'sinistres', 'arrets', 'pieces', 'decomptes', 'cotisations', 'statistiques'))
);
--> statement-breakpoint
CREATE TABLE "guide_section" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"module" text NOT NULL,
	"titre" text NOT NULL,
	"contenu" text NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "guide_section_module_check" CHECK ("guide_section"."module" IN ('general', 'comptes', 'agents', 'base_assurance', 'sinistres', 'arrets', 'pieces', 'decomptes', 'cotisations', 'statistiques'))
);
--> statement-breakpoint
ALTER TABLE "faq_entree" ADD CONSTRAINT "faq_entree_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_section" ADD CONSTRAINT "guide_section_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_entree_ordre_idx" ON "faq_entree" USING btree ("ordre","id");--> statement-breakpoint
CREATE INDEX "faq_entree_recherche_trgm_idx" ON "faq_entree" USING gin ("recherche" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "guide_section_ordre_idx" ON "guide_section" USING btree ("module","ordre","id");