import type { Rule } from '../src/engine/rule.js';
import type { ColumnSpec } from '../src/model/operations.js';

function target(column: ColumnSpec): string {
  const reference = column.references;
  if (reference === undefined) return '';
  const { schema, name: tableName } = reference.table;
  const name = schema ? `${schema}.${tableName}` : tableName;
  return reference.columns.length > 0 ? `${name} (${reference.columns.join(', ')})` : name;
}

const rule: Rule = {
  meta: {
    id: 'mysql-inline-references',
    defaultSeverity: 'error',
    dialects: ['mysql'],
    docs: {
      summary: 'A column definition with a column-level REFERENCES clause (CREATE TABLE or ADD COLUMN).',
      why:
        'MySQL parses an inline `REFERENCES t (c)` in a column definition and then ignores it: no foreign key is ' +
        'created, no error or warning is given, and nothing stops rows that point nowhere. Only a table-level ' +
        '`FOREIGN KEY (...) REFERENCES ...` creates one (MySQL 8.x and earlier; MariaDB 10.5+ and newer MySQL ' +
        'releases do create a key from the inline form, so the same migration builds different schemas on ' +
        'different servers). Unlike the rules about locks, this one also applies to tables created in the same ' +
        'file: the foreign key is missing either way.',
      unsafe: [
        'CREATE TABLE orders (',
        '  id bigint PRIMARY KEY,',
        '  customer_id bigint NOT NULL REFERENCES customers (id)',
        ');',
      ].join('\n'),
      safe: [
        'CREATE TABLE orders (',
        '  id bigint PRIMARY KEY,',
        '  customer_id bigint NOT NULL,',
        '  CONSTRAINT orders_customer_id_fk FOREIGN KEY (customer_id) REFERENCES customers (id)',
        ');',
      ].join('\n'),
      help: 'Declare the foreign key as a table-level constraint: CONSTRAINT name FOREIGN KEY (column) REFERENCES table (column).',
    },
  },
  check(op, ctx) {
    // no isNewTable check: a foreign key that is silently not created is a bug in a new table too
    if (op.kind !== 'create-table' && op.kind !== 'add-column') return;
    const columns = op.kind === 'create-table' ? op.columns : [op.column];
    for (const column of columns) {
      if (column.references === undefined) continue;
      ctx.report({
        message: `Column "${column.name}" of "${op.table.name}" declares REFERENCES ${target(column)} inline: MySQL parses and ignores it, so no foreign key is created.`,
        at: column.at,
      });
    }
  },
};

export default rule;
