import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { salairesConstants } from '../remboursements/moteur.fixtures.js';
import type { ArretMoteur } from '../remboursements/moteur.types.js';
import { anneesSimulees, type BaseSimulee, type CollectiviteSimulee, simulerFormules } from './simulateur.rules.js';
import { RISQUES_SIMULES, type TFormule, ZSimulationInput } from './simulateur.schemas.js';

const ANNEES = [2023, 2024, 2025];
const formule = (f: Partial<TFormule> = {}): TFormule => ({
  libelle: 'F',
  franchiseMoJours: 10,
  remboursementPct: 100,
  elements: [],
  risques: [...RISQUES_SIMULES],
  taux: 8600,
  ...f,
});
const base = (annee: number, b: Partial<BaseSimulee> = {}): BaseSimulee => ({
  annee,
  tbi: 24_000_000,
  nbi: 1_000_000,
  sft: null,
  ir: null,
  riPct: null,
  cpPct: null,
  ...b,
});

/** One titulaire, TBI 2 000 €/month, one MO arrêt of 30 days in April 2024 (before the 90 % rule). */
const petiteCollectivite: CollectiviteSimulee = {
  agents: [
    {
      agent: { regime: 'CNRACL', statut: 'titulaire' },
      arrets: [
        {
          id: 'a1',
          sinistreId: 's1',
          categorie: 'maladie_ordinaire',
          type: 'initial',
          debut: '2024-04-01',
          fin: '2024-04-30',
        },
      ],
      salaires: salairesConstants('2022-01-01', '2025-12-31', { tbi: 200_000 }),
    },
  ],
  bases: ANNEES.map((a) => base(a)),
};

describe('simulateur de formules — cas calculé à la main', () => {
  // April 2024: 01/04 is the jour de carence (unpaid, it consumes the franchise).
  // Franchise 0: 02–30/04 = 29/30 × 2 000 € = 1 933,33 €. Franchise 10: 11–30/04 = 20/30 → 1 333,33 €.
  // The maintained pay is the 29 paid days: 1 933,33 €. Premium = 8,60 % × 240 000 € = 20 640 € a year.
  const [f10, f0, f10a90, sansMo, avecNbi] = simulerFormules(
    ANNEES,
    [petiteCollectivite],
    [
      formule(),
      formule({ franchiseMoJours: 0 }),
      formule({ remboursementPct: 90 }),
      formule({ risques: ['clm', 'cld'] }),
      formule({ elements: ['nbi'], taux: 9000 }),
    ],
  );

  it.each([
    ['franchise 10 jours, 100 %', f10, 133_333, 2_124_000, 646],
    ['franchise 0, 100 %', f0, 193_333, 2_064_000, 937],
    ['franchise 10 jours, 90 %', f10a90, 120_000, 2_137_333, 581],
    ['sans la maladie ordinaire', sansMo, 0, 2_257_333, 0],
  ])('%s : remboursement, reste à charge et S/P de 2024', (_, r, rembourse, reste, rapport) => {
    const an2024 = r!.annees[1]!;
    expect(an2024).toEqual({
      annee: 2024,
      primes: 2_064_000,
      remboursements: rembourse,
      salaireMaintenu: 193_333,
      resteACharge: reste,
      rapport,
    });
  });

  it('les années sans arrêt ne coûtent que la prime', () => {
    expect(f10!.annees[0]).toMatchObject({
      annee: 2023,
      remboursements: 0,
      salaireMaintenu: 0,
      resteACharge: 2_064_000,
    });
    expect(f10!.total).toEqual({
      primes: 6_192_000,
      remboursements: 133_333,
      salaireMaintenu: 193_333,
      resteACharge: 193_333 - 133_333 + 6_192_000,
      // 133 333 / 6 192 000 = 2,153 % → 215 points de base.
      rapport: 215,
    });
  });

  it('la prime suit les éléments assurés : 9,00 % × (240 000 € + 10 000 € de NBI) = 22 500 €', () => {
    expect(avecNbi!.annees[1]!.primes).toBe(2_250_000);
    // No NBI on the payslip: the reimbursement stays the TBI's.
    expect(avecNbi!.annees[1]!.remboursements).toBe(133_333);
  });

  it('une année sans base déclarée n’a pas de prime ni de S/P', () => {
    const [r] = simulerFormules(ANNEES, [{ ...petiteCollectivite, bases: [base(2024)] }], [formule()]);
    expect(r!.annees[0]).toMatchObject({ primes: 0, rapport: null });
    expect(r!.annees[1]!.primes).toBe(2_064_000);
  });

  it('une chaîne commencée avant les trois années est payée, pour ses jours dans la période seulement', () => {
    const agent = {
      ...petiteCollectivite.agents[0]!,
      arrets: [
        {
          id: 'a0',
          sinistreId: 's0',
          categorie: 'maladie_ordinaire' as const,
          type: 'initial' as const,
          debut: '2022-12-22',
          fin: '2023-01-10',
        },
      ],
    };
    const [r] = simulerFormules(ANNEES, [{ agents: [agent], bases: [] }], [formule()]);
    // Carence 22/12, franchise 22–31/12: January 1–10 = 10/30 × 2 000 € = 666,67 €.
    expect(r!.annees[0]!.remboursements).toBe(66_667);
    expect(r!.total.remboursements).toBe(66_667);
  });

  it('les trois dernières années complètes', () => {
    expect(anneesSimulees('2026-12-07')).toEqual([2023, 2024, 2025]);
  });
});

