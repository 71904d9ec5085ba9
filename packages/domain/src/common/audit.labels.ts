import { formatPct } from '../base-assurance/base-assurance.rules.js';
import { roleLabels, type TRole } from '../users/users.schemas.js';
import { formatDate } from './format.js';

/** What the server records (`entity`, `action`, changed fields) in the words of the users. */
export const entityLabels: Record<string, string> = {
  compte: 'Compte',
  session: 'Connexion',
  actualite: 'Actualité',
  collectivite: 'Collectivité',
  contrat: 'Contrat',
  contrat_document: 'Document de contrat',
  adhesion: 'Adhésion à un contrat',
  base_assurance: 'Base de l’assurance',
  budget: 'Budget',
  agent: 'Agent',
  liste_import: 'Import de la liste nominative',
  sinistre: 'Sinistre',
  arret: 'Arrêt de travail',
  piece: 'Pièce justificative',
  piece_modele: 'Catalogue des pièces',
  enquete_administrative: 'Enquête administrative',
  requalification: 'Demande de requalification',
  commentaire: 'Commentaire',
};

const actionLabels: Record<string, string> = {
  creation: 'Création',
  modification: 'Modification',
  suppression: 'Suppression',
  invitation_renvoyee: 'Invitation renvoyée',
  activation: 'Activation du compte',
  modification_coordonnees: 'Modification des coordonnées',
  changement_mot_de_passe: 'Changement de mot de passe',
  reinitialisation_mot_de_passe: 'Réinitialisation du mot de passe',
  demande_reinitialisation: 'Demande de nouveau mot de passe',
  suppression_par_titulaire: 'Suppression par son titulaire',
  connexion: 'Connexion',
  deconnexion: 'Déconnexion',
  echec_connexion: 'Échec de connexion',
  modification_gestionnaire: 'Modification par le gestionnaire',
  depot: 'Dépôt',
  adhesion: 'Adhésion',
  fin_adhesion: 'Fin d’adhésion',
  import: 'Import',
  validation: 'Validation de la déclaration',
  depart: 'Départ',
  imputabilite: 'Décision d’imputabilité',
  reprise: 'Reprise du travail',
  salaire: 'Données salariales',
  lecture: 'Lecture',
};

const fieldLabels: Record<string, string> = {
  email: 'Adresse e-mail',
  emailNotification: 'E-mail de notification',
  nom: 'Nom',
  prenom: 'Prénom',
  telephone: 'Téléphone',
  role: 'Rôle',
  actif: 'Actif',
  titre: 'Titre',
  contenu: 'Texte',
  publieeLe: 'Date de publication',
  siret: 'SIRET',
  type: 'Type',
  annee: 'Année',
  effectif: 'Effectif',
  tbi: 'TBI',
  nbi: 'NBI',
  sft: 'SFT',
  ir: 'IR',
  riMontant: 'RI réel',
  riPct: 'RI assuré (%)',
  cpMontant: 'Charges patronales réelles',
  cpPct: 'Charges patronales assurées (%)',
  cotisation: 'Cotisation',
  assiette: 'Assiette assurée',
  montantCotisations: 'Budget des cotisations',
  montantAbsences: 'Budget des absences',
  dateAdhesion: 'Date d’adhésion',
  numero: 'Numéro',
  tauxCotisation: 'Taux de cotisation',
};

/** An unknown code still reads as words: `mise_a_jour` → « Mise a jour ». */
function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase('fr-FR') + words.slice(1);
}

export const entityLabel = (entity: string) => entityLabels[entity] ?? humanize(entity);
export const actionLabel = (action: string) => actionLabels[action] ?? humanize(action);
export const fieldLabel = (field: string) => fieldLabels[field] ?? humanize(field);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (field === 'role' && typeof value === 'string' && value in roleLabels) return roleLabels[value as TRole];
  // Hundredths of a percent (the migration 0011 converted the older whole percents).
  if ((field === 'riPct' || field === 'cpPct') && typeof value === 'number') return formatPct(value);
  if (typeof value === 'string') return isoDate.test(value) ? formatDate(value) : value;
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  return JSON.stringify(value);
}

/** `{ role: ['lecteur', 'administrateur'] }` → « Rôle : Lecteur → Administrateur »; a single value is a fact recorded. */
export function describeChanges(changes: Record<string, unknown> | null): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, value]) => {
    const label = fieldLabel(field);
    if (Array.isArray(value) && value.length === 2) {
      return `${label} : ${formatAuditValue(field, value[0])} → ${formatAuditValue(field, value[1])}`;
    }
    return `${label} : ${formatAuditValue(field, value)}`;
  });
}
