import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cotisation } from '../base-assurance/base-assurance.rules.js';
import {
  APPEL_ACTIONS,
  APPEL_STATUTS,
  appelModifiable,
  calculerAppel,
  calculerAppels,
  calculerRegularisation,
  echeancier,
  effetAdhesion,
  libelleAppel,
  ligneFrais,
  type ModeleFrais,
  moisCouverts,
  montantProrata,
  numeroAppel,
  PERIODICITES,
  statutApresEncaissement,
  transitionAppel,
} from './cotisations.rules.js';
import { ZFraisParametreInput } from './cotisations.schemas.js';

const euros = (n: number) => Math.round(n * 100);
const CNRACL = (assiette: number, taux = 8600) => [{ code: 'CNRACL', libelle: 'Cotisation CNRACL', assiette, taux }];
const forfait70: ModeleFrais = { modele: 'forfait_agent', montantParAgent: euros(70), regularise: false };
const pourcentage = (regularise: boolean): ModeleFrais => ({
  modele: 'pourcentage_assiette',
  tauxCnracl: 400,
  tauxIrcantec: 150,
  regularise,
});
const appel = (assiette: number, frais: ModeleFrais | null = null, mois = 12) =>
  calculerAppel({
    annee: 2026,
    regime: 'CNRACL',
    assiettes: CNRACL(assiette),
    frais,
    effectifCnracl: 12,
    mois,
    periodicite: 'annuelle',
  });

describe('lignes de cotisation', () => {
  it('base prévisionnelle 99 200 € à 8,60 % → 8 531,20 €', () => {
    // 9 920 000 c × 8 600 / 100 000 = 853 120 c
    const a = appel(euros(99_200));
    expect(a.lignes).toHaveLength(1);
    expect(a.lignes[0]).toMatchObject({ nature: 'cotisation', code: 'CNRACL', assiette: 9_920_000, taux: 8600 });
    expect(a.total).toBe(euros(8_531.2));
  });

  it('base réelle 104 000 € à 8,60 % → 8 944,00 €', () => {
    // 10 400 000 c × 8 600 / 100 000 = 894 400 c
    expect(appel(euros(104_000)).total).toBe(euros(8_944));
  });

  it('one line per regime or garantie, each base × its rate', () => {
    const a = calculerAppel({
      annee: 2026,
      regime: 'IRCANTEC',
      assiettes: [
        // 50 000 € × 1,95 % = 975,00 €
        { code: 'IRCANTEC', libelle: 'Cotisation IRCANTEC', assiette: euros(50_000), taux: 1950 },
        // 12 345,67 € × 0,333 % = 41,111 081 → 41,11 €
        { code: 'deces', libelle: 'Décès', assiette: euros(12_345.67), taux: 333 },
      ],
      frais: null,
      effectifCnracl: 0,
      mois: 12,
      periodicite: 'annuelle',
    });
    expect(a.lignes.map((l) => l.montant)).toEqual([euros(975), euros(41.11)]);
    expect(a.total).toBe(euros(1_016.11));
  });

  it('rounds half away from zero, once', () => {
    // 75 c × 1 000 (1 %) × 12 / 1 200 000 = 0,75 c → 1 c
    expect(montantProrata(75, 1000, 12)).toBe(1);
    // 50 c × 1 000 × 12 / 1 200 000 = 0,5 c → 1 c (half up)
    expect(montantProrata(50, 1000, 12)).toBe(1);
    // 49 c → 0,49 c → 0
    expect(montantProrata(49, 1000, 12)).toBe(0);
    // negative (an avoir line): −0,5 c → −1 c
    expect(montantProrata(-50, 1000, 12)).toBe(-1);
  });
});

