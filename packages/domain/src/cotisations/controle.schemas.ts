import { z } from 'zod';
import { APPEL_STATUTS } from './cotisations.rules.js';
import { ZAppelOut } from './cotisations.schemas.js';

const uuid = (label: string) => z.uuid({ error: `${label} : identifiant invalide.` });

/** The CDG's control screen: the calls of a year, 20 a page. */
export const ZControleQuery = z.object({
  annee: z.coerce.number().int().min(2000, 'Année invalide.').max(2100, 'Année invalide.').optional(),
  statut: z.enum(APPEL_STATUTS, { error: 'Statut inconnu.' }).optional(),
  contratId: uuid('Contrat').optional(),
  /** « à contrôler »: the drafts; « écarts »: the calls whose base per agent is flagged. */
  filtre: z.enum(['a_controler', 'ecarts'], { error: 'Filtre inconnu.' }).optional(),
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export type TControleQuery = z.infer<typeof ZControleQuery>;

export const ZEcart = z.object({
  reference: z.number().int(),
  variation: z.number().int(),
  signale: z.boolean(),
});

export const ZControleLigne = ZAppelOut.extend({
  /** Headcount of the base the call was computed from. */
  effectif: z.number().int().nullable(),
  /** Cents per CNRACL agent of that base. */
  baseParAgent: z.number().int().nullable(),
  anneePrecedente: ZEcart.nullable(),
  medianeCdg: ZEcart.nullable(),
  signale: z.boolean(),
  explication: z.string().nullable(),
});
export type TControleLigne = z.infer<typeof ZControleLigne>;

export const ZControlePage = z.object({
  annee: z.number().int(),
  /** The CDG's median base per agent of the year (cents), over its collectivités' bases prévisionnelles. */
  medianeCdg: z.number().int().nullable(),
  items: z.array(ZControleLigne),
  suivant: z.string().nullable(),
});
export type TControlePage = z.infer<typeof ZControlePage>;

export const ZGenerationLotInput = z.object({
  annee: z.coerce.number().int().min(2000, 'Année invalide.').max(2100, 'Année invalide.'),
});

export const ZSelectionAppels = z.object({
  ids: z
    .array(uuid('Appel'), { error: 'Sélectionnez au moins un appel.' })
    .min(1, 'Sélectionnez au moins un appel.')
    .max(100, 'Au plus 100 appels à la fois.'),
});
export type TSelectionAppels = z.infer<typeof ZSelectionAppels>;

/** What a bulk action did, call by call (each one its own transaction). */
export const ZLotResultat = z.object({
  faits: z.number().int(),
  echecs: z.array(z.object({ id: z.string(), numero: z.string().nullable(), message: z.string() })),
});
export type TLotResultat = z.infer<typeof ZLotResultat>;
