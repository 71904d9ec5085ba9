import { z } from 'zod';

/** The parts of the application a guide section or a FAQ entry is about, in menu order. */
export const AIDE_MODULES = [
  'general',
  'comptes',
  'agents',
  'base_assurance',
  'sinistres',
  'arrets',
  'pieces',
  'decomptes',
  'cotisations',
  'statistiques',
] as const;
export type AideModule = (typeof AIDE_MODULES)[number];
export const aideModuleLabels: Record<AideModule, string> = {
  general: 'Premiers pas',
  comptes: 'Comptes utilisateurs',
  agents: 'Agents',
  base_assurance: 'Base de l’assurance',
  sinistres: 'Sinistres',
  arrets: 'Arrêts de travail',
  pieces: 'Pièces justificatives',
  decomptes: 'Décomptes',
  cotisations: 'Cotisations',
  statistiques: 'Statistiques',
};

const ZModule = z.enum(AIDE_MODULES, { error: `Module inconnu. Valeurs possibles : ${AIDE_MODULES.join(', ')}.` });
const ZOrdre = z.coerce
  .number({ error: 'L’ordre doit être un nombre.' })
  .int('L’ordre doit être un nombre entier.')
  .min(0, 'L’ordre ne peut être négatif.')
  .max(10000, 'L’ordre ne peut dépasser 10 000.')
  .default(0);
const texte = (field: string, max: number) =>
  z
    .string({ error: `${field} est obligatoire.` })
    .trim()
    .min(1, `${field} est obligatoire.`)
    .max(max, `${field} ne peut dépasser ${max.toLocaleString('fr-FR').replace(/\s/g, ' ')} caractères.`);

/** A section of the guide pratique: its body is Markdown, rendered without raw HTML. */
export const ZGuideSectionInput = z.object({
  module: ZModule,
  titre: texte('Le titre', 200),
  contenu: texte('Le texte', 20000),
  ordre: ZOrdre,
});
export const ZGuideSection = z.object({
  id: z.uuid(),
  module: z.enum(AIDE_MODULES),
  titre: z.string(),
  contenu: z.string(),
  ordre: z.number().int(),
});
export type TGuideSection = z.infer<typeof ZGuideSection>;
export const ZGuideSections = z.object({ items: z.array(ZGuideSection) });

/** A question of the FAQ: its answer is Markdown, rendered without raw HTML. */
export const ZFaqInput = z.object({
  module: ZModule,
  question: texte('La question', 300),
  reponse: texte('La réponse', 10000),
  ordre: ZOrdre,
});
export const ZFaqEntree = z.object({
  id: z.uuid(),
  module: z.enum(AIDE_MODULES),
  question: z.string(),
  reponse: z.string(),
  ordre: z.number().int(),
});
export type TFaqEntree = z.infer<typeof ZFaqEntree>;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Keyset pages of the FAQ in the editor's order; the key is « ordre_id » of the last row. */
export const ZFaqQuery = z.object({
  q: z.string().trim().max(100, 'La recherche ne peut dépasser 100 caractères.').optional(),
  module: ZModule.optional(),
  apres: z
    .string()
    .regex(new RegExp(`^\\d{1,5}_${UUID}$`), 'Clé de page invalide.')
    .optional(),
});
export const ZFaqPage = z.object({
  items: z.array(ZFaqEntree),
  /** The cursor of the next page, null on the last. */
  suivant: z.string().nullable(),
});
export type TFaqPage = z.infer<typeof ZFaqPage>;
