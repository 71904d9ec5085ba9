import { formatHours, parseHours } from '../common/hours.js';
import { checkNir } from '../common/nir.js';
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
    hint: 'complet, ou heures par semaine (ex. 28 ou 17,5)',
  },
] as const;
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
  tempsdetravail: 'tempsTravail',
  tempstravail: 'tempsTravail',
  quotite: 'tempsTravail',
};

/** Header cell → column, ignoring case, accents, spaces and punctuation (« Date d'entrée » = « DATE D ENTREE »). */
export function matchHeader(cell: string): ListeColumn | null {
  const key = normalizeForSearch(cell.replace(/^\uFEFF/, '')).replace(/[^a-z0-9]/g, '');
  return headerSynonyms[key] ?? null;
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
  prenom: string;
  regime: TRegime;
  statut: TStatut;
  dateEntree: string;
  emploi: string | null;
  grade: string | null;
  tempsTravail: TTempsTravail | null;
  /** Hundredths of an hour: 17 h 30 → 1750. */
  heuresHebdo: number | null;
};

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
  const dateEntree = raw.dateEntree ? parseFrenchDate(raw.dateEntree) : null;
  if (raw.dateEntree && !dateEntree)
    fail('dateEntree', `Date « ${raw.dateEntree} » invalide : format jj/mm/aaaa attendu.`);
  const temps = parseTempsTravail(raw.tempsTravail ?? '');
  if (!temps.ok) fail('tempsTravail', temps.message);
  for (const key of ['nom', 'prenom', 'emploi', 'grade'] as const) {
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
      prenom: raw.prenom!,
      regime,
      statut,
      dateEntree,
      emploi: raw.emploi || null,
      grade: raw.grade || null,
      tempsTravail: temps.temps,
      heuresHebdo: temps.heures,
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
