import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-cluster',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'CLUSTER, which rewrites a table in index order.',
      why:
        'CLUSTER writes a new copy of the table with its rows sorted by an index and rebuilds all of its indexes, ' +
        'holding an ACCESS EXCLUSIVE lock the whole time: every read and write of the table waits until the copy ' +
        'is finished, and it needs disk space for the copy and the sort. Without a table name it does this to ' +
        'every table that was clustered before. The order is not maintained afterwards, so it tends to be repeated. ' +
        'pg_repack can reorder a table by a key while holding an exclusive lock only briefly at the start and the end.',
      unsafe: 'CLUSTER orders USING orders_created_at_idx;',
      safe: [
        '-- remember the index to order by (metadata only, no rewrite)',
        'ALTER TABLE orders CLUSTER ON orders_created_at_idx;',
        '-- then reorder online with the pg_repack extension, outside the migration:',
        '--   pg_repack --table=public.orders --order-by=created_at mydb',
      ].join('\n'),
      help: 'Reorder the table online with pg_repack (--order-by) outside the migration instead of CLUSTER.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'cluster') return;
    if (op.table === undefined) {
      ctx.report({
        message:
          'CLUSTER without a table name rewrites every previously clustered table of the database, each under an ACCESS EXCLUSIVE lock that blocks all its reads and writes.',
      });
      return;
    }
    if (ctx.isNewTable(op.table)) return;
    ctx.report({
      message: `CLUSTER rewrites "${op.table.name}" and rebuilds its indexes under an ACCESS EXCLUSIVE lock: every read and write waits until it is done.`,
    });
  },
};

export default rule;
