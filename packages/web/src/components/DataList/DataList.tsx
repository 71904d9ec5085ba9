import { Button, Group, Stack, Text } from '@mantine/core';
import { DEFAULT_PAGE_SIZE, type Page } from '@statutis/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { api, errorMessage, type QueryParams } from '../../lib/api';
import { type ListStateController, useLocalListState, useUrlListState } from '../../lib/listState';
import { ProblemAlert } from '../ProblemAlert';
import { DataTable } from './DataTable';
import { ListPagination } from './ListPagination';
import { ListToolbar } from './ListToolbar';
import type { DataColumn, ListFilter, RowAction } from './types';

export const NO_MATCH = 'Aucun élément ne correspond à votre recherche.';

export interface DataListProps<T> {
  /** The API list endpoint (`/api/comptes`); it is also the query key mutations invalidate. */
  endpoint: string;
  /** Names the table, its scrolling region, filters and pages, e.g. « Liste des comptes ». */
  caption: string;
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string;
  /** « 34 comptes ». */
  countLabel: (total: number) => string;
  actions?: readonly RowAction<T>[];
  filters?: readonly ListFilter[];
  /** Slot for the « + Ajouter » button. */
  createAction?: ReactNode;
  withSearch?: boolean;
  searchDescription?: string;
  defaultSort?: string;
  /** Shown when the list is empty and nothing filters it. */
  emptyMessage?: string;
  /** `url` keeps page, search, sort and filters in the address (the default); `local` for dialogs. */
  persistence?: 'url' | 'local';
  /** Fixed parameters sent with every page, e.g. `{ agentId }` for the sinistres of one agent. */
  params?: QueryParams;
}

/** The list used by every module: server-side pages of 20, search, filters, sortable columns, row actions. */
export function DataList<T>({
  endpoint,
  caption,
  columns,
  rowKey,
  countLabel,
  actions = [],
  filters = [],
  createAction,
  withSearch = true,
  searchDescription,
  defaultSort,
  emptyMessage = 'Aucun élément à afficher pour le moment.',
  persistence = 'url',
  params,
}: DataListProps<T>) {
  const options = { filters: filters.map((f) => f.name), defaultSort };
  const urlList = useUrlListState(options);
  const localList = useLocalListState(options);
  const list: ListStateController = persistence === 'url' ? urlList : localList;
  const { state } = list;

  const query = {
    ...params,
    page: state.page,
    pageSize: DEFAULT_PAGE_SIZE,
    sort: state.sort,
    q: state.q,
    ...state.filters,
  };
  const result = useQuery({
    queryKey: [endpoint, query],
    queryFn: ({ signal }) => api.get<Page<T>>(endpoint, { query, signal }),
    placeholderData: keepPreviousData,
  });
  const data = result.data;

  // After a deletion the last page may have emptied: show the last page that still has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && state.page > 1) {
      list.setPage(Math.max(1, Math.ceil(data.total / DEFAULT_PAGE_SIZE)));
    }
  }, [data, state.page, list]);

  return (
    <Stack gap="md">
      {/* A list without search nor filters (a short history) has nothing to reset. */}
      {(withSearch || filters.length > 0) && (
        <ListToolbar
          list={list}
          filters={filters}
          withSearch={withSearch}
          searchDescription={searchDescription}
          label={`Filtres : ${caption}`}
          createAction={createAction}
        />
      )}
      {!withSearch && filters.length === 0 && createAction}
      <Text role="status" fw={700}>
        {data ? countLabel(data.total) : ''}
      </Text>
      {result.isError && (
        <ProblemAlert title="La liste n’a pas pu être chargée">
          <Group justify="space-between">
            {errorMessage(result.error)}
            <Button variant="default" size="xs" onClick={() => void result.refetch()}>
              Réessayer
            </Button>
          </Group>
        </ProblemAlert>
      )}
      <DataTable
        caption={caption}
        columns={columns}
        rows={data?.items}
        rowKey={rowKey}
        actions={actions}
        sort={state.sort}
        onSort={list.setSort}
        loading={result.isPending}
        busy={result.isFetching}
        emptyMessage={list.isFiltered ? NO_MATCH : emptyMessage}
      />
      {data && (
        <ListPagination
          page={state.page}
          total={data.total}
          pageSize={data.pageSize || DEFAULT_PAGE_SIZE}
          onChange={list.setPage}
          label={`Pages : ${caption}`}
        />
      )}
    </Stack>
  );
}
