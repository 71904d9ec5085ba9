import { z } from 'zod';
import { ZIndicateur } from './statistiques.schemas.js';

/** How many years back the CDG's aggregates reach: the current year and the 4 before (5 years). */
export const ANNEES_AGREGATS = 5;

export const STATISTIQUES_CDG_TRIS = ['taux', 'frequence', 'gravite', 'agents', 'rapport', 'collectivite'] as const;
export type TStatistiquesCdgTri = (typeof STATISTIQUES_CDG_TRIS)[number];

const ZAnnee = (label: string) =>
  z.coerce
    .number({ error: `${label} : un nombre est attendu.` })
    .int(`${label} : un nombre entier est attendu.`)
    .min(2000, `${label} : 2000 au plus tôt.`)
    .max(2100, `${label} : 2100 au plus tard.`);

/** Maternité, paternité, adoption: excluded by default, as on the collectivité's page. */
const ZMaternite = z.enum(['exclue', 'incluse'], { error: 'Maternité : « exclue » ou « incluse ».' }).default('exclue');

/**
 * GET /api/gestion/statistiques?annee=2026&depuis=2022: the years `depuis` to `annee` (one year without
 * `depuis`), within the last 5 years the aggregates hold.
 */
export const ZStatistiquesCdgQuery = z
  .object({
    annee: ZAnnee('Année').optional(),
    depuis: ZAnnee('Première année').optional(),
    tri: z
      .enum(STATISTIQUES_CDG_TRIS, { error: 'Tri : taux, frequence, gravite, agents, rapport ou collectivite.' })
      .default('taux'),
    ordre: z.enum(['asc', 'desc'], { error: 'Ordre : asc ou desc.' }).default('desc'),
    maternite: ZMaternite,
    apres: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,300}$/, 'Page suivante : curseur invalide.')
      .optional(),
  })
  .refine((q) => q.depuis === undefined || q.annee === undefined || q.depuis <= q.annee, {
    path: ['depuis'],
    message: 'La première année doit précéder l’année de fin.',
  });
export type TStatistiquesCdgQuery = z.infer<typeof ZStatistiquesCdgQuery>;

export const ZStatistiquesCdgExportQuery = z.object({
  annee: ZAnnee('Année').optional(),
  depuis: ZAnnee('Première année').optional(),
  tri: z.enum(STATISTIQUES_CDG_TRIS).default('taux'),
  ordre: z.enum(['asc', 'desc']).default('desc'),
  maternite: ZMaternite,
  format: z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx.' }).default('xlsx'),
});

/** A figure of the list: its value and text, or why it is hidden. */
const ZValeur = z.object({
  valeur: z.number().nullable(),
  texte: z.string().nullable(),
  masque: z.string().optional(),
});

export const ZLigneCdg = z.object({
  collectivite: z.object({ id: z.uuid(), nom: z.string() }),
  agentsCnracl: z.number().int(),
  strate: z.string(),
  /** Rank by taux within the stratum among the collectivités whose taux is shown (1 = lowest). */
  rang: z.number().int().nullable(),
  sur: z.number().int(),
  effectifMoyen: z.number(),
  taux: ZValeur,
  frequence: ZValeur,
  gravite: ZValeur,
  exposition: ZValeur,
  joursParAgent: ZValeur,
  /** Sinistres ÷ primes over the years, basis points (8 543 = 85,43 %); null without premiums. */
  rapport: z.number().int().nullable(),
  /** Arrêts running on the day of the computation for more than 90 days. */
  arretsLongs: z.number().int(),
  /** CITIS (accidents and professional diseases) still open that day. */
  citisOuverts: z.number().int(),
});
export type TLigneCdg = z.infer<typeof ZLigneCdg>;

export const ZStrateCdg = z.object({
  cle: z.string(),
  libelle: z.string(),
  collectivites: z.number().int(),
  /** Pooled taux of the stratum; null when it holds fewer than 5 agents or 5 arrêts. */
  taux: z.number().nullable(),
  tauxTexte: z.string().nullable(),
  masque: z.string().optional(),
});

export const ZStatistiquesCdg = z.object({
  periode: z.object({ debut: z.string(), fin: z.string(), libelle: z.string(), jours: z.number().int() }),
  /** The aggregates' computation: « Chiffres au 07/12/2026 à 03:15 » (the oldest row read). */
  calculeLe: z.string().nullable(),
  /** Years the aggregates hold (the period selector's choices). */
  annees: z.array(z.number().int()),
  collectivites: z.number().int(),
  /** The maternity option the figures were read with. */
  maternite: z.enum(['exclue', 'incluse']),
  indicateurs: z.array(ZIndicateur),
  strates: z.array(ZStrateCdg),
  /** Arrêts and days per category group over the CDG. */
  groupes: z.array(z.object({ groupe: z.string(), libelle: z.string(), jours: z.number(), arrets: z.number() })),
  items: z.array(ZLigneCdg),
  suivant: z.string().nullable(),
});
export type TStatistiquesCdg = z.infer<typeof ZStatistiquesCdg>;
