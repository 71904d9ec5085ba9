import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';
import { ZRegime, ZRisque } from '../contrats/contrats.schemas.js';
import { PIECE_ETAPES } from './pieces.catalogue.js';
import { SINISTRE_STATUTS } from './sinistres.status.js';

export const PIECE_MAX_BYTES = 10 * 1024 * 1024;

/** A deposited piece's status; « attendue » is a required piece not deposited yet. */
export const PIECE_STATUTS = ['attendue', 'deposee', 'validee', 'refusee'] as const;
export type TPieceStatut = (typeof PIECE_STATUTS)[number];
export const pieceStatutLabels: Record<TPieceStatut, string> = {
  attendue: 'Attendue',
  deposee: 'Déposée',
  validee: 'Validée',
  refusee: 'Refusée',
};

/**
 * The statuses of one deposited file (« attendue » is a requirement without a file): « remplacée »
 * when the employer deposited another file for a refused one — kept in the history, not counted.
 */
export const PIECE_DOCUMENT_STATUTS = ['deposee', 'validee', 'refusee', 'remplacee'] as const;
export type TPieceDocumentStatut = (typeof PIECE_DOCUMENT_STATUTS)[number];
export const pieceDocumentStatutLabels: Record<TPieceDocumentStatut, string> = {
  deposee: pieceStatutLabels.deposee,
  validee: pieceStatutLabels.validee,
  refusee: pieceStatutLabels.refusee,
  remplacee: 'Remplacée',
};

/** The piece types a user adds freely: « Autre » with his own label, and a requalification's pieces. */
export const PIECE_AUTRE = 'autre';
export const PIECE_REQUALIFICATION = 'requalification';

/**
 * The uploader's answer to « Ce document contient-il des informations médicales ? » for an « Autre »
 * piece, whose content the catalogue cannot know.
 */
export const PIECE_MEDICALE_REPONSES = ['oui', 'non', 'ne_sait_pas'] as const;
export type TPieceMedicaleReponse = (typeof PIECE_MEDICALE_REPONSES)[number];
export const pieceMedicaleLabels: Record<TPieceMedicaleReponse, string> = {
  oui: 'Oui',
  non: 'Non',
  ne_sait_pas: 'Je ne sais pas',
};

/**
 * An « Autre » piece is medical unless its uploader says it is not: when he is unsure, or does not
 * answer, it is reserved like a medical certificate (a wrong « medical » only hides a file from a
 * Lecteur; a wrong « not medical » discloses health data).
 */
export const autreEstMedicale = (reponse: TPieceMedicaleReponse | undefined): boolean => reponse !== 'non';

/** What a user who may not read medical pieces sees of the label a user typed for one. */
export const LIBELLE_MEDICAL_MASQUE = 'Document médical';

export const ZPiece = z.object({
  id: z.uuid(),
  code: z.string(),
  libelle: z.string(),
  arretId: z.uuid().nullable(),
  requalificationId: z.uuid().nullable(),
  statut: z.enum(PIECE_DOCUMENT_STATUTS),
  motifRefus: z.string().nullable(),
  /** Hidden (« Pièce médicale ») from users who may not read medical pieces. */
  nom: z.string(),
  taille: z.number().int(),
  medicale: z.boolean(),
  /** False when the user may see that the piece exists but not download it. */
  telechargeable: z.boolean(),
  deposeLe: z.string(),
});
export type TPiece = z.infer<typeof ZPiece>;

/** One required piece of the sinistre (or of one of its arrêts) and what was deposited for it. */
export const ZPieceExigence = z.object({
  code: z.string(),
  libelle: z.string(),
  obligatoire: z.boolean(),
  medicale: z.boolean(),
  aide: z.string().nullable(),
  /** Arrêt de travail: the user must confirm he sends volets 2 and 3 only. */
  volets: z.boolean(),
  arretId: z.uuid().nullable(),
  /** « Arrêt du 01/03/2026 au 07/03/2026 » for the pieces of one arrêt. */
  periode: z.string().nullable(),
  statut: z.enum(PIECE_STATUTS),
  pieces: z.array(ZPiece),
});
export type TPieceExigence = z.infer<typeof ZPieceExigence>;

export const ZPiecesDuSinistre = z.object({
  exigences: z.array(ZPieceExigence),
  /** « Autre » pieces and requalification pieces. */
  autres: z.array(ZPiece),
  manquantes: z.array(z.string()),
});

/** Multipart fields sent with the file. */
export const ZPieceUploadFields = z.object({
  code: z.string({ error: 'Choisissez le type de pièce.' }).trim().min(1, 'Choisissez le type de pièce.').max(60),
  arretId: z.uuid({ error: 'Arrêt inconnu.' }).optional(),
  requalificationId: z.uuid({ error: 'Demande de requalification inconnue.' }).optional(),
  libelle: z.string().trim().max(200, 'Libellé : 200 caractères au plus.').optional(),
  voletsConfirmes: z.enum(['oui', 'non']).optional(),
  /** « Autre » only; absent means medical (see `autreEstMedicale`). */
  medicale: z
    .enum(PIECE_MEDICALE_REPONSES, {
      error: 'Indiquez si ce document contient des informations médicales : oui, non ou je ne sais pas.',
    })
    .optional(),
});

export const ZDocumentManquant = z.object({
  sinistreId: z.uuid(),
  sinistreNumero: z.string(),
  categorie: ZRisque,
  statutSinistre: z.enum(SINISTRE_STATUTS),
  dateSurvenance: z.string(),
  agentId: z.uuid(),
  agentNom: z.string(),
  agentPrenom: z.string(),
  code: z.string(),
  libelle: z.string(),
  arretId: z.uuid().nullable(),
  periode: z.string().nullable(),
});
export type TDocumentManquant = z.infer<typeof ZDocumentManquant>;

export const ZDocumentsManquantsQuery = zListQuery(['dateSurvenance', 'agent']).extend({
  q: z.string().trim().max(100).optional(),
  categorie: ZRisque.optional(),
  statut: z.enum(SINISTRE_STATUTS).optional(),
});
export const ZDocumentsManquantsPage = zPage(ZDocumentManquant);

/** One row of the editable catalogue of pieces (platform administrator). */
export const ZPieceModele = z.object({
  id: z.uuid(),
  categorie: ZRisque,
  regime: ZRegime.nullable(),
  code: z.string(),
  libelle: z.string(),
  etape: z.enum(PIECE_ETAPES),
  obligatoire: z.boolean(),
  medicale: z.boolean(),
  aide: z.string().nullable(),
  actif: z.boolean(),
});
export type TPieceModele = z.infer<typeof ZPieceModele>;

export const ZPieceModeleInput = z.object({
  categorie: ZRisque,
  regime: ZRegime.nullable().optional(),
  libelle: z
    .string({ error: 'Libellé : champ obligatoire.' })
    .trim()
    .min(2, 'Libellé : champ obligatoire.')
    .max(200, 'Libellé : 200 caractères au plus.'),
  etape: z.enum(PIECE_ETAPES, { error: 'Choisissez l’étape : déclaration, arrêt, imputabilité ou reprise.' }),
  obligatoire: z.boolean(),
  medicale: z.boolean(),
  aide: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  actif: z.boolean().default(true),
});
export const ZPieceModeleUpdate = ZPieceModeleInput.omit({ categorie: true, regime: true });
export const ZCatalogueQuery = z.object({ categorie: ZRisque.optional() });

export const pieceEtapeLabels = {
  declaration: 'Déclaration',
  arret: 'Chaque arrêt',
  imputabilite: 'Imputabilité',
  reprise: 'Reprise',
} as const;
