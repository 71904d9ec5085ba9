import { daysBetween } from '../common/dates.js';

/** What puts a file in a handler's work queue (issue 9). */
export const CORBEILLE_TYPES = [
  'nouveau_sinistre',
  'nouvel_arret',
  'piece',
  'requalification',
  'reponse_employeur',
  'frais_medicaux',
  'echeance_proche',
  'citis_provisoire',
] as const;
export type TCorbeilleType = (typeof CORBEILLE_TYPES)[number];
export const corbeilleTypeLabels: Record<TCorbeilleType, string> = {
  nouveau_sinistre: 'Nouveau sinistre ouvert',
  nouvel_arret: 'Nouvel arrêt ou prolongation',
  piece: 'Pièce nouvelle ou remplacée',
  requalification: 'Demande de requalification',
  reponse_employeur: 'Réponse de l’employeur',
  frais_medicaux: 'Frais médicaux à valider',
  echeance_proche: 'Échéance proche',
  citis_provisoire: 'CITIS provisoire en cours',
};

/** Flags shown on a queue line. */
export const CORBEILLE_DRAPEAUX = ['tiers', 'hors_delai', 'rechute'] as const;
export type TCorbeilleDrapeau = (typeof CORBEILLE_DRAPEAUX)[number];
export const corbeilleDrapeauLabels: Record<TCorbeilleDrapeau, string> = {
  tiers: 'Tiers impliqué',
  hors_delai: 'Hors délai',
  rechute: 'Rechute',
};

/** A file whose deadline is this close (days) comes into the queue as « échéance proche ». */
export const ECHEANCE_PROCHE_JOURS = 15;

export type CorbeilleUrgence = {
  id: string;
  /** The file's next deadline (ISO date), or null when it has none. */
  echeance: string | null;
  /** When the item started waiting (ISO timestamp). */
  enAttenteDepuis: string;
};

/** Days left until the deadline (negative once passed), null without one. */
export function joursRestants(echeance: string | null, aujourdhui: string): number | null {
  return echeance === null ? null : daysBetween(aujourdhui, echeance);
}

/** A deadline within `ECHEANCE_PROCHE_JOURS` days, or passed. */
export function estEcheanceProche(echeance: string | null, aujourdhui: string): boolean {
  const n = joursRestants(echeance, aujourdhui);
  return n !== null && n <= ECHEANCE_PROCHE_JOURS;
}

/** The « délai restant » column: « Aujourd’hui », « Demain », « 5 jours », « Dépassé de 1 jour », « — ». */
export function libelleDelaiRestant(echeance: string | null, aujourdhui: string): string {
  const n = joursRestants(echeance, aujourdhui);
  if (n === null) return '—';
  if (n === 0) return 'Aujourd’hui';
  if (n === 1) return 'Demain';
  if (n > 1) return `${n} jours`;
  return `Dépassé de ${-n} jour${n < -1 ? 's' : ''}`;
}

/**
 * The default order of the queue, most urgent first: the least deadline left first (passed
 * deadlines before all), files without a deadline after every file with one; then the longest
 * waiting first; then the id, so that the order is total and pages never repeat a line.
 *
 * As « deadline left » is the deadline minus one same day for every line, ordering by days left is
 * ordering by the deadline itself, and the server sorts in SQL the same way:
 *   ORDER BY echeance ASC NULLS LAST, en_attente_depuis ASC, id ASC
 * For keyset pages, `cleUrgence` gives the same order as a tuple, the missing deadline written as
 * '9999-12-31' (after any real date):
 *   WHERE (coalesce(echeance, DATE '9999-12-31'), en_attente_depuis, id) > ($1, $2, $3)
 *   ORDER BY coalesce(echeance, DATE '9999-12-31'), en_attente_depuis, id
 * with an index on that expression.
 */
export function comparerUrgence(a: CorbeilleUrgence, b: CorbeilleUrgence): number {
  const [ea, wa, ia] = cleUrgence(a);
  const [eb, wb, ib] = cleUrgence(b);
  return compare(ea, eb) || compare(wa, wb) || compare(ia, ib);
}

/** No deadline sorts after every date. */
export const SANS_ECHEANCE = '9999-12-31';

/**
 * The sort key of an item: deadline (or `SANS_ECHEANCE`), waiting since as epoch milliseconds (so
 * that timestamps written with different offsets compare as instants, as in PostgreSQL), id.
 */
export function cleUrgence(item: CorbeilleUrgence): [string, number, string] {
  return [item.echeance ?? SANS_ECHEANCE, Date.parse(item.enAttenteDepuis), item.id];
}

const compare = <T extends string | number>(x: T, y: T): number => (x < y ? -1 : x > y ? 1 : 0);

/** The items in the default order (a sorted copy). */
export function trierParUrgence<T extends CorbeilleUrgence>(items: readonly T[]): T[] {
  return [...items].sort(comparerUrgence);
}

/**
 * Whether a file falls in an organisation's random sample of `pourcentage` percent: drawn from the
 * first 32 bits of its (random, v4) uuid, so the draw is stable across reads and the same in SQL:
 *   ('x' || substr(id::text, 1, 8))::bit(32)::bigint % 100 < pourcentage
 */
export function estEchantillonne(sinistreId: string, pourcentage: number): boolean {
  return Number.parseInt(sinistreId.slice(0, 8), 16) % 100 < pourcentage;
}

/**
 * The NIR in a list, where the agent is named anyway: sex, year and month of birth stay readable,
 * the place of birth, the order number and the key are hidden (« 1 84 12 •• ••• ••• •• »).
 */
export function masquerNir(nir: string): string {
  const v = nir.replace(/\s/g, '').toUpperCase();
  return `${v.slice(0, 1)} ${v.slice(1, 3)} ${v.slice(3, 5)} •• ••• ••• ••`;
}
