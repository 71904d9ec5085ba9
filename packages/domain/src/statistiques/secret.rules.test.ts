import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { estProblemePeriode, resoudrePeriode } from './periode.rules.js';
import { preparer } from './preparation.rules.js';
import { classerDansStrate, type MembreStrate, membreStrate, STRATES, strate, visibilite } from './secret.rules.js';
import { masquerStatistiques, statistiquesCollectivite } from './statistiques.rules.js';
import type { ArretStat } from './statistiques.types.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const MOI = { type: 'collectivite', collectiviteId: 'c1' } as const;
const CDG = { type: 'cdg' } as const;
const AUTRE = { type: 'collectivite', collectiviteId: 'c2' } as const;
const resolue = resoudrePeriode({ type: 'annee', annee: 2024 }, '2026-01-01');
if (estProblemePeriode(resolue)) throw new Error(resolue.message);
const periode = resolue;

describe('secret statistique', () => {
  it.each([
    // base, viewer, visible
    [{ agents: 3, arrets: 1 }, MOI, true], // the collectivité sees its own CLM
    [{ agents: 3, arrets: 1 }, CDG, false],
    [{ agents: 3, arrets: 1 }, AUTRE, false],
    [{ agents: 40, arrets: 4 }, CDG, false], // 4 arrêts
    [{ agents: 4.9, arrets: 30 }, CDG, false], // 4,9 agents on average
    [{ agents: 5, arrets: 5 }, CDG, true], // the threshold itself is shown
    [{ agents: 40, arrets: 25 }, AUTRE, true],
  ] as const)('%o seen by %o → %s', (base, lecteur, visible) => {
    expect(visibilite(base, 'c1', lecteur).visible).toBe(visible);
  });

  it('says why in French', () => {
    expect(visibilite({ agents: 3, arrets: 1 }, 'c1', CDG)).toEqual({
      visible: false,
      motif:
        'Donnée masquée : calculée sur 3 agents et 1 arrêt, moins de 5. Seule la collectivité concernée la voit (secret statistique).',
    });
  });

  // A 3-agent commune with one CLM, and a 40-agent one.
  const clm: ArretStat = { agentId: 'a', categorie: 'clm', debut: '2024-02-01', fin: '2024-05-31' };

  it('hides the small commune’s figures from the CDG, not from itself', () => {
    const s = statistiquesCollectivite({ periode, effectif: { type: 'nombre', agents: 3 }, arrets: [clm] });
    expect(masquerStatistiques(s, 'c1', MOI)).toBe(s);
    const vu = masquerStatistiques(s, 'c1', CDG);
    const taux = vu.indicateurs.find((i) => i.code === 'taux')!;
    expect(taux).toMatchObject({ valeur: null, valeurTexte: null, calcul: null, precisions: [] });
    expect(plain(taux.masque)).toContain('calculée sur 3 agents et 1 arrêt');
    const ligneClm = vu.repartitions.categorie.find((l) => l.cle === 'longue_maladie')!;
    expect(ligneClm).toMatchObject({ jours: null, arrets: null, taux: null });
    expect(vu.serie.every((p) => p.taux === null)).toBe(true);
  });

  it('hides a second row so that the hidden one cannot be worked out by difference', () => {
    // 40 agents: 20 MO arrêts (20 agents), 6 CITIS arrêts (6 agents), 1 CLM: the CLM row is hidden, and CITIS,
    // the smallest visible one, with it.
    const arrets: ArretStat[] = [
      ...Array.from(
        { length: 20 },
        (_, i): ArretStat => ({
          agentId: `m${i}`,
          categorie: 'maladie_ordinaire',
          debut: '2024-03-01',
          fin: '2024-03-05',
        }),
      ),
      ...Array.from(
        { length: 6 },
        (_, i): ArretStat => ({
          agentId: `c${i}`,
          categorie: 'accident_service',
          debut: '2024-04-01',
          fin: addDays('2024-04-01', 9),
        }),
      ),
      clm,
    ];
    const vu = masquerStatistiques(
      statistiquesCollectivite({ periode, effectif: { type: 'nombre', agents: 40 }, arrets }),
      'c1',
      CDG,
    );
    const rows = Object.fromEntries(vu.repartitions.categorie.map((l) => [l.cle, l]));
    expect(rows.mo!.jours).toBe(100);
    expect(rows.longue_maladie!.jours).toBeNull();
    expect(rows.citis!.jours).toBeNull();
    expect(rows.citis!.masque).toBe(
      'Donnée masquée pour qu’une donnée couverte par le secret statistique ne puisse être déduite par différence.',
    );
    // The collectivité-level figures, on 40 agents and 27 arrêts, stay visible.
    expect(vu.indicateurs.find((i) => i.code === 'frequence')!.valeur).toBe(67.5); // 27 × 100 / 40
    expect(plain(vu.indicateurs.find((i) => i.code === 'frequence')!.reference)).toBe(
      'Référence nationale : 54 arrêts pour 100 agents (données 2024, hors maternité) — Relyens, panorama annuel de l’absentéisme dans les collectivités territoriales, agents affiliés à la CNRACL des collectivités assurées.',
    );
  });
});

