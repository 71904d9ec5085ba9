import { describe, expect, it } from 'vitest';
import { contratMoteurDe } from './contrat.js';
import { expliquerJournal } from './explication.js';
import { contratMoteur, entreeMoteur, garanties, salairesConstants } from './moteur.fixtures.js';
import { calculerRemboursement } from './moteur.js';
import type { ArretMoteur, EntreeMoteur } from './moteur.types.js';
import { calculerRequalification, entreeRequalifiee } from './requalification.js';

/*
 * Unless a test says otherwise: TBI 3 000,00 € a month (300 000 cents, so 10 000 cents a trentième),
 * no other element, franchise 0, 100 %, fonctionnaire CNRACL, one contract 2020–2030.
 */
const mo = 'maladie_ordinaire' as const;
let n = 0;
const arret = (debut: string, fin: string, autres: Partial<ArretMoteur> = {}): ArretMoteur => ({
  id: `a${++n}`,
  sinistreId: 's1',
  categorie: mo,
  type: 'initial',
  debut,
  fin,
  ...autres,
});
const total = (e: Partial<EntreeMoteur>) => calculerRemboursement(entreeMoteur(e)).totaux.rembourse;
const parMois = (e: Partial<EntreeMoteur>) =>
  Object.fromEntries(calculerRemboursement(entreeMoteur(e)).mois.map((m) => [m.mois, m.rembourse]));
const franchiseMo = (jours: number) => [
  contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: jours } }) }),
];

describe('exemple chiffré de domain.md §6', () => {
  // IM 400: TBI 1 969,11 € + NBI 73,84 € = 2 042,95 € a month; franchise 15 days; 100 %.
  // MO 03/03–11/05/2025, carence 03/03 (inside the franchise), franchise 03/03–17/03.
  // March 18–31 = 14/30 × 204 295 × 0,9 = 85 803,9 → 85 804
  // April full = 30/30 × 204 295 × 0,9 = 183 865,5 → 183 866
  // May 1–11 = 11/30 × 204 295 × 0,9 = 67 417,35 → 67 417
  // total 337 087 cents = 3 370,87 € (55 × 68,0983 × 0,9 = 3 370,87).
  const entree = entreeMoteur({
    contrats: [
      contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15 } }), elements: ['nbi'] }),
    ],
    salaires: salairesConstants('2025-01-01', '2025-12-31', { tbi: 196_911, nbi: 7_384 }),
    arrets: [arret('2025-03-03', '2025-05-11')],
  });
  const r = calculerRemboursement(entree);

  it('rembourse 3 370,87 €, arrondi mois par mois', () => {
    expect(r.mois.map((m) => [m.mois, m.trentiemes, m.rembourse])).toEqual([
      ['2025-03', 14, 85_804],
      ['2025-04', 30, 183_866],
      ['2025-05', 11, 67_417],
    ]);
    expect(r.totaux).toMatchObject({ rembourse: 337_087, joursFranchise: 15, joursCarence: 1, joursCouverts: 55 });
  });

  it('détaille chaque mois par élément assuré', () => {
    // TBI 14/30 × 196 911 × 0,9 = 82 702,62 → 82 703 ; NBI 14/30 × 7 384 × 0,9 = 3 101,28 → 3 101.
    expect(r.mois[0]!.lignes).toEqual([
      { element: 'tbi', fraction: 9_000, trentiemes: 14, mensuel: 196_911, montant: 82_703 },
      { element: 'nbi', fraction: 9_000, trentiemes: 14, mensuel: 7_384, montant: 3_101 },
    ]);
  });

  it('s’explique en français, segment par segment', () => {
    expect(expliquerJournal(r.journal)).toEqual([
      'Du 03/03 au 17/03 : franchise de 15 jours.',
      '03/03 : jour de carence (maladie ordinaire), non rémunéré.',
      'Du 18/03 au 31/03 : 14/30 à 90\u00a0% — plein traitement réduit, arrêt débuté à compter du 1er mars 2025.',
      'Du 01/04 au 30/04 : 30/30 à 90\u00a0% — plein traitement réduit, arrêt débuté à compter du 1er mars 2025.',
      'Du 01/05 au 11/05 : 11/30 à 90\u00a0% — plein traitement réduit, arrêt débuté à compter du 1er mars 2025.',
    ]);
  });
});

