import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementsAssuresDeBase } from '../base-assurance/base-assurance.rules.js';
import { addDays, addMonths, daysBetween, isIsoDate } from '../common/dates.js';
import { checkNirIdentite } from '../common/nir.js';
import { type ArretPeriod, checkArret, checkTpt, dureeArret } from './arrets.rules.js';
import { dateLimite, horsDelai } from './delais.rules.js';
import { ZEnquete } from './enquete.schemas.js';
import { SINISTRE_EVENTS, SINISTRE_STATUTS, SINISTRE_TRANSITIONS, transition } from './sinistres.status.js';

const initial: ArretPeriod = { id: 'a1', type: 'initial', debut: '2026-03-01', fin: '2026-03-07' };
const ctx = (over: Partial<Parameters<typeof checkArret>[1]> = {}) => ({
  dateSurvenance: '2026-03-01',
  maladieOrdinaire: true,
  arretsDuSinistre: [initial],
  autresArretsAgent: [],
  ...over,
});

describe('règles des arrêts', () => {
  it('the seeds’ maladie ordinaire: initial 1st–7th, then a 16-day prolongation from the 8th', () => {
    expect(checkArret(initial, ctx({ arretsDuSinistre: [] }))).toEqual([]);
    const prolongation: ArretPeriod = { type: 'prolongation', debut: '2026-03-08', fin: '2026-03-23' };
    expect(checkArret(prolongation, ctx())).toEqual([]);
    expect(dureeArret(prolongation)).toBe(16);
  });

  it.each([
    [
      { type: 'initial', debut: '2026-03-10', fin: '2026-03-05' },
      { arretsDuSinistre: [] },
      'fin',
      'La fin de l’arrêt (05/03/2026) précède son début (10/03/2026).',
    ],
    [
      { type: 'initial', debut: '2026-02-27', fin: '2026-03-05' },
      { arretsDuSinistre: [] },
      'debut',
      'L’arrêt ne peut commencer (27/02/2026) avant la date de survenance du sinistre (01/03/2026).',
    ],
    [
      { type: 'initial', debut: '2026-03-08', fin: '2026-03-09' },
      {},
      'type',
      'Ce sinistre a déjà son arrêt initial : déclarez une prolongation ou une rechute.',
    ],
    [
      { type: 'prolongation', debut: '2026-03-02', fin: '2026-03-09' },
      { arretsDuSinistre: [] },
      'type',
      'Le premier arrêt d’un sinistre est l’arrêt initial.',
    ],
    [
      { type: 'prolongation', debut: '2026-03-10', fin: '2026-03-20' },
      {},
      'debut',
      'Une prolongation commence le lendemain de la fin de l’arrêt précédent : le 08/03/2026 (l’arrêt précédent finit le 07/03/2026). En maladie ordinaire, un arrêt qui ne suit pas le précédent se déclare comme un nouveau sinistre (la rechute n’existe pas pour la maladie ordinaire).',
    ],
    [
      { type: 'prolongation', debut: '2026-03-10', fin: '2026-03-20' },
      { maladieOrdinaire: false },
      'debut',
      'Une prolongation commence le lendemain de la fin de l’arrêt précédent : le 08/03/2026 (l’arrêt précédent finit le 07/03/2026). Un arrêt qui ne suit pas le précédent, après une reprise du travail, est une rechute.',
    ],
    [
      { type: 'rechute', debut: '2026-04-10', fin: '2026-04-20' },
      {},
      'type',
      'La rechute n’existe pas pour la maladie ordinaire : un arrêt du 10/04/2026 qui ne suit pas le précédent (fini le 07/03/2026) se déclare comme un nouveau sinistre.',
    ],
    [
      { type: 'rechute', debut: '2026-03-08', fin: '2026-03-20' },
      { maladieOrdinaire: false },
      'type',
      'Cet arrêt commence le 08/03/2026, lendemain de la fin de l’arrêt précédent (07/03/2026) : c’est une prolongation. Une rechute commence après une reprise du travail.',
    ],
    [
      { type: 'rechute', debut: '2026-03-05', fin: '2026-03-20' },
      { maladieOrdinaire: false },
      'debut',
      'L’agent a déjà un arrêt du 01/03/2026 au 07/03/2026 : les arrêts ne peuvent pas se chevaucher.',
    ],
    [
      { type: 'initial', debut: '2026-03-05', fin: '2026-03-12' },
      {
        arretsDuSinistre: [],
        autresArretsAgent: [{ id: 'x', type: 'initial', debut: '2026-03-10', fin: '2026-03-15' }],
      },
      'debut',
      'L’agent a déjà un arrêt du 10/03/2026 au 15/03/2026 : les arrêts ne peuvent pas se chevaucher.',
    ],
  ] as const)('%j is refused on %s', (arret, over, field, message) => {
    expect(checkArret(arret as ArretPeriod, ctx(over as object))).toContainEqual({ field, message });
  });

  it('an overlapping rechute is told it overlaps, never that it is a prolongation', () => {
    const messages = checkArret(
      { type: 'rechute', debut: '2026-03-05', fin: '2026-03-20' },
      ctx({ maladieOrdinaire: false }),
    ).map((p) => p.message);
    expect(messages).toEqual([
      'L’agent a déjà un arrêt du 01/03/2026 au 07/03/2026 : les arrêts ne peuvent pas se chevaucher.',
    ]);
  });

  it('accepts a rechute of an accident after a return to work', () => {
    expect(
      checkArret({ type: 'rechute', debut: '2026-05-02', fin: '2026-05-10' }, ctx({ maladieOrdinaire: false })),
    ).toEqual([]);
  });

  it('an arrêt may end the day before another starts, not on it', () => {
    const other = { id: 'x', type: 'initial' as const, debut: '2026-03-10', fin: '2026-03-15' };
    expect(
      checkArret(
        { type: 'initial', debut: '2026-03-01', fin: '2026-03-09' },
        ctx({ arretsDuSinistre: [], autresArretsAgent: [other] }),
      ),
    ).toEqual([]);
    expect(
      checkArret(
        { type: 'initial', debut: '2026-03-01', fin: '2026-03-10' },
        ctx({ arretsDuSinistre: [], autresArretsAgent: [other] }),
      ),
    ).toHaveLength(1);
  });

  const isoDate = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));

  it('property: the day after the previous end is always a valid prolongation start', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), (debut, len, len2) => {
        const first: ArretPeriod = { id: 'p', type: 'initial', debut, fin: addDays(debut, len) };
        const next: ArretPeriod = {
          type: 'prolongation',
          debut: addDays(first.fin, 1),
          fin: addDays(first.fin, 1 + len2),
        };
        return (
          checkArret(next, {
            dateSurvenance: debut,
            maladieOrdinaire: true,
            arretsDuSinistre: [first],
            autresArretsAgent: [],
          }).length === 0
        );
      }),
    );
  });

  it('property: two periods sharing a day always overlap, two disjoint ones never', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -70, max: 70 }),
        fc.integer({ min: 0, max: 60 }),
        (d1, l1, shift, l2) => {
          const a = { id: 'a', type: 'initial' as const, debut: d1, fin: addDays(d1, l1) };
          const bDebut = addDays(d1, shift);
          const b = { type: 'initial' as const, debut: bDebut, fin: addDays(bDebut, l2) };
          const shares = b.debut <= a.fin && a.debut <= b.fin;
          const problems = checkArret(b, {
            dateSurvenance: '2000-01-01',
            maladieOrdinaire: true,
            arretsDuSinistre: [],
            autresArretsAgent: [a],
          });
          return problems.some((p) => p.message.includes('chevaucher')) === shares;
        },
      ),
    );
  });

  it('dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('statuts du sinistre (table exhaustive)', () => {
  const expected: Record<string, string> = {
    'brouillon valider': 'ouvert',
    'ouvert reprise': 'clos',
    'clos nouvel_arret': 'ouvert',
  };
  for (const from of SINISTRE_STATUTS) {
    for (const event of SINISTRE_EVENTS) {
      const key = `${from} ${event}`;
      it(`${key} → ${expected[key] ?? 'refusé'}`, () => {
        const result = transition(from, event);
        if (expected[key]) expect(result).toEqual({ ok: true, to: expected[key] });
        else expect(result.ok).toBe(false);
      });
    }
  }

  it('has exactly the three transitions of the domain', () => {
    const all = Object.entries(SINISTRE_TRANSITIONS).flatMap(([from, events]) =>
      Object.entries(events).map(([e, t]) => `${from} ${e} ${t?.to}`),
    );
    expect(all.sort()).toEqual(['brouillon valider ouvert', 'clos nouvel_arret ouvert', 'ouvert reprise clos']);
  });

  it('stays a draft while mandatory pieces are missing, and says which', () => {
    expect(transition('brouillon', 'valider', { piecesManquantes: ['Arrêt de travail (volets 2 et 3)'] })).toEqual({
      ok: false,
      message:
        'La déclaration reste en brouillon : il manque la pièce obligatoire « Arrêt de travail (volets 2 et 3) ».',
    });
  });
});

