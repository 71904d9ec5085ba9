import { motifDepartLabels } from '../agents/agent-fiche.schemas.js';
import { statutLabels } from '../agents/agents.schemas.js';
import { formatPct } from '../base-assurance/base-assurance.rules.js';
import { typeBaseLabels } from '../base-assurance/base-assurance.schemas.js';
import { collectiviteTypeLabels } from '../collectivites/collectivites.schemas.js';
import { formatTaux, horsDelaiRegleLabels, risqueLabels } from '../contrats/contrats.schemas.js';
import { appelStatutLabels, fraisModeleLabels, regularisationSensLabels } from '../cotisations/cotisations.rules.js';
import {
  fraisBeneficiaireLabels,
  fraisNatureLabels,
  fraisStatutLabels,
} from '../frais-medicaux/frais-medicaux.rules.js';
import { formatMois } from '../gestion/chaines.rules.js';
import {
  controleMedicalPartieLabels,
  controleMedicalResultatLabels,
  controleMedicalTypeLabels,
} from '../gestion/controles-medicaux.rules.js';
import { decisionLabels } from '../gestion/decisions.rules.js';
import { motifRefusPieceLabels } from '../gestion/pieces.transitions.js';
import { formeRepriseLabels } from '../gestion/reprise.rules.js';
import { recoursActionTypeLabels } from '../gestion/suivi-gestion.schemas.js';
import {
  beneficiaireLabels,
  decompteNatureLabels,
  decompteStatutLabels,
  reglementStatutLabels,
} from '../reglements/reglements.rules.js';
import { pieceDocumentStatutLabels, pieceEtapeLabels } from '../sinistres/pieces.schemas.js';
import { sinistreStatutLabels } from '../sinistres/sinistres.status.js';
import { roleLabels } from '../users/users.schemas.js';
import { formatDate, formatEuros } from './format.js';

/** What the server records (`entity`, `action`, changed fields) in the words of the users. */
export const entityLabels: Record<string, string> = {
  compte: 'Compte',
  session: 'Connexion',
  actualite: 'Actualité',
  guide_section: 'Section du guide pratique',
  faq_entree: 'Question de la FAQ',
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
  decision: 'Décision du gestionnaire',
  controle_medical: 'Contrôle médical',
  recours_tiers: 'Recours contre tiers',
  recours_action: 'Action de recours',
  recours_recouvrement: 'Somme recouvrée',
  reprise_suivi: 'Suivi de la reprise',
  gestion_portefeuille: 'Portefeuille de collectivités',
  gestion_echantillonnage: 'Règle d’échantillonnage',
  salaire_mensuel: 'Salaire mensuel',
  ijss: 'IJSS (relevé de la CPAM)',
  antecedent: 'Antécédent d’arrêt',
  decompte: 'Décompte',
  fraisLiberes: 'Factures de frais médicaux remises à payer',
  reglement: 'Règlement',
  reglement_parametre: 'Paramètres de paiement',
  calcul_lot: 'Calcul des décomptes de la période',
  frais_medical: 'Frais médicaux',
  appel_cotisation: 'Appel de cotisation',
  cotisation_frais_parametre: 'Frais de gestion du centre de gestion',
  encaissement_cotisation: 'Paiement d’un appel de cotisation',
  releve_import: 'Relevé bancaire importé',
};

