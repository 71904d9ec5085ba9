import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { chainesArrets, formatMois, moisDeLaPeriode } from './chaines.rules.js';
import {
  type ContratControle,
  controleAgentAssure,
  controleBaseDeclaree,
  controleCategorie,
  controleChevauchements,
  controleCitis,
  controleContratChaines,
  controleDelaiDeclaration,
  controleDonneesSalariales,
  controleProlongations,
  controlerDossier,
  type DossierControle,
  debutCouvertureArret,
  echeanceImputabilite,
  NIVEAUX_CONTROLE,
  niveauGlobal,
} from './controles.rules.js';

const A: ContratControle = {
  id: 'a',
  numero: 'GRP-2024',
  regime: 'CNRACL',
  dateEffet: '2024-01-01',
  dateFin: '2027-12-31',
};
const B: ContratControle = { ...A, id: 'b', numero: 'GRP-2028', dateEffet: '2028-01-01', dateFin: '2031-12-31' };
const I: ContratControle = { ...A, id: 'i', numero: 'IRC-2024', regime: 'IRCANTEC' };

describe('chaînes d’arrêts', () => {
  it('joins prolongations and returns of 2 days at most; 3 days worked start a new chain', () => {
    const chaines = chainesArrets([
      { debut: '2026-04-04', fin: '2026-04-10' },
      { debut: '2026-03-01', fin: '2026-03-10' },
      { debut: '2026-03-11', fin: '2026-03-20' },
      { debut: '2026-03-23', fin: '2026-03-31' }, // 21 and 22 worked
    ]);
    expect(chaines.map((c) => [c.debut, c.fin, c.arrets.length])).toEqual([
      ['2026-03-01', '2026-03-31', 3],
      ['2026-04-04', '2026-04-10', 1], // 1, 2 and 3 April worked
    ]);
  });

  it('chains partition the arrêts; inside a chain at most 2 days worked, between chains more', () => {
    const arrets = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 20 })), { maxLength: 12 })
      .map((gaps) => {
        let jour = '2026-01-01';
        return gaps.map(([ecart, duree]) => {
          const debut = addDays(jour, ecart);
          const fin = addDays(debut, duree);
          jour = addDays(fin, 1);
          return { debut, fin };
        });
      });
    fc.assert(
      fc.property(arrets, (list) => {
        const chaines = chainesArrets(list);
        expect(chaines.flatMap((c) => c.arrets)).toEqual(list);
        chaines.forEach((c, i) => {
          c.arrets.slice(1).forEach((a, j) => {
            expect(addDays(c.arrets[j]!.fin, 3) >= a.debut).toBe(true);
          });
          const suivante = chaines[i + 1];
          if (suivante) expect(addDays(c.fin, 3) < suivante.debut).toBe(true);
        });
      }),
    );
  });

  it('months of a period', () => {
    expect(moisDeLaPeriode('2026-01-20', '2026-03-05')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(moisDeLaPeriode('2025-12-31', '2026-01-01')).toEqual(['2025-12', '2026-01']);
    expect(moisDeLaPeriode('2026-02-01', '2026-02-28')).toEqual(['2026-02']);
    expect(formatMois('2026-08')).toBe('août 2026');
  });
});

describe('agent assuré à la date', () => {
  const agent = { regime: 'CNRACL' as const, dateEntree: '2020-09-01', dateDepart: '2026-07-01' };
  it.each([
    [
      '2026-03-02',
      'ok',
      'Le 02/03/2026, l’agent était en activité dans la collectivité, au régime CNRACL du contrat n° GRP-2024.',
    ],
    [
      '2020-08-31',
      'bloquant',
      'Le 31/08/2020, l’agent n’était pas encore dans la collectivité (entrée le 01/09/2020).',
    ],
    ['2026-07-01', 'bloquant', 'Le 01/07/2026, l’agent avait quitté la collectivité (départ le 01/07/2026).'],
  ] as const)('%s → %s', (date, niveau, message) => {
    expect(controleAgentAssure(agent, A, date)).toEqual({ code: 'agent_assure', niveau, message });
  });

  it('reads the regime and the position of the date', () => {
    const situations = [
      { debut: '2020-09-01', fin: '2022-12-31', position: 'activite' as const, regime: 'IRCANTEC' as const },
      { debut: '2023-01-01', fin: '2024-06-30', position: 'activite' as const },
      { debut: '2024-07-01', fin: '2025-06-30', position: 'disponibilite' as const },
    ];
    const a = { ...agent, situations };
    expect(controleAgentAssure(a, A, '2022-05-10').message).toBe(
      'Le 10/05/2022, l’agent relevait du régime IRCANTEC ; le contrat n° GRP-2024 couvre les agents CNRACL.',
    );
    expect(controleAgentAssure(a, A, '2024-12-01').message).toBe(
      'Le 01/12/2024, l’agent était en disponibilité : seul un agent en activité est couvert par le contrat.',
    );
    expect(controleAgentAssure(a, A, '2025-07-01').niveau).toBe('ok');
  });
});

