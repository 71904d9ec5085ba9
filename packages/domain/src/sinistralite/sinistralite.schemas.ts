import { z } from 'zod';

export const SINISTRALITE_TRIS = ['rapport', 'primes', 'sinistres', 'collectivite'] as const;
export type TSinistraliteTri = (typeof SINISTRALITE_TRIS)[number];

export const ZSinistraliteQuery = z.object({
  annee: z.coerce
    .number({ error: 'Année : un nombre est attendu.' })
    .int('Année : un nombre entier est attendu.')
    .min(2000, 'Année : 2000 au plus tôt.')
    .max(2100, 'Année : 2100 au plus tard.'),
  contratId: z.uuid({ error: 'Contrat : identifiant invalide.' }).optional(),
  tri: z.enum(SINISTRALITE_TRIS, { error: 'Tri : rapport, primes, sinistres ou collectivite.' }).default('rapport'),
  ordre: z.enum(['asc', 'desc'], { error: 'Ordre : asc ou desc.' }).default('desc'),
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,300}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export type TSinistraliteQuery = z.infer<typeof ZSinistraliteQuery>;

export const ZSinistraliteExportQuery = ZSinistraliteQuery.omit({ apres: true }).extend({
  format: z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx.' }).default('csv'),
});

const ZMontants = z.object({
  /** Cents: the premiums of the year (rate × declared base). */
  primes: z.number().int(),
  /** Cents: validated décomptes whose règlement is paid. */
  regle: z.number().int(),
  /** Cents: validated décomptes not paid yet. */
  du: z.number().int(),
  /** Basis points (10 000 = 100 %), null without premiums. */
  rapport: z.number().int().nullable(),
});

export const ZSinistraliteLigne = ZMontants.extend({
  collectivite: z.object({ id: z.string(), nom: z.string() }),
  contrat: z.object({ id: z.string(), numero: z.string() }),
  /** Which base the premiums come from: the réelle once declared, else the prévisionnelle. */
  baseType: z.enum(['reelle', 'previsionnelle']).nullable(),
  explication: z.string(),
});
export type TSinistraliteLigne = z.infer<typeof ZSinistraliteLigne>;

export const ZSinistralitePage = z.object({
  annee: z.number().int(),
  items: z.array(ZSinistraliteLigne),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
  /** Over every line of the filter (the CDG's or the insurer's total), not only this page. */
  total: ZMontants.extend({ lignes: z.number().int() }),
});
export type TSinistralitePage = z.infer<typeof ZSinistralitePage>;
