import { concurrentReindexFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

/** REINDEX ... CONCURRENTLY exists from PostgreSQL 12. */
const CONCURRENT_REINDEX_SINCE = 12;

const rule: Rule = {
  meta: {
    id: 'require-concurrent-reindex',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'REINDEX without CONCURRENTLY.',
      why:
        'A plain REINDEX takes a SHARE lock on the table, so every INSERT, UPDATE and DELETE waits, and an ACCESS ' +
        'EXCLUSIVE lock on each index it rebuilds. Because the planner locks every index of a table while planning ' +
        'any query on it, that index lock holds up nearly all SELECTs on the table as well, for as long as the ' +
        'rebuild takes (a full scan of the table and a sort per index). REINDEX TABLE, SCHEMA and DATABASE do this ' +
        'for many indexes in a row. REINDEX ... CONCURRENTLY (PostgreSQL 12+) builds a new copy of each index under ' +
        'SHARE UPDATE EXCLUSIVE, which lets reads and writes continue, and swaps it in; it cannot run inside a ' +
        'transaction block.',
      unsafe: 'REINDEX INDEX orders_customer_id_idx;',
      safe: [
        '-- PostgreSQL 12+, in a migration that does not run in a transaction',
        'REINDEX INDEX CONCURRENTLY orders_customer_id_idx;',
        '-- before PostgreSQL 12: build a replacement, then swap it in',
        'CREATE INDEX CONCURRENTLY orders_customer_id_idx_new ON orders (customer_id);',
        'DROP INDEX CONCURRENTLY orders_customer_id_idx;',
        'ALTER INDEX orders_customer_id_idx_new RENAME TO orders_customer_id_idx;',
      ].join('\n'),
      help: 'Use REINDEX ... CONCURRENTLY, in a migration that does not run inside a transaction.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'reindex' || op.concurrently) return;
    // An index created earlier in this file is not enough to stay silent: its table may well be an old one
    // (the catalog cannot say which table an index belongs to yet), and REINDEX locks that table.
    if (op.target === 'table' && ctx.isNewTable({ name: op.name })) return;

    const subject = {
      index: `index "${op.name}"`,
      table: `every index of "${op.name}"`,
      schema: op.name ? `every index in schema "${op.name}"` : 'every index in the schema',
      database: op.name ? `every index in database "${op.name}"` : 'every index in the database',
      system: 'every system catalog index',
    }[op.target];
    const report: { message: string; help?: string; fix?: Fix } = {
      message: `Rebuilding ${subject} without CONCURRENTLY blocks writes (SHARE lock on the table) and nearly all reads (ACCESS EXCLUSIVE lock on each index being rebuilt) until the rebuild is done.`,
    };
    if (op.target === 'system') {
      report.help =
        'System catalog indexes cannot be rebuilt concurrently: run REINDEX SYSTEM in a maintenance window, not in a migration.';
    } else if (ctx.pgVersion < CONCURRENT_REINDEX_SINCE) {
      report.help =
        `REINDEX CONCURRENTLY needs PostgreSQL 12 and the target is ${ctx.pgVersion}: upgrade, or build a replacement with ` +
        'CREATE INDEX CONCURRENTLY, drop the old index with DROP INDEX CONCURRENTLY and rename the new one.';
    } else if (ctx.statement.transaction.inTransaction) {
      report.help =
        'Use REINDEX ... CONCURRENTLY. It cannot run inside a transaction, and this statement runs in one: move it to a migration of its own that runs without a transaction.';
    }
    const fix = op.target !== 'system' && ctx.pgVersion >= CONCURRENT_REINDEX_SINCE ? concurrentReindexFix(ctx.statement.parsed) : undefined;
    if (fix) report.fix = fix;
    ctx.report(report);
  },
};

export default rule;
