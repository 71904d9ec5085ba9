import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { parseEuros } from '../common/money.js';
import { zIban } from '../reglements/reglements.schemas.js';
import {
  checkDateSoins,
  FRAIS_BENEFICIAIRES,
  FRAIS_NATURES,
  FRAIS_STATUTS,
  montantRetenu,
} from './frais-medicaux.rules.js';

/** The largest invoice accepted: 1 000 000,00 € (a typing error beyond). */
export const FRAIS_MONTANT_MAX = 100_000_000;
/** An invoice: PDF, JPEG or PNG, as the pieces. */
export const FRAIS_FACTURE_MAX_BYTES = 10 * 1024 * 1024;

/** An amount typed as French users type it (« 1 234,56 », « 80 € »), to cents. */
const montantSaisi = (libelle: string, min: number) =>
  z
    .string({ error: `${libelle} : indiquez un montant.` })
    .trim()
    .min(1, `${libelle} : indiquez un montant.`)
    .transform((text, ctx) => {
      const cents = parseEuros(text);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: `${libelle} : saisissez un montant en euros, par exemple 1 234,56.` });
        return z.NEVER;
      }
      if (cents < min) {
        ctx.addIssue({
          code: 'custom',
          message:
            min > 0
              ? `${libelle} : le montant doit être supérieur à 0.`
              : `${libelle} : le montant ne peut être négatif.`,
        });
        return z.NEVER;
      }
      if (cents > FRAIS_MONTANT_MAX) {
        ctx.addIssue({ code: 'custom', message: `${libelle} : 1 000 000,00 € au plus par facture.` });
        return z.NEVER;
      }
      return cents;
    });

const ZIbanPraticien = zIban('IBAN du praticien');

const texte = (libelle: string, max: number) =>
  z
    .string({ error: `${libelle} : champ obligatoire.` })
    .trim()
    .min(1, `${libelle} : champ obligatoire.`)
    .max(max, `${libelle} : ${max} caractères au plus.`);

/**
 * The fields of the invoice form (multipart: text fields, then « fichier »). Dates and amounts are
 * text as typed; the date's bounds need the sinistre: `fraisMedicalSaisie(context)`.
 */
export const ZFraisMedicalSaisie = z
  .object({
    dateSoins: z
      .string({ error: 'Date des soins : champ obligatoire.' })
      .refine(isIsoDate, 'Date des soins : saisissez une date valide (JJ/MM/AAAA).'),
    nature: z.enum(FRAIS_NATURES, {
      error:
        'Nature des soins : choisissez consultation, pharmacie, kinésithérapie, hospitalisation, transport, appareillage ou autre.',
    }),
    prestataire: texte('Praticien ou établissement', 200),
    montantFacture: montantSaisi('Montant facturé', 1),
    /** What the agent's own cover already paid (mutuelle, CPAM for a contractuel); empty means nothing. */
    montantPrisEnCharge: z
      .union([z.literal(''), montantSaisi('Déjà pris en charge', 0)])
      .optional()
      .transform((v) => (typeof v === 'number' ? v : 0)),
    beneficiaire: z.enum(FRAIS_BENEFICIAIRES, {
      error: 'À qui rembourser : choisissez la collectivité ou le praticien.',
    }),
    beneficiaireNom: z.string().trim().max(200, 'Nom du praticien à payer : 200 caractères au plus.').optional(),
    beneficiaireIban: z.string().optional(),
  })
  .transform((v, ctx) => {
    if (v.montantPrisEnCharge > v.montantFacture)
      ctx.addIssue({
        code: 'custom',
        path: ['montantPrisEnCharge'],
        message: 'Déjà pris en charge : ne peut dépasser le montant facturé.',
      });
    let beneficiaireNom: string | null = null;
    let beneficiaireIban: string | null = null;
    if (v.beneficiaire === 'praticien') {
      if (!v.beneficiaireNom)
        ctx.addIssue({
          code: 'custom',
          path: ['beneficiaireNom'],
          message: 'Nom du praticien à payer : champ obligatoire pour un paiement direct.',
        });
      beneficiaireNom = v.beneficiaireNom || null;
      const iban = ZIbanPraticien.safeParse(v.beneficiaireIban ?? '');
      if (iban.success) beneficiaireIban = iban.data;
      else ctx.addIssue({ code: 'custom', path: ['beneficiaireIban'], message: iban.error.issues[0]!.message });
    }
    return {
      dateSoins: v.dateSoins,
      nature: v.nature,
      prestataire: v.prestataire,
      montantFacture: v.montantFacture,
      montantPrisEnCharge: v.montantPrisEnCharge,
      montantRetenu: montantRetenu(v.montantFacture, v.montantPrisEnCharge),
      beneficiaire: v.beneficiaire,
      beneficiaireNom,
      beneficiaireIban,
    };
  });
