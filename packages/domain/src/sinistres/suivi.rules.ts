import { estAccident } from './enquete.schemas.js';
import type { TSinistreDetail } from './sinistres.schemas.js';
import type { TSinistreStatut } from './sinistres.status.js';

/** The sections of a sinistre's page, by the id their anchor carries (`#pieces`). */
export const SECTIONS_SINISTRE = [
  'echeances',
  'enquete',
  'arrets',
  'salaires',
  'ijss',
  'pieces',
  'pieces',
  'frais-medicaux',
  'reprise',
  'requalification',
  'commentaires',
] as const;
export type TSectionSinistre = (typeof SECTIONS_SINISTRE)[number];

/** Something the file still needs, and the section where it is done. */
export interface TManque {
  texte: string;
  section: TSectionSinistre;
}

/** The one next step of the file; `ecriture`: only a Publicateur or an Administrateur can take it. */
export interface TProchaineAction {
  libelle: string;
  /** Where it is done: a section, or `validation` (the « Finaliser la déclaration » block of the pieces). */
  cible: TSectionSinistre | 'validation';
  ecriture: boolean;
}

export interface TSuiviSinistre {
  /** One sentence on the status: what it means for the user. */
  etat: string;
  manques: TManque[];
  prochaineAction: TProchaineAction | null;
}

type SinistreSuivi = Pick<
  TSinistreDetail,
  'statut' | 'categorie' | 'arrets' | 'enquete' | 'imputabilite' | 'piecesManquantes' | 'arretManquant'
>;

/** The arrêt that ends last: the reprise is recorded on it. */
function dernierArret<T extends { fin: string }>(arrets: readonly T[]): T | undefined {
  return [...arrets].sort((a, b) => a.fin.localeCompare(b.fin)).at(-1);
}

const pieces = (n: number) => (n > 1 ? `${n} pièces obligatoires manquantes` : '1 pièce obligatoire manquante');

const etats: Record<TSinistreStatut, (complet: boolean) => string> = {
  brouillon: (complet) =>
    complet
      ? 'Votre dossier est complet : validez la déclaration pour la transmettre au gestionnaire (statut Ouvert).'
      : 'Votre dossier est incomplet : le sinistre reste au statut Brouillon.',
  ouvert: () => 'La déclaration est transmise au gestionnaire : le sinistre est ouvert jusqu’à la reprise du travail.',
  clos: () => 'Le sinistre est clos : l’agent a repris le travail. Une nouvelle prolongation ou une rechute le rouvre.',
};

/**
 * What heads a sinistre's page: its status in one sentence, what the file still misses (enquête,
 * imputabilité, arrêt, mandatory pieces) and the one next action, in the order a declaration is made.
 */
export function suiviDuSinistre(s: SinistreSuivi): TSuiviSinistre {
  const manques: TManque[] = [];
  const accident = estAccident(s.categorie);
  if (accident && !s.enquete) manques.push({ texte: 'Enquête administrative à compléter', section: 'enquete' });
  if (accident && s.enquete && !s.imputabilite)
    manques.push({ texte: 'Décision d’imputabilité à enregistrer', section: 'enquete' });
  // The server says whether the category's catalogue needs an arrêt before validation (`arretManquant`).
  if (s.arrets.length === 0 && s.arretManquant !== null)
    manques.push({ texte: 'Aucun arrêt de travail déclaré', section: 'arrets' });
  if (s.piecesManquantes.length > 0) manques.push({ texte: pieces(s.piecesManquantes.length), section: 'pieces' });

  const actions: Record<TSectionSinistre, string> = {
    echeances: 'Voir les échéances',
    enquete: s.enquete ? 'Enregistrer la décision d’imputabilité' : 'Remplir l’enquête administrative',
    arrets: 'Déclarer l’arrêt de travail',
    salaires: 'Saisir les salaires mensuels',
    ijss: 'Saisir les IJSS',
    pieces: 'Déposer les pièces',
    'frais-medicaux': 'Saisir une facture de soins',
    reprise: 'Déclarer la reprise du travail',
    requalification: 'Demander une requalification',
    commentaires: 'Lire les commentaires',
  };
  const premier = manques[0];
  let prochaineAction: TProchaineAction | null = null;
  if (premier) prochaineAction = { libelle: actions[premier.section], cible: premier.section, ecriture: true };
  else if (s.statut === 'brouillon')
    prochaineAction = { libelle: 'Valider la déclaration', cible: 'validation', ecriture: true };
  else if (s.statut === 'ouvert' && dernierArret(s.arrets)?.reprise === null)
    prochaineAction = { libelle: actions.reprise, cible: 'reprise', ecriture: true };

  return { etat: etats[s.statut](manques.length === 0), manques, prochaineAction };
}
