import { Button, Center, Stack, Text, Title } from '@mantine/core';

/** Last resort when a page crashes: say so in French and offer a way out. */
export function RouteError() {
  return (
    <Center mih="100vh" p="md">
      <Stack maw={520} component="main">
        <Title order={1}>Une erreur est survenue</Title>
        <Text>
          La page n’a pas pu s’afficher. Rechargez-la ; si l’erreur persiste, signalez-la à votre centre de gestion en
          indiquant l’heure et l’action en cours.
        </Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          Recharger la page
        </Button>
      </Stack>
    </Center>
  );
}
