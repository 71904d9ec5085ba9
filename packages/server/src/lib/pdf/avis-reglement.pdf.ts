import { formatDate, formatEuros, nomAgent } from '@statutis/domain';
import { fields, formatPeriode, heading, lines, paragraph, renderDocument, table, title } from './document.js';

/*
 * The avis de règlement PDF (issue 10): what a payment run pays one payee, décompte by décompte. The
 * account is shown masked: the PDF travels by mail and download, the full IBAN is for the bank file only.
 */

/** One décompte paid by the règlement. */
export type LigneAvisReglement = {
  /** The décompte's number. */
  decompte: string;
  /** The sinistre's number. */
  sinistre: string;
  agent: { nom: string; prenom: string };
  /** ISO dates, inclusive: the period the décompte covers. */
  periode: { debut: string; fin: string };
  /** In cents; negative for a regularisation in the insurer's favour. */
  montant: number;
};

export type AvisReglementInput = {
  /** The organisation that pays (the CDG or the insurer), printed at the top of every page. */
  organisation: string;
  /** The règlement's number. */
  numero: string;
  /** ISO dates, inclusive: the period the payment run covers. */
  periode: { debut: string; fin: string };
  /** ISO date of the transfer (mise en paiement); null while the règlement is not sent to the bank. */
  datePaiement: string | null;
  /** ISO date the PDF is issued. */
  editeLe: string;
  /** The collectivité the décomptes belong to; `adresse` lines go under its name, as on a letter. */
  collectivite: { nom: string; adresse?: string[] };
  /** Who receives the transfer: the collectivité, or a practitioner paid directly for medical fees. */
  beneficiaire: { nom: string; iban: string; bic?: string };
  lignes: LigneAvisReglement[];
};

/**
 * « •••• •••• •••• •••• •••• •••0 189 »: the IBAN grouped by 4 as printed on a RIB, every character but
 * the last 4 replaced.
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const masked = '•'.repeat(Math.max(0, compact.length - 4)) + compact.slice(-4);
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The avis de règlement as a PDF: payee, account, and the décomptes paid with their total. */
export function documentAvisReglement(a: AvisReglementInput): Promise<Uint8Array> {
  const total = a.lignes.reduce((sum, l) => sum + l.montant, 0);
  return renderDocument(
    {
      title: `Avis de règlement n° ${a.numero} — ${a.collectivite.nom}`,
      author: a.organisation,
      organisation: a.organisation,
      reference: `Règlement n° ${a.numero}`,
      footer: `Avis de règlement n° ${a.numero} — ${a.collectivite.nom} — édité le ${formatDate(a.editeLe)} avec Statutis`,
    },
    [
      lines([a.collectivite.nom, ...(a.collectivite.adresse ?? [])], { right: true }),
      title('Avis de règlement'),
      fields([
        ['Règlement', `n° ${a.numero} — ${formatPeriode(a.periode)}`],
        ...(a.datePaiement ? [['Date de paiement', formatDate(a.datePaiement)] as [string, string]] : []),
        ['Bénéficiaire', a.beneficiaire.nom],
        ['Compte crédité', maskIban(a.beneficiaire.iban)],
        ...(a.beneficiaire.bic ? [['BIC', a.beneficiaire.bic] as [string, string]] : []),
        ['Montant du virement', formatEuros(total)],
      ]),
      paragraph(
        `Nous procédons par virement au règlement ${a.lignes.length === 1 ? 'du décompte' : `des ${a.lignes.length} décomptes`} ci-dessous. Le détail de chaque décompte est disponible dans Statutis.`,
      ),
      heading('Décomptes réglés'),
      table(
        [
          { header: 'Décompte', width: 72 },
          { header: 'Sinistre', width: 62 },
          { header: 'Agent' },
          { header: 'Période', width: 136 },
          { header: 'Montant', width: 64, amount: true },
        ],
        a.lignes.map((l) => [l.decompte, l.sinistre, nomAgent(l.agent), formatPeriode(l.periode), l.montant]),
        { totals: [['Total', total]] },
      ),
    ],
  );
}
