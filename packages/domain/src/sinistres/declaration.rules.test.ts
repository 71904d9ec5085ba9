import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.js';
import { RISQUES, type TRisque } from '../contrats/contrats.schemas.js';
import { echeancesSinistre } from '../echeances/delais.rules.js';
import { effetReprise } from './arrets.rules.js';
import { delaiDeclaration } from './delais.rules.js';
import { CATALOGUE_PIECES, type PieceModeleRegle } from './pieces.catalogue.js';
import { arretRequis, checkDateSurvenance, messageArretManquant, messageDoublon } from './sinistres.rules.js';
import { transition } from './sinistres.status.js';

describe('reprise du travail (domain §6.1 : la reprise met fin à l’arrêt la veille)', () => {
  it.each([
    // The prolongation 10/11–25/11, reprise on 20/11: ends 19/11, 6 days less.
    [
      { debut: '2026-11-10', fin: '2026-11-25' },
      '2026-11-20',
      '2026-11-19',
      'La reprise du 20/11/2026 tombe pendant l’arrêt du 10/11/2026 au 25/11/2026 : l’arrêt finira le 19/11/2026 au lieu du 25/11/2026 (6 jours de moins). Le certificat d’arrêt de travail garde ses dates (du 10/11/2026 au 25/11/2026).',
    ],
    // The arrêt dialog's 01/12–06/12 with a reprise on 05/12: ends 04/12.
    [
      { debut: '2026-12-01', fin: '2026-12-06' },
      '2026-12-05',
      '2026-12-04',
      'La reprise du 05/12/2026 tombe pendant l’arrêt du 01/12/2026 au 06/12/2026 : l’arrêt finira le 04/12/2026 au lieu du 06/12/2026 (2 jours de moins). Le certificat d’arrêt de travail garde ses dates (du 01/12/2026 au 06/12/2026).',
    ],
    // On the last day: one day less.
    [
      { debut: '2026-12-01', fin: '2026-12-06' },
      '2026-12-06',
      '2026-12-05',
      'La reprise du 06/12/2026 tombe pendant l’arrêt du 01/12/2026 au 06/12/2026 : l’arrêt finira le 05/12/2026 au lieu du 06/12/2026 (1 jour de moins). Le certificat d’arrêt de travail garde ses dates (du 01/12/2026 au 06/12/2026).',
    ],
  ])('%j, reprise %s → fin %s, described', (arret, reprise, fin, message) => {
    expect(effetReprise(arret, reprise)).toEqual({ ok: true, fin, raccourci: true, message });
  });

  it('the day after the end (or later) changes nothing', () => {
    expect(effetReprise({ debut: '2026-12-01', fin: '2026-12-06' }, '2026-12-07')).toEqual({
      ok: true,
      fin: '2026-12-06',
      raccourci: false,
    });
    expect(effetReprise({ debut: '2026-12-01', fin: '2026-12-06' }, '2026-12-20')).toMatchObject({ raccourci: false });
  });

  it('refuses a reprise on the first day of the arrêt or before, with the dates', () => {
    expect(effetReprise({ debut: '2026-12-01', fin: '2026-12-06' }, '2026-12-01')).toEqual({
      ok: false,
      problem: {
        field: 'fin',
        message:
          'La reprise (01/12/2026) doit suivre le début de l’arrêt (01/12/2026) : l’agent reprend au plus tôt le lendemain du premier jour d’arrêt.',
      },
    });
  });

  it('property: after a reprise the arrêt ends the day before it, never later than before', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 400 }), (debut, len, shift) => {
        const arret = { debut, fin: addDays(debut, len) };
        const reprise = addDays(debut, shift);
        const r = effetReprise(arret, reprise);
        if (!r.ok) return false;
        return r.raccourci ? r.fin === addDays(reprise, -1) && r.fin < arret.fin : r.fin === arret.fin;
      }),
    );
  });
});

describe('arrêt nécessaire à la déclaration', () => {
  const catalogue: PieceModeleRegle[] = RISQUES.flatMap((categorie) =>
    CATALOGUE_PIECES[categorie].map((m) => ({ ...m, categorie, regime: null, actif: true })),
  );
  it.each([
    ['maladie_ordinaire', null, true],
    ['clm', null, true],
    ['tpt', null, true],
    ['accident_service', null, true],
    ['accident_service', true, true],
    ['accident_service', false, false], // imputability: the agent did not stop work
    ['disponibilite_office', null, false],
  ] as const)('%s (arrêt de travail %s) → %s', (categorie, arretTravail, expected) => {
    expect(arretRequis(catalogue, { categorie: categorie as TRisque, regime: 'CNRACL', arretTravail })).toBe(expected);
  });

  it('follows the catalogue: an arrêt piece made optional or inactive no longer requires an arrêt', () => {
    const mo = catalogue
      .filter((m) => m.categorie === 'maladie_ordinaire')
      .map((m) => (m.etape === 'arret' ? { ...m, obligatoire: false } : m));
    expect(arretRequis(mo, { categorie: 'maladie_ordinaire', regime: 'CNRACL', arretTravail: null })).toBe(false);
  });

  it('refuses to validate a maladie ordinaire without arrêt, whatever the pieces', () => {
    expect(
      transition('brouillon', 'valider', {
        piecesManquantes: [],
        arretManquant: messageArretManquant('maladie_ordinaire'),
      }),
    ).toEqual({
      ok: false,
      message:
        'La déclaration reste en brouillon : aucun arrêt n’est déclaré. Une déclaration « Maladie ordinaire » se fait avec son arrêt de travail : ajoutez l’arrêt initial, puis déposez ses pièces.',
    });
  });
});

