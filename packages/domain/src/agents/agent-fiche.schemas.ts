import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { checkNir } from '../common/nir.js';
import { ZRegime } from '../contrats/contrats.schemas.js';
import { CNRACL_MIN_HOURS, FULL_TIME_HOURS, SEXES, ZAgent, ZStatut, ZTempsTravail } from './agents.schemas.js';

const isoDate = (message: string) => z.string({ error: message }).refine(isIsoDate, message);
const text = (label: string, max = 100) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, `${label} : champ obligatoire.`)
    .max(max, `${label} : ${max} caractères au plus.`);
const optionalText = (label: string, max = 100) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au plus.`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** Step 1: the NIR, 13 characters (the key is optional and checked when given). */
export const ZNir = z.string({ error: 'Le NIR est obligatoire.' }).superRefine((value, ctx) => {
  const check = checkNir(value);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
});

export const ZAgentIdentite = z.object({
  nom: text('Nom'),
  nomUsage: optionalText('Nom d’usage'),
  prenom: text('Prénom'),
  dateNaissance: isoDate('Date de naissance invalide.'),
  /** Optional: the NIR gives it (1 → M, 2 → F); asked only for a temporary number (7, 8). */
  sexe: z.enum(SEXES, { error: 'Indiquez le sexe.' }).nullable().optional(),
});

export const MOTIFS_DEPART = [
  'mutation',
  'retraite',
  'demission',
  'fin_contrat',
  'licenciement',
  'disponibilite',
  'deces',
  'autre',
] as const;
export const motifDepartLabels: Record<(typeof MOTIFS_DEPART)[number], string> = {
  mutation: 'Mutation',
  retraite: 'Retraite',
  demission: 'Démission',
  fin_contrat: 'Fin de contrat',
  licenciement: 'Licenciement',
  disponibilite: 'Disponibilité',
  deces: 'Décès',
  autre: 'Autre',
};

/** Step 3: employment. CNRACL needs a fonctionnaire (titulaire or stagiaire) working 28 h or more. */
export const ZAgentEmploi = z
  .object({
    regime: ZRegime,
    statut: ZStatut,
    dateEntree: isoDate('Date d’entrée invalide.'),
    emploi: text('Emploi'),
    grade: optionalText('Grade'),
    tempsTravail: ZTempsTravail,
    /** Hundredths of an hour (17 h 30 → 1750), for temps non complet. */
    heuresHebdo: z
      .number()
      .int()
      .min(1)
      .max(FULL_TIME_HOURS * 100 - 1)
      .nullable()
      .optional(),
    service: optionalText('Service'),
  })
  .superRefine((e, ctx) => {
    if (e.tempsTravail === 'non_complet' && !e.heuresHebdo) {
      ctx.addIssue({
        code: 'custom',
        path: ['heuresHebdo'],
        message: 'Temps non complet : indiquez le nombre d’heures par semaine.',
      });
    }
    if (e.regime === 'CNRACL' && e.statut === 'contractuel') {
      ctx.addIssue({
        code: 'custom',
        path: ['regime'],
        message: 'Un contractuel relève de l’IRCANTEC, pas de la CNRACL.',
      });
    }
    if (e.regime === 'CNRACL' && e.tempsTravail === 'non_complet' && (e.heuresHebdo ?? 0) < CNRACL_MIN_HOURS * 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['heuresHebdo'],
        message: `La CNRACL suppose au moins ${CNRACL_MIN_HOURS} heures par semaine ; en dessous, l’agent relève de l’IRCANTEC.`,
      });
    }
  });

export const ZAgentCreate = z.object({ nir: ZNir }).and(ZAgentIdentite).and(ZAgentEmploi);
export type TAgentCreate = z.input<typeof ZAgentCreate>;

/** Changes to the file; employment changes take effect on `dateEffet` and are kept as history. */
export const ZAgentUpdate = ZAgentIdentite.and(ZAgentEmploi).and(
  z.object({ dateEffet: isoDate('Date d’effet invalide.').optional() }),
);
export type TAgentUpdate = z.input<typeof ZAgentUpdate>;

export const ZDepart = z.object({
  dateDepart: isoDate('Date de départ invalide.'),
  motifDepart: z.enum(MOTIFS_DEPART, { error: 'Choisissez le motif du départ.' }),
});

export const ZEmploiHistorique = z.object({
  dateEffet: z.string(),
  regime: ZRegime,
  statut: ZStatut,
  emploi: z.string().nullable(),
  grade: z.string().nullable(),
  tempsTravail: ZTempsTravail.nullable(),
  heuresHebdo: z.number().nullable(),
  service: z.string().nullable(),
  enregistreLe: z.string(),
});

export const ZAgentFiche = ZAgent.extend({
  motifDepart: z.string().nullable(),
  historique: z.array(ZEmploiHistorique),
});
export type TAgentFiche = z.infer<typeof ZAgentFiche>;
