import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface DataColumn<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort value for this column; makes the header a sort button. */
  sortKey?: string;
  /** The column that names the row (read by screen readers before each cell). */
  rowHeader?: boolean;
}

export interface RowAction<T> {
  key: string;
  /** Accessible name naming the row, e.g. « Modifier le compte de Camille MARTIN ». */
  label: (row: T) => string;
  icon: Icon;
  onClick: (row: T) => void;
  color?: string;
  visible?: (row: T) => boolean;
}

/** A filter chosen in a list of values (the default kind). */
export interface SelectListFilter {
  kind?: 'select';
  name: string;
  label: string;
  /** Label of the empty value, e.g. « Tous les rôles ». */
  allLabel: string;
  options: readonly { value: string; label: string }[];
}

/** A date typed as JJ/MM/AAAA and sent as ISO (`du`, `au` of a period). */
export interface DateListFilter {
  kind: 'date';
  name: string;
  label: string;
  description?: string;
}

export type ListFilter = SelectListFilter | DateListFilter;
