import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { ZRegime } from '../contrats/contrats.schemas.js';
import {
  APPEL_NATURES,
  APPEL_OBJETS,
  APPEL_STATUTS,
  FRAIS_MODELES,
  LIGNE_NATURES,
  PERIODICITES,
  REGULARISATION_SENS,
} from './cotisations.rules.js';

const isoDate = (label: string) =>
  z.string({ error: `${label} : date obligatoire.` }).refine(isIsoDate, `${label} : date invalide (AAAA-MM-JJ).`);
const uuid = (label: string) => z.uuid({ error: `${label} : identifiant invalide.` });
const annee = z
  .number({ error: 'Indiquez l’année.' })
  .int('Année invalide.')
  .min(2000, 'Année invalide.')
  .max(2100, 'Année invalide.');
/** A rate in thousandths of a percent (0,400 % → 400), like the contracts' rates. */
const taux = (label: string) =>
  z
    .number({ error: `${label} : indiquez un taux.` })
    .int(`${label} : en millièmes de pour cent (0,400 % → 400).`)
    .min(0, `${label} : le taux ne peut être négatif.`)
    .max(10_000, `${label} : 10 % au plus.`);

export const ZPeriodicite = z.enum(PERIODICITES, { error: 'Périodicité : annuelle, semestrielle ou trimestrielle.' });

// -- CDG fee parameters

/** The CDG's management fee for a period: a fixed amount per CNRACL agent, or a % of the insured base. */
export const ZFraisParametreInput = z
  .object({
    du: isoDate('Du'),
    au: isoDate('Au').nullable().default(null),
    modele: z.enum(FRAIS_MODELES, { error: 'Modèle : forfait par agent CNRACL ou pourcentage de l’assiette.' }),
    /** Cents per CNRACL agent (seed 002: 7 000). */
    montantParAgent: z
      .number({ error: 'Montant par agent : un montant en centimes.' })
      .int('Montant par agent : un montant en centimes.')
      .min(0, 'Montant par agent : positif ou nul.')
      .max(10_000_000, 'Montant par agent : 100 000 € au plus.')
      .nullable()
      .default(null),
    tauxCnracl: taux('Taux CNRACL').nullable().default(null),
    tauxIrcantec: taux('Taux IRCANTEC').nullable().default(null),
    regularise: z.boolean({ error: 'Indiquez si les frais sont régularisés.' }).default(false),
    /** The fee has its own call (« frais de gestion »), payable to the CDG, instead of a line of the contribution call. */
    appelesSeparement: z.boolean({ error: 'Indiquez si les frais sont appelés séparément.' }).default(false),
  })
  .superRefine((p, ctx) => {
    if (p.au !== null && p.au < p.du)
      ctx.addIssue({ code: 'custom', path: ['au'], message: 'La fin de la période précède son début.' });
    if (p.modele === 'forfait_agent' && p.montantParAgent === null)
      ctx.addIssue({ code: 'custom', path: ['montantParAgent'], message: 'Indiquez le montant par agent CNRACL.' });
    if (p.modele === 'forfait_agent' && p.regularise)
      ctx.addIssue({
        code: 'custom',
        path: ['regularise'],
        message:
          'Le forfait par agent CNRACL n’est jamais régularisé : l’effectif est arrêté au premier jour de l’adhésion.',
      });
    if (p.modele === 'pourcentage_assiette' && p.tauxCnracl === null && p.tauxIrcantec === null)
      ctx.addIssue({ code: 'custom', path: ['tauxCnracl'], message: 'Indiquez le taux CNRACL ou IRCANTEC.' });
  });
export type TFraisParametreInput = z.input<typeof ZFraisParametreInput>;

/** Ending a period (or reopening it: `au` null) — the only change of a period once set. */
export const ZFraisFinInput = z.object({ au: isoDate('Au').nullable() });
export type TFraisFinInput = z.input<typeof ZFraisFinInput>;

export const ZFraisParametreOut = z.object({
  id: z.string(),
  du: z.string(),
  au: z.string().nullable(),
  modele: z.enum(FRAIS_MODELES),
  montantParAgent: z.number().int().nullable(),
  tauxCnracl: z.number().int().nullable(),
  tauxIrcantec: z.number().int().nullable(),
  regularise: z.boolean(),
  appelesSeparement: z.boolean(),
});
export type TFraisParametreOut = z.infer<typeof ZFraisParametreOut>;

