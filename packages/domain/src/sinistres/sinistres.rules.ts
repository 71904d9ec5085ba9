import { formatDate } from '../common/format.js';
import { risqueLabels, type TRisque } from '../contrats/contrats.schemas.js';
import { estAccident } from './enquete.schemas.js';
import type { PieceModeleRegle } from './pieces.catalogue.js';

export type SinistreProblem = { field: 'dateSurvenance' | 'categorie'; message: string };

/** The date of survenance is a past day (or today) of the agent's time in the collectivité. */
export function checkDateSurvenance(
  date: string,
  context: { aujourdhui: string; dateEntree: string },
): SinistreProblem[] {
  const d = formatDate;
  const problems: SinistreProblem[] = [];
  if (date > context.aujourdhui)
    problems.push({
      field: 'dateSurvenance',
      message: `La date de survenance (${d(date)}) est dans le futur : un sinistre se déclare une fois survenu, au plus tard aujourd’hui (${d(context.aujourdhui)}).`,
    });
  if (date < context.dateEntree)
    problems.push({
      field: 'dateSurvenance',
      message: `La date de survenance (${d(date)}) précède l’entrée de l’agent dans la collectivité (${d(context.dateEntree)}).`,
    });
  return problems;
}

/**
 * Whether the declaration of this sinistre rests on an arrêt: its catalogue asks mandatory pieces
 * « for each arrêt » (the certificate, the payslips of the period), so without an arrêt those pieces
 * are never asked and « complete » would mean nothing. An accident whose imputability decision says
 * the agent did not stop work needs none (the seeds: « uniquement si vous avez indiqué un arrêt »).
 */
export function arretRequis(
  catalogue: readonly PieceModeleRegle[],
  sinistre: { categorie: TRisque; regime: 'CNRACL' | 'IRCANTEC'; arretTravail: boolean | null },
): boolean {
  if (estAccident(sinistre.categorie) && sinistre.arretTravail === false) return false;
  return catalogue.some(
    (m) =>
      m.actif &&
      m.obligatoire &&
      m.etape === 'arret' &&
      m.categorie === sinistre.categorie &&
      (m.regime === null || m.regime === sinistre.regime),
  );
}

/** Why a sinistre needing an arrêt cannot be validated without one. */
export function messageArretManquant(categorie: TRisque): string {
  return `La déclaration reste en brouillon : aucun arrêt n’est déclaré. Une déclaration « ${risqueLabels[categorie]} » se fait avec son arrêt de travail : ajoutez l’arrêt initial, puis déposez ses pièces.`;
}

export type SinistreExistant = { numero: string; categorie: TRisque; dateSurvenance: string };

/**
 * A second declaration for the same agent and the same date of survenance is most often the first
 * one sent twice (submit, Back, submit): the same category is certainly a duplicate, another
 * category on the same day is worth a look too. The user may still confirm.
 */
export function messageDoublon(agent: string, existants: readonly SinistreExistant[], categorie: TRisque): string {
  const d = formatDate;
  const meme = existants.find((e) => e.categorie === categorie);
  const liste = existants.map((e) => `n° ${e.numero} (${risqueLabels[e.categorie]})`).join(', ');
  const date = d(existants[0]!.dateSurvenance);
  return meme
    ? `Un sinistre « ${risqueLabels[categorie]} » survenu le ${date} est déjà déclaré pour ${agent} : n° ${meme.numero}. Ouvrez-le plutôt que d’en déclarer un second, ou confirmez s’il s’agit bien d’un autre sinistre.`
    : `${existants.length > 1 ? 'Des sinistres sont' : 'Un sinistre est'} déjà déclaré${existants.length > 1 ? 's' : ''} pour ${agent} à la même date (${date}) : ${liste}. Vérifiez la catégorie, ou confirmez s’il s’agit bien d’un autre sinistre.`;
}
