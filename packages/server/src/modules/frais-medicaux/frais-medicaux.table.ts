import { FRAIS_BENEFICIAIRES, FRAIS_NATURES, FRAIS_STATUTS } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { decompte } from '../reglements/reglements.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/**
 * A medical fee of a CITIS sinistre: one invoice, its file, what is reimbursed and to whom. Amounts
 * in cents. `decompte_id` is set by the décompte that pays it (issue 10's décomptes); until then the
 * fee is « unpaid ».
 */
export const fraisMedical = pgTable(
  'frais_medical',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    dateSoins: date('date_soins', { mode: 'string' }).notNull(),
    nature: text('nature').notNull(),
    prestataire: text('prestataire').notNull(),
    montantFacture: bigint('montant_facture', { mode: 'number' }).notNull(),
    montantPrisEnCharge: bigint('montant_pris_en_charge', { mode: 'number' }).notNull().default(0),
    montantRetenu: bigint('montant_retenu', { mode: 'number' }).notNull(),
    beneficiaire: text('beneficiaire').notNull(),
    beneficiaireNom: text('beneficiaire_nom'),
    /** Electronic format, checked by the domain (ibantools) before it is stored. */
    beneficiaireIban: text('beneficiaire_iban'),
    statut: text('statut').notNull().default('saisie'),
    motifRefus: text('motif_refus'),
    // The invoice: stored as the pieces are (content checked, behind the storage interface).
    factureNom: text('facture_nom').notNull(),
    factureMime: text('facture_mime').notNull(),
    factureStorageKey: text('facture_storage_key').notNull(),
    factureSha256: text('facture_sha256').notNull(),
    factureTaille: integer('facture_taille').notNull(),
    saisiPar: uuid('saisi_par'),
    /** As the employer reads it (`signature`): the name, and the organisation for staff. */
    saisiParLibelle: text('saisi_par_libelle').notNull(),
    createdAt: ts('created_at').notNull(),
    decidePar: uuid('decide_par'),
    decideParLibelle: text('decide_par_libelle'),
    decideLe: ts('decide_le'),
    decompteId: uuid('decompte_id').references(() => decompte.id),
  },
  (t) => [
    // The sinistre's list, newest care first, a page at a time.
    index('frais_medical_sinistre_idx').on(t.sinistreId, t.dateSoins.desc(), t.id.desc()),
    // The back office's fees to decide, oldest first.
    index('frais_medical_a_valider_idx').on(t.createdAt, t.id).where(sql`${t.statut} = 'saisie'`),
    check('frais_medical_nature_check', oneOf(t.nature, FRAIS_NATURES)),
    check('frais_medical_statut_check', oneOf(t.statut, FRAIS_STATUTS)),
    check('frais_medical_beneficiaire_check', oneOf(t.beneficiaire, FRAIS_BENEFICIAIRES)),
    check(
      'frais_medical_montants_check',
      sql`${t.montantFacture} > 0 AND ${t.montantPrisEnCharge} >= 0 AND ${t.montantPrisEnCharge} <= ${t.montantFacture} AND ${t.montantRetenu} = ${t.montantFacture} - ${t.montantPrisEnCharge}`,
    ),
    // A practitioner paid directly has a name and an IBAN; the collectivité needs neither.
    check(
      'frais_medical_praticien_check',
      sql`(${t.beneficiaire} = 'praticien') = (${t.beneficiaireNom} IS NOT NULL AND ${t.beneficiaireIban} IS NOT NULL)`,
    ),
    check('frais_medical_refus_check', sql`(${t.statut} = 'refusee') = (${t.motifRefus} IS NOT NULL)`),
    check('frais_medical_decision_check', sql`(${t.statut} = 'saisie') = (${t.decideLe} IS NULL)`),
    // Only a validated fee is paid.
    check('frais_medical_decompte_check', sql`${t.decompteId} IS NULL OR ${t.statut} = 'validee'`),
  ],
);
