import { concurrentIndexFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'require-concurrent-index-deletion',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'DROP INDEX without CONCURRENTLY.',
      why:
        "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: every read and write of the " +
        'table waits, and if the DROP itself waits behind a long-running query, everything queued behind it waits ' +
        'too. DROP INDEX CONCURRENTLY waits for running transactions without blocking new ones (it cannot run ' +
        'inside a transaction block and drops one index at a time).',
      unsafe: 'DROP INDEX orders_customer_id_idx;',
      safe: [
        '-- in a migration that does not run in a transaction',
        'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;',
      ].join('\n'),
      help: 'Use DROP INDEX CONCURRENTLY (one index per statement), in a migration that does not run inside a transaction.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'drop-index' || op.concurrently) return;
    // an index built in this file on a table built in this file has no readers; one on an existing table still
    // takes ACCESS EXCLUSIVE on that table when dropped
    const onNewTable = (name: string): boolean => {
      const table = ctx.catalog.indexTable(name);
      return ctx.isNewIndex(name) && table !== undefined && ctx.isNewTable(table);
    };
    const existing = op.names.filter((name) => !onNewTable(name));
    if (existing.length === 0) return;
    const names = existing.map((n) => `"${n}"`).join(', ');
    const parsed = ctx.statement.parsed;
    // DROP INDEX CONCURRENTLY takes one index and no CASCADE: those are left to the author
    const single = op.names.length === 1 && parsed.dialect === 'postgres' && 'DropStmt' in parsed.ast && parsed.ast.DropStmt.behavior !== 'DROP_CASCADE';
    const fix = single ? concurrentIndexFix(parsed, 'DROP') : undefined;
    ctx.report({
      message: `Dropping index ${names} without CONCURRENTLY blocks every read and write of its table (ACCESS EXCLUSIVE lock).`,
      ...(fix ? { fix } : {}),
    });
  },
};

export default rule;
