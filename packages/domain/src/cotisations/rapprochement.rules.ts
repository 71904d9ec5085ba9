/**
 * Rapprochement bancaire des appels de cotisation: the credit lines of a bank statement matched
 * against the open calls by the reference the payer wrote. Pure: the statement parsers (server,
 * `lib/releves`) produce `LigneReleve`, the cotisations module gives the open calls as plain data.
 */

/** Direction of a statement line, as seen from the CDG's account. */
export type SensReleve = 'credit' | 'debit';

/** One movement of a bank statement, whatever its format (CSV export or CAMT.053). */
export type LigneReleve = {
  /** Where it is in the file: CSV row as a spreadsheet numbers it, or the CAMT.053 entry's rank (1, 2…). */
  ligne: number;
  /** Booking date, ISO. */
  date: string;
  /** Value date when the statement gives one, ISO. */
  dateValeur: string | null;
  /** Integer cents, always positive; the direction is `sens`. */
  montant: number;
  sens: SensReleve;
  /** The bank's free text (CSV libellé, CAMT.053 unstructured remittance and additional information). */
  libelle: string;
  /** Structured references: creditor reference, end-to-end id, a CSV « Référence » column. */
  references: string[];
  /** Who paid (debtor name) when the statement says it. */
  emetteur: string | null;
  /** The bank's own unique id of the entry (CAMT.053 AcctSvcrRef), when given: the best fingerprint. */
  referenceBanque: string | null;
};

/** One instalment of a call still open: what the payer still owes on it. */
export type EcheanceOuverte = {
  id: string;
  /** Cents still due (amount due − already received), > 0 for an open instalment. */
  restantDu: number;
};

/** An open contribution call: its reference (the call number the payer is asked to quote) and its instalments in payment order. */
export type AppelOuvert = {
  id: string;
  reference: string;
  echeances: EcheanceOuverte[];
};

export type Affectation = { appelId: string; echeanceId: string; montant: number };

export type StatutRapprochement = 'rapproche' | 'partiel' | 'trop_percu' | 'inconnu' | 'doublon';

export type Rapprochement = {
  ligne: number;
  empreinte: string;
  statut: StatutRapprochement;
  /** Calls whose reference was found in the line, in the order found. */
  appels: string[];
  /** Money given to each instalment, earliest first. */
  affectations: Affectation[];
  /** Cents received beyond everything the referenced calls still owed (`trop_percu`). */
  excedent: number;
  /** Cents the referenced calls still owe after this line. */
  resteDu: number;
};

export type ResultatRapprochement = {
  /** One entry per credit line, in statement order. */
  lignes: Rapprochement[];
  /** Debit lines: not payments of calls, left aside. */
  debits: number[];
};

/** Upper case, no accents, only letters and digits: « ac-2027 / 0042 » → « AC20270042 ». */
export function compacterReference(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';
const sameClass = (a: string | undefined, b: string | undefined) =>
  (isDigit(a) && isDigit(b)) || (isLetter(a) && isLetter(b));

/**
 * Whether `reference` appears in `text`, ignoring case, accents, spaces and punctuation (banks cut
 * free text every 35 characters and payers type « AC 2027-0042 »). The match may not be glued to a
 * run of the same kind: « AC-2027-0042 » is not found in « AC-2027-00421 » (another call number) nor
 * in « XAC-2027-0042 », but is in « VIR AC20270042COTIS ».
 */
export function contientReference(text: string, reference: string): boolean {
  const ref = compacterReference(reference);
  if (!ref) return false;
  // The compacted text, and where each of its characters was in the plain upper-case text: the
  // boundaries are checked there, where « VIR AC… » still has its space.
  const plain = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase();
  let hay = '';
  const at: number[] = [];
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i]!;
    if (isDigit(c) || isLetter(c)) {
      hay += c;
      at.push(i);
    }
  }
  for (let i = hay.indexOf(ref); i >= 0; i = hay.indexOf(ref, i + 1)) {
    const before = plain[at[i]! - 1];
    const after = plain[at[i + ref.length - 1]! + 1];
    if (!sameClass(before, ref[0]) && !sameClass(after, ref[ref.length - 1])) return true;
  }
  return false;
}

