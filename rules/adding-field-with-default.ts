import type { Rule } from '../src/engine/rule.js';

/** PostgreSQL stores a constant default in the catalog instead of writing it into every row from this version. */
const FAST_DEFAULT_VERSION = 11;

const rule: Rule = {
  meta: {
    id: 'adding-field-with-default',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary:
        'Adding a column whose default must be written into every existing row: a volatile default, any default below PostgreSQL 11, or a MySQL expression default.',
      why:
        'ADD COLUMN takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes. From PostgreSQL 11 a ' +
        'default that is the same for every row (a literal, or a stable call such as now()) is kept in the catalog ' +
        'and the lock lasts a moment. A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval()) ' +
        'has to be computed row by row, so PostgreSQL rewrites the whole table and its indexes while holding the ' +
        'lock; before PostgreSQL 11 every non-NULL default does that. MySQL 8 adds a column with a literal default ' +
        'instantly, but a default written as an expression or calling UUID(), RAND() and the like forces a table ' +
        'copy (ALGORITHM=COPY) during which writes are blocked.',
      unsafe: 'ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();',
      safe: [
        '-- 1. add the column without a default (metadata only)',
        'ALTER TABLE orders ADD COLUMN public_id uuid;',
        '-- 2. set the default: only rows inserted from now on get it, no rewrite',
        'ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();',
        '-- 3. fill the existing rows in batches, outside the DDL transaction (ddlguard backfill)',
        'UPDATE orders SET public_id = gen_random_uuid() WHERE id >= 1 AND id < 10001 AND public_id IS NULL;',
        '-- MySQL: add the column without a default and backfill it in batches, or run the change with gh-ost / pt-online-schema-change',
      ].join('\n'),
      help: 'Add the column without a default, then SET DEFAULT (applies to new rows only), then backfill existing rows in batches.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'add-column' || ctx.isNewTable(op.table)) return;
    const { column } = op;
    // serial/identity and stored generated columns rewrite too, but have rules of their own
    if (!column.hasDefault || column.autoIncrement || column.generatedStored) return;
    const where = `column "${column.name}" to "${op.table.name}"`;
    if (ctx.dialect === 'mysql') {
      if (!column.defaultIsVolatile) return;
      ctx.report({
        message: `Adding ${where} with a default computed per row cannot be done in place: MySQL copies the whole table and blocks writes meanwhile.`,
      });
      return;
    }
    if (column.defaultIsVolatile) {
      ctx.report({
        message: `Adding ${where} with a volatile default rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
      });
      return;
    }
    if (ctx.pgVersion < FAST_DEFAULT_VERSION) {
      ctx.report({
        message: `Adding ${where} with a default rewrites the whole table under an ACCESS EXCLUSIVE lock before PostgreSQL ${FAST_DEFAULT_VERSION} (target: ${ctx.pgVersion}), blocking reads and writes.`,
        help: `Below PostgreSQL ${FAST_DEFAULT_VERSION} add the column without a default, SET DEFAULT in a second statement, then backfill existing rows in batches.`,
      });
    }
  },
};

export default rule;
