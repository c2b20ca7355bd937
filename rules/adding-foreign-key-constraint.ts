import { columnConstraintNotValidFix, notValidFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import type { TableName } from '../src/model/operations.js';

/** PostgreSQL accepts NOT VALID foreign keys on partitioned tables from this version. */
const PARTITIONED_NOT_VALID_VERSION = 18;

const rule: Rule = {
  meta: {
    id: 'adding-foreign-key-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Adding a foreign key to an existing table that checks every existing row at once (no NOT VALID).',
      why:
        'ADD FOREIGN KEY takes a SHARE ROW EXCLUSIVE lock on the table and on the table it references: reads go on, ' +
        'but INSERT, UPDATE and DELETE on both tables wait while PostgreSQL scans every row of the table and looks it ' +
        'up in the referenced one. Adding it NOT VALID takes the same locks only for a moment and checks new rows ' +
        'only; VALIDATE CONSTRAINT, run later in its own transaction, checks the old rows under SHARE UPDATE ' +
        'EXCLUSIVE (and ROW SHARE on the referenced table), which lets writes go on. ADD COLUMN ... REFERENCES with a ' +
        'default checks every row too, while holding ACCESS EXCLUSIVE on the table (without a default the new column ' +
        'is NULL everywhere and nothing is checked). MySQL and MariaDB have no NOT VALID: with foreign_key_checks on, ' +
        'adding a foreign key copies the table (ALGORITHM=COPY) and blocks writes to it until the copy ends.',
      unsafe: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);',
      safe: [
        '-- 1. add it without checking the existing rows (a brief lock on both tables)',
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey',
        '  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
        '-- 2. in a later transaction: check the existing rows while writes go on',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;',
        '-- MySQL / MariaDB: look for orphans first, then add it in place without the check',
        '-- SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.customer_id IS NOT NULL AND c.id IS NULL LIMIT 1;',
        '-- SET foreign_key_checks = 0;',
        '-- ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;',
        '-- SET foreign_key_checks = 1;',
      ].join('\n'),
      help: 'Add the foreign key with NOT VALID, then run VALIDATE CONSTRAINT in a later transaction.',
    },
  },
  check(op, ctx) {
    const quoted = (table: TableName): string => `"${table.name}"`;

    if (op.kind === 'add-constraint') {
      const { constraint } = op;
      if (constraint.kind !== 'foreign-key' || constraint.notValid || ctx.isNewTable(op.table)) return;
      const name = constraint.name ? `foreign key "${constraint.name}"` : 'a foreign key';
      const target = constraint.references ? quoted(constraint.references.table) : 'the referenced table';
      if (ctx.dialect === 'mysql') {
        ctx.report({
          message: `Adding ${name} to ${quoted(op.table)} copies the table while foreign_key_checks is on, blocking writes to ${quoted(op.table)} until every row is checked against ${target}.`,
          help: 'Check for orphan rows first, then add the foreign key with foreign_key_checks = 0 and ALGORITHM=INPLACE, LOCK=NONE.',
        });
        return;
      }
      const report: { message: string; help?: string; fix?: Fix } = {
        message: `Adding ${name} to ${quoted(op.table)} without NOT VALID blocks writes to ${quoted(op.table)} and ${target} (SHARE ROW EXCLUSIVE) while every row of ${quoted(op.table)} is checked.`,
      };
      if (ctx.catalog.isPartitioned(op.table) && ctx.pgVersion < PARTITIONED_NOT_VALID_VERSION) {
        report.help =
          `A partitioned table accepts NOT VALID foreign keys only from PostgreSQL ${PARTITIONED_NOT_VALID_VERSION}: add the foreign key NOT VALID to each partition and VALIDATE it there, ` +
          'then add it to the parent, which adopts the validated constraints of the partitions.';
      }
      const fix = ctx.catalog.isPartitioned(op.table) ? undefined : notValidFix(ctx, op, ctx.catalog);
      if (fix) report.fix = fix;
      ctx.report(report);
      return;
    }

    if (op.kind === 'add-column' && ctx.dialect === 'postgres') {
      const { column } = op;
      // MySQL ignores an inline REFERENCES (see mysql-inline-references); PostgreSQL checks nothing when the new
      // column is NULL in every row, so only a column that gets values for the existing rows is flagged.
      if (!column.references || ctx.isNewTable(op.table)) return;
      if (!column.hasDefault && !column.autoIncrement && !column.generatedStored) return;
      const fix = ctx.catalog.isPartitioned(op.table) ? undefined : columnConstraintNotValidFix(ctx, op, 'foreign-key', ctx.catalog);
      ctx.report({
        ...(fix ? { fix } : {}),
        message: `Adding column "${column.name}" to ${quoted(op.table)} with REFERENCES ${quoted(column.references.table)} and a value for every row checks each existing row, blocking writes to ${quoted(column.references.table)} (SHARE ROW EXCLUSIVE) and all access to ${quoted(op.table)} (ACCESS EXCLUSIVE) meanwhile.`,
        help: 'Add the column without REFERENCES, add the foreign key with NOT VALID, then run VALIDATE CONSTRAINT in a later transaction.',
      });
    }
  },
};

export default rule;