describe('trentièmes (§6.1.13)', () => {
  it('un mois entier de 31 jours compte 30/30', () => {
    // Arrêt since 20/12/2024 (carence then), before 1 March 2025 → 100 %; January: 31 days, last one weighs 0.
    const r = calculerRemboursement(
      entreeMoteur({
        arrets: [arret('2024-12-20', '2025-01-31')],
        periode: { debut: '2025-01-01', fin: '2025-01-31' },
      }),
    );
    expect(r.mois).toMatchObject([{ mois: '2025-01', trentiemes: 30, rembourse: 300_000 }]);
    expect(r.journal.map((s) => [s.debut, s.fin, s.trentiemes])).toEqual([['2025-01-01', '2025-01-31', 30]]);
  });

  it('février entier compte 30/30, son dernier jour en pèse 3', () => {
    // CLM (no carence) 20/01–28/02/2026: February's 28 days → 27 + 3 = 30/30 = 300 000.
    expect(parMois({ arrets: [arret('2026-01-20', '2026-02-28', { categorie: 'clm' })] })).toEqual({
      '2026-01': 120_000, // 20–31 January: 12/30 × 300 000
      '2026-02': 300_000,
    });
  });

  it('février bissextile : le dernier jour en pèse 2', () => {
    // 2028-02 has 29 days: 28 + 2 = 30/30.
    const r = calculerRemboursement(
      entreeMoteur({ arrets: [arret('2028-02-01', '2028-02-29', { categorie: 'clm' })] }),
    );
    expect(r.mois).toMatchObject([{ trentiemes: 30, rembourse: 300_000 }]);
  });

  it('du 20 au 28 février : 9/30', () => {
    // 9 days × 10 000 = 90 000.
    expect(total({ arrets: [arret('2026-02-20', '2026-02-28', { categorie: 'clm' })] })).toBe(90_000);
  });

  it('arrondit au centime par mois, pas par jour', () => {
    // TBI 1,00 €: 3 days = 100 × 3 / 30 = 10 cents (rounding each day, 3,33 → 3, would give 9).
    expect(
      total({
        salaires: { '2026-03': { tbi: 100 } },
        arrets: [arret('2026-03-02', '2026-03-04', { categorie: 'clm' })],
      }),
    ).toBe(10);
    // Half-up: TBI 0,45 € for 1 day = 1,5 cent → 2.
    expect(
      total({
        salaires: { '2026-03': { tbi: 45 } },
        arrets: [arret('2026-03-02', '2026-03-02', { categorie: 'clm' })],
      }),
    ).toBe(2);
  });
});

