import { describe, expect, it } from 'vitest';
import { contratMoteur, entreeMoteur, garanties, salairesConstants } from '../remboursements/moteur.fixtures.js';
import type { ArretMoteur } from '../remboursements/moteur.types.js';
import { arretsProlonges, finHorizon, prevoirAgent, salairesProlonges } from './droits.rules.js';

const arret = (a: Partial<ArretMoteur> & Pick<ArretMoteur, 'debut' | 'fin'>): ArretMoteur => ({
  id: `a-${a.debut}`,
  sinistreId: 's1',
  categorie: 'maladie_ordinaire',
  type: 'initial',
  ...a,
});

const AU = '2026-12-01';

describe('prevoirAgent: hand-checked forecasts on 01/12/2026 (horizon 01/12/2026 + 89 days = 28/02/2027)', () => {
  it('the horizon is the « as of » day and the next 89 days', () => {
    expect(finHorizon(AU)).toBe('2027-02-28');
  });

  it('CLM from 01/01/2026 known to 31/12/2026: half pay on 01/01/2027, only if the arrêt is extended', () => {
    // 365 days of full pay: 01/01/2026 … 31/12/2026 (2026 has 365 days) → first half-pay day 01/01/2027.
    // Cost, December only (known end 31/12): every day of the month → 30/30 at full pay.
    // maintained = TBI 3 000 € + NBI 100 € + SFT 50 € = 3 150,00 €; reimbursed TBI + NBI (insured) = 3 100,00 €;
    // reste à charge = 50,00 € (the SFT, not insured).
    const p = prevoirAgent(
      entreeMoteur({
        contrats: [contratMoteur({ elements: ['nbi'] })],
        arrets: [arret({ categorie: 'clm', debut: '2026-01-01', fin: '2026-12-31' })],
        salaires: salairesConstants('2026-01-01', '2026-12-31', { tbi: 300_000, nbi: 10_000, sft: 5_000 }),
      }),
      AU,
    );
    expect(p.sinistres).toEqual([
      {
        sinistreId: 's1',
        categorie: 'clm',
        finArretConnue: '2026-12-31',
        situation: 'plein',
        demiTraitement: { date: '2027-01-01', dansArretConnu: false },
        finDroits: null,
      },
    ]);
    expect(p.cout).toEqual({
      maintenuCentimes: 315_000,
      rembourseCentimes: 310_000,
      resteAChargeCentimes: 5_000,
      salaireInconnu: false,
    });
  });

  it('MO from 01/10/2026 to 31/12/2026: half pay on 30/12/2026 inside the known arrêt; cost at 90 % then half', () => {
    // Carence 01/10 counts: day 01/10 + k has k MO days in its rolling year → full (90 %) while k < 90,
    // i.e. to 29/12; 30/12 = 01/10 + 90 is the first half-pay day.
    // December, every day in arrêt → 30/30: 29 days at 0,9 and the last run (30–31/12) weighs 2 − 1 = 1 at 0,5.
    // maintained = 3 000 € × (29 × 0,9 + 1 × 0,5) / 30 = 3 000 × 26,6 / 30 = 2 660,00 €;
    // reimbursed (franchise 15 days, 01–15/10, long past; 80 %) = 2 660 × 0,8 = 2 128,00 €; reste 532,00 €.
    const p = prevoirAgent(
      entreeMoteur({
        contrats: [
          contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15, remboursementPct: 80 } }) }),
        ],
        arrets: [arret({ debut: '2026-10-01', fin: '2026-12-31' })],
        salaires: salairesConstants('2026-10-01', '2026-10-31', { tbi: 300_000 }),
      }),
      AU,
    );
    expect(p.sinistres[0]).toMatchObject({
      situation: 'plein',
      demiTraitement: { date: '2026-12-30', dansArretConnu: true },
      finDroits: null,
    });
    // December has no payslip: October's is carried forward.
    expect(p.cout).toEqual({
      maintenuCentimes: 266_000,
      rembourseCentimes: 212_800,
      resteAChargeCentimes: 53_200,
      salaireInconnu: false,
    });
  });

  it('CLM since 01/01/2024 (antécédent then arrêt to 15/12/2026): on half pay, rights end on 31/12/2026 if extended', () => {
    // 1 095 days of rights (365 + 730): 01/01/2024 + 1 095 days = 31/12/2026 (366 + 365 + 364 days before it).
    const p = prevoirAgent(
      entreeMoteur({
        antecedents: [{ categorie: 'clm', debut: '2024-01-01', fin: '2026-05-31' }],
        arrets: [arret({ categorie: 'clm', debut: '2026-06-01', fin: '2026-12-15' })],
      }),
      AU,
    );
    expect(p.sinistres[0]).toMatchObject({
      situation: 'demi',
      demiTraitement: null,
      finDroits: { date: '2026-12-31', dansArretConnu: false },
    });
  });

  it('contractuel with 4 complete months of service: 30 days full, 30 half, then nothing', () => {
    // Service from 15/06/2026, arrêt from 01/11: 4 complete months → 30 + 30 days. Carence 01/11 counts:
    // full to 30/11, half from 01/12 (the « as of » day itself), nothing from 31/12.
    const p = prevoirAgent(
      entreeMoteur({
        agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2026-06-15' },
        arrets: [arret({ debut: '2026-11-01', fin: '2027-01-31' })],
      }),
      AU,
    );
    expect(p.sinistres[0]).toMatchObject({
      situation: 'demi',
      demiTraitement: { date: '2026-12-01', dansArretConnu: true },
      finDroits: { date: '2026-12-31', dansArretConnu: true },
    });
  });

  it('an agent not in arrêt on the day has no forecast; a known future arrêt is still costed', () => {
    // CITIS 01/02–28/02/2027 (full pay, franchise 0, 100 %), February whole: 30/30 of 3 000 € = 3 000,00 €.
    const p = prevoirAgent(
      entreeMoteur({ arrets: [arret({ categorie: 'accident_service', debut: '2027-02-01', fin: '2027-02-28' })] }),
      AU,
    );
    expect(p.sinistres).toEqual([]);
    expect(p.cout).toMatchObject({ maintenuCentimes: 300_000, rembourseCentimes: 300_000, resteAChargeCentimes: 0 });
  });

  it('no payslip at all: the dates are still given, the cost is unknown', () => {
    const p = prevoirAgent(
      entreeMoteur({ arrets: [arret({ categorie: 'clm', debut: '2026-01-01', fin: '2026-12-31' })], salaires: {} }),
      AU,
    );
    expect(p.sinistres[0]!.demiTraitement).toEqual({ date: '2027-01-01', dansArretConnu: false });
    expect(p.cout).toEqual({
      maintenuCentimes: 0,
      rembourseCentimes: 0,
      resteAChargeCentimes: 0,
      salaireInconnu: true,
    });
  });
});

