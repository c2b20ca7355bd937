import { concurrentDetachFix, type Fix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'require-concurrent-partition-detach',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    // DETACH PARTITION ... CONCURRENTLY exists from PostgreSQL 14; before that there is no alternative to flag.
    pgVersions: { min: 14 },
    docs: {
      summary: 'ALTER TABLE ... DETACH PARTITION without CONCURRENTLY.',
      why:
        'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table (and on the partition): ' +
        'every read and write of every partition through the parent waits, and if the statement itself waits ' +
        'behind a long-running query, everything queued behind it waits too. It does not rewrite or scan data. ' +
        'DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) takes only SHARE UPDATE EXCLUSIVE on the parent and ' +
        'runs in two transactions, waiting for queries that use the parent instead of blocking them. It cannot ' +
        'run inside a transaction block, and it is refused when the parent has a DEFAULT partition.',
      unsafe: 'ALTER TABLE events DETACH PARTITION events_2023;',
      safe: [
        '-- in a migration that does not run in a transaction',
        'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;',
        '-- if it is interrupted, finish it with:',
        '-- ALTER TABLE events DETACH PARTITION events_2023 FINALIZE;',
      ].join('\n'),
      help:
        'Use DETACH PARTITION ... CONCURRENTLY, in a migration that does not run inside a transaction (not possible when the parent has a DEFAULT partition).',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'detach-partition' || op.concurrently || ctx.isNewTable(op.table)) return;
    const report: { message: string; help?: string; fix?: Fix } = {
      message: `Detaching partition "${op.partition.name}" from "${op.table.name}" without CONCURRENTLY blocks every read and write of "${op.table.name}" (ACCESS EXCLUSIVE lock).`,
    };
    if (ctx.statement.transaction.inTransaction) {
      report.help =
        'Use DETACH PARTITION ... CONCURRENTLY. It cannot run inside a transaction, and this statement runs in one: move it to a migration of its own that runs without a transaction.';
    }
    const fix = concurrentDetachFix(ctx, op);
    if (fix) report.fix = fix;
    ctx.report(report);
  },
};

export default rule;
