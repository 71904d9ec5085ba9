import { addDays } from '../common/dates.js';
import { formatDate } from '../common/format.js';

/**
 * A declaration is « hors délai » when it reaches us later than the contract's deadline after the
 * event (domain §5, a contract parameter): e.g. 90 days after the start of the arrêt.
 */
export function horsDelai(dateEvenement: string, dateDeclaration: string, delaiJours: number): boolean {
  return dateDeclaration > addDays(dateEvenement, delaiJours);
}

/** The last day to declare. */
export function dateLimite(dateEvenement: string, delaiJours: number): string {
  return addDays(dateEvenement, delaiJours);
}

/**
 * The declaration of a sinistre is late or not from its date of survenance (domain §5), whether
 * or not an arrêt is declared yet: the message says the rule and the dates.
 */
export function delaiDeclaration(
  dateSurvenance: string,
  declareLe: string,
  delaiJours: number,
): { horsDelai: boolean; dateLimite: string; message: string } {
  const d = formatDate;
  const limite = dateLimite(dateSurvenance, delaiJours);
  const late = horsDelai(dateSurvenance, declareLe, delaiJours);
  const regle = `le contrat demande de déclarer le sinistre dans les ${delaiJours} jours qui suivent sa survenance (${d(dateSurvenance)}), soit au plus tard le ${d(limite)}`;
  return {
    horsDelai: late,
    dateLimite: limite,
    message: late
      ? `Déclaré hors délai le ${d(declareLe)} : ${regle}.`
      : `Déclaré dans les délais le ${d(declareLe)} : ${regle}.`,
  };
}
