import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES_INDICATEUR } from './indicateurs.rules.js';
import type { TTableauDeBord } from './statistiques.schemas.js';
import { comparaisonStrate, indicateursOrdonnes, ORDRE_TUILES } from './tableau.rules.js';

const COMPARAISON = {
  texte: 'Taux de la strate : …, chiffres agrégés le 25/11/2026 10:00.',
  calculeLe: '2026-11-25T09:00:00Z',
};

/** The parts of a dashboard these rules read. */
function tableau(over: Partial<TTableauDeBord>): TTableauDeBord {
  return { indicateurs: [], classement: null, comparaison: COMPARAISON, ...over } as unknown as TTableauDeBord;
}

describe('tuiles du tableau de bord et du rapport annuel', () => {
  it.each([
    // rang, sur, tauxStrate → the line under the taux
    [3, 3, (2600 * 100) / 43_920, '5,92\u00a0% ; rang : 3e sur 3'], // 2 600 days × 100 / 43 920 agent-days
    [1, 12, 8.1, '8,10\u00a0% ; rang : 1re sur 12'],
    [2, 4, null, 'masqué (secret statistique) ; rang : 2e sur 4'],
    [null, 4, 8.1, '8,10\u00a0% ; rang : non classée'],
  ])('rang %s sur %s, strate %s → « %s »', (rang, sur, tauxStrate, fin) => {
    const c = comparaisonStrate(
      tableau({ classement: { strate: '30 à 149 agents CNRACL', rang, sur, tauxStrate, texte: '3e sur 3 (…).' } }),
    );
    // The acronym keeps its capitals; only the first letter is lowered.
    expect(c.ligne).toBe(`Moyenne des collectivités de la même strate du CDG (30 à 149 agents CNRACL) : ${fin}`);
    expect(c.calcul).toBe(`3e sur 3 (…). ${COMPARAISON.texte}`);
  });

  it('says why there is no comparison when there is no ranking', () => {
    const texte = 'La comparaison … est disponible pour les années civiles seulement.';
    expect(comparaisonStrate(tableau({ comparaison: { texte, calculeLe: null } }))).toEqual({
      ligne: texte,
      calcul: texte,
    });
    expect(
      comparaisonStrate(
        tableau({
          classement: { strate: 'Moins de 10 agents CNRACL', rang: 1, sur: 2, tauxStrate: 3, texte: '' },
        }),
      ).ligne,
    ).toContain('(moins de 10 agents CNRACL)');
  });

  it('orders every indicator as the panoramas do, whatever the order it comes in (property)', () => {
    expect([...ORDRE_TUILES].sort()).toEqual([...CODES_INDICATEUR].sort());
    fc.assert(
      fc.property(fc.shuffledSubarray([...CODES_INDICATEUR]), (codes) => {
        const s = tableau({ indicateurs: codes.map((code) => ({ code })) as TTableauDeBord['indicateurs'] });
        const ordre = indicateursOrdonnes(s).map((i) => i.code);
        expect(ordre).toEqual(ORDRE_TUILES.filter((c) => codes.includes(c)));
      }),
    );
  });
});
