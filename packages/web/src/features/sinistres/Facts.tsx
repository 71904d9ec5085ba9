import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

/** Label and value pairs, as a description list so screen readers tie each value to its label. */
export function Facts({ facts, cols = 3 }: { facts: Fact[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: cols }} spacing="md" verticalSpacing="sm" m={0}>
      {facts.map((f) => (
        <Box key={f.label}>
          <Text component="dt" size="sm" fw={700}>
            {f.label}
          </Text>
          <Text component="dd" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
            {f.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
