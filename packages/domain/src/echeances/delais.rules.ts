import { addDays, addMonths } from '../common/dates.js';
import { formatDate, formatEuros } from '../common/format.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import type { EcheanceDue } from '../cotisations/encaissements.rules.js';
import { situationEcheances } from '../cotisations/encaissements.rules.js';
import { chainesArrets } from '../gestion/chaines.rules.js';
import { echeanceImputabilite } from '../gestion/controles.rules.js';
import { dateLimite, echeanceDeclarationSinistre } from '../sinistres/delais.rules.js';
import { estAccident } from '../sinistres/enquete.schemas.js';
import {
  delaiKindLabels,
  etatDelai,
  type TDelaiKind,
  type TEcheanceDossier,
  trierEcheances,
} from './echeances.schemas.js';

/**
 * The deadlines of a file (issue 13, domain §5, §6.1.12, §10), each a pure function of the sinistre,
 * its arrêts and its contract's garantie. The day they are read on only sets their state.
 */

/** An accident's declaration by the agent (décret 87-602 art. 37-3, domain §10). */
export const CITIS_DECLARATION_ACCIDENT_JOURS = 15;
/** A maladie professionnelle's declaration after the first medical finding (same article). */
export const CITIS_DECLARATION_MALADIE_MOIS = 24;
/** Code des assurances L114-1: « toutes actions dérivant d'un contrat d'assurance sont prescrites par deux ans ». */
export const PRESCRIPTION_MOIS = 24;

export type EcheancesSinistreEntree = {
  sinistre: {
    categorie: TRisque;
    dateSurvenance: string;
    /** The day it reached Statutis: the declaration to the insurer, and the employer's receipt of the agent's. */
    declareLe: string;
  };
  /** The last day of the sinistre's contract; null when it runs without an end. */
  contratFin: string | null;
  /** The contract's garantie for the sinistre's category; null when it covers none (no contractual clock). */
  garantie: { delaiDeclarationJours: number; delaiPiecesJours: number } | null;
  arrets: readonly { id: string; debut: string; fin: string; declareLe: string }[];
  /** The day the file's last mandatory piece arrived; null while one is missing. */
  piecesCompletesLe: string | null;
  /** Accidents and maladies professionnelles (`estAccident`); ignored otherwise. */
  citis: {
    /** An enquête, a médecin agréé or the conseil médical is needed: 3 more months to decide. */
    instructionComplementaire: boolean;
    /** The day imputability was decided (reconnue or refusée); null while undecided. */
    decideeLe: string | null;
  } | null;
};

const d = formatDate;

function echeance(
  kind: TDelaiKind,
  cle: string,
  libelle: string,
  depart: string,
  dateEcheance: string,
  faitLe: string | null,
  detail: string,
  aujourdhui: string,
): TEcheanceDossier {
  const etat = etatDelai(dateEcheance, faitLe === null ? null : { le: faitLe }, aujourdhui);
  return { cle, kind, libelle, depart, dateEcheance, etat, faitLe, detail };
}

/**
 * The employer's agent must declare a CITIS within 15 days of the accident, or within 2 years of
 * the first medical finding of a maladie professionnelle — its date of survenance here.
 */
export function echeanceDeclarationCitis(categorie: TRisque, dateSurvenance: string): string {
  return categorie === 'maladie_professionnelle'
    ? addMonths(dateSurvenance, CITIS_DECLARATION_MALADIE_MOIS)
    : addDays(dateSurvenance, CITIS_DECLARATION_ACCIDENT_JOURS);
}

/**
 * Every clock of a sinistre, earliest due first:
 * - declaration of the sinistre (`echeanceDeclarationSinistre`), met on its declaration;
 * - declaration of each arrêt, the contract's deadline after its start (domain §6.1.12, the rule the
 *   engine applies: refused or covered from reception past it), met on its declaration. A chain
 *   keeps the contract in force on its first day (§10), so the contract's end does not shorten it;
 * - pieces: the contract's deadline for the supporting documents after the declaration (the one
 *   the home page's « en retard » and the work queue count), met once no mandatory piece is missing;
 * - prescription: 2 years (Code des assurances L114-1) from the event that gives rise to the claim.
 *   Choice: each arrêt chain's first day — the employer owes the pay from then, and the Cour de
 *   cassation counts the employer's action against its insurer from the arrêts' occurrence, not
 *   from a later medical opinion (Cass. 2e civ., 8 avril 2010, n° 09-11669); without an arrêt, the
 *   survenance. The earlier of the readings contracts use (event, or end of each arrêt), so no
 *   right is lost while the screen says « à venir ». Met once the file is complete: the claim is
 *   then in the insurer's hands;
 * - CITIS (accidents, maladies professionnelles): the agent's declaration (`echeanceDeclarationCitis`)
 *   and the employer's imputability decision (`echeanceImputabilite`), past which the agent is placed
 *   in CITIS provisionally.
 */