describe('frais de gestion du CDG', () => {
  it('forfait de 70 € par agent CNRACL (seed 002): 12 agents → 840 €, never pro-rated', () => {
    // 12 × 7 000 c = 84 000 c
    const l = ligneFrais(forfait70, { regime: 'CNRACL', assiette: euros(99_200), effectifCnracl: 12, mois: 9 });
    expect(l).toMatchObject({ quantite: 12, prixUnitaire: 7000, montant: euros(840), assiette: null, mois: 12 });
    expect(appel(euros(99_200), forfait70).total).toBe(euros(8_531.2 + 840));
  });

  it('the fixed fee per CNRACL agent is not called on an IRCANTEC contract', () => {
    expect(ligneFrais(forfait70, { regime: 'IRCANTEC', assiette: euros(50_000), effectifCnracl: 12, mois: 12 })).toBe(
      null,
    );
  });

  it('0,40 % of the CNRACL base, 0,15 % of the IRCANTEC base', () => {
    // 9 920 000 c × 400 / 100 000 = 39 680 c
    expect(
      ligneFrais(pourcentage(false), { regime: 'CNRACL', assiette: euros(99_200), effectifCnracl: 0, mois: 12 })
        ?.montant,
    ).toBe(euros(396.8));
    // 5 000 000 c × 150 / 100 000 = 7 500 c
    expect(
      ligneFrais(pourcentage(false), { regime: 'IRCANTEC', assiette: euros(50_000), effectifCnracl: 0, mois: 12 })
        ?.montant,
    ).toBe(euros(75));
  });

  it('no model, no fee line', () => {
    expect(appel(euros(99_200), null).lignes.map((l) => l.nature)).toEqual(['cotisation']);
  });

  it('the parameters must name their amount or rate', () => {
    const r = ZFraisParametreInput.safeParse({ du: '2026-01-01', modele: 'forfait_agent' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['montantParAgent']);
    expect(
      ZFraisParametreInput.safeParse({ du: '2026-01-01', modele: 'forfait_agent', montantParAgent: 7000 }).success,
    ).toBe(true);
    const regularise = ZFraisParametreInput.safeParse({
      du: '2026-01-01',
      modele: 'forfait_agent',
      montantParAgent: 7000,
      regularise: true,
    });
    expect(regularise.error?.issues.map((i) => i.path)).toEqual([['regularise']]);
  });
});

describe('échéancier', () => {
  it('annual by default: one échéance, due 31/01', () => {
    expect(echeancier(853_120, 'annuelle', 2026)).toEqual([
      { rang: 1, du: '2026-01-01', au: '2026-12-31', dateEcheance: '2026-01-31', montant: 853_120 },
    ]);
  });

  it('semestrial: two halves', () => {
    // 853 120 / 2 = 426 560
    expect(echeancier(853_120, 'semestrielle', 2026).map((e) => [e.dateEcheance, e.montant])).toEqual([
      ['2026-01-31', 426_560],
      ['2026-07-31', 426_560],
    ]);
  });

  it('quarterly: remainder cents on the last', () => {
    // 853 121 / 4 = 213 280,25 → 213 280 × 3 = 639 840, last 853 121 − 639 840 = 213 281
    expect(echeancier(853_121, 'trimestrielle', 2026).map((e) => [e.du, e.au, e.dateEcheance, e.montant])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-01-31', 213_280],
      ['2026-04-01', '2026-06-30', '2026-04-30', 213_280],
      ['2026-07-01', '2026-09-30', '2026-07-31', 213_280],
      ['2026-10-01', '2026-12-31', '2026-10-31', 213_281],
    ]);
  });

  it('an avoir has a single échéance whatever the periodicity', () => {
    expect(echeancier(-36_120, 'trimestrielle', 2026)).toHaveLength(1);
  });

  it('property: the échéances add up exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.constantFrom(...PERIODICITES),
        fc.integer({ min: 1, max: 12 }),
        (total, periodicite, mois) => {
          const e = echeancier(total, periodicite, 2026, mois);
          expect(e.reduce((s, x) => s + x.montant, 0)).toBe(total);
          if (total >= 0) for (const x of e) expect(x.montant).toBeGreaterThanOrEqual(0);
          for (const x of e) expect(x.du >= `2026-${String(13 - mois).padStart(2, '0')}-01`).toBe(true);
        },
      ),
    );
  });
});

