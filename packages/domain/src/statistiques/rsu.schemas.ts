import { z } from 'zod';
import { zAnneeStat } from './statistiques.schemas.js';

/**
 * Query of the RSU's absences tables (GET /api/statistiques/rsu?annee=2025). Without a year, the previous
 * one: the RSU of a year is filled in the next.
 */
export const ZRsuQuery = z.object({
  annee: zAnneeStat.optional(),
});
export type TRsuQuery = z.infer<typeof ZRsuQuery>;

/** One case: null when not held by Statutis (« autres raisons ») or hidden (`masque` says why). */
export const ZCelluleRsu = z.object({
  jours: z.number().int().nullable(),
  arrets: z.number().int().nullable(),
  agents: z.number().int().nullable(),
  masque: z.string().optional(),
});
export type TCelluleRsu = z.infer<typeof ZCelluleRsu>;

export const ZColonneRsu = z.object({
  /** fonctionnaires_M, contractuels_F, non_renseigne, total_M, total_F, total. */
  cle: z.string(),
  /** The header above: « Fonctionnaires (titulaires et stagiaires) », « Total »… */
  groupe: z.string(),
  /** « Hommes », « Femmes », « Ensemble ». */
  libelle: z.string(),
});
export type TColonneRsu = z.infer<typeof ZColonneRsu>;

export const ZRapportSocialUnique = z.object({
  annee: z.number().int(),
  periode: z.object({ debut: z.string(), fin: z.string(), enCours: z.boolean(), libelle: z.string() }),
  colonnes: z.array(ZColonneRsu),
  /** The motifs in the RSU's order, then the total; `cellules` follow `colonnes`. */
  lignes: z.array(
    z.object({
      motif: z.string(),
      libelle: z.string(),
      /** False for what Statutis does not hold: its cases are null, shown « non suivi par Statutis ». */
      suivi: z.boolean(),
      cellules: z.array(ZCelluleRsu),
    }),
  ),
  /** How it is counted, in sentences. */
  notes: z.array(z.string()),
  /** True when shown to someone else than the collectivité: small numbers are hidden. */
  secret: z.boolean(),
});
export type TRapportSocialUnique = z.infer<typeof ZRapportSocialUnique>;

/** GET /api/statistiques/rsu: the collectivité's RSU absences tables. */
export const ZRsu = ZRapportSocialUnique.extend({ collectivite: z.object({ id: z.string(), nom: z.string() }) });
export type TRsu = z.infer<typeof ZRsu>;
