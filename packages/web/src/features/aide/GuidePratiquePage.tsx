import { Anchor, Box, Kbd, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Page } from '../../components/Page';

const sections = [
  { id: 'connexion', title: 'Se connecter' },
  { id: 'collectivite', title: 'Choisir la collectivité' },
  { id: 'rubriques', title: 'Les rubriques du menu' },
  { id: 'listes', title: 'Travailler dans une liste' },
  { id: 'comptes', title: 'Gérer les comptes de la collectivité' },
  { id: 'mon-compte', title: 'Mon compte' },
  { id: 'confort', title: 'Confort de lecture et clavier' },
] as const;

type SectionId = (typeof sections)[number]['id'];

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const title = sections.find((s) => s.id === id)?.title;
  return (
    <Stack component="section" gap="sm" aria-labelledby={`guide-${id}`}>
      <Title order={2} size="h3" id={`guide-${id}`}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** A short written guide for a first visit, reachable from the home page. */
export function GuidePratiquePage() {
  return (
    <Page
      title="Guide pratique"
      crumbs={[{ label: 'Guides utilisateurs', to: '/guides' }]}
      intro="L’essentiel pour prendre en main l’espace de votre collectivité, en cinq minutes de lecture."
    >
      <Box component="nav" aria-label="Sommaire du guide">
        <List type="ordered" spacing={4}>
          {sections.map((section) => (
            <List.Item key={section.id}>
              <Anchor href={`#guide-${section.id}`}>{section.title}</Anchor>
            </List.Item>
          ))}
        </List>
      </Box>

      <Stack gap="xl" maw={820}>
        <Section id="connexion">
          <Text>
            Votre compte est créé par un administrateur de votre collectivité. Vous recevez alors un e-mail « Activer
            mon compte » : son lien vous permet de choisir votre mot de passe. Ensuite, connectez-vous avec votre
            adresse e-mail et ce mot de passe sur la page « Connexion à votre espace ».
          </Text>
          <List spacing={4}>
            <List.Item>
              Le mot de passe compte de 12 à 128 caractères. Tous les caractères sont acceptés, y compris les espaces et
              les accents : une courte phrase, comme « Le jardin de Suzanne fleurit en avril », est à la fois facile à
              retenir et difficile à deviner.
            </List.Item>
            <List.Item>
              Vous n’avez pas reçu l’e-mail, ou son lien a expiré ? Sur la page de connexion, cliquez sur « Mot de passe
              oublié ? » et indiquez votre adresse : un nouveau lien vous est envoyé.
            </List.Item>
            <List.Item>
              Après une période sans activité, la session se ferme par sécurité : reconnectez-vous, vous revenez sur la
              page où vous étiez. Sur un poste partagé, terminez toujours par le bouton « Déconnexion » en haut à
              droite.
            </List.Item>
          </List>
        </Section>

        <Section id="collectivite">
          <Text>
            Si vous travaillez pour plusieurs collectivités (une commune et son CCAS, par exemple), la liste «
            Collectivité » en haut de la page indique celle que vous consultez. Changez-la pour passer à l’autre espace
            : les listes et les droits affichés sont ceux de la collectivité choisie. Votre rôle peut être différent
            d’une collectivité à l’autre.
          </Text>
        </Section>

        <Section id="rubriques">
          <Text>Le menu, à gauche (ou derrière le bouton « Ouvrir le menu » sur un petit écran), regroupe :</Text>
          <List spacing={4}>
            <List.Item>
              <strong>Accueil</strong> : les actualités de votre centre de gestion et l’accès à ce guide.
            </List.Item>
            <List.Item>
              <strong>Espace contractuel</strong> : les contrats d’assurance statutaire (garanties, franchises, délais
              de déclaration), la base de l’assurance déclarée chaque année et la liste nominative des agents.
            </List.Item>
            <List.Item>
              <strong>Vos déclarations</strong> : les agents, la déclaration et le suivi des sinistres et des arrêts de
              travail, les pièces justificatives et les règlements reçus.
            </List.Item>
            <List.Item>
              <strong>Environnement</strong> : la gestion des comptes et le journal des modifications (pour les
              administrateurs), et vos informations personnelles dans « Mon compte ».
            </List.Item>
            <List.Item>
              <strong>Guides utilisateurs</strong> : ce guide et, à venir, des tutoriels détaillés.
            </List.Item>
            <List.Item>
              <strong>Nous contacter</strong> : les réponses aux questions fréquentes et le moyen de poser la vôtre.
            </List.Item>
          </List>
          <Text>
            Certaines rubriques ouvrent progressivement : une page qui n’est pas encore disponible l’indique clairement.
          </Text>
        </Section>

        <Section id="listes">
          <Text>Toutes les listes (comptes, journal…) fonctionnent de la même façon :</Text>
          <List spacing={4}>
            <List.Item>elles affichent 20 éléments par page, avec le nombre total au-dessus du tableau ;</List.Item>
            <List.Item>
              le champ « Rechercher » filtre la liste pendant la saisie, et « Réinitialiser » efface la recherche et les
              filtres ;
            </List.Item>
            <List.Item>un clic sur un titre de colonne trie la liste ; un second clic inverse l’ordre ;</List.Item>
            <List.Item>
              le bouton « + Ajouter » crée un nouvel élément, et les boutons en bout de ligne permettent de le modifier
              (crayon) ou de le supprimer (corbeille). Une suppression demande toujours confirmation.
            </List.Item>
          </List>
          <Text>
            La recherche, le tri et la page sont conservés dans l’adresse de la page : les boutons « Précédent » et «
            Suivant » du navigateur vous ramènent à la liste telle que vous l’aviez laissée.
          </Text>
        </Section>

        <Section id="comptes">
          <Text>
            Dans Environnement › Gestion des comptes, les administrateurs décident qui accède à l’espace de la
            collectivité et avec quel rôle :
          </Text>
          <List spacing={4}>
            <List.Item>
              <strong>Lecteur</strong> : consulte les informations, sans rien modifier ;
            </List.Item>
            <List.Item>
              <strong>Publicateur</strong> : consulte et fait les déclarations ;
            </List.Item>
            <List.Item>
              <strong>Administrateur</strong> : fait tout ce qui précède et gère aussi les comptes.
            </List.Item>
          </List>
          <Text>
            « + Ajouter » crée un compte : la personne reçoit aussitôt une invitation par e-mail et son statut affiche «
            Invitation envoyée » jusqu’à ce qu’elle ait choisi son mot de passe. Si l’e-mail s’est perdu, le bouton «
            Renvoyer l’invitation » de sa ligne en envoie un nouveau. Pour une absence, désactivez le compte avec «
            Modifier » plutôt que de le supprimer : il pourra être réactivé. Une collectivité garde toujours au moins un
            administrateur actif.
          </Text>
          <Text>
            Chaque création, modification ou suppression est enregistrée, avec son auteur et sa date, dans Environnement
            › Journal des modifications.
          </Text>
        </Section>

        <Section id="mon-compte">
          <Text>
            « Mon compte », en haut de chaque page, permet de mettre à jour vos nom, prénom et téléphone, d’indiquer une
            autre adresse pour recevoir les notifications (la boîte partagée de votre service, par exemple), de changer
            votre mot de passe et, si vous quittez vos fonctions, de supprimer votre compte. Changer de mot de passe
            ferme vos sessions ouvertes sur d’autres appareils.
          </Text>
        </Section>

        <Section id="confort">
          <List spacing={4}>
            <List.Item>
              Pour agrandir l’affichage, maintenez <Kbd>Ctrl</Kbd> (<Kbd>Cmd</Kbd> sur Mac) et tournez la molette de la
              souris, ou appuyez sur <Kbd>Ctrl</Kbd> + <Kbd>+</Kbd>. <Kbd>Ctrl</Kbd> + <Kbd>0</Kbd> revient à la taille
              normale. Jusqu’à 200 % et au-delà, le menu se replie derrière un bouton et les tableaux défilent
              horizontalement.
            </List.Item>
            <List.Item>
              Tout se fait au clavier : <Kbd>Tab</Kbd> passe d’un élément à l’autre, <Kbd>Entrée</Kbd> valide, et le
              lien « Aller au contenu », le tout premier de la page, évite de parcourir le menu à chaque fois.
            </List.Item>
          </List>
        </Section>
      </Stack>
    </Page>
  );
}