describe('helpers', () => {
  it('salairesProlonges: a month without payslip takes the latest before, else the first after', () => {
    const s = salairesProlonges({ '2026-10': { tbi: 1 }, '2027-01': { tbi: 2 } }, '2026-09-15', '2027-02-01');
    expect(s).toEqual({
      '2026-09': { tbi: 1 },
      '2026-10': { tbi: 1 },
      '2026-11': { tbi: 1 },
      '2026-12': { tbi: 1 },
      '2027-01': { tbi: 2 },
      '2027-02': { tbi: 2 },
    });
  });

  it('arretsProlonges: the arrêt in progress runs to the horizon, or to the day before the next known arrêt', () => {
    const a = arret({ debut: '2026-11-20', fin: '2026-12-10' });
    const b = arret({ sinistreId: 's2', debut: '2027-01-10', fin: '2027-01-20' });
    expect(arretsProlonges([a], AU, '2027-02-28').at(-1)).toMatchObject({
      type: 'prolongation',
      debut: '2026-12-11',
      fin: '2027-02-28',
    });
    expect(arretsProlonges([a, b], AU, '2027-02-28').at(-1)).toMatchObject({ debut: '2026-12-11', fin: '2027-01-09' });
    // Already known beyond the horizon: nothing to add.
    expect(arretsProlonges([arret({ debut: '2026-11-01', fin: '2027-06-30' })], AU, '2027-02-28')).toHaveLength(1);
  });
});