// -- calls

/** Generate the draft call of a contract, collectivité and year from its base prévisionnelle. */
export const ZAppelGenerationInput = z.object({
  contratId: uuid('Contrat'),
  collectiviteId: uuid('Collectivité'),
  annee,
  periodicite: ZPeriodicite.default('annuelle'),
  /**
   * A mid-year adhesion: the délibération's date; the cover starts on the 1st of the next month.
   * Without it, the adhesion's date is the start of cover.
   */
  dateDeliberation: isoDate('Date de la délibération').nullable().default(null),
  /** CNRACL agents on the first day of the adhesion; counted from the agents when omitted. */
  effectifCnracl: z
    .number({ error: 'Effectif CNRACL : un nombre entier.' })
    .int('Effectif CNRACL : un nombre entier.')
    .min(0, 'Effectif CNRACL : positif ou nul.')
    .max(1_000_000)
    .nullable()
    .default(null),
});
export type TAppelGenerationInput = z.input<typeof ZAppelGenerationInput>;

/** The regularisation of a call once the base réelle is declared. */
export const ZRegularisationInput = z.object({
  dateEcheance: isoDate('Date d’échéance'),
});
export type TRegularisationInput = z.input<typeof ZRegularisationInput>;

export const ZLigneAppel = z.object({
  nature: z.enum(LIGNE_NATURES),
  code: z.string(),
  libelle: z.string(),
  assiette: z.number().int().nullable(),
  taux: z.number().int().nullable(),
  quantite: z.number().int().nullable(),
  prixUnitaire: z.number().int().nullable(),
  mois: z.number().int(),
  montant: z.number().int(),
});
export type TLigneAppel = z.infer<typeof ZLigneAppel>;

export const ZEcheance = z.object({
  rang: z.number().int(),
  du: z.string(),
  au: z.string(),
  dateEcheance: z.string(),
  montant: z.number().int(),
});
export type TEcheance = z.infer<typeof ZEcheance>;

export const ZAppelOut = z.object({
  id: z.string(),
  numero: z.string(),
  nature: z.enum(APPEL_NATURES),
  /** The contribution, or the CDG's fee called separately. */
  objet: z.enum(APPEL_OBJETS),
  sens: z.enum(REGULARISATION_SENS),
  annee: z.number().int(),
  collectivite: z.object({ id: z.string(), nom: z.string() }),
  contrat: z.object({ id: z.string(), numero: z.string(), libelle: z.string(), regime: ZRegime }),
  statut: z.enum(APPEL_STATUTS),
  periodicite: ZPeriodicite,
  debutCouverture: z.string(),
  mois: z.number().int(),
  dateDeliberation: z.string().nullable(),
  total: z.number().int(),
  encaisse: z.number().int(),
  /** The call a regularisation settles. */
  appelOrigine: z.object({ id: z.string(), numero: z.string() }).nullable(),
  creeLe: z.string(),
  controleLe: z.string().nullable(),
  emisLe: z.string().nullable(),
  annuleLe: z.string().nullable(),
});
export type TAppelOut = z.infer<typeof ZAppelOut>;

export const ZAppelDetail = ZAppelOut.extend({ lignes: z.array(ZLigneAppel), echeances: z.array(ZEcheance) });
export type TAppelDetail = z.infer<typeof ZAppelDetail>;

export const ZAppelsQuery = z.object({
  annee: z.coerce.number().int().min(2000, 'Année invalide.').max(2100, 'Année invalide.').optional(),
  statut: z.enum(APPEL_STATUTS, { error: 'Statut inconnu.' }).optional(),
  collectiviteId: uuid('Collectivité').optional(),
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export type TAppelsQuery = z.infer<typeof ZAppelsQuery>;

export const ZAppelsPage = z.object({
  items: z.array(ZAppelOut),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
});
export type TAppelsPage = z.infer<typeof ZAppelsPage>;

export const ZAnnulationInput = z.object({
  motif: z
    .string({ error: 'Motif de l’annulation : champ obligatoire.' })
    .trim()
    .min(1, 'Motif de l’annulation : champ obligatoire.')
    .max(500, 'Motif de l’annulation : 500 caractères au plus.'),
});
