import { Alert, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { type Crumb, Page } from './Page';

interface ComingSoonProps {
  title: string;
  /** One sentence on what the rubrique will contain. */
  content: string;
  crumbs?: Crumb[];
  children?: ReactNode;
}

/** A rubrique that is not built yet says so plainly instead of showing sample data. */
export function ComingSoon({ title, content, crumbs, children }: ComingSoonProps) {
  return (
    <Page title={title} crumbs={crumbs}>
      <Alert
        variant="light"
        color="bleu"
        icon={<IconClockHour4 aria-hidden="true" />}
        title="Cette rubrique arrive prochainement"
      >
        <Text>{content}</Text>
      </Alert>
      {children}
    </Page>
  );
}
