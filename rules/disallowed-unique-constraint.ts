import { columnKeyUsingIndexFix, keyUsingIndexFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

/** USING INDEX is refused on a partitioned table, and its constraint does not adopt the partitions' indexes. */
const PARTITIONED_HELP =
  'A partitioned table takes no USING INDEX: if a unique index is enough, create it ON ONLY the parent, build the ' +
  "same index on each partition with CREATE UNIQUE INDEX CONCURRENTLY and ALTER INDEX ... ATTACH PARTITION it; " +
  'otherwise add the constraint in a quiet window.';

const rule: Rule = {
  meta: {
    id: 'disallowed-unique-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'Adding a UNIQUE constraint to an existing table without USING INDEX, or adding a column declared UNIQUE.',
      why:
        'ADD CONSTRAINT ... UNIQUE takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes, and ' +
        'keeps it while PostgreSQL builds the unique index over every row. ADD COLUMN ... UNIQUE does the same. ' +
        'CREATE UNIQUE INDEX CONCURRENTLY builds the same index while reads and writes go on, and ADD CONSTRAINT ... ' +
        'UNIQUE USING INDEX then turns it into the constraint in a moment.',
      unsafe: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
      safe: [
        '-- 1. build the index without blocking writes (outside a transaction)',
        'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);',
        '-- 2. turn it into the constraint (a brief lock; the index is renamed to users_email_key)',
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
      ].join('\n'),
      help: 'Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.',
    },
  },
  check(op, ctx) {
    if (op.kind === 'add-constraint') {
      const { constraint } = op;
      if (constraint.kind !== 'unique' || constraint.usingIndex !== undefined || ctx.isNewTable(op.table)) return;
      const name = constraint.name ? `unique constraint "${constraint.name}"` : 'a unique constraint';
      const columns = constraint.columns.length > 0 ? ` (${constraint.columns.join(', ')})` : '';
      const report: { message: string; help?: string; fix?: Fix } = {
        message: `Adding ${name}${columns} to "${op.table.name}" builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until the index is built.`,
      };
      if (ctx.catalog.isPartitioned(op.table)) report.help = PARTITIONED_HELP;
      const fix = keyUsingIndexFix(ctx, op, ctx.catalog);
      if (fix) report.fix = fix;
      ctx.report(report);
      return;
    }
    if (op.kind === 'add-column' && op.column.unique && !ctx.isNewTable(op.table)) {
      const fix = columnKeyUsingIndexFix(ctx, op, 'unique', ctx.catalog);
      ctx.report({
        ...(fix ? { fix } : {}),
        message: `Adding column "${op.column.name}" to "${op.table.name}" as UNIQUE builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until the index is built.`,
        help: 'Add the column without UNIQUE, build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.',
      });
    }
  },
};

export default rule;
