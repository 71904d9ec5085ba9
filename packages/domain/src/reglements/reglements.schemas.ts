import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { RISQUES } from '../contrats/contrats.schemas.js';
import {
  BENEFICIAIRES,
  bicValide,
  DECOMPTE_NATURES,
  DECOMPTE_STATUTS,
  ibanSepa,
  normaliserIban,
  REGLEMENT_STATUTS,
} from './reglements.rules.js';

const isoDate = (label: string) =>
  z.string({ error: `${label} : date obligatoire.` }).refine(isIsoDate, `${label} : date invalide (AAAA-MM-JJ).`);
const uuid = (label: string) => z.uuid({ error: `${label} : identifiant invalide.` });

/** An IBAN typed as the user likes (spaces, lower case), stored in its electronic form; `label` names the field. */
export const zIban = (label: string) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, `${label} : champ obligatoire.`)
    .transform((v, ctx) => {
      const iban = normaliserIban(v);
      if (!iban) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).`,
        });
        return z.NEVER;
      }
      if (!ibanSepa(iban)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Ce compte n’est pas dans la zone SEPA : un virement SEPA est impossible.',
        });
        return z.NEVER;
      }
      return iban;
    });

export const ZIban = zIban('IBAN');

export const ZBic = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || bicValide(v), 'BIC invalide : 8 ou 11 caractères (ex. AGRIFRPP ou AGRIFRPP882).')
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

const titulaire = z
  .string({ error: 'Titulaire du compte : champ obligatoire.' })
  .trim()
  .min(1, 'Titulaire du compte : champ obligatoire.')
  .max(70, 'Titulaire du compte : 70 caractères au plus (limite d’un virement SEPA).');

/** The collectivité's bank account, where its reimbursements are paid. */
export const ZCoordonneesBancairesInput = z.object({ iban: ZIban, bic: ZBic, titulaire });
export type TCoordonneesBancairesInput = z.input<typeof ZCoordonneesBancairesInput>;
export type TCoordonneesBancaires = z.output<typeof ZCoordonneesBancairesInput>;

export const ZCoordonneesBancairesOut = z.object({
  iban: z.string().nullable(),
  /** « FR76 3000 6000 0112 3456 7890 189 » */
  ibanAffiche: z.string().nullable(),
  bic: z.string().nullable(),
  titulaire: z.string().nullable(),
});
export type TCoordonneesBancairesOut = z.infer<typeof ZCoordonneesBancairesOut>;

/** The paying organisation's settings: its four-eyes threshold and the account transfers leave from. */
export const ZParametresPaiementInput = z.object({
  seuilQuatreYeux: z
    .number({ error: 'Seuil de double validation : un montant en centimes.' })
    .int('Seuil de double validation : un montant en centimes.')
    .min(0, 'Seuil de double validation : positif ou nul.')
    .nullable(),
  iban: ZIban,
  bic: ZBic,
  titulaire,
});
export type TParametresPaiementInput = z.input<typeof ZParametresPaiementInput>;
export const ZParametresPaiementOut = z.object({
  seuilQuatreYeux: z.number().int().nullable(),
  compte: ZCoordonneesBancairesOut,
});
export type TParametresPaiementOut = z.infer<typeof ZParametresPaiementOut>;

// -- décomptes

export const ZLigneDecompte = z.object({
  /** « 2026-03 » */
  mois: z.string(),
  /** The insured element (tbi, nbi, sft, …) or « frais » for medical fees. */
  element: z.string(),
  trentiemes: z.number().int(),
  /** Pay fraction in thousandths: 1000 full pay, 900, 500, 0. */
  fraction: z.number().int(),
  montant: z.number().int(),
  /** What a line of medical fees pays, in French (« Consultation, visite du 14/10/2026 »). */
  libelle: z.string().optional(),
});
export type TLigneDecompte = z.infer<typeof ZLigneDecompte>;

export const ZDecompteOut = z.object({
  id: z.string(),
  numero: z.string(),
  sinistre: z.object({ id: z.string(), numero: z.string(), categorie: z.enum(RISQUES) }),
  agent: z.object({ id: z.string(), nom: z.string(), prenom: z.string() }),
  periode: z.object({ du: z.string(), au: z.string() }),
  version: z.number().int(),
  statut: z.enum(DECOMPTE_STATUTS),
  nature: z.enum(DECOMPTE_NATURES),
  beneficiaire: z.enum(BENEFICIAIRES),
  praticien: z.string().nullable(),
  montant: z.number().int(),
  dejaRegle: z.number().int(),
  aRegler: z.number().int(),
  joursFranchise: z.number().int(),
  joursCarence: z.number().int(),
  ijss: z.number().int(),
  lignes: z.array(ZLigneDecompte),
  calculeLe: z.string(),
  valideLe: z.string().nullable(),
  reglementId: z.string().nullable(),
});
export type TDecompteOut = z.infer<typeof ZDecompteOut>;

// -- règlements

export const ZReglementOut = z.object({
  id: z.string(),
  numero: z.string(),
  collectivite: z.object({ id: z.string(), nom: z.string() }),
  periode: z.object({ du: z.string(), au: z.string() }),
  statut: z.enum(REGLEMENT_STATUTS),
  beneficiaire: z.enum(BENEFICIAIRES),
  montant: z.number().int(),
  nombreDecomptes: z.number().int(),
  compte: ZCoordonneesBancairesOut,
  approbationsRequises: z.number().int(),
  validePar: z.string().nullable(),
  approuvePar: z.string().nullable(),
  motifRejet: z.string().nullable(),
  remplaceNumero: z.string().nullable(),
  virementId: z.string().nullable(),
  creeLe: z.string(),
  miseEnPaiementLe: z.string().nullable(),
  payeLe: z.string().nullable(),
});
export type TReglementOut = z.infer<typeof ZReglementOut>;

export const ZReglementDetail = ZReglementOut.extend({ decomptes: z.array(ZDecompteOut) });
export type TReglementDetail = z.infer<typeof ZReglementDetail>;

export const ZReglementsPage = z.object({
  items: z.array(ZReglementOut),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
});
export type TReglementsPage = z.infer<typeof ZReglementsPage>;

/** Filters of « Vos règlements » and of the back office's list. */
export const ZReglementsQuery = z.object({
  du: isoDate('Du').optional(),
  au: isoDate('Au').optional(),
  agentId: uuid('Agent').optional(),
  sinistreId: uuid('Sinistre').optional(),
  categorie: z.enum(RISQUES, { error: 'Catégorie inconnue.' }).optional(),
  statut: z.enum(REGLEMENT_STATUTS, { error: 'Statut inconnu.' }).optional(),
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export type TReglementsQuery = z.infer<typeof ZReglementsQuery>;

const periode = z
  .object({ du: isoDate('Du'), au: isoDate('Au') })
  .refine((p) => p.au >= p.du, { path: ['au'], message: 'La fin de la période précède son début.' });

/** A payment run for a period: one règlement per collectivité (and per practitioner paid directly). */
export const ZReglementRunInput = periode;
export type TReglementRunInput = z.infer<typeof ZReglementRunInput>;

export const ZReglementRunOut = z.object({
  crees: z.array(ZReglementOut),
  /** Collectivités whose balance is zero or negative: nothing is transferred, the credit is carried. */
  reportes: z.array(z.object({ collectivite: z.object({ id: z.string(), nom: z.string() }), solde: z.number().int() })),
});
export type TReglementRunOut = z.infer<typeof ZReglementRunOut>;

export const ZMiseEnPaiementInput = z.object({
  reglementIds: z
    .array(uuid('Règlement'), { error: 'Choisissez les règlements à mettre en paiement.' })
    .min(1, 'Choisissez au moins un règlement.')
    .max(500, '500 règlements au plus par virement.'),
  dateExecution: isoDate('Date d’exécution'),
});
export type TMiseEnPaiementInput = z.infer<typeof ZMiseEnPaiementInput>;

export const ZVirementOut = z.object({
  id: z.string(),
  messageId: z.string(),
  nombre: z.number().int(),
  montant: z.number().int(),
  dateExecution: z.string(),
});
export type TVirementOut = z.infer<typeof ZVirementOut>;

export const ZRejetInput = z.object({
  motif: z
    .string({ error: 'Motif du rejet : champ obligatoire.' })
    .trim()
    .min(1, 'Motif du rejet : champ obligatoire.')
    .max(500, 'Motif du rejet : 500 caractères au plus.'),
});
export type TRejetInput = z.infer<typeof ZRejetInput>;

/** The back office's « Décomptes à valider »: those computed and waiting, oldest first, 20 per page. */
export const ZDecomptesAValiderQuery = z.object({
  statut: z
    .enum(['calcule'], { error: 'Statut : seuls les décomptes calculés attendent une validation.' })
    .default('calcule'),
  collectiviteId: uuid('Collectivité').optional(),
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export type TDecomptesAValiderQuery = z.infer<typeof ZDecomptesAValiderQuery>;

export const ZDecompteAValider = z.object({
  id: z.string(),
  numero: z.string(),
  collectivite: z.object({ id: z.string(), nom: z.string() }),
  sinistre: z.object({ id: z.string(), numero: z.string(), categorie: z.enum(RISQUES) }),
  agent: z.object({ nom: z.string(), prenom: z.string() }),
  periode: z.object({ du: z.string(), au: z.string() }),
  version: z.number().int(),
  /** Cents: what the period is worth by this version. */
  montant: z.number().int(),
  /** Cents: what this version pays, the regularisation for a version ≥ 2 (negative: a credit). */
  aRegler: z.number().int(),
  calculeLe: z.string(),
});
export type TDecompteAValider = z.infer<typeof ZDecompteAValider>;

export const ZDecomptesAValiderPage = z.object({
  items: z.array(ZDecompteAValider),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
});
export type TDecomptesAValiderPage = z.infer<typeof ZDecomptesAValiderPage>;
