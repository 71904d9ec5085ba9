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

/** After its end, a contract still takes the declaration of a sinistre that occurred under it for this long (domain §5). */
export const DECLARATION_APRES_FIN_CONTRAT_JOURS = 30;

/**
 * The declaration of the sinistre to the insurer: the contract's deadline (90, 120 or 180 days)
 * after the survenance, and, for a sinistre that occurred under a contract that ends, at most
 * 30 days after that end (domain §5: « declare within 90 days of the event (30 days after the
 * contract ends) »). The one rule of the sinistre's header (`delaiDeclaration`) and of its clock.
 */
export function echeanceDeclarationSinistre(
  dateSurvenance: string,
  delaiJours: number,
  contratFin: string | null,
): { dateEcheance: string; regle: string } {
  const contractuelle = dateLimite(dateSurvenance, delaiJours);
  const regle = `dans les ${delaiJours} jours qui suivent sa survenance (${formatDate(dateSurvenance)})`;
  if (contratFin === null || dateSurvenance > contratFin) return { dateEcheance: contractuelle, regle };
  const apresFin = addDays(contratFin, DECLARATION_APRES_FIN_CONTRAT_JOURS);
  return apresFin < contractuelle
    ? {
        dateEcheance: apresFin,
        regle: `${regle}, et au plus tard ${DECLARATION_APRES_FIN_CONTRAT_JOURS} jours après la fin du contrat (${formatDate(contratFin)})`,
      }
    : { dateEcheance: contractuelle, regle };
}

/**
 * The declaration of a sinistre is late or not from its date of survenance (domain §5), whether
 * or not an arrêt is declared yet, and never later than 30 days after the end of its contract
 * (`echeanceDeclarationSinistre`): the message says the rule and the dates.
 */
export function delaiDeclaration(
  dateSurvenance: string,
  declareLe: string,
  delaiJours: number,
  contratFin: string | null,
): { horsDelai: boolean; dateLimite: string; message: string } {
  const d = formatDate;
  const { dateEcheance, regle } = echeanceDeclarationSinistre(dateSurvenance, delaiJours, contratFin);
  const late = declareLe > dateEcheance;
  const texte = `le contrat demande de déclarer le sinistre ${regle}, soit au plus tard le ${d(dateEcheance)}`;
  return {
    horsDelai: late,
    dateLimite: dateEcheance,
    message: late
      ? `Déclaré hors délai le ${d(declareLe)} : ${texte}.`
      : `Déclaré dans les délais le ${d(declareLe)} : ${texte}.`,
  };
}
