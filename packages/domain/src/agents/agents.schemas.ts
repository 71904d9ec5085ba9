import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';
import { ZRegime } from '../contrats/contrats.schemas.js';

export const STATUTS = ['titulaire', 'stagiaire', 'contractuel'] as const;
export const ZStatut = z.enum(STATUTS, { error: 'Choisissez le statut : titulaire, stagiaire ou contractuel.' });
export type TStatut = z.infer<typeof ZStatut>;
export const statutLabels: Record<TStatut, string> = {
  titulaire: 'Titulaire',
  stagiaire: 'Stagiaire',
  contractuel: 'Contractuel',
};

/** The sex of the NIR's first digit (1 → M, 2 → F). */
export const SEXES = ['M', 'F'] as const;

export const TEMPS_TRAVAIL = ['complet', 'non_complet'] as const;
export const ZTempsTravail = z.enum(TEMPS_TRAVAIL);
export type TTempsTravail = z.infer<typeof ZTempsTravail>;

/** CNRACL affiliation needs at least 28 hours a week (domain §3). */
export const CNRACL_MIN_HOURS = 28;
export const FULL_TIME_HOURS = 35;

export const ZAgent = z.object({
  id: z.uuid(),
  nir: z.string(),
  nirCle: z.string().nullable(),
  nirTemporaire: z.boolean(),
  nom: z.string(),
  nomUsage: z.string().nullable(),
  prenom: z.string(),
  dateNaissance: z.string().nullable(),
  sexe: z.enum(SEXES).nullable(),
  regime: ZRegime,
  statut: ZStatut,
  dateEntree: z.string(),
  emploi: z.string().nullable(),
  grade: z.string().nullable(),
  tempsTravail: ZTempsTravail.nullable(),
  /** Weekly hours in hundredths (17 h 30 → 1750), for non complet. */
  heuresHebdo: z.number().nullable(),
  service: z.string().nullable(),
  dateDepart: z.string().nullable(),
  /**
   * No birth date or no working time yet (see `agentIncomplet`): typically imported from the roster,
   * which has neither; such an agent cannot receive a sinistre until completed.
   */
  incomplet: z.boolean(),
});
export type TAgent = z.infer<typeof ZAgent>;

export const ZAgentListQuery = zListQuery(['nom', 'dateEntree', 'nir']).extend({
  q: z.string().trim().max(100).optional(),
  regime: ZRegime.optional(),
  statut: ZStatut.optional(),
  /** present: no departure date, or one still to come; parti: departure date today or earlier. */
  presence: z.enum(['present', 'parti']).optional(),
  /** oui: no birth date or no working time (`agentIncomplet`). */
  incomplet: z.enum(['oui', 'non']).optional(),
});
export const ZAgentPage = zPage(ZAgent);

/** Export of the agents list: the list filters, without paging (every matching agent is written). */
export const ZAgentExportQuery = ZAgentListQuery.omit({ page: true, pageSize: true, sort: true }).extend({
  format: z.enum(['csv', 'xlsx'], { error: 'Format d’export inconnu : csv ou xlsx.' }).default('csv'),
});

/**
 * Life of a roster import: en_attente (queued) → validation (every line checked, nothing written)
 * → ecriture (the lines staged in short transactions, invisible, an interrupted run resuming after
 * the last batch staged; then all applied in one transaction) → termine; or refuse (at least one
 * error: nothing written) or echec (technical failure: nothing written either).
 */
export const IMPORT_STATUTS = ['en_attente', 'validation', 'ecriture', 'termine', 'refuse', 'echec'] as const;
export const ZImportStatut = z.enum(IMPORT_STATUTS);
export type TImportStatut = z.infer<typeof ZImportStatut>;
export const importStatutLabels: Record<TImportStatut, string> = {
  en_attente: 'En attente',
  validation: 'Vérification du fichier',
  ecriture: 'Enregistrement',
  termine: 'Terminé',
  refuse: 'Refusé',
  echec: 'Échec',
};
/** The import is over: the web stops polling. */
export const importTermine = (statut: TImportStatut) =>
  statut === 'termine' || statut === 'refuse' || statut === 'echec';

export const ZListeErreur = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  ligne: z.number().int(),
  /** Column header as in the template (« NIR », « Date d’entrée »…); empty for a file-level problem. */
  colonne: z.string(),
  message: z.string(),
});

export const ZListeImport = z.object({
  id: z.uuid(),
  nomFichier: z.string(),
  /** Size in bytes. */
  taille: z.number().int(),
  statut: ZImportStatut,
  /** Share of the file checked so far, 0–100 (the write phase is one transaction: no partial progress). */
  progression: z.number().int(),
  /** Data lines read so far (final: lines of the file, header excluded). */
  lignes: z.number().int(),
  crees: z.number().int(),
  misAJour: z.number().int(),
  inchanges: z.number().int(),
  /** Agents of the file left without a birth date once written (what is stored, not only the file). */
  sansDateNaissance: z.number().int(),
  /** Agents of the file left without a working time once written. */
  sansTempsTravail: z.number().int(),
  /** Every error counted; only the first 1 000 are listed in `erreurs`. */
  nombreErreurs: z.number().int(),
  erreurs: z.array(ZListeErreur),
  /** Headers of the file that are not roster columns (ignored). */
  colonnesIgnorees: z.array(z.string()),
  encodage: z.enum(['utf-8', 'windows-1252']).nullable(),
  /** Who imported: « Prénom Nom <e-mail> ». */
  userLabel: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The outcome in one French sentence, ready to show. */
  message: z.string(),
});
export type TListeImport = z.infer<typeof ZListeImport>;

/** An import in the history: everything but the error list. */
export const ZListeImportResume = ZListeImport.omit({ erreurs: true });
export type TListeImportResume = z.infer<typeof ZListeImportResume>;
export const ZListeImportListQuery = zListQuery(['createdAt']).pick({ page: true, pageSize: true });
export const ZListeImportPage = zPage(ZListeImportResume);
