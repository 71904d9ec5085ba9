import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { RISQUES } from '../contrats/contrats.schemas.js';
import {
  CATALOGUE_PIECES,
  exigeConfirmationVolets,
  exigencesPieces,
  libellesManquants,
  piecesManquantes,
  piecesRequises,
} from './pieces.catalogue.js';

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

describe('pièces exigées d’un sinistre', () => {
  const catalogue = (risque: 'maladie_ordinaire' | 'accident_service') =>
    CATALOGUE_PIECES[risque].map((p) => ({ ...p, categorie: risque, regime: null, actif: true }));
  const arrets = [
    { id: 'a1', debut: '2026-03-01', fin: '2026-03-07', reprise: null },
    { id: 'a2', debut: '2026-03-08', fin: '2026-03-23', reprise: '2026-03-24' },
  ];

  it('asks the arrêt pieces once per arrêt, the others once, never « Autre »', () => {
    const list = exigencesPieces(
      catalogue('maladie_ordinaire'),
      { categorie: 'maladie_ordinaire', regime: 'CNRACL', arrets },
      [],
    );
    expect(list.map((e) => [e.modele.code, e.arretId])).toEqual([
      ['arret_travail', 'a1'],
      ['arret_travail', 'a2'],
      ['bulletins_salaire', 'a1'],
      ['bulletins_salaire', 'a2'],
    ]);
    expect(libellesManquants(list)[1]).toBe('Arrêt de travail (volets 2 et 3) (arrêt du 08/03/2026 au 23/03/2026)');
  });

  it('counts a piece for its own arrêt only, and a refused one as missing', () => {
    const list = exigencesPieces(
      catalogue('maladie_ordinaire'),
      { categorie: 'maladie_ordinaire', regime: 'CNRACL', arrets },
      [
        { code: 'arret_travail', arretId: 'a1', statut: 'deposee' },
        { code: 'bulletins_salaire', arretId: 'a1', statut: 'refusee' },
        { code: 'bulletins_salaire', arretId: 'a2', statut: 'validee' },
      ],
    );
    expect(list.map((e) => e.statut)).toEqual(['deposee', 'attendue', 'refusee', 'validee']);
    expect(libellesManquants(list)).toHaveLength(2);
  });

  it('asks the reprise pieces once a return to work is known, and follows the regime and deactivation', () => {
    const accident = catalogue('accident_service');
    const reprise = exigencesPieces(accident, { categorie: 'accident_service', regime: 'CNRACL', arrets }, []);
    expect(reprise.filter((e) => e.modele.code === 'certificat_reprise')).toHaveLength(1);
    const noArret = exigencesPieces(accident, { categorie: 'accident_service', regime: 'CNRACL', arrets: [] }, []);
    expect(noArret.map((e) => e.modele.code)).toEqual([
      'declaration_accident',
      'enquete_signee',
      'certificat_initial',
      'arrete_imputabilite',
    ]);
    const ircantec = [
      ...catalogue('maladie_ordinaire'),
      {
        code: 'decomptes_cpam',
        libelle: 'Décomptes',
        etape: 'arret' as const,
        obligatoire: true,
        medicale: false,
        categorie: 'maladie_ordinaire' as const,
        regime: 'IRCANTEC' as const,
        actif: true,
      },
    ];
    const one = [arrets[0]!];
    expect(
      exigencesPieces(ircantec, { categorie: 'maladie_ordinaire', regime: 'CNRACL', arrets: one }, []),
    ).toHaveLength(2);
    expect(
      exigencesPieces(ircantec, { categorie: 'maladie_ordinaire', regime: 'IRCANTEC', arrets: one }, []),
    ).toHaveLength(3);
    const off = ircantec.map((m) => (m.code === 'bulletins_salaire' ? { ...m, actif: false } : m));
    expect(exigencesPieces(off, { categorie: 'maladie_ordinaire', regime: 'CNRACL', arrets: one }, [])).toHaveLength(1);
  });

  it('asks the volets 2 and 3 confirmation for an arrêt de travail, not for a pregnancy certificate', () => {
    expect(exigeConfirmationVolets('arret_travail', 'maladie_ordinaire')).toBe(true);
    expect(exigeConfirmationVolets('arret_travail', 'maternite')).toBe(false);
    expect(exigeConfirmationVolets('bulletins_salaire', 'maladie_ordinaire')).toBe(false);
  });

  it('property: a piece deposited for every mandatory exigence leaves nothing missing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('maladie_ordinaire', 'accident_service'),
        (n, risque) => {
          const list = Array.from({ length: n }, (_, i) => ({
            id: `a${i}`,
            debut: addDays('2026-01-01', i * 10),
            fin: addDays('2026-01-01', i * 10 + 5),
            reprise: null,
          }));
          const s = { categorie: risque as 'maladie_ordinaire', regime: 'CNRACL' as const, arrets: list };
          const needed = exigencesPieces(catalogue(risque as 'maladie_ordinaire'), s, []);
          const all = needed.map((e) => ({ code: e.modele.code, arretId: e.arretId, statut: 'deposee' as const }));
          return libellesManquants(exigencesPieces(catalogue(risque as 'maladie_ordinaire'), s, all)).length === 0;
        },
      ),
    );
  });
});
