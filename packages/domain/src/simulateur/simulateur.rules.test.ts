import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { salairesConstants } from '../remboursements/moteur.fixtures.js';
import type { ArretMoteur } from '../remboursements/moteur.types.js';
import {
  anneesSimulees,
  type BaseSimulee,
  type CollectiviteSimulee,
  formuleDeContrat,
  simulerFormules,
  simulerRegimes,
} from './simulateur.rules.js';
import {
  DECLARATIONS_TARDIVES,
  DELAIS_DECLARATION,
  RISQUES_SIMULES,
  type TFormule,
  ZSimulationInput,
} from './simulateur.schemas.js';

const ANNEES = [2023, 2024, 2025];
const formule = (f: Partial<TFormule> = {}): TFormule => ({
  libelle: 'F',
  franchiseMoJours: 10,
  franchisesJours: {},
  declarationTardive: 'aucune',
  delaiDeclarationJours: 90,
  remboursementPct: 100,
  elements: [],
  risques: [...RISQUES_SIMULES],
  taux: { CNRACL: 8600 },
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
      formule({ elements: ['nbi'], taux: { CNRACL: 9000 } }),
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

/** One titulaire, TBI 2 000 €/month, one arrêt of `categorie` from `debut` to `fin`, received `recu`. */
const unArret = (categorie: TRisque, debut: string, fin: string, recu: string | null = null): CollectiviteSimulee => ({
  agents: [
    {
      ...petiteCollectivite.agents[0]!,
      arrets: [{ id: 'a1', sinistreId: 's1', categorie, type: 'initial', debut, fin, dateReception: recu }],
    },
  ],
  bases: ANNEES.map((a) => base(a)),
});

describe('déclaration tardive rejouée par le moteur', () => {
  // CLM 01/03–30/06/2024 (full pay, no carence, no franchise), received 10/06/2024:
  // 31 + 30 + 31 + 9 = 101 days after its start, past a 90-day deadline, within a 120-day one.
  const clm = unArret('clm', '2024-03-01', '2024-06-30', '2024-06-10');
  const rembourse2024 = (f: Partial<TFormule>) => simulerFormules(ANNEES, [clm], [formule(f)])[0]!.annees[1]!;

  it.each([
    // Four whole months at 30/30 × 2 000 € = 8 000 €.
    ['sans règle', { declarationTardive: 'aucune' }, 800_000],
    // 10–30 June = 21/30 × 2 000 € = 1 400 €.
    ['à compter de la réception, délai 90 jours', { declarationTardive: 'reception' }, 140_000],
    ['refus, délai 90 jours', { declarationTardive: 'refus' }, 0],
    ['refus, délai 120 jours : déclaré à temps', { declarationTardive: 'refus', delaiDeclarationJours: 120 }, 800_000],
  ] as const)('%s', (_, f, rembourse) => {
    const an = rembourse2024(f);
    expect(an.remboursements).toBe(rembourse);
    // The maintained pay does not depend on the formula's rule.
    expect(an.salaireMaintenu).toBe(800_000);
  });

  it.each([
    ['sans règle', 'aucune', 0],
    // 01/03–09/06: 31 + 30 + 31 + 9 = 101 days before the reception.
    ['à compter de la réception', 'reception', 101],
    // The whole arrêt, 01/03–30/06: 31 + 30 + 31 + 30 = 122 days.
    ['refus', 'refus', 122],
  ] as const)('%s : les jours non pris en charge pour déclaration tardive', (_, declarationTardive, jours) => {
    const [r] = simulerFormules(ANNEES, [clm], [formule({ declarationTardive })]);
    expect(r!.joursHorsDelai).toBe(jours);
  });

  it('un arrêt sans date de réception n’est jamais tardif', () => {
    const sansDate = unArret('clm', '2024-03-01', '2024-06-30');
    const [r] = simulerFormules(ANNEES, [sansDate], [formule({ declarationTardive: 'refus' })]);
    expect(r!.annees[1]!.remboursements).toBe(800_000);
  });
});

describe('franchise par risque', () => {
  // Accident de service 01–30/04/2024, full pay, no carence.
  const accident = unArret('accident_service', '2024-04-01', '2024-04-30');
  it.each([
    // Every day of April counted: 30/30 × 2 000 € = 2 000 €.
    [0, 200_000],
    // Days 11–30: 20/30 × 2 000 € = 1 333,33 €.
    [10, 133_333],
  ])('accident de service, franchise %i jours', (jours, rembourse) => {
    const [r] = simulerFormules(ANNEES, [accident], [formule({ franchisesJours: { accident_service: jours } })]);
    expect(r!.annees[1]!.remboursements).toBe(rembourse);
  });

  it('la franchise d’un autre risque ne touche pas l’accident', () => {
    const [r] = simulerFormules(
      ANNEES,
      [accident],
      [formule({ franchisesJours: { maternite: 10 }, franchiseMoJours: 30 })],
    );
    expect(r!.annees[1]!.remboursements).toBe(200_000);
  });
});

describe('deux régimes dans la même simulation', () => {
  // IRCANTEC: a contractuel (service since 2019), TBI 1 500 €/month, accident de service 01–30/04/2024,
  // no IJSS entered: 30/30 × 1 500 € = 1 500 €. Base 100 000 € × 1,95 % = 1 950 € a year.
  const ircantec: CollectiviteSimulee = {
    agents: [
      {
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2019-01-01' },
        arrets: [
          {
            id: 'i1',
            sinistreId: 'si1',
            categorie: 'accident_service',
            type: 'initial',
            debut: '2024-04-01',
            fin: '2024-04-30',
          },
        ],
        salaires: salairesConstants('2022-01-01', '2025-12-31', { tbi: 150_000 }),
      },
    ],
    bases: ANNEES.map((a) => base(a, { tbi: 10_000_000, nbi: null })),
  };
  const [r] = simulerRegimes(
    ANNEES,
    [
      { regime: 'CNRACL', collectivites: [petiteCollectivite] },
      { regime: 'IRCANTEC', collectivites: [ircantec] },
    ],
    [formule({ taux: { CNRACL: 8600, IRCANTEC: 1950 } })],
  );

  it('chaque régime a ses primes à son taux et ses remboursements', () => {
    expect(r!.parRegime.map((x) => x.regime)).toEqual(['CNRACL', 'IRCANTEC']);
    // CNRACL 2024: 8,60 % × 240 000 € = 20 640 €, MO franchise 10 → 1 333,33 € (as above).
    expect(r!.parRegime[0]!.annees[1]).toMatchObject({ primes: 2_064_000, remboursements: 133_333 });
    expect(r!.parRegime[1]!.annees[1]).toMatchObject({ primes: 195_000, remboursements: 150_000 });
  });

  it('le total additionne les régimes', () => {
    expect(r!.annees[1]).toEqual({
      annee: 2024,
      primes: 2_064_000 + 195_000,
      remboursements: 133_333 + 150_000,
      salaireMaintenu: 193_333 + 150_000,
      resteACharge: 193_333 + 150_000 - (133_333 + 150_000) + 2_064_000 + 195_000,
      // 283 333 / 2 259 000 = 12,54 % → 1 254 points de base.
      rapport: 1254,
    });
  });
});

describe('formule actuelle tirée des contrats', () => {
  const garantie = (risque: TRisque, franchiseNombre: number) => ({
    risque,
    couvert: true,
    franchiseNombre,
    remboursementPct: 100,
    delaiDeclarationJours: 120,
    horsDelaiRegle: 'refus',
  });
  it('reprend la couverture du premier contrat et le taux de chacun', () => {
    const f = formuleDeContrat(
      {
        libelle: 'Groupe 2024',
        regime: 'CNRACL',
        tauxCotisation: 8604,
        elementsAssurables: ['nbi'],
        garanties: [garantie('maladie_ordinaire', 15), garantie('accident_service', 7)],
      },
      { libelle: 'Groupe IRCANTEC', regime: 'IRCANTEC', tauxCotisation: 1950, elementsAssurables: [], garanties: [] },
    );
    expect(f).toMatchObject({
      franchiseMoJours: 15,
      // 7 days → the nearest offered, 10.
      franchisesJours: { accident_service: 10, maternite: 0 },
      declarationTardive: 'refus',
      delaiDeclarationJours: 120,
      risques: ['accident_service', 'maladie_ordinaire'],
      // 8,604 % at two decimals: 8,60 %.
      taux: { CNRACL: 8600, IRCANTEC: 1950 },
    });
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
    [{ formules: [formule({ taux: { CNRACL: 8605 } })] }, 'Le taux de cotisation CNRACL a deux décimales au plus.'],
    [
      { regimes: ['CNRACL', 'IRCANTEC'], formules: [formule()] },
      'Indiquez le taux de cotisation IRCANTEC de la formule « F ».',
    ],
    [{ regimes: [], formules: [formule()] }, 'Choisissez au moins un régime.'],
    [{ formules: [formule({ delaiDeclarationJours: 100 })] }, 'Le délai de déclaration est de 90, 120 ou 180 jours.'],
    [{ formules: [formule({ franchisesJours: { maternite: 15 } })] }, 'Cette franchise est de 0 ou 10 jours.'],
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
      /** Days between its start and its reception. */
      retard: fc.integer({ min: 0, max: 300 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
const arbFormule = fc.record({
  libelle: fc.constant('F'),
  franchiseMoJours: fc.constantFrom(0, 10, 15, 20, 30),
  franchisesJours: fc.record(
    { accident_service: fc.constantFrom(0, 10), maternite: fc.constantFrom(0, 10) },
    { requiredKeys: [] },
  ),
  declarationTardive: fc.constantFrom(...DECLARATIONS_TARDIVES),
  delaiDeclarationJours: fc.constantFrom(...DELAIS_DECLARATION),
  remboursementPct: fc.constantFrom(90, 100),
  elements: fc.subarray(['nbi', 'sft', 'ir', 'ri', 'cp'] as const),
  risques: fc.subarray(RISQUES_SIMULES, { minLength: 1 }),
  taux: fc.record({
    CNRACL: fc.integer({ min: 1, max: 1000 }).map((t) => t * 10),
    IRCANTEC: fc.integer({ min: 1, max: 1000 }).map((t) => t * 10),
  }),
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
            dateReception: addDays(debut, a.retard),
          };
        }),
        salaires: salairesConstants('2022-01-01', '2026-12-31', { tbi: h.tbi, nbi: h.nbi }),
      };
    }),
  };
}
const rembourse = (c: CollectiviteSimulee, f: TFormule) => simulerFormules(ANNEES, [c], [f])[0]!.total.remboursements;
const arbCas = fc.tuple(fc.array(arbAgent, { minLength: 1, maxLength: 3 }), arbFormule);

/**
 * Over random cases: a formula with `champ` at the larger of its value and another reimburses no
 * more (« decroissant ») or no less (« croissant ») than with the smaller.
 */
function monotone(
  champ: 'franchiseMoJours' | 'delaiDeclarationJours',
  valeurs: readonly number[],
  sens: 'croissant' | 'decroissant',
) {
  fc.assert(
    fc.property(arbCas, fc.constantFrom(...valeurs), ([agents, f], autre) => {
      const c = collectivite(agents);
      const petit = rembourse(c, { ...f, [champ]: Math.min(f[champ], autre) });
      const grand = rembourse(c, { ...f, [champ]: Math.max(f[champ], autre) });
      if (sens === 'croissant') expect(grand).toBeGreaterThanOrEqual(petit);
      else expect(grand).toBeLessThanOrEqual(petit);
    }),
    { numRuns: 60 },
  );
}

describe('propriétés du simulateur', () => {
  it('une franchise plus longue ne rembourse jamais plus', () => {
    monotone('franchiseMoJours', [10, 15, 20, 30], 'decroissant');
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

  it('« refus » ne paie jamais plus qu’« à compter de la réception », qui ne paie jamais plus que sans règle', () => {
    fc.assert(
      fc.property(arbCas, ([agents, f]) => {
        const c = collectivite(agents);
        const refus = rembourse(c, { ...f, declarationTardive: 'refus' });
        const reception = rembourse(c, { ...f, declarationTardive: 'reception' });
        const aucune = rembourse(c, { ...f, declarationTardive: 'aucune' });
        expect(refus).toBeLessThanOrEqual(reception);
        expect(reception).toBeLessThanOrEqual(aucune);
      }),
      { numRuns: 60 },
    );
  });

  it('un délai de déclaration plus long ne rembourse jamais moins', () => {
    monotone('delaiDeclarationJours', DELAIS_DECLARATION, 'croissant');
  });

  it('une franchise d’accident ou de maternité de 10 jours ne rembourse jamais plus que sans', () => {
    fc.assert(
      fc.property(arbCas, fc.constantFrom('accident_service', 'maternite'), ([agents, f], risque) => {
        const c = collectivite(agents);
        const avec = rembourse(c, { ...f, franchisesJours: { ...f.franchisesJours, [risque]: 10 } });
        const sans = rembourse(c, { ...f, franchisesJours: { ...f.franchisesJours, [risque]: 0 } });
        expect(avec).toBeLessThanOrEqual(sans);
      }),
      { numRuns: 60 },
    );
  });

  it('à deux régimes, le total de chaque année est la somme des régimes', () => {
    fc.assert(
      fc.property(arbCas, arbCas, ([a], [b, f]) => {
        const [r] = simulerRegimes(
          ANNEES,
          [
            { regime: 'CNRACL', collectivites: [collectivite(a)] },
            { regime: 'IRCANTEC', collectivites: [collectivite(b)] },
          ],
          [f],
        );
        expect(r!.joursHorsDelai).toBe(r!.parRegime[0]!.joursHorsDelai + r!.parRegime[1]!.joursHorsDelai);
        for (const cle of ['primes', 'remboursements', 'salaireMaintenu', 'resteACharge'] as const) {
          expect(r!.total[cle]).toBe(r!.parRegime[0]!.total[cle] + r!.parRegime[1]!.total[cle]);
          r!.annees.forEach((an, i) => {
            expect(an[cle]).toBe(r!.parRegime[0]!.annees[i]![cle] + r!.parRegime[1]!.annees[i]![cle]);
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});