describe('adhésion en cours d’année', () => {
  it.each([
    ['2026-03-14', '2026-04-01'],
    ['2026-03-01', '2026-04-01'],
    ['2026-12-31', '2027-01-01'],
  ])('délibération du %s → effet au %s', (deliberation, effet) => {
    expect(effetAdhesion(deliberation)).toBe(effet);
  });

  it.each([
    [2026, '2024-01-01', null, 12],
    [2026, '2026-04-01', null, 9], // April to December
    [2026, '2026-03-15', null, 9], // mid-month: from 1 April
    [2026, '2027-01-01', null, 0],
    [2027, '2024-01-01', '2027-12-31', 12],
    [2027, '2024-01-01', '2027-06-30', 6],
    [2027, '2024-01-01', '2027-06-29', 5], // June not covered to its end
  ] as const)('année %i, couverture du %s au %s → %i mois', (annee, debut, fin, mois) => {
    expect(moisCouverts(annee, debut, fin)).toBe(mois);
  });

  it('délibération 14/03/2026: 9 months of 8 531,20 € → 6 398,40 €, quarterly from April', () => {
    // 9 920 000 × 8 600 × 9 / 1 200 000 = 639 840 c
    const a = calculerAppel({
      annee: 2026,
      regime: 'CNRACL',
      assiettes: CNRACL(euros(99_200)),
      frais: forfait70,
      effectifCnracl: 10,
      mois: moisCouverts(2026, effetAdhesion('2026-03-14')),
      periodicite: 'trimestrielle',
    });
    // + 10 × 70 € = 700 € of fee, not pro-rated: 639 840 + 70 000 = 709 840 c; / 3 = 236 613,33
    expect(a.total).toBe(709_840);
    expect(a.echeances.map((e) => [e.dateEcheance, e.montant])).toEqual([
      ['2026-04-30', 236_613],
      ['2026-07-31', 236_613],
      ['2026-10-31', 236_614],
    ]);
  });

  it('semestrial from April: the first half weighs 3 months, the second 6', () => {
    // 639 840 × 3 / 9 = 213 280; 639 840 − 213 280 = 426 560
    expect(echeancier(639_840, 'semestrielle', 2026, 9).map((e) => [e.du, e.montant])).toEqual([
      ['2026-04-01', 213_280],
      ['2026-07-01', 426_560],
    ]);
  });

  it('property: the pro rata is never above the full year, and 12 months is the base’s cotisation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 0, max: 12 }),
        (assiette, taux, mois) => {
          expect(montantProrata(assiette, taux, mois)).toBeLessThanOrEqual(montantProrata(assiette, taux, 12));
          expect(montantProrata(assiette, taux, 12)).toBe(cotisation({ tbi: assiette }, taux));
        },
      ),
    );
  });
});