describe('maladie ordinaire d’un fonctionnaire (§6.1.4)', () => {
  it('une chaîne à cheval sur le 1er mars 2025 : chaque certificat garde son taux', () => {
    // Initial 20/02–05/03 (before 1 March → 100 %), prolongation 06/03–20/03 (→ 90 %). Carence 20/02.
    // February 21–28: 8 × 10 000 = 80 000.
    // March 01–05 at 100 %: 5 × 10 000 = 50 000; 06–20 at 90 %: 15 × 9 000 = 135 000 → 185 000.
    const arrets = [arret('2025-02-20', '2025-03-05'), arret('2025-03-06', '2025-03-20', { type: 'prolongation' })];
    expect(parMois({ arrets })).toEqual({ '2025-02': 80_000, '2025-03': 185_000 });
    expect(expliquerJournal(calculerRemboursement(entreeMoteur({ arrets })).journal)).toContain(
      'Du 01/03 au 05/03 : 5/30 à 100\u00a0% — plein traitement, arrêt débuté avant le 1er mars 2025.',
    );
  });

  it('l’année glissante alimentée par deux sinistres', () => {
    // Sinistre A: 01/04–29/06/2025 = 30 + 31 + 29 = 90 MO days. Sinistre B from 01/09/2025: each day
    // already has ≥ 90 MO days in the year before → half pay. Carence 01/09; 02–30/09 = 29 × 5 000.
    const arrets = [arret('2025-04-01', '2025-06-29'), arret('2025-09-01', '2025-09-30', { sinistreId: 'B' })];
    expect(total({ arrets, sinistreIds: ['B'] })).toBe(145_000);
    const r = calculerRemboursement(entreeMoteur({ arrets, sinistreIds: ['B'] }));
    expect(r.journal.at(-1)).toMatchObject({ regle: 'mo_demi', joursAnneeGlissante: 91 });
  });

  it('l’année glisse : les jours de l’an dernier sortent un à un', () => {
    // A: 01/09–29/11/2024 = 30 + 31 + 29 = 90 days. On 01/09/2025 the window (01/09/2024, 31/08/2025]
    // holds 89 of them; each day of B adds one and the window drops one: always 89 → full pay.
    // B: carence 01/09, then 02/09–30/09 = 29 × 9 000 = 261 000.
    const arrets = [arret('2024-09-01', '2024-11-29'), arret('2025-09-01', '2025-09-30', { sinistreId: 'B' })];
    expect(total({ arrets, sinistreIds: ['B'] })).toBe(261_000);
  });

  it('au-delà de 360 jours dans l’année : plus rien', () => {
    // Antécédents: 360 MO days 01/01–26/12/2025; on 29/12/2025 the window (29/12/2024, 28/12/2025]
    // holds all 360: n ≥ 360 → unpaid, carence included.
    const r = calculerRemboursement(
      entreeMoteur({
        antecedents: [{ categorie: mo, debut: '2025-01-01', fin: '2025-12-26' }],
        arrets: [arret('2025-12-29', '2025-12-31')],
      }),
    );
    expect(r.totaux.rembourse).toBe(0);
    expect(r.journal.map((s) => [s.motif, s.regle])).toEqual([
      ['carence', 'mo_epuise'],
      ['non_remunere', 'mo_epuise'],
    ]);
  });

  it('une reprise de 48 h au plus : même chaîne, sans nouvelle carence ni franchise ; au-delà, nouvelle chaîne', () => {
    // Franchise 3. Initial 05/01–14/01/2026, 15 and 16 worked, new arrêt 17/01–20/01 (same sinistre).
    // Carence 05/01; franchise 05–07/01; paid 08–14 (7) + 17–20 (4) = 11 × 9 000 = 99 000.
    expect(
      total({
        contrats: franchiseMo(3),
        arrets: [arret('2026-01-05', '2026-01-14'), arret('2026-01-17', '2026-01-20')],
      }),
    ).toBe(99_000);
    // 3 days worked (15–17): the arrêt of 18/01 starts a new chain, its own carence and franchise 18–20,
    // paid 08–14 (7) + 21/01 (1) = 8 × 9 000 = 72 000.
    const r = calculerRemboursement(
      entreeMoteur({
        contrats: franchiseMo(3),
        arrets: [arret('2026-01-05', '2026-01-14'), arret('2026-01-18', '2026-01-21')],
      }),
    );
    expect(r.totaux).toMatchObject({ rembourse: 72_000, joursCarence: 2, joursFranchise: 6 });
  });
});

describe('maladie ordinaire d’un contractuel (§6.1.5)', () => {
  const contractuel = (debutService: string) => ({
    regime: 'IRCANTEC' as const,
    statut: 'contractuel' as const,
    debutService,
  });

  it('moins de 4 mois de services : aucun droit', () => {
    // 01/06 → 01/09/2025 = 3 complete months.
    const r = calculerRemboursement(
      entreeMoteur({ agent: contractuel('2025-06-01'), arrets: [arret('2025-09-01', '2025-09-20')] }),
    );
    expect(r.totaux.rembourse).toBe(0);
    expect(r.journal.at(-1)).toMatchObject({ motif: 'non_remunere', regle: 'mo_contractuel_sans_droit' });
  });

  it('à 2 ans : 60 jours pleins puis 60 demi', () => {
    // Carence 01/09 (MO day 1). Day k has n = k − 1 MO days before it: full while n < 60 → days 2–60
    // (02/09–30/10), half from day 61 (31/10).
    // September 02–30: 29 × 9 000 = 261 000.
    // October: 30 full days + 31/10 half, every day counted → last day weighs 0 → 30 × 9 000 = 270 000.
    // November: 30 half days = 30 × 5 000 = 150 000.
    expect(parMois({ agent: contractuel('2023-09-01'), arrets: [arret('2025-09-01', '2025-11-30')] })).toEqual({
      '2025-09': 261_000,
      '2025-10': 270_000,
      '2025-11': 150_000,
    });
  });

  it('à 3 ans : 90 jours pleins puis 90 demi', () => {
    // Full on days 2–90 (02/09–29/11), half from day 91 (30/11).
    // September 261 000; October 31 full days → 30/30 × 9 000 = 270 000;
    // November 29 × 9 000 + 1 × 5 000 = 266 000.
    expect(parMois({ agent: contractuel('2022-09-01'), arrets: [arret('2025-09-01', '2025-11-30')] })).toEqual({
      '2025-09': 261_000,
      '2025-10': 270_000,
      '2025-11': 266_000,
    });
  });
});

