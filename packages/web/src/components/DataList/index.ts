export { DataList, type DataListProps, NO_MATCH } from './DataList';
export { ListPagination } from './ListPagination';
export type { DataColumn, ListFilter, RowAction } from './types';
