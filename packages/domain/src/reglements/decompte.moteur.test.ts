import { describe, expect, it } from 'vitest';
import type { MoisRemboursement, SegmentJournal } from '../remboursements/moteur.types.js';
import { decompteDuMoteur } from './decompte.moteur.js';

const segment = (debut: string, fin: string, jours: number, extra: Partial<SegmentJournal>): SegmentJournal => ({
  debut,
  fin,
  jours,
  trentiemes: jours,
  sinistreId: 's1',
  arretId: 'a1',
  categorie: 'maladie_ordinaire',
  contratId: 'c1',
  chaine: 0,
  motif: 'couvert',
  regle: 'mo_plein_100',
  franchise: false,
  rangFranchise: null,
  franchiseJours: 0,
  carence: false,
  fractionTraitement: 1000,
  fractionAccessoires: 1000,
  envoiTardif: false,
  joursAnneeGlissante: null,
  ...extra,
});

const mois = (m: string, rembourse: number, ijss: number, sinistreId = 's1'): MoisRemboursement => ({
  sinistreId,
  contratId: 'c1',
  mois: m,
  remboursementPct: 100,
  trentiemes: 22,
  lignes: [{ element: 'tbi', fraction: 1000, trentiemes: 22, mensuel: 245_612, montant: rembourse }],
  brut: rembourse + ijss,
  ijss,
  net: rembourse,
  rembourse,
});

describe('décompte from the engine’s result', () => {
  it('keeps the sinistre’s months and days of the period, sums what the insurer pays', () => {
    const d = decompteDuMoteur(
      {
        journal: [
          segment('2026-09-01', '2026-09-01', 1, { carence: true, motif: 'carence', fractionTraitement: 0 }),
          segment('2026-09-02', '2026-09-04', 3, { franchise: true, rangFranchise: 1, motif: 'franchise' }),
          segment('2026-09-05', '2026-09-23', 19, {}),
          segment('2026-10-01', '2026-10-05', 5, {}),
          segment('2026-09-05', '2026-09-10', 6, { sinistreId: 's2' }),
        ],
        mois: [mois('2026-09', 155_555, 1_000), mois('2026-10', 40_000, 0), mois('2026-09', 9_999, 0, 's2')],
      },
      's1',
      { du: '2026-09-01', au: '2026-09-30' },
    );
    // September only, sinistre s1: 1 carence day, 3 franchise days, 1 555,55 € paid, 10,00 € IJSS.
    expect(d).toMatchObject({ montant: 155_555, ijss: 1_000, joursCarence: 1, joursFranchise: 3 });
    expect(d.journal).toHaveLength(3);
    expect(d.lignes).toEqual([{ mois: '2026-09', element: 'tbi', trentiemes: 22, fraction: 1000, montant: 155_555 }]);
  });
});
