import { addMonths } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import { capitalizePrenom } from '../common/french.js';
import { formatHours, parseHours } from '../common/hours.js';
import { checkNir, checkNirIdentite, sexeFromNir } from '../common/nir.js';
import { normalizeForSearch } from '../common/text.js';
import type { TRegime } from '../contrats/contrats.schemas.js';
import { CNRACL_MIN_HOURS, FULL_TIME_HOURS, type TStatut, type TTempsTravail } from './agents.schemas.js';

/**
 * The roster file (liste nominative des agents): one agent per line, French headers, no exit date.
 * The order of the template; files may order columns differently, headers are matched by name.
 */
export const LISTE_COLUMNS = [
  { key: 'nir', header: 'NIR', required: true, hint: '13 chiffres, clé facultative' },
  { key: 'nom', header: 'Nom', required: true, hint: '' },
  { key: 'prenom', header: 'Prénom', required: true, hint: '' },
  { key: 'regime', header: 'Régime', required: true, hint: 'CNRACL ou IRCANTEC' },
  { key: 'statut', header: 'Statut', required: true, hint: 'titulaire, stagiaire ou contractuel' },
  { key: 'dateEntree', header: 'Date d’entrée', required: true, hint: 'jj/mm/aaaa' },
  { key: 'emploi', header: 'Emploi', required: false, hint: '' },
  { key: 'grade', header: 'Grade', required: false, hint: '' },
  {
    key: 'tempsTravail',
    header: 'Temps de travail',
    required: false,
    hint: 'complet, ou heures par semaine (ex. 28, 17,5 ou 17h30)',
  },
  // What the agents export also writes, so that an export imports back as it is.
  { key: 'nomUsage', header: 'Nom d’usage', required: false, hint: '' },
  { key: 'dateNaissance', header: 'Date de naissance', required: false, hint: 'jj/mm/aaaa' },
  // The NIR gives it; read for a temporary number (7, 8), which does not.
  { key: 'sexe', header: 'Sexe', required: false, hint: 'Femme ou Homme (numéro provisoire)', template: false },
  { key: 'service', header: 'Service', required: false, hint: '' },
  // Read back from an export, but not in the template: the roster lists the agents in post.
  { key: 'dateDepart', header: 'Date de départ', required: false, hint: 'jj/mm/aaaa', template: false },
] as const;

/** The columns of the template to fill in. */
export const LISTE_TEMPLATE_COLUMNS = LISTE_COLUMNS.filter((c) => !('template' in c && c.template === false));
export type ListeColumn = (typeof LISTE_COLUMNS)[number]['key'];

/** Limits that keep an import bounded in memory and time. */
export const LISTE_MAX_BYTES = 20 * 1024 * 1024;
export const LISTE_MAX_LINES = 100_000;

const headerSynonyms: Record<string, ListeColumn> = {
  nir: 'nir',
  nss: 'nir',
  numerodesecuritesociale: 'nir',
  nsecuritesociale: 'nir',
  ndesecuritesociale: 'nir',
  nodesecuritesociale: 'nir',
  nosecuritesociale: 'nir',
  numerosecuritesociale: 'nir',
  securitesociale: 'nir',
  nom: 'nom',
  nomdenaissance: 'nom',
  nompatronymique: 'nom',
  prenom: 'prenom',
  regime: 'regime',
  regimederetraite: 'regime',
  statut: 'statut',
  datedentree: 'dateEntree',
  dateentree: 'dateEntree',
  datedentreedanslacollectivite: 'dateEntree',
  dateembauche: 'dateEntree',
  emploi: 'emploi',
  poste: 'emploi',
  grade: 'grade',
  nomdusage: 'nomUsage',
  nommarital: 'nomUsage',
  datedenaissance: 'dateNaissance',
  datenaissance: 'dateNaissance',
  sexe: 'sexe',
  service: 'service',
  datededepart: 'dateDepart',
  tempsdetravail: 'tempsTravail',
  tempstravail: 'tempsTravail',
  quotite: 'tempsTravail',
};