const actionLabels: Record<string, string> = {
  creation: 'Création',
  acceptation: 'Acceptation',
  refus: 'Refus',
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
  renouvellement: 'Renouvellement du contrat',
  changement_contrat: 'Rattachement au contrat successeur',
  import: 'Import',
  validation: 'Validation de la déclaration',
  depart: 'Départ',
  imputabilite: 'Décision d’imputabilité',
  reprise: 'Reprise du travail',
  salaire: 'Données salariales',
  certificat: 'Certificat d’arrêt',
  lecture: 'Lecture',
  desactivation: 'Désactivation',
  reactivation: 'Réactivation',
  demande: 'Demande',
  attribution: 'Attribution au gestionnaire',
  examen: 'Examen par le gestionnaire',
  invitation_acceptee: 'Invitation acceptée',
  invitation_refusee: 'Invitation refusée',
  reconciliation_pieces: 'Recalcul nocturne des pièces manquantes',
  calcul: 'Calcul',
  abandon: 'Abandon',
  validation_decompte: 'Validation du décompte',
  valider: 'Validation',
  mettre_en_paiement: 'Mise en paiement',
  marquer_paye: 'Paiement constaté',
  rejeter: 'Rejet du virement',
  reemettre: 'Ré-émission',
  coordonnees_bancaires: 'Modification des coordonnées bancaires',
  recalcul_remboursement: 'Recalcul des décomptes après un changement des données',
  saisie: 'Saisie',
  validation_frais: 'Validation du remboursement',
  mise_en_decompte: 'Mise en paiement sur un décompte',
  controler: 'Contrôle',
  emettre: 'Émission',
  annuler: 'Annulation',
  regularisation: 'Régularisation',
  encaissement: 'Encaissement',
  application: 'Application',
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
  question: 'Question',
  reponse: 'Réponse',
  module: 'Module',
  ordre: 'Ordre',
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
  // Contrats (centre de gestion).
  libelle: 'Libellé',
  regime: 'Régime',
  assureur: 'Assureur',
  courtier: 'Courtier',
  dateEffet: 'Date d’effet',
  dateFin: 'Date de fin',
  preavisAssureurMois: 'Préavis de l’assureur (mois)',
  preavisAssureMois: 'Préavis de l’assuré (mois)',
  elementsAssurables: 'Éléments assurables',
  garanties: 'Garanties',
  contrat: 'Contrat',
  contratId: 'Contrat',
  successeur: 'Contrat successeur',
  dateBascule: 'Date de bascule',
  adhesionsCreees: 'Adhésions reportées',
  sinistresBascules: 'Sinistres rattachés au successeur',
  renouvellementDe: 'Renouvellement du contrat',
  nom_document: 'Document',
  // Corbeille des gestionnaires.
  gestionnaire: 'Gestionnaire',
  collectivites: 'Collectivités',
  pourcentage: 'Pourcentage tiré au sort',
  seuilMontant: 'Seuil de montant',
  // Règlements.
  seuilQuatreYeux: 'Seuil de double validation',
  iban: 'IBAN',
  titulaire: 'Titulaire du compte',
  aRegler: 'À régler',
  version: 'Version',
  virement: 'Virement',
  motif: 'Motif',
  // Collectivités.
  cdgId: 'Centre de gestion',
  // Agents.
  nir: 'NIR',
  nomUsage: 'Nom d’usage',
  dateNaissance: 'Date de naissance',
  sexe: 'Sexe',
  statut: 'Statut',
  dateEntree: 'Date d’entrée',
  emploi: 'Emploi',
  grade: 'Grade',
  tempsTravail: 'Temps de travail',
  heuresHebdo: 'Heures par semaine',
  service: 'Service',
  dateDepart: 'Date de départ',
  motifDepart: 'Motif du départ',
  // Liste nominative.
  nomFichier: 'Fichier',
  taille: 'Taille',
  sha256: 'Empreinte du fichier (SHA-256)',
  lignes: 'Lignes',
  crees: 'Agents créés',
  misAJour: 'Agents mis à jour',
  inchanges: 'Agents inchangés',
  // Sinistres, arrêts, enquête, pièces.
  sinistre: 'Sinistre',
  agent: 'Agent',
  categorie: 'Catégorie',
  dateSurvenance: 'Date de survenance',
  debut: 'Début',
  fin: 'Fin',
  reprise: 'Reprise du travail',
  finCertificat: 'Fin inscrite sur le certificat',
  doublonConfirme: 'Doublon confirmé par le déclarant',
  arrets: 'Arrêts',
  pieces: 'Pièces',
  nePasProratiser: 'Montants pris sans proratisation',
  horsDelai: 'Hors délai',
  ri: 'RI',
  cp: 'Charges patronales',
  lieu: 'Lieu',
  date: 'Date',
  temoins: 'Nombre de témoins',
  imputabilite: 'Imputabilité',
  arretTravail: 'Avec arrêt de travail',
  de: 'Catégorie déclarée',
  vers: 'Catégorie demandée',
  code: 'Code',
  etape: 'Étape',
  obligatoire: 'Obligatoire',
  medicale: 'Pièce médicale',
  aide: 'Aide',
  fichierEfface: 'Fichier effacé',
  // Décisions du gestionnaire, requalification.
  periode: 'Période',
  aCompterDu: 'À compter du',
  arretsScindes: 'Arrêts scindés',
  recalculDepuis: 'Remboursement recalculé depuis le',
  // Recalcul nocturne des pièces manquantes.
  corriges: 'Sinistres corrigés',
  sinistres: 'Sinistres',
  // Suivi du dossier par la gestion: contrôles médicaux, recours contre tiers, reprise.
  demandeur: 'Demandeur',
  medecin: 'Médecin',
  resultat: 'Résultat',
  injustifieAPartirDu: 'Non justifié à partir du',
  cout: 'Coût',
  payePar: 'Payé par',
  tiersNom: 'Tiers responsable',
  tiersAssureur: 'Assureur du tiers',
  numeroSinistreTiers: 'Référence chez l’assureur du tiers',
  responsabilite: 'Responsabilité du tiers',
  fraisMedicaux: 'Frais médicaux',
  remunerationSaisie: 'Rémunération maintenue (saisie)',
  chargesSaisies: 'Charges patronales (saisies)',
  rembourseParAssureur: 'Remboursé par l’assureur',
  repartition: 'Répartition des sommes recouvrées',
  prochaineRelance: 'Prochaine relance',
  montant: 'Montant',
  // Décomptes et règlements.
  approbation: 'Approbation',
  decomptes: 'Décomptes',
  decompte: 'Décompte',
  depuis: 'Depuis le',
  remplacePar: 'Remplacé par la version',
  nouveau: 'Nouveau règlement',
  nouveauId: 'Identifiant du nouveau règlement',
  prevueLe: 'Reprise prévue le',
  effectiveLe: 'Reprise effective le',
  forme: 'Forme de la reprise',
  quotite: 'Quotité (%)',
  visiteRepriseLe: 'Visite de reprise faite le',
  suivi30FaitLe: 'Suivi à 30 jours fait le',
  suivi90FaitLe: 'Suivi à 90 jours fait le',
  // Entrées du calcul des remboursements.
  mois: 'Mois',
  du: 'Du',
  au: 'Au',
  montantJournalier: 'Montant journalier',
  montantTotal: 'Montant de la période',
  certificatRecuLe: 'Certificat reçu le',
  grossesse: 'Lié à une grossesse',
  ald: 'Affection de longue durée',
  horsDelaiRegle: 'Déclaration tardive',
  rechuteNouvelleFranchise: 'Nouvelle franchise après rechute',
  capitalDeces: 'Capital décès',
  // Frais médicaux.
  dateSoins: 'Date des soins',
  nature: 'Nature des soins',
  montantFacture: 'Montant facturé',
  montantPrisEnCharge: 'Déjà pris en charge',
  montantRetenu: 'Montant retenu',
  beneficiaire: 'Remboursé à',
  // Cotisations.
  total: 'Montant total',
  appelOrigine: 'Appel régularisé',
  sens: 'Sens de la régularisation',
  modele: 'Modèle des frais de gestion',
  montantParAgent: 'Montant par agent CNRACL',
  tauxCnracl: 'Taux CNRACL',
  tauxIrcantec: 'Taux IRCANTEC',
  regularise: 'Frais régularisés',
  appelesSeparement: 'Frais appelés séparément',
  objet: 'Objet de l’appel',
  encaisse: 'Montant encaissé',
  appel: 'Appel de cotisation',
  reference: 'Référence',
  mode: 'Mode de paiement',
  format: 'Format',
  compteurs: 'Lignes par résultat du rapprochement',
  montantAffecte: 'Montant affecté aux appels',
};

