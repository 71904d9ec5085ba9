import type { AideModule } from '@statutis/domain';
import { count } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { faqEntree, guideSection } from '../modules/aide/aide.table.js';

type Section = { module: AideModule; titre: string; contenu: string };
type Question = { module: AideModule; question: string; reponse: string };

/** The guide pratique of a new platform: one section per main module, in Markdown. */
export const GUIDE_INITIAL: readonly Section[] = [
  {
    module: 'general',
    titre: 'Premiers pas',
    contenu: `Votre compte est créé par un administrateur de votre collectivité : l’e-mail « Activer mon compte » vous permet de choisir votre mot de passe.

Pour un premier démarrage, l’**administrateur** de la collectivité :

1. crée les comptes de ses collègues (rubrique **Comptes**) ;
2. déclare la **base de l’assurance** de l’année ;
3. importe la **liste nominative** des agents.

Le bouton « ? » en haut de chaque page ouvre la partie du guide qui la concerne.`,
  },
  {
    module: 'agents',
    titre: 'Les agents',
    contenu: `La liste des agents se remplit par l’**import de la liste nominative** (fichier CSV : NIR, nom, prénom, régime, statut, date d’entrée) ou agent par agent.

- Un agent importé est **incomplet** : complétez sa date de naissance et son emploi avant de déclarer un sinistre.
- La recherche ignore les accents et les majuscules : « helene menard » trouve « Hélène MÉNARD ».
- Un agent parti reste consultable : ses sinistres passés restent attachés à sa fiche.`,
  },
  {
    module: 'base_assurance',
    titre: 'La base de l’assurance',
    contenu: `La base déclare, pour chaque contrat et chaque année, l’effectif et les éléments de rémunération assurés (TBI, NBI et options choisies).

- Déclarez d’abord une base **prévisionnelle**, puis la base **réelle** une fois l’année close.
- Une base se modifie seulement le jour de sa création ; ensuite, adressez-vous à votre gestionnaire.
- **Aucun sinistre ne peut être déclaré** sur une année sans base.`,
  },
  {
    module: 'sinistres',
    titre: 'Déclarer un sinistre',
    contenu: `Un sinistre se déclare sur un agent complet : catégorie, date de survenance, tiers impliqué.

- Un accident demande l’**enquête administrative** (lieu, circonstances, lésions, témoins).
- Le sinistre reste **Brouillon** tant qu’une pièce obligatoire manque ; complet, il passe **Ouvert** et part chez le gestionnaire ; à la reprise, il est **Clos**.
- Déclarez dans le délai du contrat (souvent 90 jours après l’événement).`,
  },
  {
    module: 'arrets',
    titre: 'Les arrêts de travail',
    contenu: `Chaque certificat s’enregistre comme un arrêt du sinistre :

- **initial** : le premier arrêt ;
- **prolongation** : commence **le lendemain** de la fin de l’arrêt précédent ;
- **rechute** : un nouvel arrêt non consécutif du même sinistre (pas de rechute en maladie ordinaire).

Une nouvelle prolongation ou rechute rouvre un sinistre clos.`,
  },
  {
    module: 'pieces',
    titre: 'Les pièces justificatives',
    contenu: `La liste des pièces attendues dépend de la catégorie et de l’étape du sinistre.

- N’envoyez que les **volets 2 et 3** de l’arrêt de travail : le **volet 1 est couvert par le secret médical**.
- Joignez les bulletins de paie de la période, la déclaration d’accident, l’enquête signée selon le cas.
- Déposez les pièces dans les 90 jours : une pièce refusée indique son motif.`,
  },
  {
    module: 'decomptes',
    titre: 'Les décomptes',
    contenu: `Le décompte calcule le remboursement jour par jour, en **trentièmes** : après la franchise du contrat, chaque élément assuré est payé au trentième de son montant mensuel, au taux du jour (plein ou demi-traitement).

- Le jour de carence de la maladie ordinaire ne donne lieu à aucun remboursement.
- Une requalification recalcule toute la chaîne d’arrêts : la différence apparaît en régularisation.`,
  },
  {
    module: 'cotisations',
    titre: 'Les cotisations',
    contenu: `Les appels de cotisation sont calculés sur la base de l’assurance : le taux du contrat appliqué à la masse assurée.

- L’appel **prévisionnel** est régularisé une fois la base réelle déclarée.
- Chaque appel montre son échéance, ce qui est payé et ce qui reste dû.`,
  },
  {
    module: 'statistiques',
    titre: 'Les statistiques',
    contenu: `Les statistiques suivent l’absentéisme de votre collectivité par risque et par année : nombre de sinistres, jours d’arrêt, montants remboursés, comparés aux cotisations.

Chaque graphique a son tableau de données, et les chiffres s’exportent.`,
  },
];

