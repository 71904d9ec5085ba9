export { DataList, type DataListProps, NO_MATCH } from './DataList';
export { ListPagination } from './ListPagination';
export type { DataColumn, DateListFilter, ListFilter, RowAction, SelectListFilter } from './types';
