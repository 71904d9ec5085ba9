import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { ListStateController } from '../../lib/listState';
import { FrenchDateInput } from '../FrenchDateInput';
import type { ListFilter } from './types';

interface ListToolbarProps {
  list: ListStateController;
  filters: readonly ListFilter[];
  withSearch: boolean;
  searchDescription?: string;
  /** Accessible name of the search landmark. */
  label: string;
  createAction?: ReactNode;
}

/** Search box, extra filters, « Réinitialiser », and the create button on the right. */
export function ListToolbar({ list, filters, withSearch, searchDescription, label, createAction }: ListToolbarProps) {
  const { state } = list;
  const [text, setText] = useState(state.q);
  const applySearch = useDebouncedCallback((value: string) => list.setSearch(value), 350);

  // Back/forward or « Réinitialiser » change the search in the address: the box follows.
  useEffect(() => setText((current) => (current.trim() === state.q ? current : state.q)), [state.q]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    applySearch.cancel();
    list.setSearch(text);
  };

  return (
    <Group justify="space-between" align="flex-end" gap="md">
      <search aria-label={label}>
        <form onSubmit={onSubmit}>
          <Group align="flex-end" gap="sm">
            {withSearch && (
              <TextInput
                label="Rechercher"
                description={searchDescription}
                type="search"
                value={text}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  applySearch(event.currentTarget.value);
                }}
                leftSection={<IconSearch size={16} aria-hidden="true" />}
                w={{ base: '100%', xs: 280 }}
              />
            )}
            {filters.map((filter) =>
              filter.kind === 'date' ? (
                <FrenchDateInput
                  key={filter.name}
                  label={filter.label}
                  description={filter.description}
                  value={state.filters[filter.name] || null}
                  onChange={(value) => list.setFilter(filter.name, value ?? '')}
                  clearable
                  clearButtonProps={{ 'aria-label': `Effacer : ${filter.label}` }}
                  w={{ base: '100%', xs: 160 }}
                />
              ) : (
                <NativeSelect
                  key={filter.name}
                  label={filter.label}
                  value={state.filters[filter.name] ?? ''}
                  onChange={(event) => list.setFilter(filter.name, event.currentTarget.value)}
                  data={[{ value: '', label: filter.allLabel }, ...filter.options]}
                />
              ),
            )}
            <Button
              variant="default"
              onClick={() => {
                applySearch.cancel();
                setText('');
                list.reset();
              }}
            >
              Réinitialiser
            </Button>
          </Group>
        </form>
      </search>
      {createAction}
    </Group>
  );
}
