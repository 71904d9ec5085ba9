import { formatEuros } from '../common/format.js';
import { mulDivRound } from '../common/money.js';

/** The loss ratio is kept in basis points: 10 000 = 100 %, two decimals of a percent. */
export const RAPPORT_SCALE = 10_000;

/**
 * S/P = sinistres / primes (domain.md §11): the reimbursements paid and due of a contract-year over
 * the premiums of that year, in basis points rounded half-up; null without premiums (nothing to
 * compare with — never a division by zero shown as « infini »).
 */
export function rapportSP(sinistresCentimes: number, primesCentimes: number): number | null {
  if (primesCentimes <= 0) return null;
  return mulDivRound(sinistresCentimes, RAPPORT_SCALE, primesCentimes);
}

/** 8 543 → « 85,43 % »; null → « — ». */
export function formatRapport(rapport: number | null): string {
  if (rapport === null) return '—';
  const sign = rapport < 0 ? '-' : '';
  const abs = Math.abs(rapport);
  const [units, cents] = [Math.floor(abs / 100), abs % 100];
  return `${sign}${units.toLocaleString('fr-FR')},${String(cents).padStart(2, '0')} %`;
}

/** « Comment est-ce calculé ? » for one line of the table, with its own numbers. */
export function expliquerRapport(l: {
  regle: number;
  du: number;
  primes: number;
  baseType: 'reelle' | 'previsionnelle' | null;
}) {
  const sinistres = l.regle + l.du;
  const rapport = rapportSP(sinistres, l.primes);
  const base =
    l.baseType === 'reelle'
      ? 'la cotisation sur la base réelle déclarée'
      : l.baseType === 'previsionnelle'
        ? 'la cotisation sur la base prévisionnelle (la base réelle n’est pas encore déclarée)'
        : 'aucune base déclarée pour cette année';
  if (rapport === null)
    return `Pas de rapport S/P : ${base}, donc aucune prime à laquelle comparer ${formatEuros(sinistres)} de remboursements.`;
  return (
    `S/P = remboursements (${formatEuros(l.regle)} réglés + ${formatEuros(l.du)} validés à régler) ÷ primes ` +
    `(${formatEuros(l.primes)}, ${base}) = ${formatRapport(rapport)}.`
  );
}
