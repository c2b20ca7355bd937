import { concurrentIndexFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'require-concurrent-index-creation',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'CREATE INDEX without CONCURRENTLY on an existing table.',
      why:
        'A plain CREATE INDEX takes a SHARE lock on the table for the whole build: reads go on, but every INSERT, ' +
        'UPDATE and DELETE waits until the index is built, which on a large table is minutes. CREATE INDEX ' +
        'CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead and lets writes continue (it scans the table twice and ' +
        'cannot run inside a transaction block).',
      unsafe: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
      safe: [
        '-- in a migration that does not run in a transaction',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);',
        '-- if it fails, it leaves an INVALID index: drop it (DROP INDEX CONCURRENTLY) and retry',
      ].join('\n'),
      help: 'Use CREATE INDEX CONCURRENTLY, in a migration that does not run inside a transaction.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'create-index' || op.concurrently || ctx.isNewTable(op.table)) return;
    // a partitioned parent cannot be indexed concurrently at all: index-on-partitioned-table says what to do
    if (ctx.catalog.isPartitioned(op.table)) return;
    const name = op.name ? `index "${op.name}"` : 'an index';
    const report: { message: string; help?: string; fix?: Fix } = {
      message: `Creating ${name} on "${op.table.name}" without CONCURRENTLY blocks writes to "${op.table.name}" (SHARE lock) until the index is built.`,
    };
    if (ctx.statement.transaction.inTransaction) {
      report.help =
        'Use CREATE INDEX CONCURRENTLY. It cannot run inside a transaction, and this statement runs in one: move it to a migration of its own that runs without a transaction.';
    }
    // a partitioned parent cannot be indexed CONCURRENTLY (index-on-partitioned-table explains the alternative)
    const fix = op.only || ctx.catalog.isPartitioned(op.table) ? undefined : concurrentIndexFix(ctx.statement.parsed, 'CREATE');
    if (fix) report.fix = fix;
    ctx.report(report);
  },
};

export default rule;
