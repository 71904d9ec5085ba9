import { formatDate, formatMois, nomAgent, risqueLabels, type TRisque } from '@statutis/domain';
import { fields, formatPeriode, heading, paragraph, renderDocument, table, title } from './document.js';

/*
 * The décompte PDF (issue 10): one statement of what a sinistre's period is reimbursed, month by month and
 * element by element. It prints the engine's results as given and computes nothing but the difference with
 * what was already paid: amounts are integer cents, rounded by the engine (domain §6.1, rule 15).
 */

/** One line of the décompte: an insured element over one calendar month. */
export type LigneDecompte = {
  /** The calendar month, `2026-03` (printed « mars 2026 »). */
  mois: string;
  /** The insured element as printed, e.g. `elementLabels.tbi` (« Traitement brut indiciaire (TBI) »). */
  element: string;
  /** The month's counted days in thirtieths: 14 prints « 14/30 ». */
  trentiemes: number;
  /** The pay fraction of those days: 1, 0.9, 0.5 (a TPT's unworked share: 0.4); prints « 90 % ». */
  fraction: number;
  /** The line's amount in cents; negative in a regularisation. */
  montant: number;
};

export type DecompteInput = {
  /** The organisation that issues it (the CDG or the insurer), printed at the top of every page. */
  organisation: string;
  /** The décompte's number, e.g. `D-2026-000123`. */
  numero: string;
  /** Its version: 2 and above for a décompte recomputed after a change of its inputs. */
  version?: number;
  /** ISO date the PDF is issued. */
  editeLe: string;
  collectivite: { nom: string };
  agent: { nom: string; prenom: string };
  sinistre: { numero: string; categorie: TRisque };
  /** ISO dates, inclusive. */
  periode: { debut: string; fin: string };
  joursFranchise: number;
  joursCarence: number;
  /** In the order to print them, usually by month then element. */
  lignes: LigneDecompte[];
  totaux: {
    /** The elements' total before IJSS and rate, in cents, as the engine gives it. */
    elements: number;
    /** IJSS deducted, in cents (positive); 0 prints no line. */
    ijss: number;
    /** The contract's reimbursement rate in percent, e.g. 100 or 95.5. */
    taux: number;
    /** What this décompte reimburses, in cents, as the engine rounded it per month. */
    rembourse: number;
    /** For a version ≥ 2: what the previous versions already paid, in cents; prints the regularisation. */
    dejaRegle?: number;
  };
  /** Lines printed at the end: the inputs used (« Salaires : version du 12/03/2026 »), remarks. */
  mentions?: string[];
};

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });

const jours = (n: number) => (n === 0 ? 'aucun' : `${n} jour${n > 1 ? 's' : ''}`);

/** The décompte as a PDF: its file, the days not paid, the table of its lines over as many pages as needed. */
export function documentDecompte(d: DecompteInput): Promise<Uint8Array> {
  const version = d.version && d.version > 1 ? ` (version ${d.version})` : '';
  const { totaux } = d;
  // What is deducted prints negative (never « -0,00 € »).
  const minus = (cents: number) => (cents === 0 ? 0 : -cents);
  const totals: [string, number][] = [
    ['Total des éléments', totaux.elements],
    // IJSS exist only for IRCANTEC agents: no line for the others.
    ...(totaux.ijss ? [['IJSS déduites', minus(totaux.ijss)] as [string, number]] : []),
    [`Remboursement à ${percent.format(totaux.taux / 100)}`, totaux.rembourse],
  ];
  if (totaux.dejaRegle !== undefined)
    totals.push(['Déjà réglé', minus(totaux.dejaRegle)], ['Régularisation', totaux.rembourse - totaux.dejaRegle]);
  return renderDocument(
    {
      title: `Décompte n° ${d.numero}${version} — sinistre ${d.sinistre.numero}`,
      author: d.organisation,
      organisation: d.organisation,
      reference: `Décompte n° ${d.numero}${version}`,
      footer: `Décompte n° ${d.numero} — sinistre ${d.sinistre.numero} — édité le ${formatDate(d.editeLe)} avec Statutis`,
    },
    [
      title(`Décompte de remboursement${version}`),
      fields([
        ['Collectivité', d.collectivite.nom],
        ['Agent', nomAgent(d.agent)],
        ['Sinistre', `n° ${d.sinistre.numero} — ${risqueLabels[d.sinistre.categorie]}`],
        ['Période', formatPeriode(d.periode)],
        ['Jours de franchise', jours(d.joursFranchise)],
        ['Jours de carence', jours(d.joursCarence)],
      ]),
      heading('Détail par mois et par élément'),
      table(
        [
          { header: 'Mois', width: 76 },
          { header: 'Élément' },
          { header: 'Trentièmes', width: 58, right: true },
          { header: 'Fraction', width: 42, right: true },
          { header: 'Montant', width: 64, amount: true },
        ],
        d.lignes.map((l) => [
          formatMois(l.mois),
          l.element,
          `${l.trentiemes}/30`,
          percent.format(l.fraction),
          l.montant,
        ]),
        { totals },
      ),
      ...(d.mentions ?? []).map((m) => paragraph(m, { size: 9 })),
    ],
  );
}
