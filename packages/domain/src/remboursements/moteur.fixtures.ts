import { RISQUES, type TRisque } from '../contrats/contrats.schemas.js';
import { moisDeLaPeriode } from '../gestion/chaines.rules.js';
import type { ContratMoteur, EntreeMoteur, GarantieMoteur, SalaireMois } from './moteur.types.js';

/** Builders of engine inputs for the tests and the benchmark: every garantie covered, franchise 0, 100 %. */
export function garanties(
  overrides: Partial<Record<TRisque, Partial<GarantieMoteur>>> = {},
): Partial<Record<TRisque, GarantieMoteur>> {
  return Object.fromEntries(
    RISQUES.map((r) => [
      r,
      {
        couvert: true,
        franchiseNombre: 0,
        franchiseUnite: 'jours_fermes_par_arret',
        remboursementPct: 100,
        delaiDeclarationJours: 90,
        ...overrides[r],
      },
    ]),
  );
}

export function contratMoteur(overrides: Partial<ContratMoteur> = {}): ContratMoteur {
  return {
    contratId: 'C1',
    debut: '2020-01-01',
    fin: '2030-12-31',
    garanties: garanties(),
    elements: [],
    riPct: null,
    cpPct: null,
    declarationTardive: 'reception',
    ...overrides,
  };
}

/** The same payslip every month of the period. */
export function salairesConstants(debut: string, fin: string, salaire: SalaireMois): Record<string, SalaireMois> {
  return Object.fromEntries(moisDeLaPeriode(debut, fin).map((m) => [m, salaire]));
}

export function entreeMoteur(overrides: Partial<EntreeMoteur> = {}): EntreeMoteur {
  return {
    agent: { regime: 'CNRACL', statut: 'titulaire' },
    contrats: [contratMoteur()],
    arrets: [],
    salaires: salairesConstants('2019-01-01', '2030-12-31', { tbi: 300_000 }),
    periode: { debut: '2020-01-01', fin: '2030-12-31' },
    ...overrides,
  };
}
