import type { Rule } from '../src/engine/rule.js';
import type { Operation } from '../src/model/operations.js';

type CreateIndex = Extract<Operation, { kind: 'create-index' }>;

function finding(op: CreateIndex, table: string): { message: string; at: number } {
  const name = op.name ? `index "${op.name}"` : 'an index';
  if (op.concurrently) {
    return {
      message: `Creating ${name} CONCURRENTLY on "${table}" fails: "${table}" is partitioned, and PostgreSQL cannot build an index on a partitioned table concurrently.`,
      at: op.at,
    };
  }
  return {
    message: `Creating ${name} on partitioned table "${table}" builds it on every partition in one statement, blocking writes to all of them (SHARE lock) until the last one is built; it cannot be done CONCURRENTLY.`,
    at: op.at,
  };
}

const rule: Rule = {
  meta: {
    id: 'index-on-partitioned-table',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'CREATE INDEX on a partitioned table (other than ON ONLY), which cannot be built concurrently.',
      why:
        'CREATE INDEX on a partitioned parent builds the index on every partition in the same statement, taking a ' +
        'SHARE lock on the parent and on each partition and scanning every one of them: reads go on, but INSERT, ' +
        'UPDATE and DELETE on the whole table wait until the last partition is indexed. PostgreSQL refuses ' +
        'CREATE INDEX CONCURRENTLY on a partitioned table, so the usual fix does not apply. Instead, create the ' +
        'index on the parent alone with ON ONLY (metadata only; the index stays invalid), build each partition\'s ' +
        'index CONCURRENTLY, and attach them; the parent index becomes valid once every partition has one.',
      unsafe: 'CREATE INDEX events_created_at_idx ON events (created_at);',
      safe: [
        '-- 1. the parent index alone (invalid until every partition has its index attached)',
        'CREATE INDEX IF NOT EXISTS events_created_at_idx ON ONLY events (created_at);',
        '-- 2. per partition, in a migration that does not run in a transaction',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2024_created_at_idx ON events_2024 (created_at);',
        'ALTER INDEX events_created_at_idx ATTACH PARTITION events_2024_created_at_idx;',
        '-- repeat step 2 for every partition',
      ].join('\n'),
      help:
        'Create the index ON ONLY the parent, build each partition\'s index CONCURRENTLY, then ALTER INDEX ... ATTACH PARTITION each one.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'create-index' || ctx.isNewTable(op.table) || op.only) return;
    if (!ctx.catalog.isPartitioned(op.table)) return;
    ctx.report(finding(op, op.table.name));
  },
};

export default rule;
