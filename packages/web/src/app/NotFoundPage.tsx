import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <Text>L’adresse demandée ne correspond à aucune page de Statutis. Elle a peut-être été mal recopiée.</Text>
      <Anchor component={Link} to="/">
        Revenir à l’accueil
      </Anchor>
    </Page>
  );
}
