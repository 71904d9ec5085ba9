import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import {
  CONTROLE_MEDICAL_RESULTATS,
  finPeriodeRemboursable,
  MESSAGE_AUCUNE_DONNEE_MEDICALE,
  ZControleMedical,
} from './controles-medicaux.rules.js';

const contreVisite = {
  type: 'contre_visite',
  demandeur: 'employeur',
  medecin: 'Dr Martin, médecin agréé',
  date: '2026-03-10',
  cout: 8_000,
  payePar: 'employeur',
} as const;

describe('saisie d’un contrôle médical', () => {
  it('a planned check and a « non justifié » outcome', () => {
    expect(ZControleMedical.parse(contreVisite)).toEqual({
      ...contreVisite,
      resultat: null,
      injustifieAPartirDu: null,
    });
    expect(
      ZControleMedical.parse({ ...contreVisite, resultat: 'non_justifie', injustifieAPartirDu: '2026-03-12' }),
    ).toMatchObject({ resultat: 'non_justifie', injustifieAPartirDu: '2026-03-12' });
  });

  it.each([
    [{ resultat: 'non_justifie' }, 'Indiquez à partir de quelle date l’arrêt n’est plus justifié.'],
    [
      { resultat: 'justifie', injustifieAPartirDu: '2026-03-12' },
      'La date « non justifié à partir du » ne concerne qu’un arrêt jugé non justifié.',
    ],
    [
      { resultat: 'non_justifie', injustifieAPartirDu: '2026-03-09' },
      'L’arrêt ne peut être jugé non justifié avant le contrôle (10/03/2026).',
    ],
    [{ diagnostic: 'lombalgie' }, MESSAGE_AUCUNE_DONNEE_MEDICALE],
    [{ cout: 80.5 }, 'Coût : montant en centimes entiers.'],
    [{ payePar: 'agent' }, 'Indiquez qui paie le contrôle : employeur, centre de gestion ou assureur.'],
    [{ medecin: ' ' }, 'Médecin : champ obligatoire.'],
  ])('%j → %s', (patch, message) => {
    const r = ZControleMedical.safeParse({ ...contreVisite, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('fin de la période remboursable', () => {
  const chaine = { debut: '2026-03-02', fin: '2026-04-30' };
  const nj = (date: string, injustifieAPartirDu: string) => ({
    type: 'contre_visite' as const,
    date,
    resultat: 'non_justifie' as const,
    injustifieAPartirDu,
  });

  it.each([
    [[], '2026-04-30', 'Période remboursable jusqu’au 30/04/2026.'],
    [
      [nj('2026-03-10', '2026-03-12')],
      '2026-03-11',
      'Arrêt non justifié à partir du 12/03/2026 : période remboursable jusqu’au 11/03/2026 au lieu du 30/04/2026.',
    ],
    [
      [nj('2026-04-01', '2026-04-03'), nj('2026-03-10', '2026-03-20')],
      '2026-03-19',
      'Arrêt non justifié à partir du 20/03/2026 : période remboursable jusqu’au 19/03/2026 au lieu du 30/04/2026.',
    ],
    [[nj('2026-05-02', '2026-05-02')], '2026-04-30', 'Période remboursable jusqu’au 30/04/2026.'],
    [
      [nj('2026-03-02', '2026-03-02')],
      null,
      'Arrêt non justifié dès son premier jour (02/03/2026) : aucun jour n’est remboursable.',
    ],
  ])('%j → %s', (controles, fin, message) => {
    const r = finPeriodeRemboursable(chaine, controles);
    expect(r.fin).toBe(fin);
    expect(r.message).toBe(message);
  });

  it('a refusal at the conseil médical warns too', () => {
    const r = finPeriodeRemboursable(chaine, [
      { type: 'conseil_medical', date: '2026-03-15', resultat: 'refus', injustifieAPartirDu: null },
    ]);
    expect(r.alertes).toEqual([
      'Refus de l’agent de se soumettre au conseil médical du 15/03/2026 : décidez des suites à donner.',
    ]);
  });

  it('an absence warns and ends nothing', () => {
    const r = finPeriodeRemboursable(chaine, [
      { type: 'expertise', date: '2026-03-15', resultat: 'absent', injustifieAPartirDu: null },
    ]);
    expect(r).toEqual({
      fin: '2026-04-30',
      interrompue: false,
      message: 'Période remboursable jusqu’au 30/04/2026.',
      alertes: ['Agent absent à l’expertise médicale du 15/03/2026 : décidez des suites à donner.'],
    });
  });

  it('the end never passes the chain nor the day before any « non justifié » inside it', () => {
    const controle = fc.record({
      type: fc.constant('contre_visite' as const),
      date: fc.constant('2026-03-01'),
      resultat: fc.constantFrom(...CONTROLE_MEDICAL_RESULTATS),
      injustifieAPartirDu: fc.integer({ min: 0, max: 90 }).map((n) => addDays('2026-03-01', n)),
    });
    fc.assert(
      fc.property(fc.array(controle, { maxLength: 5 }), (controles) => {
        const r = finPeriodeRemboursable(chaine, controles);
        if (r.fin !== null) {
          expect(r.fin <= chaine.fin).toBe(true);
          expect(r.fin >= chaine.debut).toBe(true);
        }
        for (const c of controles)
          if (c.resultat === 'non_justifie' && c.injustifieAPartirDu <= chaine.fin)
            expect(r.fin === null || r.fin < c.injustifieAPartirDu).toBe(true);
      }),
    );
  });
});
