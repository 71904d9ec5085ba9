import { Button, Grid, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBook, IconFileAlert, IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { useSession } from '../auth/session';
import { ActualitesFeed } from './ActualitesFeed';

export function AccueilPage() {
  const session = useSession();
  const isPlatformAdmin = session.user.staffRole === 'admin_plateforme';

  return (
    <Page
      title="Accueil"
      intro={
        session.current
          ? `Bonjour ${session.user.prenom}, vous consultez l’espace de « ${session.current.nom} ».`
          : `Bonjour ${session.user.prenom}.`
      }
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Paper component="section" withBorder p="lg" bg="bleu.0">
              <Stack gap="sm">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon size="xl" radius="md" aria-hidden="true">
                    <IconBook size={26} />
                  </ThemeIcon>
                  <Title order={2} size="h3">
                    Guide pratique
                  </Title>
                </Group>
                <Text>
                  Première visite ? Le guide explique en quelques minutes la connexion, les rubriques du menu et la
                  gestion des comptes de votre collectivité.
                </Text>
                <Button component={Link} to="/guides/guide-pratique" size="md" w="fit-content">
                  Lire le guide pratique
                </Button>
              </Stack>
            </Paper>
            {session.current && (
              <Paper component="section" withBorder p="lg">
                <Stack gap="sm">
                  <Group gap="sm" wrap="nowrap">
                    <ThemeIcon size="xl" radius="md" variant="light" aria-hidden="true">
                      <IconFileAlert size={26} />
                    </ThemeIcon>
                    <Title order={2} size="h3">
                      Documents manquants
                    </Title>
                  </Group>
                  <Text>
                    Les pièces justificatives encore attendues pour vos sinistres, avant le paiement des prestations.
                  </Text>
                  <Button
                    component={Link}
                    to="/declarations/documents-manquants"
                    variant="light"
                    size="md"
                    w="fit-content"
                  >
                    Voir les documents manquants
                  </Button>
                </Stack>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper component="section" withBorder p="lg">
            <Stack gap="md">
              <Group justify="space-between" gap="sm">
                <Title order={2} size="h3">
                  Actualités
                </Title>
                {isPlatformAdmin && (
                  <Button
                    component={Link}
                    to="/actualites"
                    variant="light"
                    leftSection={<IconSettings size={18} aria-hidden="true" />}
                  >
                    Gérer les actualités
                  </Button>
                )}
              </Group>
              <ActualitesFeed />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