describe('strates', () => {
  it.each([
    [0, '1-9'],
    [9, '1-9'],
    [10, '10-29'],
    [29, '10-29'],
    [30, '30-149'],
    [149, '30-149'],
    [150, '150-349'],
    [349, '150-349'],
    [350, '350+'],
    [5000, '350+'],
  ] as const)('%d agents CNRACL → %s', (n, cle) => {
    expect(strate(n).cle).toBe(cle);
  });

  it('labels', () => {
    expect(STRATES.map((s) => s.libelle)).toEqual([
      'Moins de 10 agents CNRACL',
      '10 à 29 agents CNRACL',
      '30 à 149 agents CNRACL',
      '150 à 349 agents CNRACL',
      '350 agents CNRACL et plus',
    ]);
  });

  const m = (id: string, agentsCnracl: number, jours: number, arrets = 10): MembreStrate => ({
    collectiviteId: id,
    agentsCnracl,
    jours,
    joursAgents: agentsCnracl * 366,
    arrets,
  });

  it('ranks within the stratum, lowest taux first, ties sharing a rank', () => {
    const membres = [
      m('c1', 20, 500), // 500 × 100 / 7 320 = 6,83 %
      m('c2', 12, 100), // 2,28 %
      m('c3', 25, 1000), // 10,93 %
      m('c4', 20, 500), // 6,83 %, tie with c1
      m('c5', 200, 10), // another stratum
      m('c6', 15, 0), // 0 %
    ];
    const c = classerDansStrate(membres, 'c1')!;
    expect(c).toMatchObject({ rang: 3, sur: 5 });
    expect(classerDansStrate(membres, 'c4')!.rang).toBe(3);
    expect(classerDansStrate(membres, 'c3')!.rang).toBe(5);
    // Stratum: (500 + 100 + 1 000 + 500 + 0) × 100 / ((20 + 12 + 25 + 20 + 15) × 366) = 210 000 / 33 672 = 6,2366 %
    expect(c.tauxStrate).toBeCloseTo(6.2366, 4);
    expect(plain(c.texte)).toBe(
      '3e sur 5 collectivités de la strate « 10 à 29 agents CNRACL » (taux de la strate : 6,24 %, le vôtre : 6,83 %).',
    );
    expect(plain(classerDansStrate(membres, 'c6')!.texte)).toMatch(/^1re sur 5/);
  });

  it('keeps the stratum’s taux to itself when the others are too few to hide behind', () => {
    // The other collectivité has 4 CNRACL agents: the pooled taux minus mine would give its own.
    // c1: 100 × 100 / (8 × 366) = 3,42 %; c2: 20 × 100 / (4 × 366) = 1,37 %, ranked first.
    const c = classerDansStrate([m('c1', 8, 100), m('c2', 4, 20)], 'c1')!;
    expect(c).toMatchObject({ rang: 2, sur: 2, tauxStrate: null });
    expect(classerDansStrate([m('c1', 8, 100)], 'zz')).toBeNull();
  });

  it('builds a member from the collectivité’s own computation', () => {
    // 12 agents in 2024: 12 × 366 = 4 392 agent-days; one arrêt of 10 days.
    const p = preparer(periode, { type: 'nombre', agents: 12 }, [
      { agentId: 'a', categorie: 'maladie_ordinaire', debut: '2024-01-01', fin: '2024-01-10' },
    ]);
    expect(membreStrate('c1', 12, p)).toEqual({
      collectiviteId: 'c1',
      agentsCnracl: 12,
      jours: 10,
      joursAgents: 4392,
      arrets: 1,
    });
  });
});
