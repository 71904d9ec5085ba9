import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { zListQuery, zPage } from '../common/pagination.js';
import { risquesParRegime, type TGarantie, type TRegime, type TRisque, ZRisque } from '../contrats/contrats.schemas.js';
import { ZEcheanceDossier } from '../echeances/echeances.schemas.js';
import { ARRET_TYPES } from './arrets.rules.js';
import { ENQUETE_NATURES, IMPUTABILITE_DECISIONS } from './enquete.schemas.js';
import { SINISTRE_STATUTS } from './sinistres.status.js';

/** The enquête as stored and shown (ZEnquete validates the input). */
const ZEnqueteOut = z.object({
  nature: z.enum(ENQUETE_NATURES),
  date: z.string(),
  heure: z.string(),
  lieu: z.string(),
  horaires: z.string(),
  tache: z.string(),
  circonstances: z.string(),
  /** Medical: empty, like natureLesions null, for those who may not read them (`medicalMasque`). */
  sieges: z.array(z.string()),
  natureLesions: z.string().nullable(),
  medicalMasque: z.boolean(),
  temoins: z.array(z.object({ nom: z.string(), prenom: z.string().nullable(), coordonnees: z.string().nullable() })),
  doute: z.boolean(),
  motifDoute: z.string().nullable(),
});

const isoDate = (message: string) => z.string({ error: message }).refine(isIsoDate, message);

/** The categories a sinistre of this agent may take: his regime's, covered by the contract (domain §3). */
export function categoriesAutorisees(
  regime: TRegime,
  garanties: readonly Pick<TGarantie, 'risque' | 'couvert'>[],
): TRisque[] {
  const couverts = new Set(garanties.filter((g) => g.couvert).map((g) => g.risque));
  return risquesParRegime[regime].filter((r) => couverts.has(r));
}

export const ZSinistreCreate = z.object({
  agentId: z.uuid({ error: 'Choisissez l’agent.' }),
  categorie: ZRisque,
  dateSurvenance: isoDate('Date de survenance invalide.'),
  tiersImplique: z.boolean(),
  /** Recours contre tiers: who, insurer, reference — free text, required when a third party is involved. */
  recoursTiers: z.string().trim().max(2000).nullable().optional(),
  commentaire: z.string().trim().max(4000).nullable().optional(),
  /** The user saw the warning that this agent already has a sinistre on that date, and declares anyway. */
  confirmerDoublon: z.boolean().optional(),
});
export type TSinistreCreate = z.input<typeof ZSinistreCreate>;

const salaireCents = (label: string) =>
  z
    .number({ error: `${label} : indiquez un montant.` })
    .int(`${label} : montant en centimes entiers.`)
    .min(0, `${label} : le montant ne peut être négatif.`)
    .max(10_000_000, `${label} : montant mensuel trop élevé.`)
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/**
 * Monthly salary for the arrêt's period, in cents. Only the elements insured in the base de
 * l'assurance may be filled; « ne pas proratiser » takes the amounts as they are for the period.
 */
export const ZSalaire = z.object({
  tbi: salaireCents('TBI'),
  nbi: salaireCents('NBI'),
  sft: salaireCents('SFT'),
  ir: salaireCents('IR'),
  ri: salaireCents('RI'),
  cp: salaireCents('CP'),
  nePasProratiser: z.boolean().default(false),
});
export type TSalaireInput = z.input<typeof ZSalaire>;
export type TSalaire = z.output<typeof ZSalaire>;
export const SALAIRE_ELEMENTS = ['tbi', 'nbi', 'sft', 'ir', 'ri', 'cp'] as const;
export type TSalaireElement = (typeof SALAIRE_ELEMENTS)[number];

/** No salary element given: an arrêt declared without its salary data. */
export const salaireVide = (): TSalaire => ({
  tbi: null,
  nbi: null,
  sft: null,
  ir: null,
  ri: null,
  cp: null,
  nePasProratiser: false,
});

/** Quotités of a temps partiel thérapeutique, in percent of full time. */
export const QUOTITES_TPT = [50, 60, 70, 80, 90] as const;

/**
 * What the reimbursement engine reads from a certificate beyond its dates: when the employer
 * received it (an arrêt sent more than 2 days after its start is « sent late », domain §6.1.10), and
 * whether it is related to a pregnancy or to an affection de longue durée (no jour de carence, §6.1.3).
 */
const ZArretCertificatShape = {
  certificatRecuLe: isoDate('Date de réception du certificat invalide.')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  grossesse: z.boolean().optional().default(false),
  ald: z.boolean().optional().default(false),
};
export const ZArretCertificat = z.object(ZArretCertificatShape);
export type TArretCertificatInput = z.input<typeof ZArretCertificat>;
export type TArretCertificat = z.output<typeof ZArretCertificat>;

