import { describe, expect, it } from 'vitest';
import { estProblemePeriode, fusionner, moisCoupes, periodePrecedente, resoudrePeriode } from './periode.rules.js';
import { libelleReference, REFERENCES_NATIONALES, referencePour } from './references.js';
import { effectifDeLAnnee, regrouperProlongations } from './regroupement.rules.js';
import { choixPeriode, ZStatistiquesQuery } from './statistiques.schemas.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('périodes', () => {
  it.each([
    // choice, as of, début, fin, days, libellé
    [{ type: 'annee', annee: 2024 }, '2026-01-01', '2024-01-01', '2024-12-31', 366, 'année 2024'],
    [{ type: 'annee', annee: 2023 }, '2026-01-01', '2023-01-01', '2023-12-31', 365, 'année 2023'],
    [{ type: 'annee', annee: 2026 }, '2026-01-01', '2026-01-01', '2026-01-01', 1, 'année 2026 au 01/01/2026'],
    // 12 months ending 30/06/2024: 01/07/2023 → 30/06/2024, 366 days (29/02/2024 inside).
    [
      { type: 'glissant', fin: '2024-06-30' },
      '2026-01-01',
      '2023-07-01',
      '2024-06-30',
      366,
      '12 mois glissants du 01/07/2023 au 30/06/2024',
    ],
    // Ending 29/02/2024: 12 months earlier is 28/02/2023 (clamped), so from 01/03/2023: 366 days.
    [
      { type: 'glissant', fin: '2024-02-29' },
      '2026-01-01',
      '2023-03-01',
      '2024-02-29',
      366,
      '12 mois glissants du 01/03/2023 au 29/02/2024',
    ],
    // Ending in the future: stopped at the « as of » date (01/07/2025 → 15/03/2026 = 258 days).
    [
      { type: 'glissant', fin: '2026-06-30' },
      '2026-03-15',
      '2025-07-01',
      '2026-03-15',
      258,
      '12 mois glissants du 01/07/2025 au 15/03/2026',
    ],
    [
      { type: 'personnalisee', debut: '2024-03-01', fin: '2024-03-31' },
      '2026-01-01',
      '2024-03-01',
      '2024-03-31',
      31,
      'du 01/03/2024 au 31/03/2024',
    ],
  ] as const)('%o at %s', (choix, auJour, debut, fin, jours, libelle) => {
    const p = resoudrePeriode(choix, auJour);
    expect(p).toMatchObject({ debut, fin, jours, libelle, auJour });
  });

  it('refuses a period that starts after the « as of » date, or ends before it starts', () => {
    const futur = resoudrePeriode({ type: 'annee', annee: 2027 }, '2026-06-01');
    expect(estProblemePeriode(futur) && futur).toEqual({
      field: 'annee',
      message: 'La période commence le 01/01/2027, après le 01/06/2026 : aucune donnée à compter.',
    });
    const envers = resoudrePeriode({ type: 'personnalisee', debut: '2024-03-01', fin: '2024-02-01' }, '2026-06-01');
    expect(estProblemePeriode(envers) && envers.field).toBe('fin');
  });

  it('the previous period is the same span a year earlier', () => {
    const p = resoudrePeriode({ type: 'annee', annee: 2025 }, '2025-06-15');
    if (estProblemePeriode(p)) throw new Error();
    expect(periodePrecedente(p)).toMatchObject({ debut: '2024-01-01', fin: '2024-06-15', jours: 167, enCours: false });
  });

  it('months cut to the period', () => {
    expect(moisCoupes({ debut: '2024-01-20', fin: '2024-03-05' })).toEqual([
      { mois: '2024-01', debut: '2024-01-20', fin: '2024-01-31' },
      { mois: '2024-02', debut: '2024-02-01', fin: '2024-02-29' },
      { mois: '2024-03', debut: '2024-03-01', fin: '2024-03-05' },
    ]);
  });

  it('merges touching and overlapping spans', () => {
    expect(
      fusionner([
        { debut: '2024-01-11', fin: '2024-01-20' },
        { debut: '2024-01-01', fin: '2024-01-10' },
        { debut: '2024-01-15', fin: '2024-01-25' },
        { debut: '2024-02-01', fin: '2024-02-01' },
      ]),
    ).toEqual([
      { debut: '2024-01-01', fin: '2024-01-25' },
      { debut: '2024-02-01', fin: '2024-02-01' },
    ]);
  });
});