/** True when the field has its own French label (a test lists every key the server writes). */
export const hasFieldLabel = (field: string) => field in fieldLabels;
export const hasActionLabel = (action: string) => action in actionLabels;
export const hasEntityLabel = (entity: string) => entity in entityLabels;

/** Amounts recorded in cents. */
const CENTS_FIELDS = new Set([
  'tbi',
  'nbi',
  'sft',
  'ir',
  'ri',
  'cp',
  'riMontant',
  'cpMontant',
  'cotisation',
  'assiette',
  'montantCotisations',
  'montantAbsences',
  'cout',
  'fraisMedicaux',
  'remunerationSaisie',
  'chargesSaisies',
  'rembourseParAssureur',
  'montant',
  'montantJournalier',
  'montantTotal',
  'capitalDeces',
  'montantFacture',
  'montantPrisEnCharge',
  'montantRetenu',
  'total',
  'montantParAgent',
  'encaisse',
]);

/** Codes recorded as values, in the users' words; fields sharing a name (`statut`, `type`) share one table. */
function valueLabels(field: string): Record<string, string> | undefined {
  switch (field) {
    case 'role':
      return roleLabels;
    case 'categorie':
    case 'de':
    case 'vers':
      return risqueLabels;
    case 'statut':
      return {
        ...statutLabels,
        ...sinistreStatutLabels,
        ...pieceDocumentStatutLabels,
        ...fraisStatutLabels,
        ...decompteStatutLabels,
        ...reglementStatutLabels,
        ...appelStatutLabels,
      };
    case 'nature':
      return { ...fraisNatureLabels, ...decompteNatureLabels };
    case 'beneficiaire':
      return { ...beneficiaireLabels, ...fraisBeneficiaireLabels };
    case 'type':
      return {
        ...typeBaseLabels,
        ...collectiviteTypeLabels,
        ...ARRET_TYPE_LABELS,
        ...controleMedicalTypeLabels,
        ...recoursActionTypeLabels,
        ...decisionLabels,
      };
    case 'motif':
      return motifRefusPieceLabels;
    case 'approbation':
      return { premiere: 'Première approbation', seconde: 'Seconde approbation (quatre yeux)' };
    case 'demandeur':
    case 'payePar':
      return controleMedicalPartieLabels;
    case 'resultat':
      return controleMedicalResultatLabels;
    case 'forme':
      return formeRepriseLabels;
    case 'repartition':
      return { prorata: 'Au prorata', priorite_collectivite: 'Priorité à la collectivité' };
    case 'motifDepart':
      return motifDepartLabels;
    case 'imputabilite':
      return { reconnue: 'Reconnue', refusee: 'Refusée' };
    case 'etape':
      return pieceEtapeLabels;
    case 'tempsTravail':
      return { complet: 'Temps complet', non_complet: 'Temps non complet' };
    case 'sexe':
      return { M: 'Homme', F: 'Femme' };
    case 'horsDelaiRegle':
      return horsDelaiRegleLabels;
    case 'modele':
      return fraisModeleLabels;
    case 'sens':
      return regularisationSensLabels;
    default:
      return undefined;
  }
}

