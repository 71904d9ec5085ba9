import {
  AXES_REPARTITION,
  axeRepartitionLabels,
  comparaisonStrate,
  compte,
  expliquerIndicateur,
  formatDate,
  formatDateTime,
  indicateursOrdonnes,
  nombre,
  normalizeForSearch,
  pourcent,
  type TAxeRepartition,
  type TTableauDeBord,
} from '@statutis/domain';
import { parisDate } from '../../lib/clock.js';
import { BLEU, barresSvg, chart, courbesSvg, GRIS } from '../../lib/pdf/charts.js';
import {
  type Block,
  fields,
  formatPeriode,
  heading,
  paragraph,
  renderDocument,
  table,
  title,
} from '../../lib/pdf/document.js';

/*
 * The annual report of the absenteeism dashboard (issue 12): the dashboard of one civil year, as
 * `GET /api/statistiques` answers it to the same reader (small numbers already hidden for whoever is not
 * the collectivité), laid out to be printed or sent to the assembly. It computes nothing: every figure and
 * sentence is the dashboard's.
 */

const LARGEUR = 483;
const MASQUE = 'masqué';

/** « rapport-absenteisme-2025-commune-de-saint-elie.pdf »: ASCII, no space, whatever the collectivité's name. */
export function nomRapport(s: TTableauDeBord): string {
  const nom = normalizeForSearch(s.collectivite.nom)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `rapport-absenteisme-${s.periode.debut.slice(0, 4)}${nom ? `-${nom}` : ''}.pdf`;
}

/** « 2024 », and the previous year « 2023 »; a year in progress is compared with the same span a year earlier. */
function libelles(s: TTableauDeBord): { annee: string; avant: string } {
  const annee = s.periode.debut.slice(0, 4);
  return { annee, avant: s.periode.enCours ? s.precedent.libelle : String(Number(annee) - 1) };
}

/** « 25/11/2026 à 10:00 ». */
const le = (d: Date | string) => formatDateTime(d).replace(' ', ' à ');

const valeur = (v: { valeurTexte: string | null; masque?: string } | undefined) =>
  v?.masque ? MASQUE : (v?.valeurTexte ?? 'non calculé');

/** The distinct reasons of the hidden rows, once each under their table. */
function motifs(items: readonly { masque?: string }[]): Block[] {
  return [...new Set(items.flatMap((i) => (i.masque ? [i.masque] : [])))].map((m) => paragraph(m, { size: 8 }));
}

function couverture(s: TTableauDeBord, editeLe: Date): Block[] {
  const { annee } = libelles(s);
  const maternite = s.maternite === 'exclue' ? 'exclus' : 'inclus';
  return [
    { text: s.collectivite.nom, fontSize: 13, bold: true, color: BLEU, margin: [0, 120, 0, 8] },
    title(`Rapport annuel d’absentéisme ${annee}`),
    paragraph(
      'L’absentéisme pour raison de santé des agents de la collectivité : indicateurs, comparaisons, répartitions.',
    ),
    fields([
      ['Collectivité', s.collectivite.nom],
      [
        'Période',
        `${formatPeriode(s.periode)}${s.periode.enCours ? ` (année en cours : chiffres arrêtés au ${formatDate(s.periode.auJour)})` : ''}`,
      ],
      ['Édité le', le(editeLe)],
      [
        'Fraîcheur des données',
        `Chiffres calculés à l’édition, le ${le(editeLe)}, à partir des arrêts des sinistres déclarés dans Statutis à cette date (les brouillons ne comptent pas).${s.comparaison.calculeLe ? ` Comparaison avec la strate : chiffres agrégés le ${le(s.comparaison.calculeLe)}.` : ''}`,
      ],
      [
        'Effectif moyen',
        `${compte(s.effectif.moyen, 'agent', 'agents')}${s.effectif.source ? ` (${s.effectif.source})` : ''}`,
      ],
      ['Maternité', `congés de maternité, paternité et adoption ${maternite}`],
    ]),
    ...(s.secret
      ? [
          paragraph(
            'Secret statistique : ce rapport est édité pour un lecteur extérieur à la collectivité ; toute donnée calculée sur moins de 5 agents ou 5 arrêts y est masquée.',
          ),
        ]
      : []),
    ...s.alertes.map((a) => paragraph(`À vérifier : ${a}`)),
    { text: '', pageBreak: 'after' },
  ];
}

function indicateurs(s: TTableauDeBord): Block[] {
  const avant = new Map(s.precedent.indicateurs.map((i) => [i.code, i]));
  const ordonnes = indicateursOrdonnes(s);
  const strate = comparaisonStrate(s);
  const { annee, avant: libelleAvant } = libelles(s);
  return [
    heading(`Indicateurs — ${s.periode.libelle}`),
    table(
      [
        { header: 'Indicateur' },
        { header: annee, width: 110, right: true },
        { header: libelleAvant, width: 110, right: true },
      ],
      ordonnes.map((i) => [i.libelle, valeur(i), valeur(avant.get(i.code))]),
    ),
    paragraph(
      `La comparaison avec les collectivités de la même strate du centre de gestion porte sur le taux d’absentéisme. ${strate.ligne.replace(/\.$/, '')}.`,
      { size: 9 },
    ),
    ...ordonnes.map(
      (i): Block => ({
        unbreakable: true,
        margin: [0, 4, 0, 6],
        stack: [
          {
            text: [
              { text: `${i.libelle} : `, bold: true },
              { text: valeur(i), bold: true, color: BLEU },
            ],
            margin: [0, 0, 0, 2],
          },
          ...(i.masque ? [{ text: i.masque, fontSize: 9 }] : []),
          ...(!i.masque && !i.valeurTexte && i.motif ? [{ text: `Non calculé : ${i.motif}`, fontSize: 9 }] : []),
          { text: `${libelleAvant} : ${valeur(avant.get(i.code))}`, fontSize: 9 },
          ...(i.code === 'taux' ? [{ text: strate.ligne, fontSize: 9 }] : []),
          {
            text: i.reference ?? 'Référence nationale : aucune publiée pour cet indicateur.',
            fontSize: 8,
            color: '#555555',
          },
          // As on the page: a hidden figure has no explanation (it would give its base away).
          ...(i.masque
            ? []
            : [
                {
                  text: [
                    { text: 'Comment est-ce calculé ? ', bold: true },
                    expliquerIndicateur(i) +
                      // Without a ranking the calculation is the line already printed.
                      (i.code === 'taux' && strate.calcul !== strate.ligne ? ` ${strate.calcul}` : ''),
                  ],
                  fontSize: 8,
                  margin: [0, 2, 0, 0] as [number, number, number, number],
                },
              ]),
        ],
      }),
    ),
  ];
}