describe('query', () => {
  it('defaults to the year of the « as of » date, maternity excluded', () => {
    const q = ZStatistiquesQuery.parse({});
    expect(q).toEqual({ periode: 'annee', maternite: 'exclue' });
    expect(choixPeriode(q, '2026-12-07')).toEqual({ type: 'annee', annee: 2026 });
    expect(choixPeriode(ZStatistiquesQuery.parse({ periode: 'glissant' }), '2026-12-07')).toEqual({
      type: 'glissant',
      fin: '2026-12-07',
    });
    expect(choixPeriode(ZStatistiquesQuery.parse({ annee: '2024' }), '2026-12-07')).toEqual({
      type: 'annee',
      annee: 2024,
    });
  });

  it.each([
    [{ annee: 'deux mille' }, 'annee', 'L’année doit être un nombre.'],
    [{ annee: '1999' }, 'annee', 'L’année doit être 2000 ou après.'],
    [{ periode: 'semaine' }, 'periode', 'Choisissez la période : année, 12 mois glissants ou personnalisée.'],
    [{ periode: 'personnalisee', fin: '2024-01-31' }, 'debut', 'Indiquez le début de la période.'],
    [
      { periode: 'personnalisee', debut: '2024-02-01', fin: '2024-01-31' },
      'fin',
      'La fin de la période doit suivre son début.',
    ],
    [
      { periode: 'personnalisee', debut: '2010-01-01', fin: '2024-01-31' },
      'fin',
      'La période ne peut dépasser 10 ans.',
    ],
    [
      { periode: 'glissant', fin: '2024-02-30' },
      'fin',
      'Fin de la période : date invalide, attendue au format AAAA-MM-JJ.',
    ],
    [{ maternite: 'oui' }, 'maternite', 'Maternité : « exclue » ou « incluse ».'],
  ])('%o → %s: %s', (query, field, message) => {
    const r = ZStatistiquesQuery.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([field, message]);
  });
});

describe('prolongations and headcount of a year', () => {
  it('joins contiguous certificates of a sinistre; a rechute is another arrêt', () => {
    const arrets = regrouperProlongations([
      {
        sinistreId: 's1',
        agentId: 'a',
        categorie: 'maladie_ordinaire',
        debut: '2024-01-01',
        fin: '2024-01-10',
        demiTraitement: [],
        cout: { maintenuCentimes: 1000 },
      },
      {
        sinistreId: 's1',
        agentId: 'a',
        categorie: 'maladie_ordinaire',
        debut: '2024-01-11',
        fin: '2024-01-20',
        demiTraitement: [],
        cout: { maintenuCentimes: 500, rembourseCentimes: 200 },
      },
      { sinistreId: 's2', agentId: 'a', categorie: 'accident_service', debut: '2024-03-01', fin: '2024-03-10' },
      { sinistreId: 's2', agentId: 'a', categorie: 'accident_service', debut: '2024-04-01', fin: null },
    ]);
    expect(arrets).toEqual([
      {
        agentId: 'a',
        categorie: 'maladie_ordinaire',
        debut: '2024-01-01',
        fin: '2024-01-20',
        demiTraitement: [],
        cout: { maintenuCentimes: 1500, rembourseCentimes: 200 },
      },
      { agentId: 'a', categorie: 'accident_service', debut: '2024-03-01', fin: '2024-03-10' },
      { agentId: 'a', categorie: 'accident_service', debut: '2024-04-01', fin: null },
    ]);
  });

  it('takes that year’s bases, réelle over prévisionnelle, added over contracts', () => {
    const bases = [
      { contratId: 'cnracl', annee: 2024, type: 'previsionnelle', effectif: 38 },
      { contratId: 'cnracl', annee: 2024, type: 'reelle', effectif: 40 },
      { contratId: 'ircantec', annee: 2024, type: 'previsionnelle', effectif: 6 },
      { contratId: 'cnracl', annee: 2026, type: 'reelle', effectif: 55 }, // today's staff: not 2024's
    ] as const;
    expect(effectifDeLAnnee(bases, 2024)).toEqual({
      type: 'nombre',
      agents: 46,
      source: 'base de l’assurance réelle ou prévisionnelle 2024',
    });
    expect(effectifDeLAnnee(bases, 2026)).toEqual({
      type: 'nombre',
      agents: 55,
      source: 'base de l’assurance réelle 2026',
    });
    expect(effectifDeLAnnee(bases, 2025)).toBeNull();
  });
});

describe('références nationales', () => {
  it('hold the §8 figures with source, scope and year', () => {
    expect(referencePour('taux', 'exclue')).toMatchObject({ valeur: 9.8, annee: 2024 });
    expect(referencePour('taux', 'incluse')).toMatchObject({ valeur: 10.1, annee: 2023 });
    expect(referencePour('frequence', 'exclue')).toMatchObject({ valeur: 54, annee: 2024 });
    expect(referencePour('exposition', 'exclue')).toMatchObject({ valeur: 38, annee: 2024 });
    expect(referencePour('gravite', 'exclue')).toMatchObject({ valeur: 53, annee: 2024 });
    expect(referencePour('coutDirect', 'exclue')).toMatchObject({ valeur: 225_400, annee: 2023 });
    // The 2021 split by motif adds up to 9,6 %.
    const split = ['taux_mo', 'taux_longue_maladie', 'taux_citis'].map(
      (c) => REFERENCES_NATIONALES.find((r) => r.code === c)!.valeur,
    );
    expect(split.reduce((a, b) => a + b, 0)).toBeCloseTo(9.6, 10);
    for (const r of REFERENCES_NATIONALES) {
      expect(r.source).toMatch(/^Relyens/);
      expect(r.perimetre).toContain('CNRACL');
    }
  });

  it('reads in French', () => {
    expect(plain(libelleReference(referencePour('taux', 'exclue')!))).toBe(
      'Référence nationale : 9,8 % (données 2024, hors maternité) — Relyens, panorama annuel de l’absentéisme dans les collectivités territoriales, agents affiliés à la CNRACL des collectivités assurées.',
    );
    expect(plain(referencePour('coutDirect', 'incluse')!.valeurTexte)).toBe('2 254,00 € par agent');
  });
});