describe('carence et ses exceptions (§6.1.3)', () => {
  it('pas de carence pour un arrêt lié à la grossesse', () => {
    // 02/03–06/03/2026: 5 × 9 000 = 45 000.
    expect(total({ arrets: [arret('2026-03-02', '2026-03-06', { grossesse: true })] })).toBe(45_000);
  });

  it('une carence ALD par période de 3 ans', () => {
    // ALD 02/03/2026 (carence), again 01/06/2026 (< 3 years: none), again 03/03/2029 (≥ 3 years: carence).
    const r = calculerRemboursement(
      entreeMoteur({
        arrets: [
          arret('2026-03-02', '2026-03-06', { ald: true }),
          arret('2026-06-01', '2026-06-05', { ald: true, sinistreId: 's2' }),
          arret('2029-03-05', '2029-03-09', { ald: true, sinistreId: 's3' }),
        ],
      }),
    );
    expect(r.journal.filter((s) => s.carence).map((s) => s.debut)).toEqual(['2026-03-02', '2029-03-05']);
  });

  it('pas de carence hors maladie ordinaire', () => {
    // Accident de service 02/03–06/03/2026: 5 × 10 000.
    expect(total({ arrets: [arret('2026-03-02', '2026-03-06', { categorie: 'accident_service' })] })).toBe(50_000);
  });
});

describe('franchise par chaîne (§6.1.2)', () => {
  const at = (
    franchise: number,
    unite: 'jours_fermes_par_arret' | 'jours_fermes_par_sinistre' = 'jours_fermes_par_arret',
  ) => [
    contratMoteur({
      garanties: garanties({ accident_service: { franchiseNombre: franchise, franchiseUnite: unite } }),
    }),
  ];
  const as = 'accident_service' as const;

  it('une rechute dans les 48 h ne relance pas la franchise', () => {
    // Franchise 10: 05/01–14/01 all franchise; 15–16 worked; rechute 17–31/01 joins: 15 × 10 000.
    expect(
      total({
        contrats: at(10),
        arrets: [
          arret('2026-01-05', '2026-01-14', { categorie: as }),
          arret('2026-01-17', '2026-01-31', { categorie: as, type: 'rechute' }),
        ],
      }),
    ).toBe(150_000);
  });

  it('une rechute après plus de 48 h relance la franchise', () => {
    // Rechute 18/01–06/02 (3 days worked): franchise 18–27/01, paid 28–31/01 (4 × 10 000) + 01–06/02 (6 × 10 000).
    expect(
      total({
        contrats: at(10),
        arrets: [
          arret('2026-01-05', '2026-01-14', { categorie: as }),
          arret('2026-01-18', '2026-02-06', { categorie: as, type: 'rechute' }),
        ],
      }),
    ).toBe(100_000);
  });

  it('franchise « par sinistre » : la rechute continue la franchise entamée', () => {
    // Franchise 15 per sinistre: 10 days consumed by the initial, 5 left: rechute 18–22/01 franchise,
    // paid 23/01–06/02 = 9 + 6 = 15 × 10 000.
    expect(
      total({
        contrats: at(15, 'jours_fermes_par_sinistre'),
        arrets: [
          arret('2026-01-05', '2026-01-14', { categorie: as }),
          arret('2026-01-18', '2026-02-06', { categorie: as, type: 'rechute' }),
        ],
      }),
    ).toBe(150_000);
  });
});

