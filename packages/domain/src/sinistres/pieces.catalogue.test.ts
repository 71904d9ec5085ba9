import { describe, expect, it } from 'vitest';
import { RISQUES } from '../contrats/contrats.schemas.js';
import { CATALOGUE_PIECES, piecesManquantes, piecesRequises } from './pieces.catalogue.js';

describe('catalogue des pièces', () => {
  it('has pieces for every risk, each with an « Autre » type and unique codes', () => {
    for (const risque of RISQUES) {
      const codes = CATALOGUE_PIECES[risque].map((p) => p.code);
      expect(new Set(codes).size, risque).toBe(codes.length);
      expect(codes, risque).toContain('autre');
    }
  });

  it('maladie ordinaire: the arrêt (volets 2 and 3) and the payslips', () => {
    const pieces = piecesRequises('maladie_ordinaire', 'CNRACL', ['declaration', 'arret']);
    expect(piecesManquantes(pieces, [])).toEqual([
      'Arrêt de travail (volets 2 et 3)',
      'Bulletins de salaire de la période',
    ]);
    expect(piecesManquantes(pieces, ['arret_travail', 'bulletins_salaire'])).toEqual([]);
    expect(pieces[0]!.aide).toContain('volet 1');
  });

  it('accident de service: declaration, signed enquête, initial certificate, imputability', () => {
    const pieces = piecesRequises('accident_service', 'CNRACL', ['declaration', 'imputabilite']);
    expect(piecesManquantes(pieces, ['enquete_signee'])).toEqual([
      'Déclaration d’accident de l’employeur',
      'Certificat médical initial',
      'Arrêté d’imputabilité au service',
    ]);
    expect(pieces.find((p) => p.code === 'certificat_initial')!.medicale).toBe(true);
  });

  it('IRCANTEC arrêts need the CPAM statements', () => {
    expect(piecesRequises('maladie_ordinaire', 'IRCANTEC', ['arret']).map((p) => p.code)).toContain('decomptes_cpam');
    expect(piecesRequises('maladie_ordinaire', 'CNRACL', ['arret']).map((p) => p.code)).not.toContain('decomptes_cpam');
  });
});
