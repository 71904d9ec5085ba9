import { z } from 'zod';
import { daysBetween, isIsoDate } from '../common/dates.js';
import { CODES_INDICATEUR } from './indicateurs.rules.js';
import type { ChoixPeriode } from './periode.rules.js';
import { AXES_REPARTITION } from './repartitions.rules.js';

export const TYPES_PERIODE = ['annee', 'glissant', 'personnalisee'] as const;
export const typePeriodeLabels: Record<(typeof TYPES_PERIODE)[number], string> = {
  annee: 'Année civile',
  glissant: '12 mois glissants',
  personnalisee: 'Période personnalisée',
};

/** A custom period spans at most 10 years. */
export const PERIODE_MAX_JOURS = 3653;

/** A civil year of the statistics, from a query string. */
export const zAnneeStat = z.coerce
  .number({ error: 'L’année doit être un nombre.' })
  .int('L’année est un nombre entier.')
  .min(2000, 'L’année doit être 2000 ou après.')
  .max(2100, 'L’année doit être 2100 ou avant.');

const zDate = (label: string) =>
  z.string().refine(isIsoDate, `${label} : date invalide, attendue au format AAAA-MM-JJ.`).optional();

/** Maternité, paternité, adoption: excluded by default, as the latest national reference. */
const zMaternite = z.enum(['exclue', 'incluse'], { error: 'Maternité : « exclue » ou « incluse ».' }).default('exclue');

/**
 * Query of the statistics (GET …/statistiques?periode=annee&annee=2024&maternite=exclue). Without a year the
 * current one (at the « as of » date); `fin` of the 12 rolling months defaults to the « as of » date.
 */
export const ZStatistiquesQuery = z
  .object({
    periode: z
      .enum(TYPES_PERIODE, { error: 'Choisissez la période : année, 12 mois glissants ou personnalisée.' })
      .default('annee'),
    annee: zAnneeStat.optional(),
    debut: zDate('Début de la période'),
    fin: zDate('Fin de la période'),
    /** Maternité, paternité, adoption: excluded by default, as the latest national reference. */
    maternite: zMaternite,
  })
  .superRefine((q, ctx) => {
    if (q.periode !== 'personnalisee') return;
    if (!q.debut) ctx.addIssue({ code: 'custom', path: ['debut'], message: 'Indiquez le début de la période.' });
    if (!q.fin) ctx.addIssue({ code: 'custom', path: ['fin'], message: 'Indiquez la fin de la période.' });
    if (q.debut && q.fin && isIsoDate(q.debut) && isIsoDate(q.fin)) {
      if (q.fin < q.debut)
        ctx.addIssue({ code: 'custom', path: ['fin'], message: 'La fin de la période doit suivre son début.' });
      else if (daysBetween(q.debut, q.fin) + 1 > PERIODE_MAX_JOURS)
        ctx.addIssue({ code: 'custom', path: ['fin'], message: 'La période ne peut dépasser 10 ans.' });
    }
  });
export type TStatistiquesQuery = z.infer<typeof ZStatistiquesQuery>;

/** The parsed query as a period choice, the defaults taken at the « as of » date. */
export function choixPeriode(q: TStatistiquesQuery, auJour: string): ChoixPeriode {
  if (q.periode === 'glissant') return { type: 'glissant', fin: q.fin ?? auJour };
  if (q.periode === 'personnalisee') return { type: 'personnalisee', debut: q.debut!, fin: q.fin! };
  return { type: 'annee', annee: q.annee ?? Number(auJour.slice(0, 4)) };
}

const ZBase = z.object({ agents: z.number(), arrets: z.number().int() });