describe('demande de simulation', () => {
  it('accepte une formule bien formée', () => {
    expect(ZSimulationInput.safeParse({ formules: [formule()] }).success).toBe(true);
  });
  it.each([
    [{ formules: [] }, 'Ajoutez au moins une formule.'],
    [{ formules: Array.from({ length: 7 }, () => formule()) }, 'Comparez 6 formules au plus.'],
    [
      { formules: [formule({ franchiseMoJours: 12 })] },
      'La franchise en maladie ordinaire est de 0, 10, 15, 20 ou 30 jours.',
    ],
    [{ formules: [formule({ remboursementPct: 80 })] }, 'Le taux de remboursement est de 90 % ou 100 %.'],
    [{ formules: [formule({ taux: 8605 })] }, 'Le taux de cotisation a deux décimales au plus.'],
    [{ formules: [formule({ risques: [] })] }, 'Cochez au moins un risque couvert.'],
    [{ formules: [formule({ libelle: ' ' })] }, 'Donnez un nom à la formule.'],
  ])('refuse %j en français', (input, message) => {
    const r = ZSimulationInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
});

// ——— properties

const CATEGORIES: Exclude<TRisque, 'deces'>[] = [
  'maladie_ordinaire',
  'maladie_ordinaire',
  'clm',
  'accident_service',
  'maternite',
  'tpt',
];

const arbAgent = fc.record({
  contractuel: fc.boolean(),
  tbi: fc.integer({ min: 100_000, max: 500_000 }),
  nbi: fc.integer({ min: 0, max: 20_000 }),
  arrets: fc.array(
    fc.record({
      ecart: fc.integer({ min: 1, max: 120 }),
      duree: fc.integer({ min: 1, max: 120 }),
      categorie: fc.constantFrom(...CATEGORIES),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
const arbFormule = fc.record({
  libelle: fc.constant('F'),
  franchiseMoJours: fc.constantFrom(0, 10, 15, 20, 30),
  remboursementPct: fc.constantFrom(90, 100),
  elements: fc.subarray(['nbi', 'sft', 'ir', 'ri', 'cp'] as const),
  risques: fc.subarray(RISQUES_SIMULES, { minLength: 1 }),
  taux: fc.integer({ min: 1, max: 1000 }).map((t) => t * 10),
});

type AgentArb = typeof arbAgent extends fc.Arbitrary<infer T> ? T : never;

function collectivite(agents: AgentArb[]): CollectiviteSimulee {
  return {
    bases: [base(2023, { riPct: 1000 })],
    agents: agents.map((h, n) => {
      let jour = '2022-11-01';
      return {
        agent: h.contractuel
          ? { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2019-01-01' }
          : { regime: 'CNRACL', statut: 'titulaire' },
        arrets: h.arrets.map((a, i): ArretMoteur => {
          const debut = addDays(jour, a.ecart);
          jour = addDays(debut, a.duree - 1);
          return {
            id: `a${n}-${i}`,
            sinistreId: `s${n}-${i}`,
            categorie: a.categorie,
            type: 'initial',
            debut,
            fin: jour,
          };
        }),
        salaires: salairesConstants('2022-01-01', '2026-12-31', { tbi: h.tbi, nbi: h.nbi }),
      };
    }),
  };
}
const rembourse = (c: CollectiviteSimulee, f: TFormule) => simulerFormules(ANNEES, [c], [f])[0]!.total.remboursements;
const arbCas = fc.tuple(fc.array(arbAgent, { minLength: 1, maxLength: 3 }), arbFormule);

describe('propriétés du simulateur', () => {
  it('une franchise plus longue ne rembourse jamais plus', () => {
    fc.assert(
      fc.property(arbCas, fc.constantFrom(10, 15, 20, 30), ([agents, f], plus) => {
        const c = collectivite(agents);
        const courte = Math.min(f.franchiseMoJours, plus);
        const longue = Math.max(f.franchiseMoJours, plus);
        expect(rembourse(c, { ...f, franchiseMoJours: longue })).toBeLessThanOrEqual(
          rembourse(c, { ...f, franchiseMoJours: courte }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('100 % rembourse au moins autant que 90 %', () => {
    fc.assert(
      fc.property(arbCas, ([agents, f]) => {
        const c = collectivite(agents);
        expect(rembourse(c, { ...f, remboursementPct: 100 })).toBeGreaterThanOrEqual(
          rembourse(c, { ...f, remboursementPct: 90 }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('retirer un risque ne rembourse jamais plus', () => {
    fc.assert(
      fc.property(arbCas, fc.nat(), ([agents, f], k) => {
        fc.pre(f.risques.length > 1);
        const c = collectivite(agents);
        const moins = f.risques.filter((_, i) => i !== k % f.risques.length);
        expect(rembourse(c, { ...f, risques: moins })).toBeLessThanOrEqual(rembourse(c, f));
      }),
      { numRuns: 60 },
    );
  });

  it('le remboursement ne dépasse jamais le salaire maintenu, et le reste à charge s’en déduit', () => {
    fc.assert(
      fc.property(arbCas, ([agents, f]) => {
        const [r] = simulerFormules(ANNEES, [collectivite(agents)], [{ ...f, elements: ['nbi', 'ri'] }]);
        for (const a of [...r!.annees, r!.total]) {
          expect(a.remboursements).toBeLessThanOrEqual(a.salaireMaintenu);
          expect(a.resteACharge).toBe(a.salaireMaintenu - a.remboursements + a.primes);
        }
      }),
      { numRuns: 60 },
    );
  });
});
