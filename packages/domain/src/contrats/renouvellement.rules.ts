import { addDays } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import type { TRegime } from './contrats.schemas.js';

/**
 * Contract renewal (issue 11, domain §10 « capitalisation »): when contract B succeeds contract A,
 * an arrêt chain stays with the contract in force on its first day. A chain that started before
 * B's effective date stays with A until the return to work, even after A's end; a chain starting
 * on or after it belongs to B.
 */

/** What the renewal needs of each contract. */
export type ContratRenouvelable = {
  id: string;
  numero: string;
  regime: TRegime;
  /** The CDG the contract belongs to (null: a platform contract). */
  cdgId: string | null;
  dateEffet: string;
  dateFin: string | null;
  /** The contract A already declared succeeded by (null: none yet). */
  successeurId?: string | null;
};

export type ErreurRenouvellement = { field: 'successeurId'; message: string };

/** The succession checked: A's end on the switch (B's eve), or why B cannot succeed A. */
export type Succession =
  | { ok: true; dateBascule: string; finAncien: string; finAvancee: boolean }
  | { ok: false; erreurs: ErreurRenouvellement[] };

/**
 * Whether B may succeed A: same CDG and regime, B starting after A's start and at the latest the
 * day after A's end (no day without cover). When B starts before A's planned end, A ends on B's
 * eve at the switch (`finAvancee`). A contract already succeeded by another one cannot be
 * succeeded again.
 */
export function verifierSuccession(a: ContratRenouvelable, b: ContratRenouvelable): Succession {
  const erreurs: string[] = [];
  if (a.id === b.id) erreurs.push('Un contrat ne peut pas se succéder à lui-même.');
  else {
    if (a.cdgId !== b.cdgId)
      erreurs.push(
        `Le contrat n° ${b.numero} n’appartient pas au même centre de gestion que le contrat n° ${a.numero}.`,
      );
    if (a.regime !== b.regime)
      erreurs.push(
        `Le contrat n° ${b.numero} couvre le régime ${b.regime}, le contrat n° ${a.numero} le régime ${a.regime} : le successeur doit couvrir le même régime.`,
      );
    if (a.successeurId && a.successeurId !== b.id)
      erreurs.push(`Le contrat n° ${a.numero} a déjà été renouvelé par un autre contrat.`);
    if (b.dateEffet <= a.dateEffet)
      erreurs.push(
        `Le contrat n° ${b.numero} prend effet le ${formatDate(b.dateEffet)}, avant ou le jour même du début du contrat n° ${a.numero} (${formatDate(a.dateEffet)}).`,
      );
    else if (a.dateFin && b.dateEffet > addDays(a.dateFin, 1))
      erreurs.push(
        `Le contrat n° ${a.numero} finit le ${formatDate(a.dateFin)} et le contrat n° ${b.numero} ne prend effet que le ${formatDate(b.dateEffet)} : il doit commencer au plus tard le lendemain, ${formatDate(addDays(a.dateFin, 1))}, pour qu’aucun jour ne reste sans couverture.`,
      );
    if (b.dateFin && b.dateFin < b.dateEffet) erreurs.push(`Le contrat n° ${b.numero} finit avant de prendre effet.`);
  }
  if (erreurs.length > 0) return { ok: false, erreurs: erreurs.map((message) => ({ field: 'successeurId', message })) };
  const finAncien = addDays(b.dateEffet, -1);
  return { ok: true, dateBascule: b.dateEffet, finAncien, finAvancee: a.dateFin !== finAncien };
}

/**
 * The first day of a sinistre's arrêt chain: its first arrêt (the initial one; prolongations and
 * rechutes of the sinistre follow it and stay in its chain), or, before any arrêt is declared, the
 * date of survenance — the date the declaration chose its contract by.
 */
export function debutDeChaine(s: { dateSurvenance: string; premierArret: string | null }): string {
  return s.premierArret ?? s.dateSurvenance;
}

/**
 * Where a sinistre of A goes at the switch on `dateBascule`:
 * - `bascule`: its chain starts on or after the switch, it belongs to B;
 * - `reste`: its chain started before and is not closed, A keeps paying it;
 * - `terminee`: its chain started before and is closed, it stays with A (nothing to show).
 */
export type AffectationSinistre = 'bascule' | 'reste' | 'terminee';

export function affectationSinistre(
  s: { dateSurvenance: string; premierArret: string | null; statut: string },
  dateBascule: string,
): AffectationSinistre {
  if (debutDeChaine(s) >= dateBascule) return 'bascule';
  return s.statut === 'clos' ? 'terminee' : 'reste';
}