export function echeancesSinistre(e: EcheancesSinistreEntree, aujourdhui: string): TEcheanceDossier[] {
  const { sinistre: s, garantie } = e;
  const out: TEcheanceDossier[] = [];
  if (garantie) {
    const declaration = echeanceDeclarationSinistre(s.dateSurvenance, garantie.delaiDeclarationJours, e.contratFin);
    out.push(
      echeance(
        'declaration_sinistre',
        'declaration_sinistre',
        delaiKindLabels.declaration_sinistre,
        s.dateSurvenance,
        declaration.dateEcheance,
        s.declareLe,
        `Le contrat demande de déclarer le sinistre ${declaration.regle}. Déclaré le ${d(s.declareLe)}.`,
        aujourdhui,
      ),
    );
    for (const a of e.arrets)
      out.push(
        echeance(
          'declaration_arret',
          `declaration_arret:${a.id}`,
          `Déclaration de l’arrêt du ${d(a.debut)} au ${d(a.fin)}`,
          a.debut,
          dateLimite(a.debut, garantie.delaiDeclarationJours),
          a.declareLe,
          `Le contrat demande de déclarer chaque arrêt dans les ${garantie.delaiDeclarationJours} jours qui suivent son début. Déclaré le ${d(a.declareLe)}.`,
          aujourdhui,
        ),
      );
    out.push(
      echeance(
        'pieces',
        'pieces',
        delaiKindLabels.pieces,
        s.declareLe,
        addDays(s.declareLe, garantie.delaiPiecesJours),
        e.piecesCompletesLe,
        `Le contrat demande les pièces justificatives dans les ${garantie.delaiPiecesJours} jours qui suivent la déclaration (${d(s.declareLe)}).${
          e.piecesCompletesLe ? ` Dossier complet le ${d(e.piecesCompletesLe)}.` : ' Des pièces obligatoires manquent.'
        }`,
        aujourdhui,
      ),
    );
  }
  const chaines = chainesArrets(e.arrets);
  const departs = chaines.length ? chaines.map((c) => c.debut) : [s.dateSurvenance];
  for (const depart of departs) {
    const avecArret = chaines.length > 0;
    out.push(
      echeance(
        'prescription',
        avecArret ? `prescription:${depart}` : 'prescription',
        avecArret ? `Prescription des arrêts à partir du ${d(depart)}` : delaiKindLabels.prescription,
        depart,
        addMonths(depart, PRESCRIPTION_MOIS),
        e.piecesCompletesLe,
        `Les actions dérivant du contrat se prescrivent par deux ans (Code des assurances, art. L114-1), comptés ici du ${d(depart)}${
          avecArret ? ', premier jour de la chaîne d’arrêts' : ', date de survenance'
        }.${e.piecesCompletesLe ? ` Dossier complet le ${d(e.piecesCompletesLe)}.` : ''}`,
        aujourdhui,
      ),
    );
  }
  if (e.citis && estAccident(s.categorie)) {
    const maladie = s.categorie === 'maladie_professionnelle';
    out.push(
      echeance(
        'citis_declaration',
        'citis_declaration',
        delaiKindLabels.citis_declaration,
        s.dateSurvenance,
        echeanceDeclarationCitis(s.categorie, s.dateSurvenance),
        s.declareLe,
        maladie
          ? `L’agent déclare une maladie professionnelle dans les deux ans qui suivent la première constatation médicale (${d(s.dateSurvenance)}) (décret 87-602, art. 37-3). Reçue le ${d(s.declareLe)}.`
          : `L’agent déclare l’accident dans les ${CITIS_DECLARATION_ACCIDENT_JOURS} jours qui suivent sa date (${d(s.dateSurvenance)}) (décret 87-602, art. 37-3). Reçue le ${d(s.declareLe)}.`,
        aujourdhui,
      ),
    );
    const limite = echeanceImputabilite(s.categorie, s.declareLe, e.citis.instructionComplementaire);
    const mois = maladie ? 'deux mois' : 'un mois';
    out.push(
      echeance(
        'citis_imputabilite',
        'citis_imputabilite',
        delaiKindLabels.citis_imputabilite,
        s.declareLe,
        limite,
        e.citis.decideeLe,
        `L’employeur statue sur l’imputabilité dans ${mois} après réception de la déclaration (${d(s.declareLe)})${
          e.citis.instructionComplementaire
            ? ', plus trois mois pour l’enquête, le médecin agréé ou le conseil médical'
            : ''
        } ; au-delà, l’agent est placé en CITIS à titre provisoire à compter du ${d(addDays(limite, 1))}.${
          e.citis.decideeLe ? ` Décision prise le ${d(e.citis.decideeLe)}.` : ''
        }`,
        aujourdhui,
      ),
    );
  }
  return trierEcheances(out);
}

/** The statuses of a call whose échéances are owed: issued, and not cancelled. */
const APPEL_EXIGIBLE = new Set(['emis', 'paye_partiellement', 'solde']);

/**
 * The échéances of a contribution call, as clocks: each is met once what was received on the call,
 * given to its échéances earliest first (`situationEcheances`), pays it in full — on a day the call
 * does not record, so taken as in time. A call not issued yet, or cancelled, owes nothing.
 */
export function echeancesAppel(
  appel: { id: string; numero: string; statut: string; echeances: readonly EcheanceDue[]; encaisse: number },
  aujourdhui: string,
): TEcheanceDossier[] {
  if (!APPEL_EXIGIBLE.has(appel.statut)) return [];
  const situation = situationEcheances(appel.echeances, appel.encaisse);
  return trierEcheances(
    situation
      .filter((s) => s.montant > 0)
      .map((s) => {
        const regle = s.du === 0 ? 'payée' : `reste ${formatEuros(s.du)} à payer`;
        return {
          cle: `cotisation:${appel.id}:${s.rang}`,
          kind: 'cotisation' as const,
          libelle: `Échéance n° ${s.rang} de l’appel ${appel.numero}`,
          depart: s.dateEcheance,
          dateEcheance: s.dateEcheance,
          etat: etatDelai(s.dateEcheance, s.du === 0 ? { le: null } : null, aujourdhui),
          faitLe: null,
          detail: `Échéance du ${d(s.dateEcheance)} : ${regle}.`,
        };
      }),
  );
}