/**
 * A line's identity across imports: the bank's own entry id when the statement has one, otherwise
 * date, direction, amount, compacted text and references, plus the rank of this identity among the
 * identical lines of the same file (two identical transfers on one day are two payments; the same
 * file imported twice gives the same fingerprints).
 */
export function empreintesLignes(lignes: readonly LigneReleve[]): string[] {
  const seen = new Map<string, number>();
  return lignes.map((l) => {
    const base = l.referenceBanque
      ? `banque:${compacterReference(l.referenceBanque)}|${l.date}|${l.montant}`
      : [l.date, l.sens, l.montant, compacterReference(l.libelle), l.references.map(compacterReference).join(',')].join(
          '|',
        );
    const rank = (seen.get(base) ?? 0) + 1;
    seen.set(base, rank);
    return `${base}#${rank}`;
  });
}

/**
 * Matches the credit lines of a statement against the open calls.
 * - `doublon`: its fingerprint was already imported (`dejaImportees`);
 * - `inconnu`: no open call's reference appears in its references, libellé or payer name;
 * - otherwise its amount pays the instalments of the calls found, earliest first and in the order the
 *   references were found, each up to what it still owes (lines earlier in the statement paid first):
 *   `rapproche` when every instalment touched is paid in full and nothing is left over, `partiel` when
 *   the last one touched is left partly paid, `trop_percu` when money remains after all of them.
 */
export function rapprocher(
  lignes: readonly LigneReleve[],
  appels: readonly AppelOuvert[],
  dejaImportees: ReadonlySet<string> = new Set(),
): ResultatRapprochement {
  const empreintes = empreintesLignes(lignes);
  const restant = new Map<string, number>();
  for (const a of appels) for (const e of a.echeances) restant.set(`${a.id}\u0000${e.id}`, Math.max(0, e.restantDu));
  const result: ResultatRapprochement = { lignes: [], debits: [] };
  lignes.forEach((l, index) => {
    if (l.sens === 'debit') {
      result.debits.push(l.ligne);
      return;
    }
    const empreinte = empreintes[index]!;
    const vide = { ligne: l.ligne, empreinte, appels: [], affectations: [], excedent: 0, resteDu: 0 };
    if (dejaImportees.has(empreinte)) {
      result.lignes.push({ ...vide, statut: 'doublon' });
      return;
    }
    const texte = [l.references.join(' '), l.libelle, l.emetteur ?? ''];
    const trouves = appels.filter((a) => texte.some((t) => contientReference(t, a.reference)));
    if (trouves.length === 0) {
      result.lignes.push({ ...vide, statut: 'inconnu' });
      return;
    }
    let reste = l.montant;
    let partiel = false;
    const affectations: Affectation[] = [];
    for (const a of trouves) {
      for (const e of a.echeances) {
        const key = `${a.id}\u0000${e.id}`;
        const du = restant.get(key) ?? 0;
        if (du === 0 || reste === 0) continue;
        const paye = Math.min(du, reste);
        affectations.push({ appelId: a.id, echeanceId: e.id, montant: paye });
        restant.set(key, du - paye);
        reste -= paye;
        if (paye < du) partiel = true;
      }
    }
    const resteDu = trouves.reduce(
      (sum, a) => sum + a.echeances.reduce((s, e) => s + (restant.get(`${a.id}\u0000${e.id}`) ?? 0), 0),
      0,
    );
    result.lignes.push({
      ligne: l.ligne,
      empreinte,
      statut: reste > 0 ? 'trop_percu' : partiel ? 'partiel' : 'rapproche',
      appels: trouves.map((a) => a.id),
      affectations,
      excedent: reste,
      resteDu,
    });
  });
  return result;
}
