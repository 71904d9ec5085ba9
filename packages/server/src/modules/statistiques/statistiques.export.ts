import {
  AXES_REPARTITION,
  axeRepartitionLabels,
  MESURES_RSU,
  type TMesureRsu,
  type TRapportSocialUnique,
  type TTableauDeBord,
  valeurRsu,
} from '@statutis/domain';
import { classeurXlsx, type ExportColumn, feuille, tableExport, XLSX_TYPE } from '../../lib/export/table.js';

/** One line of the exported dashboard: an indicator, a breakdown row or a month of the curve. */
type Ligne = {
  tableau: string;
  libelle: string;
  /** Percent (9,56 for 9,56 %), for a taux or a share. */
  pourcent?: number | null;
  pourcentPrecedent?: number | null;
  /** Share of the days (percent). */
  part?: number | null;
  nombre?: number | null;
  nombrePrecedent?: number | null;
  centimes?: number | null;
  centimesPrecedent?: number | null;
  jours?: number | null;
  arrets?: number | null;
  agentsAbsents?: number | null;
  remarque?: string | null;
};

/** A percent (9,56) as the export's basis points (956 → 9,56 % in the sheet). */
const bp = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100));

const columns: ExportColumn<Ligne>[] = [
  { header: 'Tableau', width: 26, value: (l) => l.tableau },
  { header: 'Libellé', width: 44, value: (l) => l.libelle },
  { header: 'Taux ou part', width: 13, kind: 'pourcent', value: (l) => bp(l.pourcent) },
  { header: 'Part des jours', width: 13, kind: 'pourcent', value: (l) => bp(l.part) },
  { header: 'Nombre', width: 12, value: (l) => l.nombre ?? null },
  { header: 'Montant (€)', width: 14, kind: 'euros', value: (l) => l.centimes ?? null },
  { header: 'Jours d’arrêt', width: 13, value: (l) => l.jours ?? null },
  { header: 'Arrêts', width: 10, value: (l) => l.arrets ?? null },
  { header: 'Agents absents', width: 14, value: (l) => l.agentsAbsents ?? null },
  { header: 'Période précédente : taux ou part', width: 16, kind: 'pourcent', value: (l) => bp(l.pourcentPrecedent) },
  { header: 'Période précédente : nombre', width: 14, value: (l) => l.nombrePrecedent ?? null },
  { header: 'Période précédente : montant (€)', width: 16, kind: 'euros', value: (l) => l.centimesPrecedent ?? null },
  { header: 'Comment est-ce calculé ?', width: 80, value: (l) => l.remarque ?? null },
];

const round = (v: number | null, d = 2) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/** The dashboard's tables, one after the other: indicators, every breakdown, the monthly curve. */
export function lignesExport(s: TTableauDeBord): Ligne[] {
  const avant = new Map(s.precedent.indicateurs.map((i) => [i.code, i]));
  const lignes: Ligne[] = s.indicateurs.map((i) => {
    const p = avant.get(i.code)?.valeur ?? null;
    const champ = i.unite === 'pourcent' ? 'pourcent' : i.unite === 'centimes' ? 'centimes' : 'nombre';
    return {
      tableau: `Indicateurs (${s.periode.libelle})`,
      libelle: i.libelle,
      [champ]: champ === 'centimes' ? i.valeur : round(i.valeur),
      [`${champ}Precedent`]: champ === 'centimes' ? p : round(p),
      remarque: i.masque ?? (i.calcul ? [i.calcul, ...i.precisions].join(' ') : (i.motif ?? null)),
    };
  });
  for (const axe of AXES_REPARTITION)
    for (const r of s.repartitions[axe] ?? [])
      lignes.push({
        tableau: axeRepartitionLabels[axe],
        libelle: r.libelle,
        pourcent: round(r.taux),
        part: round(r.partJours),
        jours: r.jours,
        arrets: r.arrets,
        agentsAbsents: r.agentsAbsents,
        remarque: r.masque ?? r.calcul,
      });
  for (const m of s.serie)
    lignes.push({
      tableau: 'Taux mensuel',
      libelle: m.libelle,
      pourcent: round(m.taux),
      pourcentPrecedent: round(m.tauxPrecedent),
      arrets: m.arrets,
      remarque: m.masque ?? null,
    });
  return lignes;
}

type LigneRsu = {
  tableau: string;
  /** The measure of the row's cases; null for a line of the notes. */
  mesure: TMesureRsu | null;
  ligne: Pick<TRapportSocialUnique['lignes'][number], 'libelle' | 'suivi' | 'cellules'>;
  remarque: string | null;
};

/** The RSU sheet: one block of rows per measure, one column per statut × sex; « non suivi par Statutis » as text. */
export function feuilleRsu(r: TRapportSocialUnique) {
  const cols: ExportColumn<LigneRsu>[] = [
    { header: 'Tableau', width: 34, value: (l) => l.tableau },
    { header: 'Motif', width: 60, value: (l) => l.ligne.libelle },
    ...r.colonnes.map(
      (c, j): ExportColumn<LigneRsu> => ({
        header: c.groupe === c.libelle ? c.libelle : `${c.groupe} — ${c.libelle}`,
        width: 16,
        value: (l) => (l.mesure === null ? null : valeurRsu(l.ligne, j, l.mesure)),
      }),
    ),
    { header: 'Remarque', width: 80, value: (l) => l.remarque },
  ];
  const lignes: LigneRsu[] = MESURES_RSU.flatMap((m) =>
    r.lignes.map((ligne) => ({
      tableau: `${m.libelle}, ${r.periode.libelle}`,
      mesure: m.cle,
      ligne,
      remarque: ligne.cellules.find((c) => c.masque)?.masque ?? null,
    })),
  );
  // The notes under the tables, in the first column.
  const notes: LigneRsu[] = r.notes.map((n) => ({
    tableau: 'Comment est-ce compté ?',
    mesure: null,
    ligne: { libelle: n, suivi: true, cellules: [] },
    remarque: null,
  }));
  async function* batches() {
    yield [...lignes, ...notes];
  }
  return feuille({ name: `RSU absences ${r.annee}`, columns: cols, batches: batches() });
}

/**
 * The dashboard's tables in one sheet; in XLSX, with the Rapport social unique's absences tables of the
 * year in a sheet of their own when the period is a civil year (`rsu`).
 */
export function statistiquesExport(s: TTableauDeBord, format: 'csv' | 'xlsx', rsu?: TRapportSocialUnique | null) {
  async function* batches() {
    yield lignesExport(s);
  }
  const nom = `statistiques-${s.periode.debut}-${s.periode.fin}`;
  if (format === 'xlsx' && rsu)
    return {
      fileName: `${nom}.xlsx`,
      contentType: XLSX_TYPE,
      body: classeurXlsx([feuille({ name: 'Statistiques', columns, batches: batches() }), feuilleRsu(rsu)]),
    };
  return tableExport(nom, 'Statistiques', columns, batches(), format);
}
