import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-required-field',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Adding a NOT NULL column without a default to an existing table.',
      why:
        'PostgreSQL refuses `ADD COLUMN ... NOT NULL` without a default as soon as the table has a row ' +
        '("column contains null values"), so the migration fails in production although it passed on an empty ' +
        'development database. MySQL fills the column with an implicit value instead, and in strict mode every ' +
        'INSERT from application code that does not know the column yet fails. Either way the deploy breaks.',
      unsafe: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;',
      safe: [
        '-- 1. add the column as nullable (or NOT NULL with a constant default: metadata-only from PostgreSQL 11)',
        'ALTER TABLE users ADD COLUMN plan text;',
        '-- 2. backfill in batches, outside the DDL transaction (ddlguard backfill)',
        "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;",
        '-- 3. enforce it without a long lock: a validated CHECK, then SET NOT NULL (PostgreSQL 12+)',
        'ALTER TABLE users ADD CONSTRAINT users_plan_not_null CHECK (plan IS NOT NULL) NOT VALID;',
        'ALTER TABLE users VALIDATE CONSTRAINT users_plan_not_null;',
        'ALTER TABLE users ALTER COLUMN plan SET NOT NULL;',
        'ALTER TABLE users DROP CONSTRAINT users_plan_not_null;',
      ].join('\n'),
      help: 'Add the column as nullable (or with a constant default), backfill it in batches, then enforce NOT NULL.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'add-column' || ctx.isNewTable(op.table)) return;
    const { column } = op;
    if (!column.notNull || column.hasDefault || column.autoIncrement || column.generatedStored) return;
    ctx.report({
      message: `Adding column "${column.name}" to "${op.table.name}" as NOT NULL without a default fails on a table with rows and breaks inserts from code that does not set it yet.`,
    });
  },
};

export default rule;