const ARRET_TYPE_LABELS: Record<string, string> = {
  initial: 'Arrêt initial',
  prolongation: 'Prolongation',
  rechute: 'Rechute',
};

/** A file size as recorded (bytes), read as people do: « 2 Ko ». */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('fr-FR')} octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** An unknown code still reads as words: `mise_a_jour` → « Mise a jour », `horsDelai` → « Hors delai ». */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLocaleLowerCase('fr-FR');
  return words.charAt(0).toLocaleUpperCase('fr-FR') + words.slice(1);
}

export const entityLabel = (entity: string) => entityLabels[entity] ?? humanize(entity);
export const actionLabel = (action: string) => actionLabels[action] ?? humanize(action);
export const fieldLabel = (field: string) => fieldLabels[field] ?? humanize(field);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const isPeriode = (value: unknown): value is { debut?: string | null; fin?: string | null } =>
  typeof value === 'object' && value !== null && ('debut' in value || 'fin' in value);

export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  const labels = valueLabels(field);
  if (labels && typeof value === 'string' && value in labels) return labels[value]!;
  // Hundredths of a percent (the migration 0011 converted the older whole percents).
  if ((field === 'riPct' || field === 'cpPct' || field === 'responsabilite') && typeof value === 'number')
    return formatPct(value);
  if (field === 'mois' && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) return formatMois(value);
  if (typeof value === 'string') return isoDate.test(value) ? formatDate(value) : value;
  if (typeof value === 'number') {
    if (CENTS_FIELDS.has(field)) return formatEuros(value);
    if (field === 'taille') return fileSize(value);
    if (field === 'tauxCnracl' || field === 'tauxIrcantec') return formatTaux(value);
    return value.toLocaleString('fr-FR');
  }
  if (Array.isArray(value)) return value.map((v) => formatAuditValue(field, v)).join(', ');
  if (isPeriode(value)) {
    const [debut, fin] = [value.debut, value.fin].map((v) => (v ? formatDate(v) : null));
    if (debut && fin) return `du ${debut} au ${fin}`;
    return debut ? `à partir du ${debut}` : fin ? `jusqu’au ${fin}` : '(vide)';
  }
  return JSON.stringify(value);
}

/** `{ role: ['lecteur', 'administrateur'] }` → « Rôle : Lecteur → Administrateur »; a single value is a fact recorded. */
export function describeChanges(changes: Record<string, unknown> | null): string[] {
  if (!changes) return [];
  // A requested change of category reads as one line: « Catégorie demandée : Maladie ordinaire → CLM ».
  if ('de' in changes && 'vers' in changes) {
    const { de, vers, ...others } = changes;
    return [
      `${fieldLabel('vers')} : ${formatAuditValue('de', de)} → ${formatAuditValue('vers', vers)}`,
      ...describeChanges(others),
    ];
  }
  return Object.entries(changes).map(([field, value]) => {
    const label = fieldLabel(field);
    if (Array.isArray(value) && value.length === 2) {
      return `${label} : ${formatAuditValue(field, value[0])} → ${formatAuditValue(field, value[1])}`;
    }
    return `${label} : ${formatAuditValue(field, value)}`;
  });
}