export const ZArretCreate = z
  .object({
    type: z.enum(ARRET_TYPES, { error: 'Choisissez : arrêt initial, prolongation ou rechute.' }),
    debut: isoDate('Date de début invalide.'),
    fin: isoDate('Date de fin invalide.'),
    reprise: isoDate('Date de reprise invalide.').nullable().optional(),
    /** Temps partiel thérapeutique: the quotité worked, in percent. */
    quotiteTpt: z
      .number({ error: 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.' })
      .int()
      .refine((q) => (QUOTITES_TPT as readonly number[]).includes(q), 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.')
      .nullable()
      .optional(),
    salaire: ZSalaire.optional(),
    /** A reprise inside the period shortens the arrêt: the user saw what changes and confirms. */
    confirmerReprise: z.boolean().optional(),
  })
  .extend(ZArretCertificatShape);
export type TArretCreate = z.input<typeof ZArretCreate>;

export const ZReprise = z.object({
  date: isoDate('Date de reprise invalide.'),
  /** A reprise before the end of the last arrêt shortens it: the user saw what changes and confirms. */
  confirmer: z.boolean().optional(),
});

export const ZRequalificationCreate = z.object({
  vers: ZRisque,
  motif: z
    .string({ error: 'Motif : champ obligatoire.' })
    .trim()
    .min(3, 'Motif : expliquez la demande.')
    .max(4000, 'Motif : 4 000 caractères au plus.'),
});
export const REQUALIFICATION_STATUTS = ['demandee', 'acceptee', 'refusee'] as const;
export const ZRequalification = z.object({
  id: z.uuid(),
  de: ZRisque,
  vers: ZRisque,
  motif: z.string(),
  statut: z.enum(REQUALIFICATION_STATUTS),
  demandeLe: z.string(),
  demandePar: z.string(),
});

export const ZCommentaireCreate = z.object({
  texte: z
    .string({ error: 'Le commentaire est vide.' })
    .trim()
    .min(1, 'Le commentaire est vide.')
    .max(4000, 'Commentaire : 4 000 caractères au plus.'),
});
export const ZCommentaire = z.object({
  id: z.uuid(),
  auteur: z.string(),
  /** Written by a handler (gestionnaire), not by the collectivité. */
  gestion: z.boolean(),
  texte: z.string(),
  creeLe: z.string(),
  /** Unread: a handler's comment the collectivité has not opened yet. */
  nonLu: z.boolean(),
});

export const ZArret = z.object({
  id: z.uuid(),
  type: z.enum(ARRET_TYPES),
  debut: z.string(),
  fin: z.string(),
  reprise: z.string().nullable(),
  /** The end written on the certificate; later than `fin` when a reprise shortened the arrêt. */
  finCertificat: z.string(),
  jours: z.number(),
  horsDelai: z.boolean(),
  declareLe: z.string(),
  quotiteTpt: z.number().nullable(),
  salaire: z.object({
    tbi: z.number().nullable(),
    nbi: z.number().nullable(),
    sft: z.number().nullable(),
    ir: z.number().nullable(),
    ri: z.number().nullable(),
    cp: z.number().nullable(),
  }),
  nePasProratiser: z.boolean(),
  certificatRecuLe: z.string().nullable(),
  grossesse: z.boolean(),
  ald: z.boolean(),
});

export const ZSinistre = z.object({
  id: z.uuid(),
  numero: z.string(),
  agentId: z.uuid(),
  agentNom: z.string(),
  agentPrenom: z.string(),
  contratId: z.uuid(),
  contratNumero: z.string(),
  categorie: ZRisque,
  dateSurvenance: z.string(),
  tiersImplique: z.boolean(),
  recoursTiers: z.string().nullable(),
  commentaire: z.string().nullable(),
  statut: z.enum(SINISTRE_STATUTS),
  horsDelai: z.boolean(),
  creeLe: z.string(),
  commentairesNonLus: z.number().int(),
});
export type TSinistre = z.infer<typeof ZSinistre>;

export const ZSinistreDetail = ZSinistre.extend({
  arrets: z.array(ZArret),
  piecesManquantes: z.array(z.string()),
  /** Why the declaration cannot be validated without its arrêt (the category needs one), or null. */
  arretManquant: z.string().nullable(),
  /** The declaration against the contract's deadline, counted from the survenance (null without garantie). */
  declaration: z.object({ horsDelai: z.boolean(), dateLimite: z.string(), message: z.string() }).nullable(),
  /** Salary elements the base de l'assurance insures: the others stay disabled. */
  elementsAssures: z.array(z.enum(SALAIRE_ELEMENTS)),
  /** Accidents only: null until filled. */
  enquete: ZEnqueteOut.nullable(),
  imputabilite: z
    .object({ decision: z.enum(IMPUTABILITE_DECISIONS), date: z.string(), arretTravail: z.boolean() })
    .nullable(),
  /** Categories a requalification may move to (the regime's, covered by the contract). */
  categoriesRequalification: z.array(ZRisque),
  requalifications: z.array(ZRequalification),
  commentaires: z.array(ZCommentaire),
  /** The file's clocks (issue 13), earliest due first. */
  echeances: z.array(ZEcheanceDossier),
});
export type TSinistreDetail = z.infer<typeof ZSinistreDetail>;

export const ZSinistreListQuery = zListQuery(['dateSurvenance', 'numero', 'agent']).extend({
  agentId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  categorie: ZRisque.optional(),
  statut: z.enum(SINISTRE_STATUTS).optional(),
  du: isoDate('Date de début de période invalide.').optional(),
  au: isoDate('Date de fin de période invalide.').optional(),
  horsDelai: z.enum(['oui', 'non']).optional(),
  /** Only the sinistres with a handler's comment not opened yet. */
  nonLus: z.enum(['oui']).optional(),
  /** Only the sinistres « en retard »: pieces still missing past the contract's deadline (see ZAFaire). */
  enRetard: z.enum(['oui']).optional(),
});
export const ZSinistrePage = zPage(ZSinistre);
