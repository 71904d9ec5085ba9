import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import {
  CONTROLE_MEDICAL_PARTIES,
  CONTROLE_MEDICAL_RESULTATS,
  CONTROLE_MEDICAL_TYPES,
  MESSAGE_AUCUNE_DONNEE_MEDICALE,
} from './controles-medicaux.rules.js';
import { CREANCE_POSTES, RECOURS_REPARTITIONS, RESPONSABILITE_MAX } from './recours.rules.js';
import { ECHEANCE_REPRISE_CODES, ETATS_ECHEANCE, FORMES_REPRISE } from './reprise.rules.js';

/**
 * What the API exchanges for the follow-up of a file by the back office (issue 9): medical checks,
 * recours contre tiers, reprise. The inputs of checks and reprise are the rules' own schemas
 * (`ZControleMedical`, `ZRepriseSuivi`); the recours' are here.
 */

const date = (message: string) => z.string({ error: message }).refine(isIsoDate, message);
const dateOptionnelle = (message: string) =>
  date(message)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const montant = (libelle: string) =>
  z
    .number({ error: `${libelle} : indiquez un montant.` })
    .int(`${libelle} : montant en centimes entiers.`)
    .min(0, `${libelle} : le montant ne peut être négatif.`)
    .max(100_000_000_00, `${libelle} : montant trop élevé.`);
const texte = (libelle: string, max: number, requis = true) => {
  const base = z.string({ error: `${libelle} : champ obligatoire.` }).trim();
  return requis
    ? base.min(1, `${libelle} : champ obligatoire.`).max(max, `${libelle} : ${max} caractères au plus.`)
    : base.max(max, `${libelle} : ${max} caractères au plus.`);
};
const texteOptionnel = (libelle: string, max: number) =>
  texte(libelle, max, false)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** The employer asks the back office for a check: the kind only, never a medical reason. */
export const ZDemandeControleMedical = z.strictObject(
  {
    type: z.enum(CONTROLE_MEDICAL_TYPES, { error: 'Choisissez : contre-visite, expertise ou conseil médical.' }),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? MESSAGE_AUCUNE_DONNEE_MEDICALE : undefined) },
);

/** A check as shown: a request of the employer has no doctor, date nor cost until the handler fills them. */
export const ZControleMedicalVue = z.object({
  id: z.uuid(),
  type: z.enum(CONTROLE_MEDICAL_TYPES),
  demandeur: z.enum(CONTROLE_MEDICAL_PARTIES),
  medecin: z.string().nullable(),
  date: z.string().nullable(),
  resultat: z.enum(CONTROLE_MEDICAL_RESULTATS).nullable(),
  injustifieAPartirDu: z.string().nullable(),
  cout: z.number().int().nullable(),
  payePar: z.enum(CONTROLE_MEDICAL_PARTIES).nullable(),
  /** « Demandé » until the handler has planned it (doctor and date). */
  statut: z.enum(['demande', 'planifie', 'resultat']),
  demandePar: z.string(),
  createdAt: z.string(),
});
export type TControleMedicalVue = z.infer<typeof ZControleMedicalVue>;

/** The reimbursable period of each arrêt chain, as cut by the checks (`finPeriodeRemboursable`). */
export const ZPeriodeRemboursable = z.object({
  debut: z.string(),
  finArret: z.string(),
  fin: z.string().nullable(),
  interrompue: z.boolean(),
  message: z.string(),
  alertes: z.array(z.string()),
});

export const ZControlesMedicauxVue = z.object({
  items: z.array(ZControleMedicalVue),
  /** Staff only: the reimbursable end of each chain, for the reimbursement engine. */
  periodes: z.array(ZPeriodeRemboursable).optional(),
});
export type TControlesMedicauxVue = z.infer<typeof ZControlesMedicauxVue>;

/** The recours contre tiers as the handler keeps it. */
export const ZRecoursInput = z.object({
  tiersNom: texte('Tiers responsable', 200),
  tiersAssureur: texteOptionnel('Assureur du tiers', 200),
  /** The third party's insurer's claim number. */
  numeroSinistreTiers: texteOptionnel('Référence du sinistre chez l’assureur du tiers', 100),
  /** Hundredths of a percent: 50 % → 5 000. */
  responsabilite: z
    .number({ error: 'Responsabilité du tiers : indiquez un pourcentage.' })
    .int('Responsabilité du tiers : au centième de pour cent.')
    .min(0, 'La responsabilité du tiers est comprise entre 0 et 100 %.')
    .max(RESPONSABILITE_MAX, 'La responsabilité du tiers est comprise entre 0 et 100 %.'),
  fraisMedicaux: montant('Frais médicaux'),
  /** Replaces the pay computed from the arrêts (half pay, elements not entered); null: computed. */
  remunerationSaisie: montant('Rémunération maintenue')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  chargesSaisies: montant('Charges patronales')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  /** What the insurer reimbursed on the file, for its subrogation. */
  rembourseParAssureur: montant('Montant remboursé par l’assureur'),
  repartition: z
    .enum(RECOURS_REPARTITIONS, { error: 'Répartition : au prorata ou priorité à la collectivité.' })
    .optional()
    .transform((v) => v ?? 'prorata'),
});
export type TRecoursInput = z.input<typeof ZRecoursInput>;

