import type { LockContext } from '../locks/index.js';
import type { CatalogView } from '../model/catalog.js';
import type { TableName } from '../model/operations.js';

/** What src/locks may ask, answered from the schema replayed so far. */
export function lockContext(pgVersion: number, catalog: CatalogView): LockContext {
  const byName = (table: TableName, name: string) =>
    catalog.constraints(table).find((c) => c.name?.toLowerCase() === name.toLowerCase());
  return {
    pgVersion,
    columnType: (table, column) => catalog.columnType(table, column),
    notNullCheckValidated: (table, column) =>
      catalog.constraints(table).some((c) => c.kind === 'check' && c.validated && c.notNullOf === column),
    columnNotNull: (table, column) => catalog.columnNotNull(table, column),
    indexTable: (index) => catalog.indexTable(index),
    constraint: (table, name) => {
      const found = byName(table, name);
      if (!found) return undefined;
      return found.references ? { kind: found.kind, references: found.references.table } : { kind: found.kind };
    },
  };
}
