import { Readable } from 'node:stream';
import { type LigneReleve, type ListeError, normalizeForSearch, parseEuros, parseFrenchDate } from '@statutis/domain';
import { detectEncoding } from '../csv/decode.js';
import { CsvSyntaxError, readCsv } from '../csv/reader.js';
import { type LectureReleve, RELEVE_LIGNES_MAX } from './releve.js';

type Colonne =
  | 'date'
  | 'dateValeur'
  | 'libelle'
  | 'complement'
  | 'montant'
  | 'debit'
  | 'credit'
  | 'reference'
  | 'emetteur';

/** Header names seen in French banks' exports, compared without case, accents, spaces nor a « (EUR) » suffix. */
const SYNONYMES: Record<string, Colonne> = {};
for (const [colonne, noms] of Object.entries({
  date: ['date', 'dateoperation', 'datedoperation', 'datecomptable', 'datecomptabilisation', 'datedecomptabilisation'],
  dateValeur: ['datevaleur', 'datedevaleur'],
  libelle: ['libelle', 'libelleoperation', 'libelledeloperation', 'intitule', 'detail', 'detaildeloperation'],
  complement: ['libellecomplementaire', 'informationscomplementaires', 'complement', 'libelle2', 'detail2'],
  montant: ['montant', 'montantoperation', 'montantdeloperation'],
  debit: ['debit', 'debits'],
  credit: ['credit', 'credits'],
  reference: ['reference', 'referenceoperation', 'ref'],
  emetteur: ['emetteur', 'tiers', 'donneurdordre', 'contrepartie', 'nomduemetteur'],
} satisfies Record<Colonne, string[]>)) {
  for (const nom of noms) SYNONYMES[nom] = colonne as Colonne;
}

const headerKey = (cell: string) => normalizeForSearch(cell.replace(/^\uFEFF/, '')).replace(/[^a-z0-9€]/g, '');

/** The column of a header cell: its name as written, else without a currency suffix (« Crédit euros »). */
const colonneDe = (cell: string): Colonne | undefined => {
  const key = headerKey(cell);
  return SYNONYMES[key] ?? SYNONYMES[key.replace(/(euros|eur|€)$/, '')];
};

/** How many rows before the header are looked at: exports start with the account's name and number. */
const ENTETE_MAX_LIGNES = 30;

const ENTETE_INTROUVABLE =
  'Ligne d’en-tête introuvable : le relevé doit avoir les colonnes Date, Libellé et Montant (ou Débit et Crédit).';

function mapEntete(cells: string[]): Map<Colonne, number> | null {
  const map = new Map<Colonne, number>();
  cells.forEach((cell, i) => {
    const colonne = colonneDe(cell);
    if (colonne && !map.has(colonne)) map.set(colonne, i);
  });
  const complet =
    map.has('date') && map.has('libelle') && (map.has('montant') || map.has('debit') || map.has('credit'));
  return complet ? map : null;
}

/** « 31/12/2027 », « 31-12-2027 », « 31.12.2027 » or « 2027-12-31 » → ISO. */
function parseDate(value: string): string | null {
  const v = value.trim();
  const iso = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (iso) return parseFrenchDate(`${iso[3]}/${iso[2]}/${iso[1]}`);
  return parseFrenchDate(v.replace(/[-.]/g, '/'));
}

/** « 1 234,56 », « -1234,56 », « +12,00 », « 1.234,56 » → signed cents; null when not an amount. */
export function parseMontant(value: string): number | null {
  let v = value.trim().replace(/^\+/, '');
  if (v.includes(',') && v.includes('.')) v = v.replace(/\./g, '');
  return parseEuros(v);
}

/**
 * Reads a bank statement exported as CSV (`;` or `,`, UTF-8 or Windows-1252): the header is found
 * among the first rows (exports start with the account), then one movement per row; a final
 * « Solde » or « Total » row without a date is skipped. Every faulty row is listed.
 */
