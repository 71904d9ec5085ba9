import { Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionProps {
  title: string;
  children: ReactNode;
  /** Buttons shown at the right of the title. */
  actions?: ReactNode;
  /** Ties the section landmark to its title, for the sections a page links to. */
  id?: string;
}

/** A titled block of a page (h2), framed: « Vos coordonnées », « Garanties », « Documents »… */
export function Section({ title, children, actions, id }: SectionProps) {
  const headingId = id ? `${id}-titre` : undefined;
  return (
    <Paper component="section" withBorder p={{ base: 'md', sm: 'lg' }} id={id} aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          {actions && <Group gap="sm">{actions}</Group>}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
