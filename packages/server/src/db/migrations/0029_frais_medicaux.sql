CREATE TABLE "frais_medical" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collectivite_id" uuid NOT NULL,
	"sinistre_id" uuid NOT NULL,
	"date_soins" date NOT NULL,
	"nature" text NOT NULL,
	"prestataire" text NOT NULL,
	"montant_facture" bigint NOT NULL,
	"montant_pris_en_charge" bigint DEFAULT 0 NOT NULL,
	"montant_retenu" bigint NOT NULL,
	"beneficiaire" text NOT NULL,
	"beneficiaire_nom" text,
	"beneficiaire_iban" text,
	"statut" text DEFAULT 'saisie' NOT NULL,
	"motif_refus" text,
	"facture_nom" text NOT NULL,
	"facture_mime" text NOT NULL,
	"facture_storage_key" text NOT NULL,
	"facture_sha256" text NOT NULL,
	"facture_taille" integer NOT NULL,
	"saisi_par" uuid,
	"saisi_par_libelle" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decide_par" uuid,
	"decide_par_libelle" text,
	"decide_le" timestamp with time zone,
	"decompte_id" uuid,
	CONSTRAINT "frais_medical_nature_check" CHECK ("frais_medical"."nature" IN ('consultation', 'pharmacie', 'kinesitherapie', 'hospitalisation', 'transport', 'appareillage', 'autre')),
	CONSTRAINT "frais_medical_statut_check" CHECK ("frais_medical"."statut" IN ('saisie', 'validee', 'refusee')),
	CONSTRAINT "frais_medical_beneficiaire_check" CHECK ("frais_medical"."beneficiaire" IN ('collectivite', 'praticien')),
	CONSTRAINT "frais_medical_montants_check" CHECK ("frais_medical"."montant_facture" > 0 AND "frais_medical"."montant_pris_en_charge" >= 0 AND "frais_medical"."montant_pris_en_charge" <= "frais_medical"."montant_facture" AND "frais_medical"."montant_retenu" = "frais_medical"."montant_facture" - "frais_medical"."montant_pris_en_charge"),
	CONSTRAINT "frais_medical_praticien_check" CHECK (("frais_medical"."beneficiaire" = 'praticien') = ("frais_medical"."beneficiaire_nom" IS NOT NULL AND "frais_medical"."beneficiaire_iban" IS NOT NULL)),
	CONSTRAINT "frais_medical_refus_check" CHECK (("frais_medical"."statut" = 'refusee') = ("frais_medical"."motif_refus" IS NOT NULL)),
	CONSTRAINT "frais_medical_decision_check" CHECK (("frais_medical"."statut" = 'saisie') = ("frais_medical"."decide_le" IS NULL)),
	CONSTRAINT "frais_medical_decompte_check" CHECK ("frais_medical"."decompte_id" IS NULL OR "frais_medical"."statut" = 'validee')
);
--> statement-breakpoint
ALTER TABLE "frais_medical" ADD CONSTRAINT "frais_medical_collectivite_id_collectivite_id_fk" FOREIGN KEY ("collectivite_id") REFERENCES "public"."collectivite"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frais_medical" ADD CONSTRAINT "frais_medical_sinistre_id_sinistre_id_fk" FOREIGN KEY ("sinistre_id") REFERENCES "public"."sinistre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frais_medical" ADD CONSTRAINT "frais_medical_decompte_id_decompte_id_fk" FOREIGN KEY ("decompte_id") REFERENCES "public"."decompte"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "frais_medical_sinistre_idx" ON "frais_medical" USING btree ("sinistre_id","date_soins" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "frais_medical_a_valider_idx" ON "frais_medical" USING btree ("created_at","id") WHERE "frais_medical"."statut" = 'saisie';