describe('régularisation', () => {
  const dateEcheance = '2027-05-31';
  const reel = (assiette: number, frais: ModeleFrais | null) => ({
    annee: 2026,
    regime: 'CNRACL' as const,
    assiettes: CNRACL(assiette),
    frais,
    effectifCnracl: 14,
    mois: 12,
  });

  it('base réelle 104 000 € after 99 200 € called: + 412,80 €, a complementary call', () => {
    // 894 400 − 853 120 = 41 280 c
    const r = calculerRegularisation(appel(euros(99_200)).lignes, reel(euros(104_000), null), dateEcheance);
    expect(r.total).toBe(euros(412.8));
    expect(r.sens).toBe('complement');
    expect(r.echeances).toEqual([{ rang: 1, du: '2026-01-01', au: '2026-12-31', dateEcheance, montant: euros(412.8) }]);
  });

  it('a lower base réelle gives an avoir: 95 000 € → − 361,20 €', () => {
    // 95 000 × 8,6 % = 8 170,00; 8 170,00 − 8 531,20 = − 361,20
    const r = calculerRegularisation(appel(euros(99_200)).lignes, reel(euros(95_000), null), dateEcheance);
    expect(r.total).toBe(euros(-361.2));
    expect(r.sens).toBe('avoir');
  });

  it('the fixed fee per agent is never regularised, even with more agents', () => {
    const r = calculerRegularisation(
      appel(euros(99_200), forfait70).lignes,
      reel(euros(104_000), forfait70),
      dateEcheance,
    );
    expect(r.lignes.map((l) => l.nature)).toEqual(['cotisation']);
    expect(r.total).toBe(euros(412.8));
  });

  it('the % fee is regularised only when its model says so', () => {
    const sans = calculerRegularisation(
      appel(euros(99_200), pourcentage(false)).lignes,
      reel(euros(104_000), pourcentage(false)),
      dateEcheance,
    );
    expect(sans.total).toBe(euros(412.8));
    // fee: 104 000 × 0,40 % = 416,00; − 396,80 = 19,20
    const avec = calculerRegularisation(
      appel(euros(99_200), pourcentage(true)).lignes,
      reel(euros(104_000), pourcentage(true)),
      dateEcheance,
    );
    expect(avec.lignes.map((l) => [l.nature, l.montant])).toEqual([
      ['cotisation', euros(412.8)],
      ['frais_gestion', euros(19.2)],
    ]);
    expect(avec.total).toBe(euros(432));
  });

  it('property: regularisation = réelle − prévisionnelle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (prev, reelle, taux, mois, regularise) => {
          const frais = pourcentage(regularise);
          const entree = (assiette: number) => ({
            annee: 2026,
            regime: 'CNRACL' as const,
            assiettes: CNRACL(assiette, taux),
            frais,
            effectifCnracl: 3,
            mois,
          });
          const a = calculerAppel({ ...entree(prev), periodicite: 'annuelle' });
          const b = calculerAppel({ ...entree(reelle), periodicite: 'annuelle' });
          const r = calculerRegularisation(a.lignes, entree(reelle), dateEcheance);
          const fee = (x: typeof a) => x.lignes.find((l) => l.nature === 'frais_gestion')?.montant ?? 0;
          const attendu = regularise ? b.total - a.total : b.total - fee(b) - (a.total - fee(a));
          expect(r.total).toBe(attendu);
          expect(r.echeances.reduce((s, e) => s + e.montant, 0)).toBe(r.total);
        },
      ),
    );
  });
});

describe('statuts', () => {
  it.each([
    ['brouillon', 'controler', 'controle'],
    ['controle', 'emettre', 'emis'],
    ['emis', 'encaisser', 'paye_partiellement'],
    ['paye_partiellement', 'encaisser', 'paye_partiellement'],
    ['emis', 'solder', 'solde'],
    ['paye_partiellement', 'solder', 'solde'],
    ['brouillon', 'annuler', 'annule'],
    ['controle', 'annuler', 'annule'],
    ['emis', 'annuler', 'annule'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transitionAppel(from, action)).toEqual({ ok: true, to });
  });

  it('refuses every other pair with a French message; soldé and annulé are final', () => {
    const allowed = new Set([
      'brouillon controler',
      'controle emettre',
      'emis encaisser',
      'paye_partiellement encaisser',
      'emis solder',
      'paye_partiellement solder',
      'brouillon annuler',
      'controle annuler',
      'emis annuler',
    ]);
    for (const from of APPEL_STATUTS)
      for (const action of APPEL_ACTIONS) {
        const r = transitionAppel(from, action);
        expect(r.ok, `${from} ${action}`).toBe(allowed.has(`${from} ${action}`));
        if (!r.ok) expect(r.message).toMatch(/appel/);
      }
    expect(transitionAppel('brouillon', 'emettre')).toEqual({
      ok: false,
      message: 'Cet appel doit être contrôlé par le centre de gestion avant d’être émis.',
    });
  });

  it('only a draft or checked call may be rewritten', () => {
    expect(APPEL_STATUTS.filter(appelModifiable)).toEqual(['brouillon', 'controle']);
  });

  it.each([
    [853_120, 0, 'emis'],
    [853_120, 100_000, 'paye_partiellement'],
    [853_120, 853_120, 'solde'],
  ] as const)('total %i, encaissé %i → %s', (total, encaisse, statut) => {
    expect(statutApresEncaissement(total, encaisse)).toBe(statut);
  });

  it('numbers', () => {
    expect(numeroAppel('appel', 2026, 123)).toBe('AC-2026-000123');
    expect(numeroAppel('regularisation', 2026, 4)).toBe('RG-2026-000004');
    expect(numeroAppel('appel', 2026, 5, 'frais_gestion')).toBe('FG-2026-000005');
    expect(libelleAppel({ nature: 'appel', objet: 'frais_gestion', sens: 'complement' })).toBe(
      'Frais de gestion du CDG',
    );
    expect(libelleAppel({ nature: 'regularisation', objet: 'frais_gestion', sens: 'avoir' })).toBe(
      'Frais de gestion du CDG — avoir',
    );
    expect(libelleAppel({ nature: 'regularisation', objet: 'cotisation', sens: 'complement' })).toBe(
      'Appel complémentaire',
    );
    expect(numeroAppel('regularisation', 2026, 6, 'frais_gestion')).toBe('RF-2026-000006');
  });
});