export const ZIndicateur = z.object({
  code: z.enum(CODES_INDICATEUR),
  libelle: z.string(),
  valeur: z.number().nullable(),
  unite: z.enum(['pourcent', 'jours', 'arrets_pour_100', 'arrets', 'centimes']),
  valeurTexte: z.string().nullable(),
  calcul: z.string().nullable(),
  precisions: z.array(z.string()),
  motif: z.string().optional(),
  base: ZBase,
  /** Set when hidden by the statistical secret: why (the value fields are then null). */
  masque: z.string().optional(),
  /** The national reference under the same maternity convention, with its source, scope and year. */
  reference: z.string().nullable().optional(),
});

export const ZLigneRepartition = z.object({
  cle: z.string(),
  libelle: z.string(),
  jours: z.number().int().nullable(),
  arrets: z.number().int().nullable(),
  agentsAbsents: z.number().int().nullable(),
  partJours: z.number().nullable(),
  taux: z.number().nullable(),
  tauxTexte: z.string().nullable(),
  calcul: z.string().nullable(),
  base: ZBase,
  masque: z.string().optional(),
});

export const ZPointSerie = z.object({
  mois: z.string(),
  libelle: z.string(),
  taux: z.number().nullable(),
  /** Arrêts with a day in the month (null when hidden). */
  arrets: z.number().int().nullable(),
  /** The same month of the previous year, with that year's own headcount. */
  tauxPrecedent: z.number().nullable(),
  arretsPrecedent: z.number().int().nullable(),
  masque: z.string().optional(),
});

export const ZStatistiques = z.object({
  periode: z.object({
    debut: z.string(),
    fin: z.string(),
    finPrevue: z.string(),
    jours: z.number().int(),
    enCours: z.boolean(),
    libelle: z.string(),
    auJour: z.string(),
  }),
  maternite: z.enum(['exclue', 'incluse']),
  effectif: z.object({ moyen: z.number(), joursAgents: z.number(), source: z.string().nullable() }),
  indicateurs: z.array(ZIndicateur),
  repartitions: z.record(z.enum(AXES_REPARTITION), z.array(ZLigneRepartition)),
  /** Month by month against the same months of the previous year (empty when the series is hidden). */
  serie: z.array(ZPointSerie),
  /** Size stratum and rank among the CDG's collectivités, when the caller has them. */
  classement: z
    .object({
      strate: z.string(),
      rang: z.number().int().nullable(),
      sur: z.number().int(),
      tauxStrate: z.number().nullable(),
      texte: z.string(),
    })
    .nullable(),
  alertes: z.array(z.string()),
});
export type TStatistiques = z.infer<typeof ZStatistiques>;

/** The dashboard of one collectivité (GET /api/statistiques): its statistics and the previous equal period's. */
export const ZTableauDeBord = ZStatistiques.extend({
  collectivite: z.object({ id: z.string(), nom: z.string() }),
  /** The same indicators over the previous equal period (the same span one year earlier, its own headcount). */
  precedent: z.object({
    libelle: z.string(),
    indicateurs: z.array(ZIndicateur.pick({ code: true, valeur: true, valeurTexte: true, masque: true })),
  }),
  /** True when the figures are shown to someone else than the collectivité: small numbers are hidden. */
  secret: z.boolean(),
  /**
   * The comparison with the CDG's collectivités of the same size stratum (`classement`): where it comes
   * from (the precomputed aggregates and their time), or why there is none (not a civil year…).
   */
  comparaison: z.object({ texte: z.string(), calculeLe: z.string().nullable() }),
});
export type TTableauDeBord = z.infer<typeof ZTableauDeBord>;

/** The dashboard's export: its tables in one sheet. */
export const ZStatistiquesExportQuery = ZStatistiquesQuery.safeExtend({
  format: z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx.' }).default('xlsx'),
});

/** The annual report (PDF): one civil year (the current one without it), the page's maternity option. */
export const ZStatistiquesRapportQuery = z.object({ annee: zAnneeStat.optional(), maternite: zMaternite });
export type TStatistiquesRapportQuery = z.infer<typeof ZStatistiquesRapportQuery>;