describe('autres catégories', () => {
  it('CLD : les antécédents consomment les droits', () => {
    // Antécédents CLD 01/01/2020–29/12/2022 = 366 + 365 + 363 = 1 094 days: 01/01/2023 is the 1 095th
    // full day, half from 02/01. January: 1 × 10 000 + 30 days half, last weighs 0 → 29 × 5 000 → 155 000.
    expect(
      total({
        antecedents: [{ categorie: 'cld', debut: '2020-01-01', fin: '2022-12-29' }],
        arrets: [arret('2023-01-01', '2023-01-31', { categorie: 'cld' })],
      }),
    ).toBe(155_000);
  });

  it('CGM d’un contractuel : 3 ans de services exigés, IJSS déduites', () => {
    const cgm = (debutService: string) =>
      total({
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService },
        arrets: [arret('2026-01-01', '2026-01-31', { categorie: 'cgm' })],
        ijss: [{ debut: '2026-01-01', fin: '2026-01-31', montantJournalier: 3_000 }],
      });
    // ≥ 36 months: January 30/30 = 300 000 − IJSS 31 × 3 000 = 93 000 → 207 000.
    expect(cgm('2022-06-01')).toBe(207_000);
    // 01/06/2024 → 01/01/2026 = 19 months: no paid CGM.
    expect(cgm('2024-06-01')).toBe(0);
  });

  it('maternité : IJSS d’une période réparties au centime, jamais de net négatif', () => {
    // 01–10/03/2026: 10/30 × 300 000 = 100 000 − IJSS 45 001 = 54 999.
    const maternite = (montantPeriode: number) =>
      total({
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2020-01-01' },
        arrets: [arret('2026-03-01', '2026-03-10', { categorie: 'maternite' })],
        ijss: [{ debut: '2026-03-01', fin: '2026-03-10', montantPeriode }],
      });
    expect(maternite(45_001)).toBe(54_999);
    expect(maternite(150_000)).toBe(0);
  });

  it('temps partiel thérapeutique : la part non travaillée de chaque élément, SFT compris', () => {
    // Quotité 60 % → 40 % of (TBI 300 000 + SFT 15 000) over March's 30/30 = 126 000.
    expect(
      total({
        contrats: [contratMoteur({ elements: ['sft'] })],
        salaires: { '2026-03': { tbi: 300_000, sft: 15_000 } },
        arrets: [arret('2026-03-01', '2026-03-31', { categorie: 'tpt', quotiteTpt: 60 })],
      }),
    ).toBe(126_000);
  });

  it('temps partiel thérapeutique : un an au plus en tout', () => {
    // Antécédents: 360 TPT days; 5 more days are paid (01–05/03/2026), then nothing.
    // Quotité 50 % → 50 %: 5 × 10 000 × 50 % = 25 000.
    expect(
      total({
        antecedents: [{ categorie: 'tpt', debut: '2025-01-01', fin: '2025-12-26' }],
        arrets: [arret('2026-03-01', '2026-03-20', { categorie: 'tpt', quotiteTpt: 50 })],
      }),
    ).toBe(25_000);
  });

  it('RI et CP en pourcentage du TBI suivent la fraction ; SFT et IR restent à 100 %', () => {
    // MO 02–11/03/2026 (carence 02/03, certificate after 1 March 2025 → 90 %): 9 days.
    // TBI 300 000, RI 10 % = 30 000, CP 50 % = 150 000 → 480 000 × 9/30 × 0,9 = 129 600;
    // SFT 6 000 + IR 9 000 = 15 000 × 9/30 = 4 500 → 134 100.
    expect(
      total({
        contrats: [contratMoteur({ elements: ['sft', 'ir', 'ri', 'cp'], riPct: 1_000, cpPct: 5_000 })],
        salaires: { '2026-03': { tbi: 300_000, sft: 6_000, ir: 9_000 } },
        arrets: [arret('2026-03-02', '2026-03-11')],
      }),
    ).toBe(134_100);
  });

  it('accident du travail d’un contractuel de moins d’un an : un mois de plein traitement', () => {
    // 30 days full (01–30/04/2026 = 30/30 → 300 000), then 01–10/05 IJSS only.
    expect(
      total({
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2025-10-01' },
        arrets: [arret('2026-04-01', '2026-05-10', { categorie: 'accident_service' })],
      }),
    ).toBe(300_000);
  });

  it('accident du travail d’un contractuel : le mois de plein traitement court sur tout le sinistre', () => {
    // Initial 01–20/04/2026 (20 full days, before the period), rechute 04/05–20/05: 10 more full days
    // (04–13/05), then IJSS only. May: 10 × 10 000 = 100 000.
    expect(
      total({
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2025-10-01' },
        arrets: [
          arret('2026-04-01', '2026-04-20', { categorie: 'accident_service' }),
          arret('2026-05-04', '2026-05-20', { categorie: 'accident_service', type: 'rechute' }),
        ],
        periode: { debut: '2026-05-01', fin: '2026-05-31' },
      }),
    ).toBe(100_000);
  });

  it('décès : le capital du contrat, paramètre de la garantie', () => {
    const r = calculerRemboursement(
      entreeMoteur({
        contrats: [contratMoteur({ capitalDecesCentimes: 1_000_000 })],
        deces: { sinistreId: 'd1', date: '2026-05-04' },
      }),
    );
    expect(r.capitaux).toEqual([{ sinistreId: 'd1', contratId: 'C1', date: '2026-05-04', montant: 1_000_000 }]);
    expect(r.totaux.rembourse).toBe(1_000_000);
  });
});