describe('délais de déclaration', () => {
  it.each([
    ['2026-01-01', '2026-04-01', 90, false], // day 90: 1 January + 90 days = 1 April, still in time
    ['2026-01-01', '2026-04-02', 90, true],
    ['2024-02-01', '2024-05-01', 90, false], // leap year: 1 February + 90 days = 1 May
    ['2026-03-01', '2028-03-01', 730, true], // 2 years of 365 days, 2028 is a leap year
  ])('event %s, declared %s, deadline %d days → hors délai %s', (event, declared, days, late) => {
    expect(horsDelai(event, declared, days)).toBe(late);
  });

  it('gives the last day', () => {
    expect(dateLimite('2026-01-01', 90)).toBe('2026-04-01');
  });
});

describe('NIR et identité', () => {
  it('agrees with a matching identity', () => {
    expect(checkNirIdentite('1841276451089', { sexe: 'M', dateNaissance: '1984-12-03' })).toEqual([]);
  });

  it('flags the sex, the year and the month', () => {
    const problems = checkNirIdentite('1841276451089', { sexe: 'F', dateNaissance: '1985-11-03' });
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ['sexe', 'erreur'],
      ['dateNaissance', 'erreur'],
      ['dateNaissance', 'erreur'],
    ]);
  });

  it('only warns for an unusual month, and ignores temporary numbers', () => {
    expect(checkNirIdentite('1845099123456', { sexe: 'M', dateNaissance: '1984-06-01' })).toEqual([
      {
        field: 'dateNaissance',
        severity: 'avertissement',
        message: 'Le mois du NIR (50) est inhabituel (naissance à l’étranger ou mois inconnu) : vérifiez le numéro.',
      },
    ]);
    expect(checkNirIdentite('7841276451089', { sexe: 'F', dateNaissance: '1990-01-01' })).toEqual([]);
  });
});

