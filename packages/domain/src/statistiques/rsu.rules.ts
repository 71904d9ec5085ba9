import type { TStatut } from '../agents/agents.schemas.js';
import { formatDate } from '../common/format.js';
import { risqueLabels, type TRisque } from '../contrats/contrats.schemas.js';
import { compte } from './nombres.js';
import type { Periode } from './periode.rules.js';
import { type ArretRetenu, preparer } from './preparation.rules.js';
import type { TCelluleRsu, TColonneRsu, TRapportSocialUnique } from './rsu.schemas.js';
import { type Lecteur, visibilite } from './secret.rules.js';
import type { ArretStat, Effectif } from './statistiques.types.js';

/**
 * The rows of the absences part of the Rapport social unique (décret 2020-1493, arrêté of 10 December 2021),
 * in the order of the « Données sociales » grid. `autres` (autorisations spéciales d’absence, motifs
 * familiaux…) is not a health absence: Statutis, which knows only the arrêts declared to the insurance,
 * does not hold it.
 */
export const MOTIFS_RSU = [
  'maladie_ordinaire',
  'longue_maladie',
  'accident_service',
  'accident_trajet',
  'maladie_professionnelle',
  'maternite',
  'autres',
] as const;
export type TMotifRsu = (typeof MOTIFS_RSU)[number];

export const motifRsuLabels: Record<TMotifRsu, string> = {
  maladie_ordinaire: 'Maladie ordinaire',
  longue_maladie: 'Longue maladie, maladie de longue durée et grave maladie',
  accident_service: 'Accident du travail imputable au service',
  accident_trajet: 'Accident du travail imputable au trajet',
  maladie_professionnelle: 'Maladie professionnelle, maladie imputable au service ou à caractère professionnel',
  maternite: 'Maternité, paternité et adoption',
  autres: 'Autres raisons',
};

export const NON_SUIVI = 'non suivi par Statutis';

const MOTIF_DE: Record<TRisque, Exclude<TMotifRsu, 'autres'> | null> = {
  maladie_ordinaire: 'maladie_ordinaire',
  clm: 'longue_maladie',
  cld: 'longue_maladie',
  cgm: 'longue_maladie',
  accident_service: 'accident_service',
  accident_trajet: 'accident_trajet',
  maladie_professionnelle: 'maladie_professionnelle',
  maternite: 'maternite',
  tpt: null,
  disponibilite_office: null,
  deces: null,
};

/**
 * The RSU row of a category of sinistre, or null for what the dashboard does not count as an absence
 * either (TPT: the agent works; disponibilité d’office: no longer in activity; décès).
 */
export function motifRsu(c: TRisque): Exclude<TMotifRsu, 'autres'> | null {
  return MOTIF_DE[c];
}

/**
 * The RSU's statut group: a stagiaire is a fonctionnaire. The regime does not tell it (an IRCANTEC agent
 * may be a fonctionnaire under 28 hours), so an unknown statut stays unknown.
 */
export function statutRsu(s: TStatut | null | undefined): 'fonctionnaires' | 'contractuels' | null {
  if (s === 'titulaire' || s === 'stagiaire') return 'fonctionnaires';
  if (s === 'contractuel') return 'contractuels';
  return null;
}

const FONCTIONNAIRES = 'Fonctionnaires (titulaires et stagiaires)';
const CONTRACTUELS = 'Contractuels (emploi permanent et non permanent réunis)';
const SEXE = { M: 'Hommes', F: 'Femmes' } as const;

/** The columns, the « non renseigné » one only when some arrêt's agent lacks his statut or sex. */
function colonnes(avecNonRenseigne: boolean): TColonneRsu[] {
  const out: TColonneRsu[] = [];
  for (const [s, groupe] of [
    ['fonctionnaires', FONCTIONNAIRES],
    ['contractuels', CONTRACTUELS],
  ] as const)
    for (const x of ['M', 'F'] as const) out.push({ cle: `${s}_${x}`, groupe, libelle: SEXE[x] });
  if (avecNonRenseigne)
    out.push({ cle: 'non_renseigne', groupe: 'Statut ou sexe non renseigné', libelle: 'Non renseigné' });
  out.push(
    { cle: 'total_M', groupe: 'Total', libelle: SEXE.M },
    { cle: 'total_F', groupe: 'Total', libelle: SEXE.F },
    { cle: 'total', groupe: 'Total', libelle: 'Ensemble' },
  );
  return out;
}

/** The columns an arrêt counts in: its statut × sex (or « non renseigné »), its sex's total, the whole total. */
function colonnesDe(r: ArretRetenu): string[] {
  const statut = statutRsu(r.arret.profil?.statut);
  const sexe = r.arret.profil?.sexe ?? null;
  const out = [statut && sexe ? `${statut}_${sexe}` : 'non_renseigne', 'total'];
  if (sexe) out.push(`total_${sexe}`);
  return out;
}