export type TFraisMedicalSaisie = z.output<typeof ZFraisMedicalSaisie>;

/** The same form, with the date of care between the sinistre and today. */
export const fraisMedicalSaisie = (context: { aujourdhui: string; dateSurvenance: string }) =>
  ZFraisMedicalSaisie.superRefine((v, ctx) => {
    for (const p of checkDateSoins(v.dateSoins, context))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

/** The gestionnaire's decision: validate, or refuse with a motif the employer reads. */
export const ZFraisMedicalDecision = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('valider') }),
    z.strictObject({
      action: z.literal('refuser'),
      motif: texte('Motif du refus', 500),
    }),
  ],
  { error: 'Choisissez : valider ou refuser.' },
);
export type TFraisMedicalDecision = z.infer<typeof ZFraisMedicalDecision>;

export const ZFraisMedical = z.object({
  id: z.uuid(),
  sinistreId: z.uuid(),
  dateSoins: z.string(),
  nature: z.enum(FRAIS_NATURES),
  /** Masked for those who do not see medical data (a practitioner's name tells the care). */
  prestataire: z.string(),
  montantFacture: z.number().int(),
  montantPrisEnCharge: z.number().int(),
  montantRetenu: z.number().int(),
  beneficiaire: z.enum(FRAIS_BENEFICIAIRES),
  beneficiaireNom: z.string().nullable(),
  /** Printed as on a RIB (« FR76 3000 … »). */
  beneficiaireIban: z.string().nullable(),
  statut: z.enum(FRAIS_STATUTS),
  motifRefus: z.string().nullable(),
  facture: z.object({ nom: z.string(), taille: z.number().int(), telechargeable: z.boolean() }),
  saisiPar: z.string(),
  saisiLe: z.string(),
  decidePar: z.string().nullable(),
  decideLe: z.string().nullable(),
  /** Already carried by a décompte. */
  regle: z.boolean(),
});
export type TFraisMedical = z.infer<typeof ZFraisMedical>;

/** Cents per status, over every fee of the sinistre (not only the page). */
export const ZFraisMedicauxTotaux = z.object({
  facture: z.number().int(),
  retenuValide: z.number().int(),
  retenuEnAttente: z.number().int(),
  nombre: z.number().int(),
  enAttente: z.number().int(),
});

export const ZFraisMedicauxPage = z.object({
  items: z.array(ZFraisMedical),
  totaux: ZFraisMedicauxTotaux,
  /** The cursor of the next page, null on the last. */
  suivant: z.string().nullable(),
});
export type TFraisMedicauxPage = z.infer<typeof ZFraisMedicauxPage>;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const cle = (pattern: string) =>
  z
    .string()
    .regex(new RegExp(`^${pattern}_${UUID}$`), 'Clé de page invalide.')
    .optional();

/** Keyset pages of a sinistre's fees: newest care first; the key is « date_id » of the last row. */
export const ZFraisMedicauxQuery = z.object({ apres: cle('\\d{4}-\\d{2}-\\d{2}') });
/** Keyset pages of the fees to decide: oldest entered first; the key is « instant_id » of the last row. */
export const ZFraisAValiderQuery = z.object({ apres: cle('\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z') });

/** The back office's list of fees waiting for a decision, over the organisation's collectivités. */
export const ZFraisAValider = ZFraisMedical.extend({
  collectiviteNom: z.string(),
  sinistreNumero: z.string(),
  agentNom: z.string(),
  agentPrenom: z.string(),
});
export const ZFraisAValiderPage = z.object({ items: z.array(ZFraisAValider), suivant: z.string().nullable() });
export type TFraisAValiderPage = z.infer<typeof ZFraisAValiderPage>;
