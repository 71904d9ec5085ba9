import type { LigneReleve, ListeError } from '@statutis/domain';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { centsFromDecimal, type LectureReleve, RELEVE_LIGNES_MAX } from './releve.js';

/** ISO 20022 bank-to-customer statement, any published version (.001.02 to .001.13 share what is read here). */
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'AddtlNtryInf']);

function parser() {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    // Amounts and references stay text: no float, no « 00042 » → 42.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
    captureMetaData: true,
  });
}

const META = XMLParser.getMetaDataSymbol() as unknown as string;

const asNode = (v: unknown): Node | undefined => (v && typeof v === 'object' ? (v as Node) : undefined);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(asNode).filter((n): n is Node => !!n) : []);

/** The text of a leaf (`<Nm>x</Nm>` → 'x', `<Amt Ccy="EUR">1</Amt>` → '1'). */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  const n = asNode(v);
  if (n && typeof n['#text'] === 'string') return n['#text'];
  return '';
}

function at(node: Node | undefined, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) {
    const n = asNode(Array.isArray(cur) ? cur[0] : cur);
    if (!n) return undefined;
    cur = n[key];
  }
  return cur;
}

/** `<BookgDt><Dt>2027-03-15</Dt></BookgDt>` or `<DtTm>2027-03-15T10:00:00+01:00</DtTm>` → ISO date. */
function dateOf(node: unknown): string | null {
  const value = text(at(asNode(node), 'Dt')) || text(at(asNode(node), 'DtTm')).slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/** The namespace of the root `Document` (removeNSPrefix drops the xmlns attributes from the parsed tree). */
function namespaceOfDocument(xml: string): string {
  const tag = xml.match(/<(?:([A-Za-z_][\w.-]*):)?Document\b([^>]*)>/);
  if (!tag) return '';
  const attr = tag[1] ? `xmlns:${tag[1]}` : 'xmlns';
  return tag[2]?.match(new RegExp(`\\s${attr}\\s*=\\s*["']([^"']*)["']`))?.[1] ?? '';
}

/** Line of a parsed node in the file, from the offsets of its line breaks (binary search). */
function lineFinder(xml: string): (node: Node) => number {
  const breaks: number[] = [];
  for (let i = xml.indexOf('\n'); i >= 0; i = xml.indexOf('\n', i + 1)) breaks.push(i);
  return (node) => {
    const start = (node[META] as { startIndex?: number } | undefined)?.startIndex;
    if (start === undefined) return 0;
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * Reads a CAMT.053 statement (BkToCstmrStmt). Refused before parsing: a DOCTYPE (no DTD, hence no
 * external or expanding entity), malformed XML. One `LigneReleve` per booked entry, or per
 * transaction when a batch entry details several with their amounts; `ligne` is the line of the
 * entry's `<Ntry>` in the file. Every faulty entry is listed.
 */
export function lireReleveCamt053(xml: string): LectureReleve {
  const fail = (ligne: number, colonne: string, message: string): LectureReleve => ({
    ok: false,
    format: 'camt053',
    erreurs: [{ ligne, colonne, message }],
  });
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    return fail(1, '', 'Fichier refusé : un relevé CAMT.053 ne contient pas de déclaration DOCTYPE ni d’entité.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return fail(valid.err.line, '', `XML mal formé à la ligne ${valid.err.line} : ${valid.err.msg}`);
  const doc = asNode(parser().parse(xml));
  const root = asNode(doc?.Document);
  const ns = namespaceOfDocument(xml);
  if (!root || !NAMESPACE.test(ns))
    return fail(
      1,
      'Document',
      `Ce fichier XML n’est pas un relevé bancaire CAMT.053${ns ? ` (espace de noms « ${ns} »)` : ''}.`,
    );
  const statements = list(at(root, 'BkToCstmrStmt', 'Stmt'));
  if (statements.length === 0) return fail(1, 'BkToCstmrStmt', 'Le relevé CAMT.053 ne contient aucun relevé (Stmt).');

  const lineOf = lineFinder(xml);
  const lignes: LigneReleve[] = [];
  const erreurs: ListeError[] = [];
  for (const stmt of statements) {
    for (const ntry of list(stmt.Ntry)) {
      if (lignes.length + erreurs.length >= RELEVE_LIGNES_MAX) {
        erreurs.push({
          ligne: lineOf(ntry),
          colonne: 'Ntry',
          message: `Relevé trop long : plus de ${RELEVE_LIGNES_MAX.toLocaleString('fr-FR')} opérations.`,
        });
        return { ok: false, format: 'camt053', erreurs };
      }
      const lue = lireEntree(ntry, lineOf(ntry));
      if ('erreurs' in lue) erreurs.push(...lue.erreurs);
      else lignes.push(...lue.lignes);
    }
  }
  if (erreurs.length > 0) return { ok: false, format: 'camt053', erreurs };
  if (lignes.length === 0) return fail(1, 'Ntry', 'Le relevé ne contient aucune opération comptabilisée.');
  return { ok: true, format: 'camt053', lignes };
}

function lireEntree(ntry: Node, ligne: number): { lignes: LigneReleve[] } | { erreurs: ListeError[] } {
  // .001.02 writes <Sts>BOOK</Sts>, later versions <Sts><Cd>BOOK</Cd></Sts>; only booked entries count.
  const statut = text(ntry.Sts) || text(at(ntry, 'Sts', 'Cd'));
  if (statut && statut !== 'BOOK') return { lignes: [] };
  const erreurs: ListeError[] = [];
  const err = (colonne: string, message: string) => erreurs.push({ ligne, colonne, message });

  const montantEntree = montant(ntry.Amt, 'Ntry/Amt', err);
  const indicateur = text(ntry.CdtDbtInd);
  if (indicateur !== 'CRDT' && indicateur !== 'DBIT')
    err('Ntry/CdtDbtInd', `Sens « ${indicateur} » inconnu : attendu CRDT (crédit) ou DBIT (débit).`);
  const date = dateOf(ntry.BookgDt) ?? dateOf(ntry.ValDt);
  if (!date) err('Ntry/BookgDt', 'Date de comptabilisation absente ou invalide (attendu AAAA-MM-JJ).');
  if (erreurs.length > 0 || montantEntree === null || !date) return { erreurs };

  const base = {
    date,
    dateValeur: dateOf(ntry.ValDt),
    sens: indicateur === 'CRDT' ? ('credit' as const) : ('debit' as const),
  };
  const infoEntree = ((ntry.AddtlNtryInf as unknown[] | undefined) ?? []).map(text).join(' ');
  const referenceBanque = text(ntry.AcctSvcrRef) || text(ntry.NtryRef) || null;
  const txs = list(ntry.NtryDtls).flatMap((d) => list(d.TxDtls));

  // A batch entry whose transactions each carry their amount: one line per transaction.
  const montants = txs.map((tx) => (at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt')) as unknown);
  if (txs.length > 1 && montants.every((m) => m !== undefined)) {
    const lignes: LigneReleve[] = [];
    txs.forEach((tx, i) => {
      const m = montant(montants[i], `TxDtls[${i + 1}]/Amt`, err);
      if (m === null) return;
      lignes.push({
        ...base,
        ligne,
        montant: m,
        ...detail([tx], infoEntree),
        referenceBanque: referenceBanque ? `${referenceBanque}/${i + 1}` : null,
      });
    });
    return erreurs.length > 0 ? { erreurs } : { lignes };
  }
  return { lignes: [{ ...base, ligne, montant: montantEntree, ...detail(txs, infoEntree), referenceBanque }] };
}

function montant(amt: unknown, colonne: string, err: (colonne: string, message: string) => void): number | null {
  const devise = text(asNode(amt)?.['@Ccy']);
  const valeur = text(amt);
  if (!valeur) {
    err(colonne, 'Montant absent.');
    return null;
  }
  if (devise && devise !== 'EUR') {
    err(colonne, `Devise ${devise} non prise en charge : seuls les montants en euros (EUR) sont rapprochés.`);
    return null;
  }
  const cents = centsFromDecimal(valeur);
  if (cents === null || cents === 0) {
    err(colonne, `Montant « ${valeur} » invalide : attendu un nombre positif à deux décimales au plus (1234.56).`);
    return null;
  }
  return cents;
}

/** Libellé, references and payer of the transactions of an entry. */
function detail(txs: Node[], infoEntree: string): Pick<LigneReleve, 'libelle' | 'references' | 'emetteur'> {
  const libelle: string[] = [];
  const references: string[] = [];
  let emetteur: string | null = null;
  for (const tx of txs) {
    const rmt = asNode(tx.RmtInf);
    for (const u of (rmt?.Ustrd as unknown[] | undefined) ?? []) libelle.push(text(u));
    for (const s of list(rmt?.Strd)) {
      const ref = text(at(s, 'CdtrRefInf', 'Ref'));
      if (ref) references.push(ref);
      for (const info of [at(s, 'AddtlRmtInf')].flat()) if (text(info)) libelle.push(text(info));
    }
    const e2e = text(at(tx, 'Refs', 'EndToEndId'));
    if (e2e && e2e !== 'NOTPROVIDED') references.push(e2e);
    if (text(tx.AddtlTxInf)) libelle.push(text(tx.AddtlTxInf));
    // .001.02: RltdPties/Dbtr/Nm; from .001.08 the party is wrapped: RltdPties/Dbtr/Pty/Nm.
    emetteur ??=
      text(at(tx, 'RltdPties', 'Dbtr', 'Nm')) ||
      text(at(tx, 'RltdPties', 'Dbtr', 'Pty', 'Nm')) ||
      text(at(tx, 'RltdPties', 'UltmtDbtr', 'Nm')) ||
      text(at(tx, 'RltdPties', 'UltmtDbtr', 'Pty', 'Nm')) ||
      null;
  }
  if (infoEntree) libelle.push(infoEntree);
  return { libelle: libelle.join(' ').replace(/\s+/g, ' ').trim(), references, emetteur };
}
