import { Center, Loader, Stack, Text } from '@mantine/core';

export function FullPageLoader({ label = 'Chargement en cours…' }: { label?: string }) {
  return (
    <Center mih="60vh" role="status">
      <Stack align="center" gap="xs">
        <Loader aria-hidden="true" />
        <Text>{label}</Text>
      </Stack>
    </Center>
  );
}
