import { Box, Pagination } from '@mantine/core';

const controlLabels = {
  first: 'Première page',
  previous: 'Page précédente',
  next: 'Page suivante',
  last: 'Dernière page',
} as const;

interface ListPaginationProps {
  page: number;
  total: number;
  pageSize: number;
  onChange: (page: number) => void;
  /** Names the navigation landmark; must differ from the other navigations of the page. */
  label: string;
}

/** Page numbers with French names for every control; hidden when everything fits on one page. */
export function ListPagination({ page, total, pageSize, onChange, label }: ListPaginationProps) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  return (
    <Box component="nav" aria-label={label}>
      <Pagination
        value={page}
        total={pages}
        onChange={onChange}
        withEdges
        getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
        getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
      />
    </Box>
  );
}
