import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';

/** Categories that need the enquête administrative and an imputability decision (domain §5). */
export const RISQUES_ACCIDENT = ['accident_service', 'accident_trajet', 'maladie_professionnelle'] as const;
export const estAccident = (categorie: TRisque): boolean => (RISQUES_ACCIDENT as readonly string[]).includes(categorie);

export const ENQUETE_NATURES = ['lieu_travail', 'trajet', 'mission'] as const;
export const enqueteNatureLabels: Record<(typeof ENQUETE_NATURES)[number], string> = {
  lieu_travail: 'Accident sur le lieu de travail',
  trajet: 'Accident de trajet',
  mission: 'Accident en mission',
};

/** Body parts of the accident declaration forms, for « sièges des lésions ». */
export const SIEGES_LESIONS = {
  tete: 'Tête (crâne)',
  yeux: 'Yeux',
  face: 'Face',
  cou: 'Cou',
  epaule: 'Épaule',
  bras: 'Bras',
  coude: 'Coude',
  avant_bras: 'Avant-bras',
  poignet: 'Poignet',
  main: 'Main',
  doigts: 'Doigts',
  thorax: 'Thorax',
  dos: 'Dos, colonne vertébrale',
  abdomen: 'Abdomen',
  bassin: 'Bassin',
  hanche: 'Hanche',
  cuisse: 'Cuisse',
  genou: 'Genou',
  jambe: 'Jambe',
  cheville: 'Cheville',
  pied: 'Pied',
  orteils: 'Orteils',
  psychique: 'Atteinte psychique',
  multiples: 'Sièges multiples',
} as const;
export type TSiegeLesion = keyof typeof SIEGES_LESIONS;
const siegeCodes = Object.keys(SIEGES_LESIONS) as [TSiegeLesion, ...TSiegeLesion[]];

const required = (label: string, max: number) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, `${label} : champ obligatoire.`)
    .max(max, `${label} : ${max} caractères au plus.`);
const optional = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au plus.`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const ZTemoin = z.object({
  nom: required('Nom du témoin', 100),
  prenom: optional('Prénom du témoin', 100),
  coordonnees: optional('Coordonnées du témoin', 300),
});
export type TTemoin = z.infer<typeof ZTemoin>;

/** The employer's inquiry on an accident: it becomes a PDF to print, have signed and deposit. */
export const ZEnquete = z
  .object({
    nature: z.enum(ENQUETE_NATURES, { error: 'Indiquez où l’accident s’est produit.' }),
    date: z.string({ error: 'Date de l’accident invalide.' }).refine(isIsoDate, 'Date de l’accident invalide.'),
    heure: z
      .string({ error: 'Heure de l’accident : champ obligatoire.' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure de l’accident : au format HH:MM, par exemple 14:30.'),
    lieu: required('Lieu exact', 300),
    horaires: required('Horaires de travail du jour', 200),
    tache: required('Tâche effectuée', 500),
    circonstances: required('Circonstances détaillées', 4000),
    sieges: z
      .array(z.enum(siegeCodes, { error: 'Siège de lésion inconnu.' }), {
        error: 'Indiquez au moins un siège des lésions.',
      })
      .min(1, 'Indiquez au moins un siège des lésions.')
      .max(siegeCodes.length)
      .refine((s) => new Set(s).size === s.length, 'Un siège des lésions figure deux fois.'),
    natureLesions: required('Nature des lésions', 1000),
    temoins: z.array(ZTemoin).max(20, '20 témoins au plus.').default([]),
    doute: z.boolean().default(false),
    motifDoute: optional('Motif du doute', 2000),
  })
  .superRefine((e, ctx) => {
    if (e.doute && !e.motifDoute)
      ctx.addIssue({
        code: 'custom',
        path: ['motifDoute'],
        message: 'Vous avez un doute sur l’imputabilité : indiquez pourquoi.',
      });
  });
export type TEnqueteInput = z.input<typeof ZEnquete>;
export type TEnquete = z.output<typeof ZEnquete>;

export const IMPUTABILITE_DECISIONS = ['reconnue', 'refusee'] as const;
export const imputabiliteLabels: Record<(typeof IMPUTABILITE_DECISIONS)[number], string> = {
  reconnue: 'Imputabilité reconnue',
  refusee: 'Imputabilité refusée',
};

/** The imputability step, then whether the agent stopped work. */
export const ZImputabilite = z.object({
  decision: z.enum(IMPUTABILITE_DECISIONS, { error: 'Indiquez la décision : reconnue ou refusée.' }),
  date: z.string({ error: 'Date de la décision invalide.' }).refine(isIsoDate, 'Date de la décision invalide.'),
  arretTravail: z.boolean({ error: 'Indiquez si l’agent est en arrêt de travail.' }),
});
export type TImputabiliteInput = z.input<typeof ZImputabilite>;