describe('contrat de chaque chaîne', () => {
  it('a chain started under A stays with A after its end', () => {
    const r = controleContratChaines([{ debut: '2027-12-20', fin: '2028-01-15' }], A, [A, B, I]);
    expect(r).toEqual({
      code: 'contrat_chaine',
      niveau: 'ok',
      message:
        'Chaque chaîne d’arrêts commence pendant le contrat n° GRP-2024 (du 01/01/2024 au 31/12/2027). La chaîne d’arrêts du 20/12/2027 au 15/01/2028 se poursuit après la fin du contrat (31/12/2027) : elle reste à sa charge jusqu’à la reprise.',
    });
  });

  it('a rechute after the end of A belongs to B', () => {
    const r = controleContratChaines(
      [
        { debut: '2027-12-01', fin: '2027-12-10' },
        { debut: '2028-01-05', fin: '2028-01-20' },
      ],
      A,
      [A, B],
    );
    expect(r.niveau).toBe('bloquant');
    expect(r.message).toBe(
      'La chaîne d’arrêts du 05/01/2028 au 20/01/2028 relève du contrat n° GRP-2028, en vigueur le 05/01/2028, et non du contrat n° GRP-2024 du sinistre.',
    );
  });

  it('reads the sinistre’s contract even when the list omits it', () => {
    expect(controleContratChaines([{ debut: '2026-03-02', fin: '2026-03-20' }], A, [B]).niveau).toBe('ok');
  });

  it('a chain before the adhesion has no contract', () => {
    const adhere = { ...A, dateAdhesion: '2025-04-01' };
    expect(controleContratChaines([{ debut: '2025-03-20', fin: '2025-04-10' }], adhere, [adhere]).message).toBe(
      'La chaîne d’arrêts du 20/03/2025 au 10/04/2025 commence alors qu’aucun contrat CNRACL ne couvre la collectivité.',
    );
  });
});

describe('délai de déclaration', () => {
  // 10/01/2026 + 90 days = 10/04/2026 (21 + 28 + 31 + 10).
  const enTemps = { debut: '2026-01-10', fin: '2026-01-31', declareLe: '2026-04-10' };
  const enRetard = { ...enTemps, declareLe: '2026-04-11' };
  it.each([
    [enTemps, 'refus', 'ok', 'Chaque arrêt a été déclaré dans les 90 jours.'],
    [
      enRetard,
      'refus',
      'bloquant',
      'L’arrêt du 10/01/2026 au 31/01/2026, reçu le 11/04/2026, dépasse le délai de 90 jours (au plus tard le 10/04/2026) : le contrat prévoit le refus de prise en charge.',
    ],
    [
      enRetard,
      'couverture_a_reception',
      'alerte',
      'L’arrêt du 10/01/2026 au 31/01/2026, reçu le 11/04/2026, dépasse le délai de 90 jours (au plus tard le 10/04/2026) : le contrat le prend en charge à compter de sa réception, le 11/04/2026.',
    ],
  ] as const)('%j (%s) → %s', (arret, regle, niveau, message) => {
    expect(controleDelaiDeclaration([arret], 90, regle)).toEqual({ code: 'delai_declaration', niveau, message });
  });

  it('first covered day', () => {
    expect(debutCouvertureArret(enTemps, 90, 'refus')).toBe('2026-01-10');
    expect(debutCouvertureArret(enRetard, 90, 'refus')).toBeNull();
    expect(debutCouvertureArret(enRetard, 90, 'couverture_a_reception')).toBe('2026-04-11');
  });
});

