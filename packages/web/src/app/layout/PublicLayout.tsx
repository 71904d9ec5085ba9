import { Box, Container, Group, Paper, Text } from '@mantine/core';
import { Outlet } from 'react-router';
import { SkipLink } from './SkipLink';

/** Login, forgotten password and activation pages: no menu, one card in the middle. */
export function PublicLayout() {
  return (
    <Box mih="100vh" bg="bleu.0">
      <SkipLink />
      <Box
        component="header"
        bg="white"
        px="md"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group gap="xs" wrap="wrap">
          <Text fz="xl" fw={800} c="bleu.9">
            Statutis
          </Text>
          <Text size="sm">L’espace des collectivités pour l’assurance statutaire de leurs agents</Text>
        </Group>
      </Box>
      <Container component="main" id="contenu" tabIndex={-1} size={560} py="xl">
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Outlet />
        </Paper>
      </Container>
    </Box>
  );
}
