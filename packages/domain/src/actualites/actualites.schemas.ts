import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';

export const ZActualiteInput = z.object({
  titre: z
    .string({ error: 'Le titre est obligatoire.' })
    .trim()
    .min(1, 'Le titre est obligatoire.')
    .max(200, 'Le titre ne peut dépasser 200 caractères.'),
  contenu: z
    .string({ error: 'Le texte est obligatoire.' })
    .trim()
    .min(1, 'Le texte est obligatoire.')
    .max(10000, 'Le texte ne peut dépasser 10 000 caractères.'),
  /** Publication date (ISO). A future date keeps it hidden until then. */
  publieeLe: z.iso.date({ error: 'La date de publication doit être une date valide.' }).optional(),
});
export const ZActualite = z.object({
  id: z.uuid(),
  titre: z.string(),
  contenu: z.string(),
  publieeLe: z.string(),
});
export type TActualite = z.infer<typeof ZActualite>;
export const ZActualiteListQuery = zListQuery(['publieeLe']);
export const ZActualitePage = zPage(ZActualite);