const taux2 = (v: number | null) => (v === null ? '—' : pourcent(v));

function courbe(s: TTableauDeBord): Block[] {
  const { annee, avant } = libelles(s);
  return [
    // The heading is followed by its chart: a chart that moves to the next page takes it along.
    heading('Taux d’absentéisme mois par mois'),
    chart(
      courbesSvg({
        // « janv. 2025 » → « janv. »: the year is the legend's.
        categories: s.serie.map((p) => p.libelle.replace(/\s*\d{4}$/, '')),
        series: [
          { libelle: annee, couleur: BLEU, valeurs: s.serie.map((p) => p.taux) },
          { libelle: avant, couleur: GRIS, valeurs: s.serie.map((p) => p.tauxPrecedent) },
        ],
        largeur: LARGEUR,
        hauteur: 190,
        format: (v) => pourcent(v, 1),
      }),
    ),
    paragraph(
      'Chaque mois avec son propre effectif, comparé au même mois un an plus tôt (avec l’effectif de cette année-là).',
      { size: 9 },
    ),
    table(
      [
        { header: 'Mois' },
        { header: 'Taux', width: 80, right: true },
        { header: 'Arrêts', width: 60, right: true },
        { header: `Un an plus tôt (${avant})`, width: 130, right: true },
      ],
      s.serie.map((p) =>
        p.masque && p.taux === null
          ? [p.libelle, MASQUE, MASQUE, taux2(p.tauxPrecedent)]
          : [p.libelle, taux2(p.taux), p.arrets === null ? '—' : nombre(p.arrets), taux2(p.tauxPrecedent)],
      ),
    ),
    ...motifs(s.serie),
  ];
}

function repartition(s: TTableauDeBord, axe: TAxeRepartition): Block[] {
  const lignes = s.repartitions[axe] ?? [];
  const titre = axeRepartitionLabels[axe];
  const visibles = lignes.filter((l) => !l.masque && (l.jours ?? 0) > 0);
  const entier = (v: number | null) => (v === null ? '—' : nombre(v));
  return [
    heading(titre),
    chart(
      barresSvg(
        visibles.map((l) => ({ libelle: l.libelle, valeur: l.jours ?? 0 })),
        { largeur: LARGEUR, format: (v) => `${nombre(v)} j`, vide: 'Aucun jour d’arrêt à représenter.' },
      ),
    ),
    table(
      [
        { header: titre.replace(/^Par /, '').replace(/^./, (c) => c.toUpperCase()) },
        { header: 'Jours d’arrêt', width: 56, right: true },
        { header: 'Part des jours', width: 52, right: true },
        { header: 'Arrêts', width: 40, right: true },
        { header: 'Agents absents', width: 52, right: true },
        { header: 'Taux', width: 52, right: true },
      ],
      lignes.map((l) =>
        l.masque
          ? [l.libelle, MASQUE, MASQUE, MASQUE, MASQUE, MASQUE]
          : [
              l.libelle,
              entier(l.jours),
              l.partJours === null ? '—' : pourcent(l.partJours, 1),
              entier(l.arrets),
              entier(l.agentsAbsents),
              l.tauxTexte ?? '—',
            ],
      ),
    ),
    ...motifs(lignes),
  ];
}

/** The annual report as a PDF: cover, indicators with their comparisons, monthly curve, breakdowns. */
export function rapportStatistiquesPdf(s: TTableauDeBord, editeLe: Date): Promise<Uint8Array> {
  const { annee } = libelles(s);
  const nom = s.collectivite.nom;
  return renderDocument(
    {
      title: `Rapport annuel d’absentéisme ${annee} — ${nom}`,
      author: nom,
      organisation: nom,
      reference: `Rapport annuel d’absentéisme ${annee}`,
      footer: `Rapport annuel d’absentéisme ${annee} — ${nom} — édité le ${formatDate(parisDate(editeLe))} avec Statutis`,
    },
    [
      ...couverture(s, editeLe),
      ...indicateurs(s),
      ...courbe(s),
      heading('Répartitions'),
      paragraph(
        'Taux par motif et par durée sur l’effectif entier (ils s’additionnent au taux d’absentéisme) ; par sexe, âge, régime et service sur l’effectif du groupe lorsque l’historique des agents le permet, sinon les parts seulement.',
        { size: 9 },
      ),
      ...AXES_REPARTITION.flatMap((axe) => repartition(s, axe)),
    ],
  );
}