export const RECOURS_ACTION_TYPES = ['courrier', 'relance', 'appel', 'reponse', 'autre'] as const;
export type TRecoursActionType = (typeof RECOURS_ACTION_TYPES)[number];
export const recoursActionTypeLabels: Record<TRecoursActionType, string> = {
  courrier: 'Courrier envoyé',
  relance: 'Relance',
  appel: 'Appel téléphonique',
  reponse: 'Réponse reçue',
  autre: 'Autre',
};

/** A dated step of the recours (letter, reminder), with the next reminder it calls for. */
export const ZRecoursActionInput = z
  .object({
    date: date('Date de l’action invalide.'),
    type: z.enum(RECOURS_ACTION_TYPES, { error: 'Choisissez le type d’action.' }),
    libelle: texte('Objet', 500),
    prochaineRelance: dateOptionnelle('Date de prochaine relance invalide.'),
  })
  .refine((a) => !a.prochaineRelance || a.prochaineRelance > a.date, {
    path: ['prochaineRelance'],
    message: 'La prochaine relance suit l’action.',
  });

/** An amount recovered from the third party or his insurer. */
export const ZRecouvrementInput = z.object({
  date: date('Date d’encaissement invalide.'),
  montant: montant('Montant recouvré').min(1, 'Montant recouvré : indiquez un montant positif.'),
  libelle: texteOptionnel('Observation', 500),
});

export const ZRecoursVue = z.object({
  tiersImplique: z.boolean(),
  recours: z
    .object({
      tiersNom: z.string(),
      tiersAssureur: z.string().nullable(),
      numeroSinistreTiers: z.string().nullable(),
      responsabilite: z.number().int(),
      fraisMedicaux: z.number().int(),
      remunerationSaisie: z.number().int().nullable(),
      chargesSaisies: z.number().int().nullable(),
      rembourseParAssureur: z.number().int(),
      repartition: z.enum(RECOURS_REPARTITIONS),
      updatedAt: z.string(),
    })
    .nullable(),
  /** What the file's arrêts give (`prejudiceSalarial`), whether or not the handler replaced it. */
  calcul: z.object({ remuneration: z.number().int(), chargesPatronales: z.number().int(), trentiemes: z.number() }),
  creance: z
    .object({
      lignes: z.array(
        z.object({ poste: z.enum(CREANCE_POSTES), prejudice: z.number().int(), creance: z.number().int() }),
      ),
      prejudice: z.number().int(),
      creance: z.number().int(),
    })
    .nullable(),
  actions: z.array(
    z.object({
      id: z.uuid(),
      date: z.string(),
      type: z.enum(RECOURS_ACTION_TYPES),
      libelle: z.string(),
      prochaineRelance: z.string().nullable(),
      auteur: z.string(),
    }),
  ),
  /** The next reminder: the one of the latest action, if it asks one. */
  prochaineRelance: z.string().nullable(),
  recouvrements: z.array(
    z.object({ id: z.uuid(), date: z.string(), montant: z.number().int(), libelle: z.string().nullable() }),
  ),
  /** The total recovered and its split (`repartitionRecouvrement`). */
  recouvre: z.object({ total: z.number().int(), assureur: z.number().int(), collectivite: z.number().int() }),
});
export type TRecoursVue = z.infer<typeof ZRecoursVue>;

export const ZRepriseVue = z.object({
  suivi: z
    .object({
      prevueLe: z.string().nullable(),
      effectiveLe: z.string().nullable(),
      forme: z.enum(FORMES_REPRISE),
      quotite: z.number().int().nullable(),
      visiteRepriseLe: z.string().nullable(),
      suivi30FaitLe: z.string().nullable(),
      suivi90FaitLe: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  visiteRequise: z.boolean(),
  echeances: z.array(
    z.object({
      code: z.enum(ECHEANCE_REPRISE_CODES),
      echeance: z.string(),
      etat: z.enum(ETATS_ECHEANCE),
      message: z.string(),
    }),
  ),
});
export type TRepriseVue = z.infer<typeof ZRepriseVue>;