describe('contrôles, retards et couverture', () => {
  it('contre-visite : plus rien à partir de la date « injustifié »', () => {
    // 05/01–31/01/2026, injustifié à partir du 20/01: carence 05/01, paid 06–19 = 14 × 9 000.
    const r = calculerRemboursement(
      entreeMoteur({
        arrets: [arret('2026-01-05', '2026-01-31')],
        contreVisites: [{ sinistreId: 's1', injustifieAPartirDu: '2026-01-20' }],
      }),
    );
    expect(r.totaux.rembourse).toBe(126_000);
    expect(r.journal.at(-1)).toMatchObject({ debut: '2026-01-20', fin: '2026-01-31', motif: 'contre_visite' });
  });

  it('arrêt envoyé en retard : un avertissement, puis la moitié en cas de récidive dans les 24 mois', () => {
    // First: 06/01/2025 sent 10/01 (4 days) → warning only. Second: 02/06 sent 06/06 → half until 05/06.
    // Carence 02/06; 03–05/06 at 90 % × ½ = 3 × 4 500 = 13 500; 06–13/06 = 8 × 9 000 = 72 000 → 85 500.
    const r = calculerRemboursement(
      entreeMoteur({
        arrets: [
          arret('2025-01-06', '2025-01-10', { dateEnvoi: '2025-01-10' }),
          arret('2025-06-02', '2025-06-13', { sinistreId: 's2', dateEnvoi: '2025-06-06' }),
        ],
        sinistreIds: ['s2'],
      }),
    );
    expect(r.totaux.rembourse).toBe(85_500);
    expect(r.journal.find((s) => s.envoiTardif)).toMatchObject({
      debut: '2025-06-03',
      fin: '2025-06-05',
      fractionTraitement: 4_500,
    });
  });

  it('déclaration tardive : refus, ou remboursement à compter de la réception', () => {
    // Accident de service 01/01–30/04/2026 received 15/04 (104 days > 90).
    const arrets = [arret('2026-01-01', '2026-04-30', { categorie: 'accident_service', dateReception: '2026-04-15' })];
    expect(total({ arrets, contrats: [contratMoteur({ declarationTardive: 'refus' })] })).toBe(0);
    // « à compter de la réception »: 15–30/04 = 16 × 10 000.
    expect(total({ arrets, contrats: [contratMoteur({ declarationTardive: 'reception' })] })).toBe(160_000);
  });

  it('la chaîne reste au contrat en vigueur à son premier jour', () => {
    const contrats = [
      contratMoteur({ contratId: 'C1', debut: '2024-01-01', fin: '2025-12-31' }),
      contratMoteur({
        contratId: 'C2',
        debut: '2026-01-01',
        fin: '2029-12-31',
        garanties: garanties({ accident_service: { remboursementPct: 80 } }),
      }),
    ];
    const r = calculerRemboursement(
      entreeMoteur({
        contrats,
        arrets: [
          // Started under C1: January 1–9 stays with C1 at 100 % = 90 000.
          arret('2025-12-22', '2026-01-09', { categorie: 'accident_service' }),
          // A new sinistre under C2: 5 × 10 000 × 80 % = 40 000.
          arret('2026-01-19', '2026-01-23', { categorie: 'accident_service', sinistreId: 's2' }),
        ],
        periode: { debut: '2026-01-01', fin: '2026-01-31' },
      }),
    );
    expect(r.mois.map((m) => [m.sinistreId, m.contratId, m.rembourse])).toEqual([
      ['s1', 'C1', 90_000],
      ['s2', 'C2', 40_000],
    ]);
  });
});

