import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ComingSoon } from '../../components/ComingSoon';

export function GuidesPage() {
  return (
    <ComingSoon
      title="Guides utilisateurs"
      content="Vous y trouverez des tutoriels pas à pas, en PDF et en vidéo, pour déclarer la base de l’assurance, les agents et les sinistres."
    >
      <Text>
        Déjà disponible :{' '}
        <Anchor component={Link} to="/guides/guide-pratique">
          le guide pratique
        </Anchor>{' '}
        (connexion, rubriques du menu, gestion des comptes, confort de lecture).
        <Anchor component={Link} to="/guides/aide">
          L’aide par rubrique et la FAQ
        </Anchor>{' '}
        répondent aux questions les plus fréquentes.
      </Text>
    </ComingSoon>
  );
}
