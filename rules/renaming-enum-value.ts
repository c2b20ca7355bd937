import type { Rule } from '../src/engine/rule.js';

/** A label as SQL text: 'it''s'. */
function label(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const rule: Rule = {
  meta: {
    id: 'renaming-enum-value',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'ALTER TYPE ... RENAME VALUE.',
      why:
        'Renaming an enum label takes an EXCLUSIVE lock on the type itself, not on any table, and neither rewrites ' +
        'nor scans a table: the stored values follow the new label at once. The danger is compatibility. The ' +
        'application code running while the migration is deployed still uses the old label: every INSERT or ' +
        'UPDATE that writes it fails with "invalid input value for enum", and queries that compare with it ' +
        'silently match nothing. Other consumers (reports, ETL jobs, replicas of the schema in other services) ' +
        'break the same way.',
      unsafe: "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
      safe: [
        '-- 1. add the new label (before PostgreSQL 12: outside a transaction)',
        "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';",
        '-- 2. deploy code that writes the new label and reads both',
        '-- 3. migrate the rows in batches, outside the DDL transaction (ddlguard backfill)',
        "UPDATE orders SET status = 'cancelled' WHERE id >= 1 AND id < 10001 AND status = 'canceled';",
        '-- 4. stop using the old label (an enum label cannot be dropped; leave it unused)',
      ].join('\n'),
      help: 'Add the new label, switch the code and the rows over to it, and stop using the old one instead of renaming it.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'enum-rename-value') return;
    ctx.report({
      message: `Renaming value ${label(op.from)} of enum "${op.type}" to ${label(op.to)} breaks code that still uses ${label(op.from)}: writing it fails, and comparisons with it match nothing.`,
    });
  },
};

export default rule;