describe('requalification MO → CLM (§6.1.16)', () => {
  it('recalcule toute la chaîne et régularise mois par mois', () => {
    // The worked example requalified in CLM from its first day: no carence, franchise 0, 100 %.
    // New: March 03–31 = 29/30 × 204 295 = 197 485,17 → 197 485; April 204 295; May 11/30 → 74 908,17 → 74 908.
    // Old: 85 804, 183 866, 67 417. Regularisations: +111 681, +20 429, +7 491 = +139 601.
    const avant = entreeMoteur({
      contrats: [
        contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15 } }), elements: ['nbi'] }),
      ],
      salaires: salairesConstants('2025-01-01', '2025-12-31', { tbi: 196_911, nbi: 7_384 }),
      arrets: [
        arret('2025-03-03', '2025-04-10', { id: 'i' }),
        arret('2025-04-11', '2025-05-11', { id: 'p', type: 'prolongation' }),
      ],
    });
    const apres = entreeRequalifiee(avant, { sinistreId: 's1', de: mo, vers: 'clm', aCompterDu: '2025-03-03' });
    if (!apres.ok) throw new Error(apres.message);
    const r = calculerRequalification(avant, apres.entree);
    expect(r.ancien.totaux.rembourse).toBe(337_087);
    expect(r.nouveau.totaux.rembourse).toBe(476_688);
    expect(r.regularisations.map((l) => [l.mois, l.ancien, l.nouveau, l.difference])).toEqual([
      ['2025-03', 85_804, 197_485, 111_681],
      ['2025-04', 183_866, 204_295, 20_429],
      ['2025-05', 67_417, 74_908, 7_491],
    ]);
    expect(r.total).toBe(139_601);
  });

  it('à compter d’une date en cours d’arrêt : l’arrêt est scindé, le début reste en maladie ordinaire', () => {
    // CLM from 01/04/2025: March as before (85 804); April 204 295; May 74 908 → +27 920 in all.
    const avant = entreeMoteur({
      contrats: [
        contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15 } }), elements: ['nbi'] }),
      ],
      salaires: salairesConstants('2025-01-01', '2025-12-31', { tbi: 196_911, nbi: 7_384 }),
      arrets: [arret('2025-03-03', '2025-05-11', { id: 'i' })],
    });
    const apres = entreeRequalifiee(avant, { sinistreId: 's1', de: mo, vers: 'clm', aCompterDu: '2025-04-01' });
    if (!apres.ok) throw new Error(apres.message);
    const r = calculerRequalification(avant, apres.entree);
    expect(r.regularisations.map((l) => [l.mois, l.difference])).toEqual([
      ['2025-03', 0],
      ['2025-04', 20_429],
      ['2025-05', 7_491],
    ]);
    expect(r.total).toBe(27_920);
  });
});

describe('le contrat vu par le moteur', () => {
  it('reprend les garanties et les éléments de la base', () => {
    const c = contratMoteurDe(
      {
        id: 'c-1',
        dateEffet: '2024-01-01',
        dateFin: '2027-12-31',
        garanties: [
          {
            risque: 'maladie_ordinaire',
            couvert: true,
            franchiseNombre: 15,
            franchiseUnite: 'jours_fermes_par_arret',
            remboursementPct: 100,
            delaiDeclarationJours: 90,
            delaiPiecesJours: 90,
            delaiPiecesMedicalesJours: 730,
            delaiDecesJours: 3650,
            horsDelaiRegle: 'couverture_a_reception',
            rechuteNouvelleFranchise: true,
            capitalDeces: null,
          },
        ],
      },
      { nbi: 7_384, sft: null, ir: null, riPct: 726, cpPct: null },
    );
    expect(c).toMatchObject({ contratId: 'c-1', elements: ['nbi', 'ri'], riPct: 726, declarationTardive: 'reception' });
    expect(c.garanties.maladie_ordinaire?.franchiseNombre).toBe(15);
    expect(c.garanties.clm).toBeUndefined();
  });
});
