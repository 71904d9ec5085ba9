import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIECE_DOCUMENT_STATUTS } from '../sinistres/pieces.schemas.js';
import {
  libelleMotifRefus,
  MOTIFS_REFUS_PIECE,
  motifEffaceFichier,
  PIECE_ACTIONS,
  pieceEstPresente,
  transitionPiece,
  ZPieceDecision,
} from './pieces.transitions.js';

describe('transitions d’une pièce', () => {
  it.each([
    ['deposee', 'valider', 'validee'],
    ['deposee', 'refuser', 'refusee'],
    ['validee', 'refuser', 'refusee'],
    ['refusee', 'remplacer', 'remplacee'],
    ['deposee', 'remplacer', 'remplacee'],
  ] as const)('%s + %s → %s', (from, action, to) => {
    expect(transitionPiece(from, action)).toEqual({ ok: true, to });
  });

  it.each([
    ['validee', 'valider', 'Cette pièce est déjà validée.'],
    ['refusee', 'valider', 'Cette pièce a été refusée : elle ne peut être validée, l’employeur doit la remplacer.'],
    ['remplacee', 'valider', 'Cette pièce a été remplacée : décidez sur la nouvelle pièce.'],
    ['refusee', 'refuser', 'Cette pièce est déjà refusée.'],
    ['remplacee', 'refuser', 'Cette pièce a été remplacée : décidez sur la nouvelle pièce.'],
    [
      'validee',
      'remplacer',
      'Cette pièce est validée : elle ne se remplace pas. Écrivez au gestionnaire si elle est erronée.',
    ],
    ['remplacee', 'remplacer', 'Cette pièce a déjà été remplacée.'],
  ] as const)('%s + %s refusé', (from, action, message) => {
    expect(transitionPiece(from, action)).toEqual({ ok: false, message });
  });

  it('every action × status has an answer, and « remplacée » is final', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PIECE_DOCUMENT_STATUTS), fc.constantFrom(...PIECE_ACTIONS), (from, action) => {
        const r = transitionPiece(from, action);
        if (!r.ok) expect(r.message).toMatch(/\.$/);
        if (from === 'remplacee') expect(r.ok).toBe(false);
      }),
    );
  });

  it('a refused or replaced piece is missing again; deposited and validated ones count', () => {
    expect(PIECE_DOCUMENT_STATUTS.filter(pieceEstPresente)).toEqual(['deposee', 'validee']);
  });
});

describe('décision sur une pièce', () => {
  it('accepts a validation and a refusal with its motif', () => {
    expect(ZPieceDecision.parse({ action: 'valider' })).toEqual({ action: 'valider' });
    expect(ZPieceDecision.parse({ action: 'refuser', motif: 'illisible', commentaire: '  ' })).toEqual({
      action: 'refuser',
      motif: 'illisible',
      commentaire: null,
    });
  });

  it.each([
    [{ action: 'refuser', motif: 'autre' }, 'Motif « autre » : précisez la raison du refus.'],
    [{ action: 'refuser', motif: 'autre', commentaire: '   ' }, 'Motif « autre » : précisez la raison du refus.'],
    [{ action: 'refuser' }, 'Choisissez le motif du refus.'],
    [{ action: 'refuser', motif: 'flou' }, 'Choisissez le motif du refus.'],
    [{ action: 'supprimer' }, 'Choisissez : valider ou refuser la pièce.'],
    [{ action: 'refuser', motif: 'doublon', commentaire: 'x'.repeat(1001) }, 'Précision : 1 000 caractères au plus.'],
  ])('%j → %s', (input, message) => {
    const r = ZPieceDecision.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });

  it.each([
    ['illisible', null, 'Document illisible'],
    ['incomplete', 'il manque la page 2', 'Document incomplet : il manque la page 2'],
    ['autre', 'Cachet de la collectivité absent', 'Cachet de la collectivité absent'],
    ['autre', '', 'Autre motif'],
  ] as const)('libellé du motif %s', (motif, commentaire, libelle) => {
    expect(libelleMotifRefus(motif, commentaire)).toBe(libelle);
  });

  it('only a volet 1 erases the file', () => {
    expect(MOTIFS_REFUS_PIECE.filter(motifEffaceFichier)).toEqual(['volet_1_medical']);
  });
});
