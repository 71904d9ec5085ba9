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

describe('what the later modules record (found by the journal check of every integration suite)', () => {
  it('a shortened arrêt, a confirmed duplicate, a deleted draft, a salary without proration', () => {
    expect(
      describeChanges({ reprise: '2026-11-20', fin: ['2026-11-25', '2026-11-19'], finCertificat: '2026-11-25' }),
    ).toEqual([
      'Reprise du travail : 20/11/2026',
      'Fin : 25/11/2026 → 19/11/2026',
      'Fin inscrite sur le certificat : 25/11/2026',
    ]);
    expect(describeChanges({ doublonConfirme: true, arrets: 1, pieces: 2, nePasProratiser: true })).toEqual([
      'Doublon confirmé par le déclarant : Oui',
      'Arrêts : 1',
      'Pièces : 2',
      'Montants pris sans proratisation : Oui',
    ]);
  });

  it('decisions, requalifications and refused pieces', () => {
    expect(describeChanges({ type: 'sursis_a_statuer', periode: { debut: '2026-12-01', fin: '2027-01-31' } })).toEqual([
      'Type : Sursis à statuer',
      'Période : du 01/12/2026 au 31/01/2027',
    ]);
    expect(describeChanges({ periode: { debut: '2026-12-01', fin: null } })).toEqual([
      'Période : à partir du 01/12/2026',
    ]);
    expect(describeChanges({ aCompterDu: '2026-12-01', arretsScindes: 1, recalculDepuis: '2026-11-01' })).toEqual([
      'À compter du : 01/12/2026',
      'Arrêts scindés : 1',
      'Remboursement recalculé depuis le : 01/11/2026',
    ]);
    expect(describeChanges({ statut: ['deposee', 'refusee'], motif: 'volet_1_medical', fichierEfface: true })).toEqual([
      'Statut : Déposée → Refusée',
      'Motif : Volet 1 de l’arrêt de travail : confidentiel (motifs médicaux), à ne pas transmettre',
      'Fichier effacé : Oui',
    ]);
    // A motif typed by the employer stays as typed.
    expect(describeChanges({ motif: 'Rechute reconnue par le médecin' })).toEqual([
      'Motif : Rechute reconnue par le médecin',
    ]);
    expect([actionLabel('invitation_acceptee'), actionLabel('invitation_refusee')]).toEqual([
      'Invitation acceptée',
      'Invitation refusée',
    ]);
    expect(actionLabel('reconciliation_pieces')).toBe('Recalcul nocturne des pièces manquantes');
    expect(describeChanges({ corriges: 2 })).toEqual(['Sinistres corrigés : 2']);
  });
});

describe('entrées du calcul des remboursements', () => {
  it('reads monthly salaries, IJSS, antécédents and garantie parameters in French', () => {
    expect(
      describeChanges({
        mois: '2026-03',
        tbi: [null, 196_911],
        montantJournalier: 2_852,
        categorie: 'clm',
        certificatRecuLe: [null, '2026-03-06'],
        grossesse: true,
        horsDelaiRegle: ['couverture_a_reception', 'refus'],
        capitalDeces: 1_500_000,
      }),
    ).toEqual([
      'Mois : mars 2026',
      `TBI : (vide) → ${formatEuros(196_911)}`,
      `Montant journalier : ${formatEuros(2_852)}`,
      'Catégorie : Congé de longue maladie (CLM)',
      'Certificat reçu le : (vide) → 06/03/2026',
      'Lié à une grossesse : Oui',
      'Déclaration tardive : Prise en charge à compter de la réception → Refus de prise en charge',
      `Capital décès : ${formatEuros(1_500_000)}`,
    ]);
    expect([entityLabel('salaire_mensuel'), entityLabel('ijss'), entityLabel('antecedent')]).toEqual([
      'Salaire mensuel',
      'IJSS (relevé de la CPAM)',
      'Antécédent d’arrêt',
    ]);
  });
});