/** The first questions of the FAQ, drawn from what collectivités ask their CDG. */
export const FAQ_INITIALE: readonly Question[] = [
  {
    module: 'pieces',
    question: 'Pourquoi ne faut-il pas envoyer le volet 1 de l’arrêt de travail ?',
    reponse:
      'Le volet 1 porte les **motifs médicaux** de l’arrêt : il est couvert par le secret médical et réservé au médecin-conseil. Envoyez uniquement les volets 2 et 3 ; un volet 1 déposé est refusé.',
  },
  {
    module: 'arrets',
    question: 'Prolongation ou rechute : comment choisir ?',
    reponse:
      'Une **prolongation** commence le lendemain de la fin de l’arrêt précédent, sans reprise. Une **rechute** est un nouvel arrêt du même sinistre après une reprise du travail. En maladie ordinaire, il n’y a pas de rechute : un nouvel arrêt après une reprise de plus de 48 h est un nouveau sinistre.',
  },
  {
    module: 'sinistres',
    question: 'Que se passe-t-il si je déclare un sinistre en retard ?',
    reponse:
      'Le contrat fixe un délai de déclaration (souvent 90 jours après l’événement). Au-delà, la **règle de déclaration tardive** du contrat s’applique : les jours antérieurs à la déclaration peuvent ne pas être remboursés.',
  },
  {
    module: 'sinistres',
    question: 'Pourquoi mon sinistre reste-t-il en brouillon ?',
    reponse:
      'Une pièce obligatoire manque encore. Ouvrez l’onglet **Pièces** du sinistre : la liste indique ce qui est attendu. Le sinistre passe **Ouvert** dès que tout est fourni.',
  },
  {
    module: 'agents',
    question: 'Pourquoi ne puis-je pas déclarer un sinistre pour cet agent ?',
    reponse:
      'Un agent importé par la liste nominative est **incomplet** : renseignez sa date de naissance et son emploi sur sa fiche, puis déclarez le sinistre.',
  },
  {
    module: 'base_assurance',
    question: 'Je me suis trompé dans la base de l’assurance : puis-je la corriger ?',
    reponse:
      'Oui, le jour même de sa création. Ensuite, demandez la correction à votre gestionnaire du centre de gestion.',
  },
  {
    module: 'arrets',
    question: 'Qu’est-ce que le jour de carence ?',
    reponse:
      'Le premier jour d’un arrêt de maladie ordinaire n’est pas rémunéré ; il n’est donc pas remboursé. Il n’y en a pas pour une prolongation ni pour un arrêt lié à une grossesse.',
  },
  {
    module: 'decomptes',
    question: 'Comment est calculé le nombre de jours remboursés ?',
    reponse:
      'En **trentièmes** : un mois entier compte 30/30 ; sinon chaque jour calendaire compte 1/30 (du 24 au 31 août : 8/30). La franchise du contrat est déduite au début de la chaîne d’arrêts.',
  },
  {
    module: 'comptes',
    question: 'Quelle différence entre Lecteur, Publicateur et Administrateur ?',
    reponse:
      'Le **Lecteur** consulte ; le **Publicateur** déclare et dépose des pièces ; l’**Administrateur** fait de même et gère aussi les comptes de la collectivité.',
  },
  {
    module: 'cotisations',
    question: 'Pourquoi ma cotisation est-elle régularisée ?',
    reponse:
      'L’appel de l’année est calculé sur la base prévisionnelle ; une fois la base réelle déclarée, la différence est appelée ou remboursée.',
  },
];

/** Gives an empty platform its first guide and FAQ; never touches content the administrator already wrote. */
export async function seedAide(db: Db, updatedBy: string | null) {
  const [sections] = await db.select({ n: count() }).from(guideSection);
  if (!sections?.n) await db.insert(guideSection).values(GUIDE_INITIAL.map((s, i) => ({ ...s, ordre: i, updatedBy })));
  const [questions] = await db.select({ n: count() }).from(faqEntree);
  if (!questions?.n) await db.insert(faqEntree).values(FAQ_INITIALE.map((q, i) => ({ ...q, ordre: i, updatedBy })));
}