type Cumul = { jours: number; arrets: number; agents: Set<string> };

/**
 * The absences tables of the collectivité's Rapport social unique for one civil year: for each motif (rows)
 * and each statut × sex (columns), the calendar days of absence inside the year, the arrêts and the agents
 * concerned. The same conventions as the dashboard, by the same `preparer` (CONVENTIONS.md): an arrêt
 * crossing the year is cut at it, an agent's day counts once (the earlier arrêt keeps it), days outside
 * the agent's employment do not count; maternity is an RSU row, so it is always included — the total's
 * days are the dashboard's days « maternité incluse ». Statut and sex are the agent's at the start of
 * the arrêt (the repository's profile). Shown as is to the collectivité (its own RSU): `masquerRsu` for
 * anyone else.
 */
export function rapportSocialUnique(input: {
  annee: number;
  periode: Periode;
  effectif: Effectif;
  arrets: readonly ArretStat[];
}): TRapportSocialUnique {
  const p = preparer(input.periode, input.effectif, input.arrets, { maternite: 'incluse' });
  const cumuls = new Map<string, Cumul>();
  const cumul = (ligne: string, colonne: string) => {
    const cle = `${ligne}|${colonne}`;
    let c = cumuls.get(cle);
    if (!c) {
      c = { jours: 0, arrets: 0, agents: new Set() };
      cumuls.set(cle, c);
    }
    return c;
  };
  let nonRenseigne = false;
  for (const r of p.retenus) {
    const motif = motifRsu(r.arret.categorie)!; // preparer keeps only the health categories, all mapped
    const cols = colonnesDe(r);
    if (cols[0] === 'non_renseigne') nonRenseigne = true;
    for (const ligne of [motif, 'total'])
      for (const col of cols) {
        const c = cumul(ligne, col);
        c.jours += r.jours;
        c.arrets += 1;
        c.agents.add(r.arret.agentId);
      }
  }
  const cols = colonnes(nonRenseigne);
  const cellules = (ligne: string): TCelluleRsu[] =>
    cols.map((col) => {
      const c = cumuls.get(`${ligne}|${col.cle}`);
      return { jours: c?.jours ?? 0, arrets: c?.arrets ?? 0, agents: c?.agents.size ?? 0 };
    });
  const vide: TCelluleRsu = { jours: null, arrets: null, agents: null };
  const lignes: TRapportSocialUnique['lignes'] = [
    ...MOTIFS_RSU.map((m) =>
      m === 'autres'
        ? { motif: m, libelle: motifRsuLabels[m], suivi: false, cellules: cols.map(() => vide) }
        : { motif: m, libelle: motifRsuLabels[m], suivi: true, cellules: cellules(m) },
    ),
    { motif: 'total', libelle: 'Total (hors autres raisons)', suivi: true, cellules: cellules('total') },
  ];
  return {
    annee: input.annee,
    periode: {
      debut: p.periode.debut,
      fin: p.periode.fin,
      enCours: p.periode.enCours,
      libelle: p.periode.libelle,
    },
    colonnes: cols,
    lignes,
    notes: notesRsu(p, nonRenseigne),
    secret: false,
  };
}

function notesRsu(p: ReturnType<typeof preparer>, nonRenseigne: boolean): string[] {
  const { periode } = p;
  const notes = [
    `Jours calendaires d’absence du ${formatDate(periode.debut)} au ${formatDate(periode.fin)} : un arrêt commencé avant le 1er janvier ou fini après le 31 décembre ne compte que pour ses jours de l’année ; prolongations comprises, une rechute est un nouvel arrêt.`,
  ];
  if (periode.enCours) notes.push(`Année en cours : comptée jusqu’au ${formatDate(periode.fin)} inclus.`);
  notes.push(
    'Arrêts des sinistres déclarés (ouverts ou clos) ; un sinistre en brouillon n’est pas compté. Un jour d’un agent compte une fois : quand deux arrêts se chevauchent, le plus ancien le garde.',
    'Statut et sexe de l’agent au premier jour de l’arrêt. Agents concernés : un agent compte une fois par case, les totaux ne sont donc pas la somme des cases.',
    `Contractuels : Statutis ne distingue pas les contractuels sur emploi permanent de ceux sur emploi non permanent, que le portail « Données sociales » demande séparément ; répartissez cette colonne avant de la saisir.`,
    `Autres raisons (autorisations spéciales d’absence, motifs familiaux…) : ${NON_SUIVI}, qui ne connaît que les arrêts pour raison de santé déclarés à l’assurance.`,
  );
  if (nonRenseigne)
    notes.push(
      'Non renseigné : arrêts d’agents dont le statut ou le sexe manque dans leur fiche ; ils comptent dans l’ensemble et, si le sexe est connu, dans son total.',
    );
  const exclus = Object.entries(p.exclus).map(
    ([c, n]) => `${risqueLabels[c as TRisque].toLocaleLowerCase('fr-FR')} (${compte(n, 'arrêt', 'arrêts')})`,
  );
  if (exclus.length > 0)
    notes.push(`Non comptés, ce ne sont pas des absences pour raison de santé : ${exclus.join(' ; ')}.`);
  if (p.joursHorsEmploi > 0)
    notes.push(
      `${compte(p.joursHorsEmploi, 'jour', 'jours')} d’arrêt hors des périodes d’emploi des agents non ${p.joursHorsEmploi < 2 ? 'compté' : 'comptés'}.`,
    );
  return notes;
}

