import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { contratMoteur, entreeMoteur, garanties, salairesConstants } from './moteur.fixtures.js';
import { calculerRemboursement, moisComplets } from './moteur.js';
import type { ArretMoteur, EntreeMoteur } from './moteur.types.js';

const CATEGORIES: TRisque[] = [
  'maladie_ordinaire',
  'maladie_ordinaire',
  'clm',
  'cld',
  'accident_service',
  'maternite',
  'tpt',
];

/** An agent's history: non-overlapping arrêts from 2024, each its own sinistre unless it follows within 48 h. */
const arbHistoire = fc.record({
  contractuel: fc.boolean(),
  moisService: fc.integer({ min: 0, max: 60 }),
  tbi: fc.integer({ min: 100_000, max: 600_000 }),
  nbi: fc.integer({ min: 0, max: 20_000 }),
  franchise: fc.integer({ min: 0, max: 30 }),
  pct: fc.integer({ min: 50, max: 100 }),
  arrets: fc.array(
    fc.record({
      ecart: fc.integer({ min: 1, max: 90 }),
      duree: fc.integer({ min: 1, max: 150 }),
      categorie: fc.constantFrom(...CATEGORIES),
      grossesse: fc.boolean(),
      envoi: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});
type Histoire = typeof arbHistoire extends fc.Arbitrary<infer T> ? T : never;

function entree(h: Histoire, franchise = h.franchise): EntreeMoteur {
  let jour = '2024-01-01';
  let sinistre = 0;
  const arrets: ArretMoteur[] = h.arrets.map((a, i) => {
    const debut = addDays(jour, a.ecart);
    const fin = addDays(debut, a.duree - 1);
    // A return of 48 h at most keeps the sinistre (and so the chain) when the category is the same.
    if (!(i > 0 && a.ecart <= 3 && h.arrets[i - 1]!.categorie === a.categorie)) sinistre++;
    jour = fin;
    return {
      id: `a${i}`,
      sinistreId: `s${sinistre}`,
      categorie: a.categorie,
      type: 'initial',
      debut,
      fin,
      grossesse: a.grossesse,
      dateEnvoi: addDays(debut, a.envoi),
      quotiteTpt: a.categorie === 'tpt' ? 60 : null,
    };
  });
  const risques = Object.fromEntries(
    CATEGORIES.map((c) => [c, { franchiseNombre: franchise, remboursementPct: h.pct }]),
  );
  return entreeMoteur({
    agent: h.contractuel
      ? { regime: 'IRCANTEC', statut: 'contractuel', debutService: addDays('2024-01-01', -30 * h.moisService) }
      : { regime: 'CNRACL', statut: 'titulaire' },
    contrats: [contratMoteur({ garanties: garanties(risques), elements: ['nbi'] })],
    salaires: salairesConstants('2023-01-01', '2030-12-31', { tbi: h.tbi, nbi: h.nbi }),
    arrets,
    periode: { debut: '2024-01-01', fin: '2029-12-31' },
  });
}
const total = (e: EntreeMoteur) => calculerRemboursement(e).totaux.rembourse;

describe('propriétés du moteur', () => {
  it('un découpage de la période en mois entiers coûte pareil', () => {
    fc.assert(
      fc.property(arbHistoire, fc.integer({ min: 1, max: 40 }), (h, k) => {
        const e = entree(h);
        const coupure = `${2024 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
        const avant = { ...e, periode: { debut: e.periode.debut, fin: addDays(coupure, -1) } };
        const apres = { ...e, periode: { debut: coupure, fin: e.periode.fin } };
        expect(total(avant) + total(apres)).toBe(total(e));
      }),
    );
  });

  it('jamais négatif, jamais plus que le plein traitement du mois × taux', () => {
    fc.assert(
      fc.property(arbHistoire, (h) => {
        const plafond = Math.floor(((h.tbi + h.nbi) * h.pct) / 100 + 0.5);
        for (const m of calculerRemboursement(entree(h)).mois) {
          expect(m.rembourse).toBeGreaterThanOrEqual(0);
          expect(m.rembourse).toBeLessThanOrEqual(plafond);
        }
      }),
    );
  });

  it('plus de franchise ne rembourse jamais plus', () => {
    fc.assert(
      fc.property(arbHistoire, fc.integer({ min: 1, max: 30 }), (h, plus) => {
        expect(total(entree(h, h.franchise + plus))).toBeLessThanOrEqual(total(entree(h)));
      }),
    );
  });

  it('un jour d’arrêt de plus ne baisse jamais le total', () => {
    fc.assert(
      fc.property(arbHistoire, (h) => {
        const e = entree(h);
        const arrets = [...e.arrets];
        const dernier = arrets.at(-1)!;
        arrets[arrets.length - 1] = { ...dernier, fin: addDays(dernier.fin, 1) };
        expect(total({ ...e, arrets })).toBeGreaterThanOrEqual(total(e));
      }),
    );
  });
});

describe('mois complets de services', () => {
  it('le plus grand n tel que début + n mois ≤ jour (fin de mois comprise)', () => {
    expect(moisComplets('2025-01-31', '2025-02-28')).toBe(1);
    expect(moisComplets('2025-01-31', '2025-02-27')).toBe(0);
    expect(moisComplets('2025-03-15', '2025-04-14')).toBe(0);
    expect(moisComplets('2025-03-15', '2025-04-15')).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 2000 }), (a, b) => {
        const debut = addDays('2018-01-01', a);
        const jour = addDays(debut, b);
        const n = moisComplets(debut, jour);
        expect(addMonths(debut, n) <= jour).toBe(true);
        expect(addMonths(debut, n + 1) > jour).toBe(true);
      }),
    );
  });
});
