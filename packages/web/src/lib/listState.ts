import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** What a list shows: page, search text, sort (`nom`, `-creeLe`) and extra filters, all as strings. */
export interface ListState {
  page: number;
  q: string;
  sort: string | undefined;
  filters: Record<string, string>;
}

export interface ListStateController {
  state: ListState;
  /** True when a search or a filter narrows the list. */
  isFiltered: boolean;
  setPage(page: number): void;
  setSearch(q: string): void;
  setSort(sort: string): void;
  setFilter(name: string, value: string): void;
  reset(): void;
}

type Update = (mutate: (params: URLSearchParams) => void, options?: { replace?: boolean }) => void;

export interface ListStateOptions {
  filters?: readonly string[];
  defaultSort?: string;
}

function controller(params: URLSearchParams, update: Update, filterNames: readonly string[], defaultSort?: string) {
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? '']));
  const q = params.get('q') ?? '';
  const setOrDelete = (p: URLSearchParams, key: string, value: string | undefined) => {
    if (value) p.set(key, value);
    else p.delete(key);
  };
  return {
    state: { page, q, sort: params.get('sort') ?? defaultSort, filters },
    isFiltered: q !== '' || Object.values(filters).some((v) => v !== ''),
    setPage: (next: number) => update((p) => setOrDelete(p, 'page', next > 1 ? String(next) : undefined)),
    // Typing refines the same search: it replaces the history entry instead of stacking one per letter.
    setSearch: (text: string) =>
      update(
        (p) => {
          setOrDelete(p, 'q', text.trim());
          p.delete('page');
        },
        { replace: true },
      ),
    setSort: (sort: string) =>
      update((p) => {
        setOrDelete(p, 'sort', sort === defaultSort ? undefined : sort);
        p.delete('page');
      }),
    setFilter: (name: string, value: string) =>
      update((p) => {
        setOrDelete(p, name, value);
        p.delete('page');
      }),
    reset: () =>
      update((p) => {
        for (const key of ['page', 'q', 'sort', ...filterNames]) p.delete(key);
      }),
  } satisfies ListStateController;
}

/** List state kept in the address bar, so that back/forward, reload and shared links show the same list. */
export function useUrlListState({ filters = [], defaultSort }: ListStateOptions = {}): ListStateController {
  const [params, setParams] = useSearchParams();
  // The router hands each render's parameters to its updater: two changes made before the next
  // render (a filter chosen while the debounced search fires) would each start from the same
  // address and the second would drop the first. Each change starts from the last one instead.
  const latest = useRef(params);
  const rendered = useRef(params);
  if (rendered.current !== params) {
    rendered.current = params;
    latest.current = params;
  }
  const filterKey = filters.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filters` is compared by content through filterKey
  return useMemo(() => {
    const update: Update = (mutate, options) => {
      const next = new URLSearchParams(latest.current);
      mutate(next);
      latest.current = next;
      setParams(next, options);
    };
    return controller(params, update, filters, defaultSort);
  }, [params, setParams, filterKey, defaultSort]);
}

/** The same state kept in memory, for a list inside a dialog that must not change the page address. */
export function useLocalListState({ filters = [], defaultSort }: ListStateOptions = {}): ListStateController {
  const [params, setParams] = useState(() => new URLSearchParams());
  const filterKey = filters.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filters` is compared by content through filterKey
  return useMemo(() => {
    const update: Update = (mutate) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        mutate(next);
        return next;
      });
    return controller(params, update, filters, defaultSort);
  }, [params, filterKey, defaultSort]);
}
