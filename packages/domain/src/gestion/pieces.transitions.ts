import { z } from 'zod';
import type { TPieceDocumentStatut } from '../sinistres/pieces.schemas.js';

/**
 * The life of one deposited piece (issue 9), as an explicit transition table:
 * déposée → validée | refusée (with a motif); refusée → remplacée when the employer deposits
 * another file for the same requirement. The existing statuses of `PIECE_STATUTS` are reused
 * (« attendue » is a requirement with no file, not a file's status); « remplacée » keeps the refused
 * file in the history without counting it.
 */

/**
 * The statuses that make a requirement present in the missing-pieces count: a refused piece is
 * missing again, a replaced one was superseded by its replacement (which counts on its own).
 */
export const PIECE_STATUTS_PRESENTS: readonly TPieceDocumentStatut[] = ['deposee', 'validee'];
export const pieceEstPresente = (statut: TPieceDocumentStatut): boolean => PIECE_STATUTS_PRESENTS.includes(statut);

export const PIECE_ACTIONS = ['valider', 'refuser', 'remplacer'] as const;
export type TPieceAction = (typeof PIECE_ACTIONS)[number];
export const pieceActionLabels: Record<TPieceAction, string> = {
  valider: 'Valider',
  refuser: 'Refuser',
  remplacer: 'Remplacer',
};

/** Who may take an action: the handler decides, the employer replaces. */
export const pieceActionActeur: Record<TPieceAction, 'gestion' | 'collectivite'> = {
  valider: 'gestion',
  refuser: 'gestion',
  remplacer: 'collectivite',
};

/**
 * action × from-status → to-status. A validated piece may still be refused (a volet 1 found later
 * must leave the file); a deposited piece not yet checked may be replaced by a better one; a
 * validated piece may not (the handler refuses it first, saying why).
 */
export const PIECE_TRANSITIONS: Record<TPieceAction, Partial<Record<TPieceDocumentStatut, TPieceDocumentStatut>>> = {
  valider: { deposee: 'validee' },
  refuser: { deposee: 'refusee', validee: 'refusee' },
  remplacer: { deposee: 'remplacee', refusee: 'remplacee' },
};

const refusals: Record<TPieceAction, Partial<Record<TPieceDocumentStatut, string>>> = {
  valider: {
    validee: 'Cette pièce est déjà validée.',
    refusee: 'Cette pièce a été refusée : elle ne peut être validée, l’employeur doit la remplacer.',
    remplacee: 'Cette pièce a été remplacée : décidez sur la nouvelle pièce.',
  },
  refuser: {
    refusee: 'Cette pièce est déjà refusée.',
    remplacee: 'Cette pièce a été remplacée : décidez sur la nouvelle pièce.',
  },
  remplacer: {
    validee: 'Cette pièce est validée : elle ne se remplace pas. Écrivez au gestionnaire si elle est erronée.',
    remplacee: 'Cette pièce a déjà été remplacée.',
  },
};

export type PieceTransitionResult = { ok: true; to: TPieceDocumentStatut } | { ok: false; message: string };

/** The next status of a piece, or why the action is refused in its status (in French). */
export function transitionPiece(from: TPieceDocumentStatut, action: TPieceAction): PieceTransitionResult {
  const to = PIECE_TRANSITIONS[action][from];
  if (to) return { ok: true, to };
  return { ok: false, message: refusals[action][from] ?? 'Action impossible sur cette pièce.' };
}

/** Why a handler refuses a piece; the employer reads the label, with the free text for « autre ». */
export const MOTIFS_REFUS_PIECE = [
  'illisible',
  'volet_1_medical',
  'mauvais_agent_ou_periode',
  'incomplete',
  'doublon',
  'autre',
] as const;
export type TMotifRefusPiece = (typeof MOTIFS_REFUS_PIECE)[number];
export const motifRefusPieceLabels: Record<TMotifRefusPiece, string> = {
  illisible: 'Document illisible',
  volet_1_medical: 'Volet 1 de l’arrêt de travail : confidentiel (motifs médicaux), à ne pas transmettre',
  mauvais_agent_ou_periode: 'Document d’un autre agent ou d’une autre période',
  incomplete: 'Document incomplet',
  doublon: 'Document déjà déposé (doublon)',
  autre: 'Autre motif',
};

/**
 * A volet 1 carries the medical reason and must never be kept (domain §5): refusing one for that
 * motif means its file is erased from storage, not only marked refused.
 */
export const motifEffaceFichier = (motif: TMotifRefusPiece): boolean => motif === 'volet_1_medical';

const COMMENTAIRE_MAX = 1000;

/** The handler's decision on one piece. « autre » needs its free text; other motifs take an optional one. */
export const ZPieceDecision = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('valider') }),
    z
      .object({
        action: z.literal('refuser'),
        motif: z.enum(MOTIFS_REFUS_PIECE, { error: 'Choisissez le motif du refus.' }),
        commentaire: z
          .string()
          .trim()
          .max(COMMENTAIRE_MAX, 'Précision : 1 000 caractères au plus.')
          .nullable()
          .optional()
          .transform((v) => (v ? v : null)),
      })
      .superRefine((d, ctx) => {
        if (d.motif === 'autre' && !d.commentaire)
          ctx.addIssue({
            code: 'custom',
            path: ['commentaire'],
            message: 'Motif « autre » : précisez la raison du refus.',
          });
      }),
  ],
  { error: 'Choisissez : valider ou refuser la pièce.' },
);
export type TPieceDecisionInput = z.input<typeof ZPieceDecision>;
export type TPieceDecision = z.output<typeof ZPieceDecision>;

/**
 * The refusal motif as stored in `piece.motif_refus` and shown to the employer:
 * « Document illisible », « Document incomplet : il manque la page 2 », « Autre motif : … » → the text alone.
 */
export function libelleMotifRefus(motif: TMotifRefusPiece, commentaire: string | null | undefined): string {
  const texte = commentaire?.trim();
  if (motif === 'autre') return texte || motifRefusPieceLabels.autre;
  return texte ? `${motifRefusPieceLabels[motif]} : ${texte}` : motifRefusPieceLabels[motif];
}
