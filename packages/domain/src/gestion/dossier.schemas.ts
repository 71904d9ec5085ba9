import { z } from 'zod';
import { ZRegime } from '../contrats/contrats.schemas.js';
import { ZEcheanceDossier } from '../echeances/echeances.schemas.js';
import { ARRET_TYPES } from '../sinistres/arrets.rules.js';
import { IMPUTABILITE_DECISIONS } from '../sinistres/enquete.schemas.js';
import { PIECE_DOCUMENT_STATUTS } from '../sinistres/pieces.schemas.js';
import { ZCommentaire, ZRequalification, ZSinistre, ZSinistreDetail } from '../sinistres/sinistres.schemas.js';
import { CONTROLE_CODES, NIVEAUX_CONTROLE } from './controles.rules.js';
import { MOTIFS_REFUS_PIECE } from './pieces.transitions.js';

/** One automatic check of the file (`controlerDossier`), with its label for the handler. */
export const ZControle = z.object({
  code: z.enum(CONTROLE_CODES),
  libelle: z.string(),
  niveau: z.enum(NIVEAUX_CONTROLE),
  message: z.string(),
});
export type TControleDossier = z.infer<typeof ZControle>;

/** A deposited piece as the handler sees it: always readable (staff read medical pieces), with its decision. */
export const ZPieceGestion = z.object({
  id: z.uuid(),
  code: z.string(),
  libelle: z.string(),
  arretId: z.uuid().nullable(),
  /** « Arrêt du 01/03/2026 au 07/03/2026 » for the pieces of an arrêt. */
  periode: z.string().nullable(),
  statut: z.enum(PIECE_DOCUMENT_STATUTS),
  /** What the employer reads: « Document illisible : page 2 floue ». */
  motifRefus: z.string().nullable(),
  motifRefusCode: z.enum(MOTIFS_REFUS_PIECE).nullable(),
  obligatoire: z.boolean(),
  medicale: z.boolean(),
  nom: z.string(),
  taille: z.number().int(),
  deposeLe: z.string(),
  decideLe: z.string().nullable(),
  decidePar: z.string().nullable(),
  /** False once the volet 1 was erased: nothing left to download. */
  fichierDisponible: z.boolean(),
});
export type TPieceGestion = z.infer<typeof ZPieceGestion>;

/** The staff's own view of a file (issue 9): everything needed to decide, and the checks. */
export const ZDossierGestion = z.object({
  sinistre: ZSinistre.extend({
    collectiviteId: z.uuid(),
    collectiviteNom: z.string(),
    imputabilite: z.object({ decision: z.enum(IMPUTABILITE_DECISIONS), date: z.string() }).nullable(),
  }),
  agent: z.object({
    id: z.uuid(),
    nom: z.string(),
    prenom: z.string(),
    /** The full NIR with its key: staff identify the agent with the insurer. */
    nir: z.string(),
    dateNaissance: z.string().nullable(),
    regime: ZRegime,
    statut: z.string(),
    dateEntree: z.string(),
    dateDepart: z.string().nullable(),
    emploi: z.string().nullable(),
    grade: z.string().nullable(),
  }),
  contrat: z.object({
    id: z.uuid(),
    numero: z.string(),
    libelle: z.string(),
    regime: ZRegime,
    dateEffet: z.string(),
    dateFin: z.string().nullable(),
  }),
  arrets: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(ARRET_TYPES),
      debut: z.string(),
      fin: z.string(),
      reprise: z.string().nullable(),
      jours: z.number(),
      horsDelai: z.boolean(),
      declareLe: z.string(),
      quotiteTpt: z.number().nullable(),
    }),
  ),
  enquete: ZSinistreDetail.shape.enquete,
  pieces: z.array(ZPieceGestion),
  piecesManquantes: z.array(z.string()),
  commentaires: z.array(ZCommentaire),
  requalifications: z.array(ZRequalification),
  controles: z.array(ZControle),
  niveau: z.enum(NIVEAUX_CONTROLE),
  /** The file's clocks (issue 13), earliest due first. */
  echeances: z.array(ZEcheanceDossier),
});
export type TDossierGestion = z.infer<typeof ZDossierGestion>;
