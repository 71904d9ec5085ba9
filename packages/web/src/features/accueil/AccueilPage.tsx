import { Button, Grid, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBook, IconBriefcase, IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { useCan, useSession } from '../auth/session';
import { DerniersReglements } from '../reglements/ReglementsSections';
import { ActualitesFeed } from './ActualitesFeed';
import { AFaire } from './AFaire';

/** The staff's own tools, until their back office exists: the contracts, and the platform's settings. */
function OutilsGestion({ isPlatformAdmin, collectivite }: { isPlatformAdmin: boolean; collectivite?: string }) {
  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="outils-titre">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size="xl" radius="md" variant="light" aria-hidden="true">
            <IconBriefcase size={26} />
          </ThemeIcon>
          <Title order={2} size="h3" id="outils-titre">
            {isPlatformAdmin ? 'Administration de la plateforme' : 'Gestion'}
          </Title>
        </Group>
        <Text>
          {collectivite
            ? `« À faire » montre les dossiers de « ${collectivite} », la collectivité choisie en haut de l’écran.`
            : 'Choisissez une collectivité en haut de l’écran pour voir ses dossiers.'}
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/gestion/contrats" variant="light">
            Gérer les contrats
          </Button>
          {isPlatformAdmin && (
            <>
              <Button component={Link} to="/gestion/catalogue-pieces" variant="light">
                Catalogue des pièces
              </Button>
              <Button component={Link} to="/actualites" variant="light">
                Gérer les actualités
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Accueil: what waits for the user in the current collectivité first, then the guide and the news. */
export function AccueilPage() {
  const session = useSession();
  const isPlatformAdmin = session.user.staffRole === 'admin_plateforme';
  const canWrite = useCan('publicateur');

  return (
    <Page
      title="Accueil"
      intro={
        session.current
          ? `Bonjour ${session.user.prenom}, vous consultez l’espace de « ${session.current.nom} ».`
          : `Bonjour ${session.user.prenom}.`
      }
    >
      {session.user.staffRole && (
        <OutilsGestion isPlatformAdmin={isPlatformAdmin} collectivite={session.current?.nom} />
      )}
      {session.current && <AFaire canWrite={canWrite} />}
      {session.current && <DerniersReglements />}
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