describe('déclaration du sinistre', () => {
  it('a future date of survenance says the rule and the dates', () => {
    expect(checkDateSurvenance('2026-12-08', { aujourdhui: '2026-12-07', dateEntree: '2020-01-01' })).toEqual([
      {
        field: 'dateSurvenance',
        message:
          'La date de survenance (08/12/2026) est dans le futur : un sinistre se déclare une fois survenu, au plus tard aujourd’hui (07/12/2026).',
      },
    ]);
    expect(checkDateSurvenance('2026-12-07', { aujourdhui: '2026-12-07', dateEntree: '2020-01-01' })).toEqual([]);
    expect(checkDateSurvenance('2019-12-31', { aujourdhui: '2026-12-07', dateEntree: '2020-01-01' })).toEqual([
      {
        field: 'dateSurvenance',
        message: 'La date de survenance (31/12/2019) précède l’entrée de l’agent dans la collectivité (01/01/2020).',
      },
    ]);
  });

  it.each([
    // The accident of 01/07 declared on 07/12, 90 days: the limit was 29/09.
    [
      '2026-07-01',
      '2026-12-07',
      90,
      true,
      '2026-09-29',
      'Déclaré hors délai le 07/12/2026 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/07/2026), soit au plus tard le 29/09/2026.',
    ],
    [
      '2026-07-01',
      '2026-09-29',
      90,
      false,
      '2026-09-29',
      'Déclaré dans les délais le 29/09/2026 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/07/2026), soit au plus tard le 29/09/2026.',
    ],
  ])('survenance %s, declared %s, %d days → hors délai %s', (survenance, declared, jours, late, limite, message) => {
    expect(delaiDeclaration(survenance, declared, jours, null)).toEqual({
      horsDelai: late,
      dateLimite: limite,
      message,
    });
    // A contract that ends long after changes nothing.
    expect(delaiDeclaration(survenance, declared, jours, '2030-12-31')).toEqual({
      horsDelai: late,
      dateLimite: limite,
      message,
    });
    expect(daysBetween(survenance, limite)).toBe(jours);
  });

  it.each([
    // Contract ending 31/12/2026, accident of 01/12/2026: 01/12 + 90 = 01/03/2027 (30 to 31/12, +31 → 31/01,
    // +28 → 28/02, +1), but 31/12/2026 + 30 = 30/01/2027 comes first. Declared 15/01/2027: in time.
    [
      '2027-01-15',
      false,
      'Déclaré dans les délais le 15/01/2027 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/12/2026), et au plus tard 30 jours après la fin du contrat (31/12/2026), soit au plus tard le 30/01/2027.',
    ],
    // Declared 31/01/2027: within the 90 days (01/03/2027), one day past the contract's 30 days: late.
    [
      '2027-01-31',
      true,
      'Déclaré hors délai le 31/01/2027 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/12/2026), et au plus tard 30 jours après la fin du contrat (31/12/2026), soit au plus tard le 30/01/2027.',
    ],
  ])(
    'under a contract ending 31/12/2026, a sinistre of 01/12/2026 declared %s → hors délai %s',
    (declared, late, message) => {
      expect(delaiDeclaration('2026-12-01', declared, 90, '2026-12-31')).toEqual({
        horsDelai: late,
        dateLimite: '2027-01-30',
        message,
      });
    },
  );

  it('is late exactly when the file’s declaration clock says « Dépassée » (one rule for both)', () => {
    const jour = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(
        jour,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(90, 120, 180),
        fc.option(fc.integer({ min: -30, max: 400 }), { nil: null }),
        (survenance, apres, jours, finApres) => {
          const declareLe = addDays(survenance, apres);
          const contratFin = finApres === null ? null : addDays(survenance, finApres);
          const [clock] = echeancesSinistre(
            {
              sinistre: { categorie: 'maladie_ordinaire', dateSurvenance: survenance, declareLe },
              contratFin,
              garantie: { delaiDeclarationJours: jours, delaiPiecesJours: 90 },
              arrets: [],
              piecesCompletesLe: null,
              citis: null,
            },
            declareLe,
          ).filter((e) => e.kind === 'declaration_sinistre');
          const entete = delaiDeclaration(survenance, declareLe, jours, contratFin);
          expect(entete.dateLimite).toBe(clock!.dateEcheance);
          expect(entete.horsDelai).toBe(clock!.etat === 'depassee');
          // Never later than the contract's deadline, nor than 30 days after the end of a contract it occurred under.
          expect(entete.dateLimite <= addDays(survenance, jours)).toBe(true);
          if (contratFin !== null && survenance <= contratFin)
            expect(entete.dateLimite <= addDays(contratFin, 30)).toBe(true);
        },
      ),
    );
  });

  it('warns of a duplicate with the existing sinistre’s number', () => {
    const existant = { numero: '2026-000012', categorie: 'maladie_ordinaire' as const, dateSurvenance: '2026-11-10' };
    expect(messageDoublon('Paul MARTIN', [existant], 'maladie_ordinaire')).toBe(
      'Un sinistre « Maladie ordinaire » survenu le 10/11/2026 est déjà déclaré pour Paul MARTIN : n° 2026-000012. Ouvrez-le plutôt que d’en déclarer un second, ou confirmez s’il s’agit bien d’un autre sinistre.',
    );
    expect(messageDoublon('Paul MARTIN', [existant], 'accident_service')).toBe(
      'Un sinistre est déjà déclaré pour Paul MARTIN à la même date (10/11/2026) : n° 2026-000012 (Maladie ordinaire). Vérifiez la catégorie, ou confirmez s’il s’agit bien d’un autre sinistre.',
    );
  });
});
