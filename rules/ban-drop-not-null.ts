import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-drop-not-null',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Dropping NOT NULL from a column of an existing table.',
      why:
        'The change itself is cheap in PostgreSQL: ALTER COLUMN ... DROP NOT NULL takes an ACCESS EXCLUSIVE lock ' +
        '(reads and writes wait, and it queues behind any long transaction) only to update the catalog, with no ' +
        'scan and no rewrite. (MySQL\'s MODIFY COLUMN ... NULL rebuilds the table in place.) The danger is the ' +
        'contract it breaks: application code that is still running, other services, reports, exports and replicas ' +
        'consuming the table may assume the column always has a value, and fail or misbehave on the first NULL the ' +
        'new code writes. Like other backward-incompatible changes it needs every reader updated first.',
      unsafe: 'ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;',
      safe: [
        '-- 1. release readers that handle NULL in orders.shipped_at (and check every other consumer of the table)',
        '-- 2. then relax the constraint, acknowledged:',
        '-- ddlguard-ignore ban-drop-not-null',
        'ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;',
        '-- 3. only then release code that writes NULL',
      ].join('\n'),
      help: 'Make every reader of the column handle NULL first; then drop NOT NULL, then start writing NULLs.',
    },
  },
  check(op, ctx) {
    // a table created earlier in this file has no readers yet that could rely on the constraint
    if (op.kind !== 'drop-not-null' || ctx.isNewTable(op.table)) return;
    // MySQL's MODIFY ... NULL restates nullability: nothing is dropped from a column known to be nullable already
    if (ctx.catalog.columnNotNull(op.table, op.column) === false) return;
    ctx.report({
      message: `Dropping NOT NULL from "${op.column}" of "${op.table.name}": code and consumers that assume it always has a value break on the first NULL.`,
    });
  },
};

export default rule;
