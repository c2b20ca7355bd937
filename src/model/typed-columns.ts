import type { Operation, TableName } from './operations.js';

export interface TypedColumn {
  table: TableName;
  column: string;
  type: string;
  at: number;
}

/** Columns an operation declares or retypes: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN ... TYPE. */
export function typedColumns(op: Operation): TypedColumn[] {
  switch (op.kind) {
    case 'create-table':
      return op.columns.flatMap((c) => (c.type === undefined ? [] : [{ table: op.table, column: c.name, type: c.type, at: c.at }]));
    case 'add-column':
      return op.column.type === undefined ? [] : [{ table: op.table, column: op.column.name, type: op.column.type, at: op.column.at }];
    case 'change-type':
      return [{ table: op.table, column: op.column, type: op.newType, at: op.at }];
    default:
      return [];
  }
}
