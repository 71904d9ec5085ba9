import type { TCodeIndicateur } from './indicateurs.rules.js';
import { pourcent } from './nombres.js';
import type { TTableauDeBord } from './statistiques.schemas.js';

/**
 * The dashboard's indicators in the order a reader of the national panoramas expects them: the page's
 * tiles and the annual report's show them so.
 */
export const ORDRE_TUILES: readonly TCodeIndicateur[] = [
  'taux',
  'frequence',
  'gravite',
  'exposition',
  'expositionDemiTraitement',
  'joursParAgent',
  'frequenceParAgentAbsent',
  'coutDirect',
  'resteACharge',
];

/** The dashboard's indicators sorted as `ORDRE_TUILES`. */
export function indicateursOrdonnes(s: TTableauDeBord): TTableauDeBord['indicateurs'] {
  return [...s.indicateurs].sort((a, b) => ORDRE_TUILES.indexOf(a.code) - ORDRE_TUILES.indexOf(b.code));
}

/**
 * The taux's comparison with the CDG's collectivités of the same size stratum: the line shown under the
 * taux (« Moyenne des collectivités de la même strate du CDG (…) : 8,12 % ; rang : 3e sur 12 ») and how
 * it is computed, or why there is none.
 */
export function comparaisonStrate(s: TTableauDeBord): { ligne: string; calcul: string } {
  const c = s.classement;
  if (!c) return { ligne: s.comparaison.texte, calcul: s.comparaison.texte };
  const rang = c.rang === null ? 'non classée' : `${c.rang === 1 ? '1re' : `${c.rang}e`} sur ${c.sur}`;
  const taux = c.tauxStrate === null ? 'masqué (secret statistique)' : pourcent(c.tauxStrate);
  // « 30 à 149 agents CNRACL », « moins de 10 agents CNRACL »: the acronym keeps its capitals.
  const strate = c.strate.charAt(0).toLocaleLowerCase('fr-FR') + c.strate.slice(1);
  return {
    ligne: `Moyenne des collectivités de la même strate du CDG (${strate}) : ${taux} ; rang : ${rang}`,
    calcul: `${c.texte} ${s.comparaison.texte}`,
  };
}
