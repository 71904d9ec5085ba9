import { elementsAssuresDeBase } from '../base-assurance/base-assurance.rules.js';
import type { TContrat, TElementBase } from '../contrats/contrats.schemas.js';
import type { ContratMoteur } from './moteur.types.js';

/**
 * The engine's view of a contract (issue 10) from what Statutis stores: its garanties per risk,
 * and the insured elements and RI/CP percentages of the base de l'assurance of the chain's year.
 * The late-declaration rule and the death capital are not stored on the contract yet: they are
 * given here (defaults: « à compter de la réception », no capital).
 */
export function contratMoteurDe(
  contrat: Pick<TContrat, 'id' | 'dateEffet' | 'dateFin' | 'garanties'>,
  base: { nbi: number | null; sft: number | null; ir: number | null; riPct: number | null; cpPct: number | null },
  options: Partial<Pick<ContratMoteur, 'declarationTardive' | 'capitalDecesCentimes'>> = {},
): ContratMoteur {
  return {
    contratId: contrat.id,
    debut: contrat.dateEffet,
    fin: contrat.dateFin,
    garanties: Object.fromEntries(contrat.garanties.map((g) => [g.risque, g])),
    elements: elementsAssuresDeBase(base).filter((e): e is TElementBase => e !== 'tbi'),
    riPct: base.riPct,
    cpPct: base.cpPct,
    declarationTardive: options.declarationTardive ?? 'reception',
    capitalDecesCentimes: options.capitalDecesCentimes ?? null,
  };
}