describe('prolongations et chevauchements', () => {
  it('a prolongation one day late is blocking', () => {
    const r = controleProlongations([
      { type: 'initial', debut: '2026-03-01', fin: '2026-03-10' },
      { type: 'prolongation', debut: '2026-03-12', fin: '2026-03-20' },
      { type: 'rechute', debut: '2026-05-01', fin: '2026-05-20' },
    ]);
    expect(r.message).toBe(
      'La prolongation du 12/03/2026 ne suit pas l’arrêt précédent, fini le 10/03/2026 : elle devait commencer le 11/03/2026.',
    );
    expect(r.niveau).toBe('bloquant');
  });

  it('names the overlapping arrêts and their sinistres', () => {
    const r = controleChevauchements([
      { id: '1', debut: '2026-03-01', fin: '2026-03-10' },
      { id: '2', debut: '2026-03-10', fin: '2026-03-12', sinistreNumero: '2026-000124' },
      { id: '3', debut: '2026-03-13', fin: '2026-03-20' },
    ]);
    expect(r).toEqual({
      code: 'chevauchement',
      niveau: 'bloquant',
      message:
        'L’arrêt du 01/03/2026 au 10/03/2026 chevauche l’arrêt du 10/03/2026 au 12/03/2026 (sinistre n° 2026-000124).',
    });
  });

  it('ok exactly when no pair shares a day (brute force)', () => {
    const arret = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 10 }))
      .map(([s, n]) => ({ debut: addDays('2026-01-01', s), fin: addDays('2026-01-01', s + n) }));
    fc.assert(
      fc.property(fc.array(arret, { maxLength: 6 }), (list) => {
        const withIds = list.map((a, i) => ({ ...a, id: String(i) }));
        const overlap = withIds.some((a, i) => withIds.some((b, j) => i < j && a.debut <= b.fin && b.debut <= a.fin));
        expect(controleChevauchements(withIds).niveau).toBe(overlap ? 'bloquant' : 'ok');
      }),
    );
  });
});

describe('catégorie', () => {
  const garanties = [
    { risque: 'maladie_ordinaire' as const, couvert: true },
    { risque: 'clm' as const, couvert: false },
  ];
  it.each([
    ['maladie_ordinaire', 'ok', 'La catégorie « Maladie ordinaire » est couverte par le contrat n° GRP-2024 (CNRACL).'],
    ['cgm', 'bloquant', 'La catégorie « Congé de grave maladie (CGM) » n’existe pas pour le régime CNRACL.'],
    ['clm', 'bloquant', 'Le contrat n° GRP-2024 ne couvre pas le risque « Congé de longue maladie (CLM) ».'],
  ] as const)('%s → %s', (categorie, niveau, message) => {
    expect(controleCategorie(categorie, { ...A, garanties })).toEqual({ code: 'categorie_regime', niveau, message });
  });
});

describe('CITIS', () => {
  it.each([
    ['accident_service', '2026-01-31', false, '2026-02-28'], // clamped to the month's end
    ['accident_trajet', '2026-04-10', true, '2026-08-10'],
    ['maladie_professionnelle', '2026-03-15', false, '2026-05-15'],
    ['maladie_professionnelle', '2026-03-15', true, '2026-08-15'],
  ] as const)('%s reçu le %s (instruction %s) → décision au plus tard le %s', (categorie, recu, instr, echeance) => {
    expect(echeanceImputabilite(categorie, recu, instr)).toBe(echeance);
  });

  const attente = {
    recuLe: '2026-01-31',
    instructionComplementaire: false,
    imputabilite: null,
    placementProvisoireLe: null,
  };
  it.each([
    [
      attente,
      '2026-02-28',
      'alerte',
      'Imputabilité non encore décidée : délai de décision au 28/02/2026 (déclaration reçue le 31/01/2026).',
    ],
    [
      attente,
      '2026-03-01',
      'bloquant',
      'Imputabilité non décidée, délai de décision au 28/02/2026 (déclaration reçue le 31/01/2026) : l’agent doit être placé en CITIS à titre provisoire depuis le 01/03/2026.',
    ],
    [
      { ...attente, placementProvisoireLe: '2026-03-01' },
      '2026-04-15',
      'alerte',
      'Agent placé en CITIS à titre provisoire depuis le 01/03/2026 : imputabilité non décidée, délai de décision au 28/02/2026 (déclaration reçue le 31/01/2026).',
    ],
    [
      { ...attente, imputabilite: { decision: 'reconnue' as const, date: '2026-02-20' } },
      '2026-04-15',
      'ok',
      'Imputabilité au service reconnue le 20/02/2026.',
    ],
    [
      { ...attente, imputabilite: { decision: 'refusee' as const, date: '2026-02-20' } },
      '2026-04-15',
      'alerte',
      'Imputabilité au service refusée le 20/02/2026 : les arrêts ne relèvent pas du CITIS, une requalification est à prévoir.',
    ],
  ])('%j au %s → %s', (citis, aujourdhui, niveau, message) => {
    expect(controleCitis('accident_service', citis, aujourdhui)).toEqual({
      code: 'citis_imputabilite',
      niveau,
      message,
    });
  });

  it('does not apply outside CITIS', () => {
    expect(controleCitis('maladie_ordinaire', attente, '2026-04-15')).toBeNull();
  });
});