export async function lireReleveCsv(contenu: Buffer): Promise<LectureReleve> {
  const encoding = await detectEncoding(Readable.from([contenu]));
  const erreurs: ListeError[] = [];
  const lignes: LigneReleve[] = [];
  let entete: Map<Colonne, number> | null = null;
  let rows = 0;
  try {
    for await (const { ligne, cells } of readCsv(Readable.from([contenu]), encoding)) {
      rows++;
      if (!entete) {
        entete = mapEntete(cells);
        if (!entete && rows >= ENTETE_MAX_LIGNES) break;
        continue;
      }
      if (lignes.length + erreurs.length >= RELEVE_LIGNES_MAX) {
        erreurs.push({
          ligne,
          colonne: '',
          message: `Relevé trop long : plus de ${RELEVE_LIGNES_MAX.toLocaleString('fr-FR')} opérations.`,
        });
        break;
      }
      const lue = lireLigne(entete, ligne, cells);
      if ('erreurs' in lue) erreurs.push(...lue.erreurs);
      else if (lue.ligne) lignes.push(lue.ligne);
    }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    erreurs.push({ ligne: e.ligne, colonne: '', message: e.message });
  }
  if (!entete) return { ok: false, format: 'csv', erreurs: [{ ligne: 1, colonne: '', message: ENTETE_INTROUVABLE }] };
  if (erreurs.length > 0) return { ok: false, format: 'csv', erreurs };
  if (lignes.length === 0)
    return {
      ok: false,
      format: 'csv',
      erreurs: [{ ligne: 1, colonne: '', message: 'Le relevé ne contient aucune opération.' }],
    };
  return { ok: true, format: 'csv', lignes };
}

function lireLigne(
  entete: Map<Colonne, number>,
  ligne: number,
  cells: string[],
): { ligne: LigneReleve | null } | { erreurs: ListeError[] } {
  const cell = (c: Colonne) => {
    const i = entete.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const texte = (...parts: string[]) => parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  const libelle = texte(cell('libelle'), cell('complement'));
  if (!cell('date') && /^(solde|total)/i.test(normalizeForSearch(libelle || cells.join(' ')))) return { ligne: null };
  const erreurs: ListeError[] = [];
  const date = parseDate(cell('date'));
  if (!date)
    erreurs.push({
      ligne,
      colonne: 'Date',
      message: cell('date')
        ? `Date « ${cell('date')} » invalide : attendu JJ/MM/AAAA.`
        : 'Date de l’opération absente.',
    });
  const dateValeur = cell('dateValeur') ? parseDate(cell('dateValeur')) : null;
  if (cell('dateValeur') && !dateValeur)
    erreurs.push({
      ligne,
      colonne: 'Date de valeur',
      message: `Date de valeur « ${cell('dateValeur')} » invalide : attendu JJ/MM/AAAA.`,
    });

  let signe: number | null = null;
  if (entete.has('montant')) {
    const m = parseMontant(cell('montant'));
    if (m === null || m === 0)
      erreurs.push({
        ligne,
        colonne: 'Montant',
        message: cell('montant')
          ? `Montant « ${cell('montant')} » invalide : attendu par exemple 1 234,56 ou -1234,56.`
          : 'Montant absent.',
      });
    else signe = m;
  } else {
    const lu = (c: 'debit' | 'credit', nom: string) => {
      if (!cell(c)) return 0;
      const m = parseMontant(cell(c));
      if (m === null) {
        erreurs.push({
          ligne,
          colonne: nom,
          message: `${nom} « ${cell(c)} » invalide : attendu par exemple 1 234,56.`,
        });
        return null;
      }
      return Math.abs(m);
    };
    const debit = lu('debit', 'Débit');
    const credit = lu('credit', 'Crédit');
    if (debit !== null && credit !== null) {
      if (debit > 0 && credit > 0)
        erreurs.push({
          ligne,
          colonne: 'Débit, Crédit',
          message: 'Une opération a un débit ou un crédit, pas les deux.',
        });
      else if (debit === 0 && credit === 0)
        erreurs.push({ ligne, colonne: 'Débit, Crédit', message: 'Ni débit ni crédit : montant absent.' });
      else signe = credit > 0 ? credit : -debit;
    }
  }
  if (erreurs.length > 0 || signe === null || !date) return { erreurs };
  const reference = cell('reference');
  return {
    ligne: {
      ligne,
      date,
      dateValeur,
      montant: Math.abs(signe),
      sens: signe > 0 ? 'credit' : 'debit',
      libelle,
      references: reference ? [reference] : [],
      emetteur: cell('emetteur') || null,
      referenceBanque: null,
    },
  };
}
