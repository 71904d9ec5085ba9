import { ActionIcon, Group, Loader, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ScrollTable } from '../ScrollTable';
import type { DataColumn, RowAction } from './types';

interface DataTableProps<T> {
  caption: string;
  columns: readonly DataColumn<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  actions: readonly RowAction<T>[];
  sort: string | undefined;
  onSort: (sort: string) => void;
  loading: boolean;
  busy: boolean;
  emptyMessage: string;
}

export function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: string;
  sort?: string;
  onSort: (s: string) => void;
}) {
  const direction = sort === sortKey ? 'ascending' : sort === `-${sortKey}` ? 'descending' : 'none';
  const Icon =
    direction === 'ascending' ? IconSortAscending : direction === 'descending' ? IconSortDescending : IconArrowsSort;
  return (
    <Table.Th scope="col" aria-sort={direction}>
      <UnstyledButton
        onClick={() => onSort(direction === 'ascending' ? `-${sortKey}` : sortKey)}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {label}
        <Icon size={16} aria-hidden="true" />
      </UnstyledButton>
    </Table.Th>
  );
}

function RowActions<T>({ row, actions }: { row: T; actions: readonly RowAction<T>[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {actions
        .filter((action) => action.visible?.(row) ?? true)
        .map((action) => {
          const label = action.label(row);
          return (
            <Tooltip key={action.key} label={label}>
              <ActionIcon
                variant="subtle"
                color={action.color}
                size="lg"
                aria-label={label}
                onClick={() => action.onClick(row)}
              >
                <action.icon size={20} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          );
        })}
    </Group>
  );
}

function FullWidthRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={span} py="lg">
        {children}
      </Table.Td>
    </Table.Tr>
  );
}

/** The table part of a list: sortable headers, one row per item, its actions at the end. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  actions,
  sort,
  onSort,
  loading,
  busy,
  emptyMessage,
}: DataTableProps<T>) {
  const span = columns.length + (actions.length > 0 ? 1 : 0);
  return (
    <ScrollTable caption={caption} striped highlightOnHover aria-busy={busy}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) =>
            column.sortKey ? (
              <SortHeader key={column.key} label={column.header} sortKey={column.sortKey} sort={sort} onSort={onSort} />
            ) : (
              <Table.Th key={column.key} scope="col">
                {column.header}
              </Table.Th>
            ),
          )}
          {actions.length > 0 && <Table.Th scope="col">Actions</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {loading && (
          <FullWidthRow span={span}>
            <Group gap="sm">
              <Loader size="sm" aria-hidden="true" />
              <Text>Chargement en cours…</Text>
            </Group>
          </FullWidthRow>
        )}
        {rows?.length === 0 && (
          <FullWidthRow span={span}>
            <Text>{emptyMessage}</Text>
          </FullWidthRow>
        )}
        {rows?.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((column) =>
              column.rowHeader ? (
                <Table.Th key={column.key} scope="row" fw={500}>
                  {column.render(row)}
                </Table.Th>
              ) : (
                <Table.Td key={column.key}>{column.render(row)}</Table.Td>
              ),
            )}
            {actions.length > 0 && (
              <Table.Td>
                <RowActions row={row} actions={actions} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