describe('données salariales et base', () => {
  it('names each month missing an insured element', () => {
    const r = controleDonneesSalariales(
      [{ debut: '2026-01-20', fin: '2026-03-05' }],
      [
        { debut: '2026-01-20', fin: '2026-02-28', elements: { tbi: 196_911, nbi: 7_384 } },
        { debut: '2026-03-01', fin: '2026-03-05', elements: { tbi: 196_911, nbi: null } },
      ],
      ['tbi', 'nbi'],
    );
    expect(r).toEqual({ code: 'donnees_salariales', niveau: 'bloquant', message: 'Mars 2026 : NBI à renseigner.' });
    expect(controleDonneesSalariales([{ debut: '2026-01-20', fin: '2026-01-25' }], [], ['tbi', 'sft']).message).toBe(
      'Janvier 2026 : TBI et SFT à renseigner.',
    );
  });

  it('needs a base for every year touched', () => {
    expect(controleBaseDeclaree('2025-12-30', [{ debut: '2025-12-30', fin: '2026-01-10' }], [{ annee: 2025 }])).toEqual(
      {
        code: 'base_declaree',
        niveau: 'bloquant',
        message: 'Aucune base de l’assurance déclarée pour 2026 sur ce contrat.',
      },
    );
    expect(
      controleBaseDeclaree(
        '2025-12-30',
        [{ debut: '2025-12-30', fin: '2026-01-10' }],
        [{ annee: 2025 }, { annee: 2026 }],
      ).message,
    ).toBe('Base de l’assurance déclarée pour 2025, 2026.');
  });
});

describe('contrôle du dossier', () => {
  const dossier: DossierControle = {
    aujourdhui: '2026-04-20',
    sinistre: { categorie: 'maladie_ordinaire', dateSurvenance: '2026-03-02' },
    agent: { regime: 'CNRACL', dateEntree: '2020-09-01', dateDepart: null },
    contrat: {
      ...A,
      horsDelai: 'couverture_a_reception',
      garanties: [{ risque: 'maladie_ordinaire', couvert: true, delaiDeclarationJours: 90 }],
    },
    contrats: [A, B],
    arrets: [
      { id: '1', type: 'initial', debut: '2026-03-02', fin: '2026-03-13', declareLe: '2026-03-03' },
      { id: '2', type: 'prolongation', debut: '2026-03-14', fin: '2026-04-03', declareLe: '2026-03-16' },
    ],
    autresArretsAgent: [],
    citis: null,
    salaires: [{ debut: '2026-03-02', fin: '2026-04-03', elements: { tbi: 196_911 } }],
    elementsAssures: ['tbi'],
    basesDeclarees: [{ annee: 2026 }],
  };

  it('a clean MO file passes every check but CITIS (not applicable)', () => {
    const r = controlerDossier(dossier);
    expect(r.niveau).toBe('ok');
    expect(r.controles.map((c) => c.code)).toEqual([
      'agent_assure',
      'categorie_regime',
      'contrat_chaine',
      'delai_declaration',
      'prolongations_contigues',
      'chevauchement',
      'donnees_salariales',
      'base_declaree',
    ]);
  });

  it('an accident without its declaration date warns; an overlap with another sinistre blocks', () => {
    const r = controlerDossier({
      ...dossier,
      sinistre: { ...dossier.sinistre, categorie: 'accident_service' },
      contrat: {
        ...dossier.contrat,
        garanties: [{ risque: 'accident_service', couvert: true, delaiDeclarationJours: 90 }],
      },
      autresArretsAgent: [{ id: 'x', debut: '2026-04-03', fin: '2026-04-05', sinistreNumero: '2026-000200' }],
    });
    expect(r.niveau).toBe('bloquant');
    expect(r.controles.find((c) => c.code === 'citis_imputabilite')?.niveau).toBe('alerte');
    expect(r.controles.find((c) => c.code === 'chevauchement')?.niveau).toBe('bloquant');
  });

  it('the global level is the worst one', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NIVEAUX_CONTROLE)), (niveaux) => {
        const r = niveauGlobal(niveaux.map((niveau) => ({ niveau })));
        const attendu = niveaux.includes('bloquant') ? 'bloquant' : niveaux.includes('alerte') ? 'alerte' : 'ok';
        expect(r).toBe(attendu);
      }),
    );
  });
});