const MOTIF_DIFFERENCE =
  'Donnée masquée pour qu’une donnée couverte par le secret statistique ne puisse être déduite par différence.';

/**
 * The RSU as `lecteur` may see it (domain §8): unchanged for the collectivité itself; for anyone else, every
 * case counted on fewer than 5 agents or 5 arrêts is emptied with its reason, then, while a row or a
 * column of motifs has a single hidden case, its smallest visible non-empty case is hidden too (no
 * deduction by difference from the totals).
 */
export function masquerRsu(r: TRapportSocialUnique, proprietaireId: string, lecteur: Lecteur): TRapportSocialUnique {
  if (lecteur.type === 'collectivite' && lecteur.collectiviteId === proprietaireId) return r;
  const lignes = r.lignes.map((l) => ({
    ...l,
    cellules: l.cellules.map((c): TCelluleRsu => {
      if (c.arrets === null || c.arrets === 0) return c;
      const v = visibilite({ agents: c.agents ?? 0, arrets: c.arrets }, proprietaireId, lecteur);
      return v.visible ? c : { jours: null, arrets: null, agents: null, masque: v.motif };
    }),
  }));
  const masquer = (i: number, j: number) => {
    lignes[i]!.cellules[j] = { jours: null, arrets: null, agents: null, masque: MOTIF_DIFFERENCE };
  };
  // A group is a set of (row, column) cases whose sum is a visible total: a row's cases, a column's motifs.
  const suivies = lignes.flatMap((l, i) => (l.suivi && l.motif !== 'total' ? [i] : []));
  const groupes: [number, number][][] = [
    ...lignes.map((_, i) => r.colonnes.flatMap((_c, j) => [[i, j] as [number, number]])),
    ...r.colonnes.map((_c, j) => suivies.map((i) => [i, j] as [number, number])),
  ];
  for (let change = true; change; ) {
    change = false;
    for (const g of groupes) {
      const cases = g.map(([i, j]) => ({ i, j, c: lignes[i]!.cellules[j]! }));
      const cachees = cases.filter((x) => x.c.masque);
      const visibles = cases.filter((x) => !x.c.masque && (x.c.arrets ?? 0) > 0);
      if (cachees.length !== 1 || visibles.length === 0) continue;
      const min = visibles.reduce((a, b) => ((b.c.arrets ?? 0) < (a.c.arrets ?? 0) ? b : a));
      masquer(min.i, min.j);
      change = true;
    }
  }
  return { ...r, lignes, secret: true };
}

/** What the RSU's absences tables count in each case, one table each. */
export const MESURES_RSU = [
  { cle: 'jours', libelle: 'Nombre de jours d’absence (jours calendaires)' },
  { cle: 'arrets', libelle: 'Nombre d’arrêts' },
  { cle: 'agents', libelle: 'Nombre d’agents concernés' },
] as const;
export type TMesureRsu = (typeof MESURES_RSU)[number]['cle'];

/** A case as the tables write it: its number, « non suivi par Statutis » or « masqué ». */
export function valeurRsu(
  ligne: Pick<TRapportSocialUnique['lignes'][number], 'suivi' | 'cellules'>,
  j: number,
  mesure: TMesureRsu,
): number | string {
  if (!ligne.suivi) return NON_SUIVI;
  const c = ligne.cellules[j];
  return c?.masque || !c ? 'masqué' : (c[mesure] ?? 'masqué');
}

/**
 * One measure's table as tab-separated text, what a spreadsheet or the « Données sociales » portal takes
 * from the clipboard: two header lines (statut, then sex), a line per motif, numbers without thousands
 * separators so that they paste as numbers.
 */
export function rsuTabule(r: TRapportSocialUnique, mesure: TMesureRsu): string {
  const net = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lignes = [
    ['Motif', ...r.colonnes.map((c) => c.groupe)],
    ['', ...r.colonnes.map((c) => c.libelle)],
    ...r.lignes.map((l) => [l.libelle, ...r.colonnes.map((_c, j) => String(valeurRsu(l, j, mesure)))]),
  ];
  return `${lignes.map((l) => l.map(net).join('\t')).join('\r\n')}\r\n`;
}
