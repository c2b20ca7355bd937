import { columnKeyUsingIndexFix, keyUsingIndexFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-primary-key-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'Adding a primary key to an existing table without USING INDEX.',
      why:
        'ADD PRIMARY KEY takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes, and keeps it ' +
        'while PostgreSQL builds the unique index over every row (and, for columns not yet NOT NULL, scans the table ' +
        'for NULLs). ADD COLUMN ... PRIMARY KEY does the same. Built beforehand with CREATE UNIQUE INDEX ' +
        'CONCURRENTLY, which lets reads and writes go on, the index turns into the primary key with USING INDEX in a ' +
        'moment: no build, and no scan once the columns are NOT NULL.',
      unsafe: 'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);',
      safe: [
        '-- 1. build the index without blocking writes (outside a transaction)',
        'CREATE UNIQUE INDEX CONCURRENTLY events_pkey_idx ON events (id);',
        '-- 2. if id is not NOT NULL yet: CHECK (id IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL (see adding-not-nullable-field)',
        '-- 3. turn the index into the primary key (a brief lock; the index is renamed to events_pkey)',
        'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey_idx;',
      ].join('\n'),
      help: 'Build a unique index with CREATE UNIQUE INDEX CONCURRENTLY, make the columns NOT NULL, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
    },
  },
  check(op, ctx) {
    if (op.kind === 'add-constraint') {
      const { constraint } = op;
      if (constraint.kind !== 'primary-key' || constraint.usingIndex !== undefined || ctx.isNewTable(op.table)) return;
      const name = constraint.name ? `primary key "${constraint.name}"` : 'a primary key';
      const columns = constraint.columns.length > 0 ? ` (${constraint.columns.join(', ')})` : '';
      const report: { message: string; help?: string; fix?: Fix } = {
        message: `Adding ${name}${columns} to "${op.table.name}" builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until the index is built.`,
      };
      if (ctx.catalog.isPartitioned(op.table)) {
        report.help =
          'A partitioned table takes no USING INDEX, so its primary key is always built under the lock: add it in a quiet window, ' +
          'or, if uniqueness is what you need, use a unique index created ON ONLY the parent with each partition\'s index built CONCURRENTLY and attached.';
      }
      const fix = keyUsingIndexFix(ctx, op, ctx.catalog);
      if (fix) report.fix = fix;
      ctx.report(report);
      return;
    }
    if (op.kind === 'add-column' && op.column.primaryKey && !ctx.isNewTable(op.table)) {
      const fix = columnKeyUsingIndexFix(ctx, op, 'primary-key', ctx.catalog);
      ctx.report({
        ...(fix ? { fix } : {}),
        message: `Adding column "${op.column.name}" to "${op.table.name}" as its primary key builds the index under an ACCESS EXCLUSIVE lock, blocking reads and writes until the index is built.`,
        help: 'Add the column first, fill it, build a unique index on it with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
      });
    }
  },
};

export default rule;
