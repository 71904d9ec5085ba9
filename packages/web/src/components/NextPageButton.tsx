import { Button } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a keyset list (TanStack's infinite query) offers to read on. */
type InfiniteList = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** « Afficher les … suivants »: the next page of a keyset list, shown only while there is one. */
export function NextPageButton({ list, children }: { list: InfiniteList; children: ReactNode }) {
  if (!list.hasNextPage) return null;
  return (
    <Button
      variant="default"
      w="fit-content"
      loading={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {children}
    </Button>
  );
}