describe('temps partiel thérapeutique', () => {
  const ctx = { tpt: true, autresPeriodes: [] };
  it.each([
    [{ debut: '2026-01-05', fin: '2026-04-04', quotiteTpt: 50 }, ctx, []],
    [
      { debut: '2026-01-05', fin: '2026-04-05', quotiteTpt: 50 },
      ctx,
      [
        'Une période de temps partiel thérapeutique dure 3 mois au plus : jusqu’au 04/04/2026 pour un début le 05/01/2026.',
      ],
    ],
    [
      { debut: '2026-01-05', fin: '2026-02-05' },
      ctx,
      ['Indiquez la quotité de travail du temps partiel thérapeutique.'],
    ],
    [
      { debut: '2026-01-05', fin: '2026-02-05', quotiteTpt: 60 },
      { tpt: false, autresPeriodes: [] },
      ['La quotité ne concerne que le temps partiel thérapeutique.'],
    ],
    [
      { debut: '2026-12-01', fin: '2026-12-31', quotiteTpt: 80 },
      {
        tpt: true,
        autresPeriodes: [
          { debut: '2026-01-01', fin: '2026-03-31' },
          { debut: '2026-04-01', fin: '2026-06-30' },
          { debut: '2026-07-01', fin: '2026-09-30' },
          { debut: '2026-10-01', fin: '2026-11-30' },
        ],
      },
      [], // 365 days in all: exactly one year, accepted
    ],
    [
      { debut: '2027-01-01', fin: '2027-01-01', quotiteTpt: 80 },
      { tpt: true, autresPeriodes: [{ debut: '2026-01-01', fin: '2026-12-31' }] },
      ['Le temps partiel thérapeutique dure un an au plus : avec cette période, il atteindrait 366 jours.'],
    ],
  ])('%j', (arret, context, messages) => {
    expect(checkTpt(arret, context).map((p) => p.message)).toEqual(messages);
  });

  it('adds months the calendar way', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('property: a period of up to 3 months minus a day is always accepted', () => {
    const isoDay = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 88 }), (debut, len) => {
        return (
          checkTpt({ debut, fin: addDays(debut, len), quotiteTpt: 50 }, { tpt: true, autresPeriodes: [] }).length === 0
        );
      }),
    );
  });
});

describe('enquête administrative et données salariales', () => {
  const enquete = {
    nature: 'lieu_travail',
    date: '2026-04-01',
    heure: '10:30',
    lieu: 'Atelier',
    horaires: '8 h – 12 h',
    tache: 'Manutention',
    circonstances: 'Chute',
    sieges: ['poignet', 'genou'],
    natureLesions: 'Entorse',
  };
  it('accepts the seeds’ accident and refuses what is missing or inconsistent, in French', () => {
    expect(ZEnquete.safeParse(enquete).success).toBe(true);
    const bad = ZEnquete.safeParse({ ...enquete, heure: '25:00', sieges: ['poignet', 'poignet'], doute: true });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      'Heure de l’accident : au format HH:MM, par exemple 14:30.',
      'Un siège des lésions figure deux fois.',
      'Vous avez un doute sur l’imputabilité : indiquez pourquoi.',
    ]);
    expect(ZEnquete.safeParse({ ...enquete, sieges: [] }).error!.issues[0]!.message).toBe(
      'Indiquez au moins un siège des lésions.',
    );
  });
  it('offers the salary elements the base insures', () => {
    expect(elementsAssuresDeBase({ nbi: null, sft: null, ir: null, riPct: null, cpPct: null })).toEqual(['tbi']);
    expect(elementsAssuresDeBase({ nbi: 0, sft: 120_000, ir: null, riPct: 8, cpPct: null })).toEqual([
      'tbi',
      'nbi',
      'sft',
      'ri',
    ]);
  });
});
