import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { contratDeLaChaine } from '../gestion/controles.rules.js';
import {
  affectationSinistre,
  type ContratRenouvelable,
  debutDeChaine,
  verifierSuccession,
} from './renouvellement.rules.js';

const A: ContratRenouvelable = {
  id: 'a',
  numero: 'CT-2024',
  regime: 'CNRACL',
  cdgId: 'cdg',
  dateEffet: '2024-01-01',
  dateFin: '2027-12-31',
};
const B: ContratRenouvelable = { ...A, id: 'b', numero: 'CT-2028', dateEffet: '2028-01-01', dateFin: '2031-12-31' };

describe('verifierSuccession', () => {
  it('accepts B starting the day after A ends, without moving A’s end', () => {
    expect(verifierSuccession(A, B)).toEqual({
      ok: true,
      dateBascule: '2028-01-01',
      finAncien: '2027-12-31',
      finAvancee: false,
    });
  });

  it('brings A’s end to B’s eve when B starts before A’s planned end (a renegotiation)', () => {
    expect(verifierSuccession(A, { ...B, dateEffet: '2026-07-01' })).toEqual({
      ok: true,
      dateBascule: '2026-07-01',
      finAncien: '2026-06-30',
      finAvancee: true,
    });
    // A without an end gets one.
    expect(verifierSuccession({ ...A, dateFin: null }, B)).toMatchObject({
      ok: true,
      finAncien: '2027-12-31',
      finAvancee: true,
    });
  });

  it('is still valid once the switch is made (A succeeded by B): the switch is idempotent', () => {
    expect(verifierSuccession({ ...A, successeurId: 'b' }, B)).toMatchObject({ ok: true });
  });

  it.each([
    [{ ...B, id: 'a' }, 'Un contrat ne peut pas se succéder à lui-même.'],
    [
      { ...B, cdgId: 'autre' },
      'Le contrat n° CT-2028 n’appartient pas au même centre de gestion que le contrat n° CT-2024.',
    ],
    [
      { ...B, regime: 'IRCANTEC' as const },
      'Le contrat n° CT-2028 couvre le régime IRCANTEC, le contrat n° CT-2024 le régime CNRACL : le successeur doit couvrir le même régime.',
    ],
    [
      { ...B, dateEffet: '2024-01-01' },
      'Le contrat n° CT-2028 prend effet le 01/01/2024, avant ou le jour même du début du contrat n° CT-2024 (01/01/2024).',
    ],
    [
      { ...B, dateEffet: '2028-01-02' },
      'Le contrat n° CT-2024 finit le 31/12/2027 et le contrat n° CT-2028 ne prend effet que le 02/01/2028 : il doit commencer au plus tard le lendemain, 01/01/2028, pour qu’aucun jour ne reste sans couverture.',
    ],
  ])('refuses %o', (b, message) => {
    expect(verifierSuccession(A, b)).toEqual({ ok: false, erreurs: [{ field: 'successeurId', message }] });
  });

  it('refuses a second successor', () => {
    const r = verifierSuccession({ ...A, successeurId: 'c' }, B);
    expect(r).toEqual({
      ok: false,
      erreurs: [{ field: 'successeurId', message: 'Le contrat n° CT-2024 a déjà été renouvelé par un autre contrat.' }],
    });
  });
});

describe('affectationSinistre (switch on 01/01/2028)', () => {
  it.each([
    // A chain started on 20/12/2027, still open: A keeps paying it after its end.
    ['2027-12-20', '2027-12-20', 'ouvert', 'reste'],
    // The same chain with a rechute in 2028 (the first arrêt still 2027): still A's.
    ['2027-12-20', '2027-12-20', 'brouillon', 'reste'],
    // Closed before the switch: nothing to carry.
    ['2027-03-01', '2027-03-01', 'clos', 'terminee'],
    // Chain starting on the switch day: B's.
    ['2028-01-01', '2028-01-01', 'ouvert', 'bascule'],
    // An accident of 31/12/2027 whose first arrêt starts on 02/01/2028: the chain starts under B.
    ['2027-12-31', '2028-01-02', 'ouvert', 'bascule'],
    // Declared, no arrêt yet: the survenance decides (as it did at the declaration).
    ['2027-12-31', null, 'brouillon', 'reste'],
    ['2028-01-05', null, 'brouillon', 'bascule'],
    // Closed but started under B (declared early on A): it moves too.
    ['2028-02-01', '2028-02-01', 'clos', 'bascule'],
  ] as const)('survenance %s, first arrêt %s, %s → %s', (dateSurvenance, premierArret, statut, attendu) => {
    expect(affectationSinistre({ dateSurvenance, premierArret, statut }, '2028-01-01')).toBe(attendu);
  });

  it('reads the chain start from the first arrêt, else the survenance', () => {
    expect(debutDeChaine({ dateSurvenance: '2027-12-31', premierArret: '2028-01-02' })).toBe('2028-01-02');
    expect(debutDeChaine({ dateSurvenance: '2027-12-31', premierArret: null })).toBe('2027-12-31');
  });

  it('property: a sinistre moves to B exactly when the contract covering its chain start (§10) is B', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2022-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.option(fc.integer({ min: 0, max: 400 })),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom('brouillon', 'ouvert', 'clos'),
        (dateSurvenance, ecart, duree, statut) => {
          const premierArret = ecart === null ? null : addDays(dateSurvenance, ecart);
          const dateBascule = addDays('2024-01-01', duree);
          const succession = verifierSuccession({ ...A, dateFin: '2035-12-31' }, { ...B, dateEffet: dateBascule });
          if (!succession.ok) return false;
          const a = { ...A, dateFin: succession.finAncien };
          const b = { ...B, dateEffet: dateBascule, dateFin: '2040-12-31' };
          const debut = debutDeChaine({ dateSurvenance, premierArret });
          const couvrant = contratDeLaChaine([a, b], 'CNRACL', debut);
          const affectation = affectationSinistre({ dateSurvenance, premierArret, statut }, dateBascule);
          // Before A's start no contract covers: those never reach a contract's list.
          if (debut < a.dateEffet) return couvrant === null && affectation !== 'bascule';
          // Exactly one side; B iff the §10 rule picks B; the open ones A keeps are never closed.
          return (
            (affectation === 'bascule') === (couvrant?.id === 'b') &&
            (affectation !== 'reste' || statut !== 'clos') &&
            couvrant !== null
          );
        },
      ),
    );
  });
});