describe('frais de gestion appelés séparément', () => {
  const separe = (f: ModeleFrais): ModeleFrais => ({ ...f, appelesSeparement: true });
  const appels = (assiette: number, frais: ModeleFrais | null, mois = 12, regime: 'CNRACL' | 'IRCANTEC' = 'CNRACL') =>
    calculerAppels({
      annee: 2026,
      regime,
      assiettes: regime === 'CNRACL' ? CNRACL(assiette) : [{ code: 'IRCANTEC', libelle: 'I', assiette, taux: 1950 }],
      frais,
      effectifCnracl: 12,
      mois,
      periodicite: 'trimestrielle',
    });

  it.each([
    // [case, base, model, months, contribution, fee, fee échéances]
    ['70 € × 12 agents CNRACL', 99_200, separe(forfait70), 12, 8_531.2, 840, [['2026-01-31', 840]]],
    // the fixed fee is not pro-rated: 9 months from 01/04 → still 840 €, one échéance at 30/04
    ['70 € × 12, adhésion au 01/04', 99_200, separe(forfait70), 9, 6_398.4, 840, [['2026-04-30', 840]]],
    // 9 920 000 c × 400 / 100 000 = 39 680 c
    ['0,40 % de 99 200 €', 99_200, separe(pourcentage(false)), 12, 8_531.2, 396.8, [['2026-01-31', 396.8]]],
    // 9 920 000 × 400 × 9 / 1 200 000 = 29 760 c; contribution 9 920 000 × 8 600 × 9 / 1 200 000 = 639 840 c
    ['0,40 % pro rata 9 mois', 99_200, separe(pourcentage(false)), 9, 6_398.4, 297.6, [['2026-04-30', 297.6]]],
  ] as const)('%s', (_, base, frais, mois, cotisation, fee, echeances) => {
    const a = appels(euros(base), frais, mois);
    expect(a.cotisation.lignes.map((l) => l.nature)).toEqual(['cotisation']);
    expect(a.cotisation.total).toBe(euros(cotisation));
    expect(a.cotisation.echeances.length).toBe(mois === 12 ? 4 : 3); // the contract's quarterly échéancier
    expect(a.frais?.lignes.map((l) => l.nature)).toEqual(['frais_gestion']);
    expect(a.frais?.total).toBe(euros(fee));
    expect(a.frais?.echeances.map((e) => [e.dateEcheance, e.montant])).toEqual(
      echeances.map(([d, m]) => [d, euros(m)]),
    );
  });

  it('not separate: one call carrying the fee line, as before', () => {
    const a = appels(euros(99_200), forfait70);
    expect(a.frais).toBeNull();
    expect(a.cotisation.total).toBe(euros(8_531.2 + 840));
  });

  it('a separate fee of nothing gives no fee call (fixed fee on an IRCANTEC contract)', () => {
    const a = appels(euros(50_000), separe(forfait70), 12, 'IRCANTEC');
    expect(a.frais).toBeNull();
    expect(a.cotisation.total).toBe(euros(975));
  });

  it('the fee call has its own periodicity, annual by default', () => {
    const a = calculerAppels({
      annee: 2026,
      regime: 'CNRACL',
      assiettes: CNRACL(euros(99_200)),
      frais: separe(forfait70),
      effectifCnracl: 12,
      mois: 12,
      periodicite: 'annuelle',
      periodiciteFrais: 'semestrielle',
    });
    expect(a.frais?.echeances.map((e) => e.montant)).toEqual([euros(420), euros(420)]);
  });

  it('separate fee call regularised only when the % model says so: 0,40 % × (104 000 − 99 200) = 19,20 €', () => {
    const frais = separe(pourcentage(true));
    const appele = appels(euros(99_200), frais).frais!.lignes;
    const reel = {
      annee: 2026,
      regime: 'CNRACL' as const,
      assiettes: CNRACL(euros(104_000)),
      frais,
      effectifCnracl: 12,
      mois: 12,
    };
    const r = calculerRegularisation(appele, reel, '2027-03-31', 'frais_gestion');
    // 10 400 000 × 400 / 100 000 = 41 600 c − 39 680 c = 1 920 c
    expect(r.lignes.map((l) => [l.nature, l.montant])).toEqual([['frais_gestion', euros(19.2)]]);
    expect(r.sens).toBe('complement');
    // the contribution call's regularisation no longer has a fee line: 8 944,00 − 8 531,20 = 412,80 €
    const c = calculerRegularisation(appels(euros(99_200), frais).cotisation.lignes, reel, '2027-03-31');
    expect(c.lignes.map((l) => [l.nature, l.montant])).toEqual([['cotisation', euros(412.8)]]);
    // without the flag, nothing on the fee call
    const sans = separe(pourcentage(false));
    expect(
      calculerRegularisation(
        appels(euros(99_200), sans).frais!.lignes,
        { ...reel, frais: sans },
        '2027-03-31',
        'frais_gestion',
      ).total,
    ).toBe(0);
  });

  it('property: separate or not, the collectivité owes the same, and each échéancier adds up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom<'CNRACL' | 'IRCANTEC'>('CNRACL', 'IRCANTEC'),
        fc.constantFrom(...PERIODICITES),
        fc.oneof(
          fc.record({
            modele: fc.constant('forfait_agent' as const),
            montantParAgent: fc.integer({ min: 0, max: 100_000 }),
            regularise: fc.constant(false),
          }),
          fc.record({
            modele: fc.constant('pourcentage_assiette' as const),
            tauxCnracl: fc.integer({ min: 0, max: 2000 }),
            tauxIrcantec: fc.integer({ min: 0, max: 2000 }),
            regularise: fc.boolean(),
          }),
        ),
        (assiette, taux, mois, effectifCnracl, regime, periodicite, frais) => {
          const e = {
            annee: 2026,
            regime,
            assiettes: [{ code: regime, libelle: regime, assiette, taux }],
            effectifCnracl,
            mois,
            periodicite,
          };
          const ensemble = calculerAppels({ ...e, frais: { ...frais, appelesSeparement: false } });
          const separes = calculerAppels({ ...e, frais: { ...frais, appelesSeparement: true } });
          expect(ensemble.frais).toBeNull();
          expect(separes.cotisation.total + (separes.frais?.total ?? 0)).toBe(ensemble.cotisation.total);
          for (const c of [separes.cotisation, separes.frais])
            if (c) expect(c.echeances.reduce((s, x) => s + x.montant, 0)).toBe(c.total);
        },
      ),
    );
  });
});