const headerKey = (cell: string) => normalizeForSearch(cell.replace(/^\uFEFF/, '')).replace(/[^a-z0-9]/g, '');

/** Columns of the agents export computed from the others: read back silently, never listed as unknown. */
const DERIVED_HEADERS = new Set(['ficheincomplete']);

/** Header cell → column, ignoring case, accents, spaces and punctuation (« Date d'entrée » = « DATE D ENTREE »). */
export function matchHeader(cell: string): ListeColumn | null {
  return headerSynonyms[headerKey(cell)] ?? null;
}

export type ListeError = { ligne: number; colonne: string; message: string };

export type HeaderMap = { columns: Map<number, ListeColumn>; ignored: string[] };

/** Maps the header line; every required column must be present, each only once. */
export function mapHeader(cells: string[]): { ok: true; map: HeaderMap } | { ok: false; errors: ListeError[] } {
  const columns = new Map<number, ListeColumn>();
  const ignored: string[] = [];
  const errors: ListeError[] = [];
  const seen = new Set<ListeColumn>();
  cells.forEach((cell, index) => {
    const column = matchHeader(cell);
    if (!column && DERIVED_HEADERS.has(headerKey(cell))) return;
    if (!column) {
      if (cell.trim()) ignored.push(cell.trim());
      return;
    }
    if (seen.has(column)) {
      errors.push({ ligne: 1, colonne: cell.trim(), message: `La colonne « ${cell.trim()} » figure deux fois.` });
      return;
    }
    seen.add(column);
    columns.set(index, column);
  });
  const missing = LISTE_COLUMNS.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    errors.push({
      ligne: 1,
      colonne: missing.join(', '),
      message: `Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}. Partez du modèle à télécharger.`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, map: { columns, ignored } };
}

export type ListeAgent = {
  nir: string;
  nirCle: string | null;
  nirTemporaire: boolean;
  nom: string;
  nomUsage: string | null;
  prenom: string;
  /** Given by the NIR (1 → M, 2 → F); null for a temporary number. */
  sexe: 'M' | 'F' | null;
  dateNaissance: string | null;
  regime: TRegime;
  statut: TStatut;
  dateEntree: string;
  emploi: string | null;
  grade: string | null;
  tempsTravail: TTempsTravail | null;
  /** Hundredths of an hour: 17 h 30 → 1750. */
  heuresHebdo: number | null;
  service: string | null;
  dateDepart: string | null;
};

/**
 * How far ahead an entry date may be: a recruitment already decided appears on the roster before
 * the agent starts, and the next year's base de l’assurance is declared up to a year ahead; a later
 * date is a typing error (2031 for 2021).
 */
export const LISTE_HORIZON_ENTREE_MOIS = 12;

/** dd/mm/yyyy (or d/m/yyyy) → ISO, or null if it is not a calendar date. */
export function parseFrenchDate(value: string): string | null {
  const m = value.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** « complet », « TC », « 35 h », « non complet 28 h », « 17,5 », « 17h30 », « 7:45 » → working time. */
export function parseTempsTravail(
  value: string,
): { ok: true; temps: TTempsTravail | null; heures: number | null } | { ok: false; message: string } {
  const v = normalizeForSearch(value).replace(/\s+/g, ' ');
  if (v === '') return { ok: true, temps: null, heures: null };
  if (['complet', 'temps complet', 'tc', 'plein', 'temps plein', '100 %', '100%'].includes(v))
    return { ok: true, temps: 'complet', heures: null };
  // « TNC 20h », « non complet 28 h » : the hours after the label.
  const duration = v.replace(/^(?:tnc|temps non complet|non complet) ?/, '');
  const hundredths = /^\d/.test(duration) ? parseHours(duration) : null;
  if (hundredths !== null) {
    if (hundredths <= 0 || hundredths > FULL_TIME_HOURS * 100) {
      return {
        ok: false,
        message: `Durée hebdomadaire impossible : « ${value} » (entre 0 et ${FULL_TIME_HOURS} heures).`,
      };
    }
    return hundredths === FULL_TIME_HOURS * 100
      ? { ok: true, temps: 'complet', heures: null }
      : { ok: true, temps: 'non_complet', heures: hundredths };
  }
  if (['non complet', 'tnc', 'temps non complet'].includes(v)) {
    return {
      ok: false,
      message: 'Temps non complet : indiquez le nombre d’heures par semaine (ex. « 28 », « 17,5 » ou « 17h30 »).',
    };
  }
  return {
    ok: false,
    message: `« ${value} » n’est pas un temps de travail reconnu : écrivez « complet » ou un nombre d’heures par semaine (ex. « 28 », « 17,5 » ou « 17h30 »).`,
  };
}

const sexes: Record<string, 'M' | 'F'> = {
  f: 'F',
  femme: 'F',
  feminin: 'F',
  m: 'M',
  h: 'M',
  homme: 'M',
  masculin: 'M',
};
const regimes: Record<string, TRegime> = { cnracl: 'CNRACL', ircantec: 'IRCANTEC' };
const statuts: Record<string, TStatut> = {
  titulaire: 'titulaire',
  fonctionnaire: 'titulaire',
  stagiaire: 'stagiaire',
  contractuel: 'contractuel',
  'non titulaire': 'contractuel',
  contractuelle: 'contractuel',
};

/**
 * Validates one data line (1-based line number as the user sees it in his spreadsheet).
 * Returns the agent, or every problem of the line.
 */
export function parseListeLine(
  cells: string[],
  map: HeaderMap,
  ligne: number,
  /** Today in France (YYYY-MM-DD): dates are checked against it. */
  today: string,
): { ok: true; agent: ListeAgent } | { ok: false; errors: ListeError[] } {
  const raw: Partial<Record<ListeColumn, string>> = {};
  for (const [index, column] of map.columns) raw[column] = (cells[index] ?? '').trim();
  const errors: ListeError[] = [];
  const header = (key: ListeColumn) => LISTE_COLUMNS.find((c) => c.key === key)!.header;
  const fail = (key: ListeColumn, message: string) => errors.push({ ligne, colonne: header(key), message });
  for (const c of LISTE_COLUMNS) if (c.required && !raw[c.key]) fail(c.key, `${c.header} manquant.`);

  let nir: ReturnType<typeof checkNir> | null = null;
  if (raw.nir) {
    nir = checkNir(raw.nir);
    if (!nir.ok) fail('nir', nir.message);
  }
  const regime = raw.regime ? regimes[normalizeForSearch(raw.regime)] : undefined;
  if (raw.regime && !regime) fail('regime', `Régime « ${raw.regime} » inconnu : CNRACL ou IRCANTEC.`);
  const statut = raw.statut ? statuts[normalizeForSearch(raw.statut)] : undefined;
  if (raw.statut && !statut) fail('statut', `Statut « ${raw.statut} » inconnu : titulaire, stagiaire ou contractuel.`);
  const date = (key: 'dateEntree' | 'dateNaissance' | 'dateDepart') => {
    const value = raw[key] ? parseFrenchDate(raw[key]) : null;
    if (raw[key] && !value) fail(key, `Date « ${raw[key]} » invalide : format jj/mm/aaaa attendu.`);
    return value;
  };
  const dateEntree = date('dateEntree');
  const horizon = addMonths(today, LISTE_HORIZON_ENTREE_MOIS);
  if (dateEntree && dateEntree > horizon) {
    fail(
      'dateEntree',
      `Date d’entrée « ${raw.dateEntree} » trop lointaine : au plus ${LISTE_HORIZON_ENTREE_MOIS} mois après aujourd’hui, soit le ${formatDate(horizon)}.`,
    );
  }
  const dateNaissance = date('dateNaissance');
  if (dateNaissance) {
    if (dateNaissance > today) fail('dateNaissance', `Date de naissance « ${raw.dateNaissance} » dans le futur.`);
    else if (dateEntree && dateEntree < dateNaissance)
      fail('dateNaissance', 'La date de naissance est postérieure à la date d’entrée.');
    // A birth year or month other than the NIR's is refused; the unusual months (20–42, 50+) are legal.
    if (nir?.ok) {
      for (const p of checkNirIdentite(nir.nir, { sexe: null, dateNaissance }))
        if (p.severity === 'erreur') fail('dateNaissance', p.message);
    }
  }
  const sexeTyped = raw.sexe ? sexes[normalizeForSearch(raw.sexe)] : undefined;
  if (raw.sexe && !sexeTyped) fail('sexe', `Sexe « ${raw.sexe} » inconnu : Femme ou Homme.`);
  const sexeNir = nir?.ok ? sexeFromNir(nir.nir) : null;
  if (sexeTyped && sexeNir && sexeTyped !== sexeNir)
    fail(
      'sexe',
      `Le NIR commence par ${sexeNir === 'M' ? '1 (homme)' : '2 (femme)'} : il ne correspond pas au sexe « ${raw.sexe} ».`,
    );
  const dateDepart = date('dateDepart');
  if (dateDepart && dateEntree && dateDepart < dateEntree)
    fail('dateDepart', `Le départ (${raw.dateDepart}) ne peut précéder l’entrée (${raw.dateEntree}).`);
  const temps = parseTempsTravail(raw.tempsTravail ?? '');
  if (!temps.ok) fail('tempsTravail', temps.message);
  for (const key of ['nom', 'prenom', 'emploi', 'grade', 'nomUsage', 'service'] as const) {
    if ((raw[key]?.length ?? 0) > 100) fail(key, `${header(key)} trop long (100 caractères au plus).`);
  }
  if (regime === 'CNRACL' && statut === 'contractuel')
    fail('statut', 'Un contractuel relève de l’IRCANTEC, pas de la CNRACL.');
  if (regime === 'CNRACL' && temps.ok && temps.heures !== null && temps.heures < CNRACL_MIN_HOURS * 100) {
    fail(
      'tempsTravail',
      `La CNRACL suppose au moins ${CNRACL_MIN_HOURS} heures par semaine : un agent à ${formatHours(temps.heures)} relève de l’IRCANTEC.`,
    );
  }
  if (errors.length > 0 || !nir?.ok || !regime || !statut || !dateEntree || !temps.ok) return { ok: false, errors };
  return {
    ok: true,
    agent: {
      nir: nir.nir,
      nirCle: nir.cle,
      nirTemporaire: nir.temporaire,
      nom: raw.nom!.toUpperCase(),
      nomUsage: raw.nomUsage ? raw.nomUsage.toUpperCase() : null,
      prenom: capitalizePrenom(raw.prenom!),
      sexe: sexeNir ?? sexeTyped ?? null,
      dateNaissance,
      regime,
      statut,
      dateEntree,
      emploi: raw.emploi || null,
      grade: raw.grade || null,
      tempsTravail: temps.temps,
      heuresHebdo: temps.heures,
      service: raw.service || null,
      dateDepart,
    },
  };
}

/**
 * An agent is « incomplet » while his birth date or his working time is unknown: the roster carries
 * no birth date, so every imported agent starts incomplet. The agents list filters with the same
 * rule in SQL (`date_naissance IS NULL OR temps_travail IS NULL`).
 */
export function agentIncomplet(agent: { dateNaissance: string | null; tempsTravail: TTempsTravail | null }): boolean {
  return agent.dateNaissance === null || agent.tempsTravail === null;
}

/**
 * What the agents of an imported file still lack, counted in the database once written (a column
 * of the file or an earlier fiche may have completed them): one sentence, or « » when nothing is.
 */
export function importManques(counts: { sansDateNaissance: number; sansTempsTravail: number }): string {
  const list = (
    [
      [counts.sansDateNaissance, 'de date de naissance'],
      [counts.sansTempsTravail, 'de temps de travail'],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count.toLocaleString('fr-FR')} ${count > 1 ? 'n’ont' : 'n’a'} pas ${what}`);
  if (list.length === 0) return '';
  return `Parmi les agents du fichier, ${list.join(' et ')} : complétez leur fiche avant de leur déclarer un sinistre.`;
}
