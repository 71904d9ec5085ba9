import { AppShell, Burger, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { authApi } from '../../features/auth/api';
import { CollectiviteSelector } from '../../features/auth/CollectiviteSelector';
import { endSession } from '../../features/auth/endSession';
import { useSession } from '../../features/auth/session';
import { NotificationsBell } from '../../features/notifications/NotificationsBell';
import { fullName } from '../../lib/format';
import { MON_COMPTE_PATH } from '../menu';
import { MainMenu } from './MainMenu';
import { SkipLink } from './SkipLink';

const NAVBAR_ID = 'menu-principal';

function LogoutButton() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const logout = async () => {
    setPending(true);
    // Even if the server cannot be reached, this browser forgets the session.
    await authApi.logout().catch(() => undefined);
    endSession(queryClient, { message: 'Vous êtes déconnecté.', color: 'bleu', forgetLocation: true });
  };
  return (
    <Button
      variant="default"
      leftSection={<IconLogout size={18} aria-hidden="true" />}
      loading={pending}
      onClick={logout}
    >
      Déconnexion
    </Button>
  );
}

/** Header, main menu and page area of every page behind the login. */
export function AppLayout() {
  const session = useSession();
  const [opened, menu] = useDisclosure(false);
  // Below 48em (a phone, or a laptop zoomed to 200 %) the menu folds behind the burger.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  // The collectivité stays in the header down to 30em (a 1280 px screen zoomed to 400 % is 320 px):
  // it says which collectivité every page shows. Narrower, it goes to the top of the menu.
  const roomy = useMediaQuery('(min-width: 30em)', true, { getInitialValueInEffect: false });

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
            <Burger
              opened={opened}
              onClick={menu.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'}
              aria-expanded={opened}
              aria-controls={NAVBAR_ID}
            />
            <UnstyledButton component={Link} to="/" fz="xl" fw={800} c="bleu.9">
              Statutis
            </UnstyledButton>
          </Group>
          {/* Shrinks (the collectivité's name is cut with « … ») rather than pushing out of the header. */}
          <Group gap="sm" wrap="nowrap" justify="flex-end" style={{ flex: '1 1 auto', minWidth: 0 }}>
            {roomy && <CollectiviteSelector inline compact={!wide} />}
            {/* Staff act for their organisation: it is said beside their name, as on their work. */}
            <Stack gap={0} visibleFrom="xl" style={{ minWidth: 0 }}>
              <Text size="sm">{fullName(session.user)}</Text>
              {session.user.organisation && (
                <Text size="xs" c="dimmed" truncate="end" data-testid="organisation">
                  {session.user.organisation}
                </Text>
              )}
            </Stack>
            {/* The employer's users are told of their files' events; staff act on them and are told of nothing. */}
            {session.user.staffRole === null && (
              <div style={{ flex: 'none' }}>
                <NotificationsBell />
              </div>
            )}
            <Button
              component={Link}
              to={MON_COMPTE_PATH}
              variant="subtle"
              leftSection={<IconUserCircle size={18} aria-hidden="true" />}
              visibleFrom="lg"
            >
              Mon compte
            </Button>
            <div style={{ flex: 'none' }}>
              <LogoutButton />
            </div>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id={NAVBAR_ID} aria-label="Menu principal" p="sm" inert={!wide && !opened}>
        {!roomy && (
          <AppShell.Section mb="md">
            <CollectiviteSelector />
          </AppShell.Section>
        )}
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          <MainMenu onNavigate={menu.close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="contenu" tabIndex={-1}>
        {/* A new collectivité remounts the page: nothing of the previous one stays on screen. */}
        <Outlet key={session.current?.id ?? 'aucune'} />
      </AppShell.Main>
    </AppShell>
  );
}
