import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { agregatDe, indicateursAgregat, sommerAgregats } from './agregats.rules.js';
import { calculerIndicateurs } from './indicateurs.rules.js';
import { estProblemePeriode, type Periode, resoudrePeriode } from './periode.rules.js';
import type { ArretStat, Effectif } from './statistiques.types.js';

const periode = (annee: number, auJour = '2026-12-07'): Periode => {
  const p = resoudrePeriode({ type: 'annee', annee }, auJour);
  if (estProblemePeriode(p)) throw new Error(p.message);
  return p;
};

/** The case: 40 agents in 2024, 25 arrêts, 14 agents absent, 1 400 days (and a maternity left out). */
function casDeLIssue(): ArretStat[] {
  const mo = (agentId: string, debut: string, jours: number): ArretStat => ({
    agentId,
    categorie: 'maladie_ordinaire',
    debut,
    fin: addDays(debut, jours - 1),
  });
  const arrets: ArretStat[] = [];
  for (let i = 1; i <= 11; i++) arrets.push(mo(`a${i}`, '2024-02-01', 28), mo(`a${i}`, '2024-09-01', 28));
  arrets.push(mo('a12', '2024-01-10', 261), mo('a13', '2024-02-10', 261), {
    agentId: 'a14',
    categorie: 'clm',
    debut: '2024-03-01',
    fin: addDays('2024-03-01', 261),
  });
  arrets.push({ agentId: 'a15', categorie: 'maternite', debut: '2024-04-01', fin: addDays('2024-04-01', 111) });
  return arrets;
}

describe('agrégats précalculés', () => {
  it('give exactly the indicators of calculerIndicateurs (the issue’s case: 9,56 %, 62,5, 56 days, 35 %)', () => {
    const p = periode(2024);
    const effectif: Effectif = { type: 'nombre', agents: 40, source: 'base de l’assurance réelle 2024' };
    const live = calculerIndicateurs({ periode: p, effectif, arrets: casDeLIssue() });
    const a = agregatDe(live.preparation, live.totaux);
    expect(a.parGroupe).toEqual({
      mo: { jours: 616 + 522, arrets: 24 },
      longue_maladie: { jours: 262, arrets: 1 },
      citis: { jours: 0, arrets: 0 },
      maternite: { jours: 0, arrets: 0 },
    });
    // Through JSON, as stored in the table.
    const lu = indicateursAgregat(p, JSON.parse(JSON.stringify(a)));
    expect(lu.indicateurs).toEqual(live.indicateurs);
    expect(lu.alertes).toEqual(live.alertes);
    expect(lu.indicateurs.find((i) => i.code === 'taux')!.valeurTexte).toBe('9,56\u00a0%');
  });

  it('a sum over collectivités is the computation over their pooled arrêts and headcounts', () => {
    const p = periode(2025);
    const arb = fc.array(
      fc.record({
        agent: fc.integer({ min: 0, max: 7 }),
        debut: fc.integer({ min: 0, max: 364 }),
        jours: fc.integer({ min: 1, max: 90 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 4 }), (collectivites) => {
        const parts = collectivites.map((arrets, c) => {
          const emplois = Array.from({ length: 8 }, (_, i) => ({
            agentId: `c${c}a${i}`,
            debut: '2020-01-01',
            fin: null,
          }));
          const stat: ArretStat[] = arrets.map((x) => ({
            agentId: `c${c}a${x.agent}`,
            categorie: 'maladie_ordinaire',
            debut: addDays('2025-01-01', x.debut),
            fin: addDays('2025-01-01', x.debut + x.jours - 1),
          }));
          return { emplois, stat };
        });
        const somme = sommerAgregats(
          parts.map((x) => {
            const r = calculerIndicateurs({
              periode: p,
              effectif: { type: 'historique', emplois: x.emplois },
              arrets: x.stat,
            });
            return agregatDe(r.preparation, r.totaux);
          }),
          p.jours,
          'somme',
        );
        const ensemble = calculerIndicateurs({
          periode: p,
          effectif: { type: 'historique', emplois: parts.flatMap((x) => x.emplois) },
          arrets: parts.flatMap((x) => x.stat),
        });
        const valeurs = (l: { code: string; valeur: number | null }[]) => l.map((i) => [i.code, i.valeur]);
        const agreg = indicateursAgregat(p, somme).indicateurs;
        for (const [k, [code, v]] of valeurs(agreg).entries()) {
          const [code2, w] = valeurs(ensemble.indicateurs)[k]!;
          expect(code).toBe(code2);
          if (v === null || w === null) expect(v).toBe(w);
          else expect(v as number).toBeCloseTo(w as number, 9);
        }
      }),
    );
  });
});
