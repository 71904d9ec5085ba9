import { ActionIcon, Anchor, Box, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { AIDE_PATH, aideAnchor, aideModuleOf } from '../features/aide/aideModule';

export interface Crumb {
  label: string;
  to?: string;
}

interface PageProps {
  title: string;
  /** Where the page sits in the menu, e.g. [{ label: 'Environnement' }]; the page itself is added. */
  crumbs?: Crumb[];
  intro?: ReactNode;
  /** Buttons shown at the right of the title. */
  actions?: ReactNode;
  children: ReactNode;
}

function Trail({ crumbs, current }: { crumbs: Crumb[]; current: string }) {
  const items: Crumb[] = [{ label: 'Accueil', to: '/' }, ...crumbs];
  return (
    <Box component="nav" aria-label="Fil d’Ariane">
      <Group component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((crumb) => (
          <Group component="li" key={crumb.label} gap={6}>
            {crumb.to ? (
              <Anchor component={Link} to={crumb.to} size="sm">
                {crumb.label}
              </Anchor>
            ) : (
              <Text size="sm">{crumb.label}</Text>
            )}
            <Text size="sm" aria-hidden="true">
              ›
            </Text>
          </Group>
        ))}
        <li>
          <Text size="sm" aria-current="page">
            {current}
          </Text>
        </li>
      </Group>
    </Box>
  );
}

/** The first page shown keeps the browser's focus; the following ones move it to their title. */
let firstPage = true;

/**
 * Layout of every page: one h1, the browser tab title « Titre — Statutis », an optional trail,
 * and focus moved to the title after each navigation so screen readers announce the new page.
 */
export function Page({ title, crumbs, intro, actions, children }: PageProps) {
  useDocumentTitle(`${title} — Statutis`);
  const heading = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, []);

  return (
    <Stack gap="lg">
      {crumbs && <Trail crumbs={crumbs} current={title} />}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Title order={1} ref={heading} tabIndex={-1}>
            {title}
          </Title>
          {intro && <Text>{intro}</Text>}
        </Stack>
        <Group gap="sm">
          {actions}
          {!pathname.startsWith(AIDE_PATH) && (
            <ActionIcon
              component={Link}
              to={`${AIDE_PATH}#${aideAnchor(aideModuleOf(pathname))}`}
              variant="default"
              radius="xl"
              aria-label="Aide sur cette page"
              title="Aide sur cette page"
            >
              ?
            </ActionIcon>
          )}
        </Group>
      </Group>
      {children}
    </Stack>
  );
}
