import { describe, expect, it } from 'vitest';
import { actionLabel, describeChanges, entityLabel, hasFieldLabel } from './audit.labels.js';
import { formatEuros } from './format.js';

describe('libellés du journal', () => {
  it('reads changes in the users’ words', () => {
    expect(describeChanges({ role: ['lecteur', 'publicateur'] })).toEqual(['Rôle : Lecteur → Publicateur']);
    expect(describeChanges({ actif: [true, false], publieeLe: '2026-11-02' })).toEqual([
      'Actif : Oui → Non',
      'Date de publication : 02/11/2026',
    ]);
    expect(describeChanges({ telephone: [null, '02 43'] })).toEqual(['Téléphone : (vide) → 02 43']);
    expect(describeChanges(null)).toEqual([]);
  });

  it('names known codes and still reads unknown ones as words', () => {
    expect(entityLabel('base_assurance')).toBe('Base de l’assurance');
    expect(actionLabel('echec_connexion')).toBe('Échec de connexion');
    expect(actionLabel('mise_a_jour')).toBe('Mise a jour');
  });
});

describe('every audited field and value in French (issue 8)', () => {
  it('sinistres and arrêts', () => {
    expect(
      describeChanges({
        sinistre: 'S-2026-000001',
        type: 'prolongation',
        debut: '2026-03-08',
        fin: '2026-03-14',
        horsDelai: false,
      }),
    ).toEqual([
      'Sinistre : S-2026-000001',
      'Type : Prolongation',
      'Début : 08/03/2026',
      'Fin : 14/03/2026',
      'Hors délai : Non',
    ]);
    expect(describeChanges({ de: 'maladie_ordinaire', vers: 'clm' })).toEqual([
      'Catégorie demandée : Maladie ordinaire → Congé de longue maladie (CLM)',
    ]);
    expect(describeChanges({ categorie: 'accident_service', statut: 'ouvert', reprise: '2026-04-06' })).toEqual([
      'Catégorie : Accident de service / du travail',
      'Statut : Ouvert',
      'Reprise du travail : 06/04/2026',
    ]);
    expect(describeChanges({ imputabilite: [null, 'reconnue'], arretTravail: true })).toEqual([
      'Imputabilité : (vide) → Reconnue',
      'Avec arrêt de travail : Oui',
    ]);
  });

  it('pieces, imports and amounts', () => {
    expect(describeChanges({ libelle: 'Certificat initial', sha256: 'ab12', taille: 2048 })).toEqual([
      'Libellé : Certificat initial',
      'Empreinte du fichier (SHA-256) : ab12',
      'Taille : 2 Ko',
    ]);
    expect(describeChanges({ nomFichier: 'liste.csv', lignes: 3, crees: 2, misAJour: 1, inchanges: 0 })).toEqual([
      'Fichier : liste.csv',
      'Lignes : 3',
      'Agents créés : 2',
      'Agents mis à jour : 1',
      'Agents inchangés : 0',
    ]);
    expect(describeChanges({ tbi: [30_000_000, 31_000_000], type: 'previsionnelle' })).toEqual([
      `TBI : ${formatEuros(30_000_000)} → ${formatEuros(31_000_000)}`,
      'Type : Prévisionnelle',
    ]);
    expect(describeChanges({ motifDepart: 'mutation', statut: 'titulaire' })).toEqual([
      'Motif du départ : Mutation',
      'Statut : Titulaire',
    ]);
  });

  it('every key the server records has its own label', () => {
    // Collected from the `changes` of every `audit.record` of packages/server/src/modules.
    const recorded = [
      ...['email', 'nom', 'prenom', 'telephone', 'role', 'actif', 'titre', 'contenu', 'publieeLe', 'siret', 'type'],
      ...['cdgId', 'numero', 'libelle', 'regime', 'assureur', 'courtier', 'dateEffet', 'dateFin', 'contratId'],
      ...['preavisAssureurMois', 'preavisAssureMois', 'tauxCotisation', 'elementsAssurables', 'garanties'],
      ...['dateAdhesion', 'contrat', 'annee', 'effectif', 'tbi', 'nbi', 'sft', 'ir', 'riMontant', 'riPct'],
      ...['cpMontant', 'cpPct', 'montantCotisations', 'montantAbsences', 'nir', 'nomUsage', 'dateNaissance'],
      ...['sexe', 'statut', 'dateEntree', 'emploi', 'grade', 'tempsTravail', 'heuresHebdo', 'service'],
      ...['dateDepart', 'motifDepart', 'nomFichier', 'taille', 'sha256', 'lignes', 'crees', 'misAJour'],
      ...['inchanges', 'sinistre', 'agent', 'categorie', 'dateSurvenance', 'debut', 'fin', 'reprise'],
      ...['horsDelai', 'ri', 'cp', 'lieu', 'date', 'temoins', 'imputabilite', 'arretTravail', 'de', 'vers'],
      ...['code', 'etape', 'obligatoire', 'medicale', 'aide'],
      // Frais médicaux.
      ...['dateSoins', 'nature', 'montantFacture', 'montantPrisEnCharge', 'montantRetenu', 'beneficiaire', 'motif'],
    ];
    expect(recorded.filter((key) => !hasFieldLabel(key))).toEqual([]);
  });
});

describe('frais médicaux', () => {
  it('reads a fee entered and decided in the users’ words', () => {
    expect(entityLabel('frais_medical')).toBe('Frais médicaux');
    expect([actionLabel('saisie'), actionLabel('validation_frais')]).toEqual(['Saisie', 'Validation du remboursement']);
    expect(
      describeChanges({
        dateSoins: '2026-04-10',
        nature: 'kinesitherapie',
        montantRetenu: 100_000,
        beneficiaire: 'praticien',
        statut: ['saisie', 'validee'],
      }),
    ).toEqual([
      'Date des soins : 10/04/2026',
      'Nature des soins : Kinésithérapie',
      `Montant retenu : ${formatEuros(100_000)}`,
      'Remboursé à : Le praticien directement',
      'Statut : En attente de validation → Validée',
    ]);
  });
});

describe('suivi du dossier par la gestion', () => {
  it('reads checks, recours and reprise in French', () => {
    expect(
      describeChanges({
        type: 'contre_visite',
        demandeur: 'employeur',
        resultat: ['justifie', 'non_justifie'],
        injustifieAPartirDu: [null, '2026-03-16'],
        cout: 12_000,
        payePar: 'assureur',
        responsabilite: 5_000,
        forme: 'tpt',
      }),
    ).toEqual([
      'Type : Contre-visite',
      'Demandeur : Employeur',
      'Résultat : Arrêt justifié → Arrêt non justifié à partir d’une date',
      'Non justifié à partir du : (vide) → 16/03/2026',
      `Coût : ${formatEuros(12_000)}`,
      'Payé par : Assureur',
      'Responsabilité du tiers : 50,00 %',
      'Forme de la reprise : Temps partiel thérapeutique',
    ]);
    expect(entityLabel('recours_tiers')).toBe('Recours contre tiers');
  });
});
