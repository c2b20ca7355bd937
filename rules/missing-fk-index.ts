import type { Rule } from '../src/engine/rule.js';
import { tableKey, type Operation, type TableName } from '../src/model/operations.js';

/** A foreign key added by this file, followed through later renames and drops. */
interface ForeignKey {
  table: TableName;
  columns: string[];
  references?: TableName;
  name?: string;
  /** Where to report it: the statement, or the column that carries an inline REFERENCES. */
  at: number;
  /** One of its columns was added by this file: no index made before this file can cover it. */
  newColumn: boolean;
}

const same = (a: TableName, b: TableName): boolean => tableKey(a) === tableKey(b);
const lower = (names: string[]): string[] => names.map((n) => n.toLowerCase());

/** The index's leading columns are exactly the key's columns (in any order): lookups by the key can use it. */
function covers(indexColumns: string[], keyColumns: string[]): boolean {
  if (keyColumns.length === 0 || indexColumns.length < keyColumns.length) return false;
  const leading = new Set(lower(indexColumns.slice(0, keyColumns.length)));
  return lower(keyColumns).every((c) => leading.has(c));
}

/** Follows a later statement of the file: renames move a key, drops remove it. */
function follow(op: Operation, keys: ForeignKey[]): ForeignKey[] {
  switch (op.kind) {
    case 'rename-table':
      for (const key of keys) if (same(key.table, op.table)) key.table = { name: op.to };
      return keys;
    case 'rename-column':
      for (const key of keys) {
        if (same(key.table, op.table)) key.columns = key.columns.map((c) => (c.toLowerCase() === op.from.toLowerCase() ? op.to : c));
      }
      return keys;
    case 'drop-column':
      return keys.filter((key) => !(same(key.table, op.table) && lower(key.columns).includes(op.column.toLowerCase())));
    case 'drop-constraint':
      return keys.filter((key) => !(same(key.table, op.table) && key.name?.toLowerCase() === op.name.toLowerCase()));
    case 'drop-table':
      return keys.filter((key) => !op.tables.some((t) => same(t, key.table)));
    default:
      return keys;
  }
}

const rule: Rule = {
  meta: {
    id: 'missing-fk-index',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A foreign key whose referencing columns are not the leading columns of any index.',
      why:
        'PostgreSQL indexes the referenced key (it must be a primary key or unique), but not the referencing ' +
        'columns. Every DELETE of a parent row, and every UPDATE of its key, looks for child rows that still ' +
        'point at it; without an index on the child\'s columns each of those checks is a sequential scan of the ' +
        'whole child table, run while the parent row is locked, and ON DELETE CASCADE / SET NULL scan the same ' +
        'way. Deleting a thousand customers then reads the orders table a thousand times. Joins from parent to ' +
        'children cannot use an index either. MySQL creates such an index by itself; PostgreSQL does not. The ' +
        'index can be added at any time without blocking: CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, ' +
        'which lets reads and writes continue while it scans the table. The rule uses the schema built by the ' +
        'earlier migrations of the set, and indexes created later in the same file count; a table it knows ' +
        'nothing about is not reported.',
      unsafe: [
        'CREATE TABLE orders (',
        '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
        '  customer_id bigint NOT NULL REFERENCES customers (id)',
        ');',
      ].join('\n'),
      safe: [
        'CREATE TABLE orders (',
        '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
        '  customer_id bigint NOT NULL REFERENCES customers (id)',
        ');',
        'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
        '-- on a table in use: CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
      ].join('\n'),
      help: 'Create an index whose leading columns are the foreign key columns (CREATE INDEX CONCURRENTLY on a table in use).',
    },
  },
  check() {},
  checkFile(ctx) {
    let keys: ForeignKey[] = [];
    const addedColumns = new Set<string>();
    const columnKey = (table: TableName, column: string): string => `${tableKey(table)} ${column.toLowerCase()}`;
    const add = (key: Omit<ForeignKey, 'newColumn'>): void => {
      keys.push({ ...key, newColumn: key.columns.some((c) => addedColumns.has(columnKey(key.table, c))) });
    };
    for (const statement of ctx.statements) {
      // a function body does not run during the migration; a down section does not build the schema
      if (statement.parsed.context === 'function-body') continue;
      const at = statement.parsed.start;
      if (ctx.sections.find((s) => at >= s.start && at < s.end)?.direction === 'down') continue;
      for (const op of statement.operations) {
        keys = follow(op, keys);
        if (op.kind === 'create-table') {
          for (const column of op.columns) addedColumns.add(columnKey(op.table, column.name));
          for (const column of op.columns) {
            if (column.references) add({ table: op.table, columns: [column.name], references: column.references.table, at: column.at });
          }
          for (const c of op.constraints) {
            if (c.kind !== 'foreign-key') continue;
            add({ table: op.table, columns: c.columns, ...(c.references ? { references: c.references.table } : {}), ...(c.name ? { name: c.name } : {}), at: op.at });
          }
        }
        if (op.kind === 'add-column') {
          addedColumns.add(columnKey(op.table, op.column.name));
          if (op.column.references) add({ table: op.table, columns: [op.column.name], references: op.column.references.table, at: op.at });
        }
        if (op.kind === 'add-constraint' && op.constraint.kind === 'foreign-key') {
          const c = op.constraint;
          add({ table: op.table, columns: c.columns, ...(c.references ? { references: c.references.table } : {}), ...(c.name ? { name: c.name } : {}), at: op.at });
        }
      }
    }
    for (const key of keys) {
      // indexes of a table the schema does not know (created before the migrations ddlguard reads) are unknown
      if (!ctx.catalog.hasTable(key.table) && !key.newColumn) continue;
      if (ctx.catalog.indexes(key.table).some((index) => covers(index.columns, key.columns))) continue;
      const columns = key.columns.join(', ');
      const parent = key.references ? `"${key.references.name}"` : 'the referenced table';
      ctx.report({
        at: key.at,
        message: `Foreign key (${columns}) of "${key.table.name}" has no index starting with ${key.columns.length > 1 ? 'those columns' : 'that column'}: every DELETE from ${parent}, or change of its key, scans "${key.table.name}" for referencing rows.`,
      });
    }
  },
};

export default rule;
