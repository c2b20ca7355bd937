import type { Rule } from '../src/engine/rule.js';
import type { TableSetting } from '../src/model/operations.js';

const WHAT: Readonly<Record<TableSetting, (table: string) => string>> = {
  tablespace: (t) => `Moving "${t}" to another tablespace copies all of its data`,
  logged: (t) => `SET LOGGED rewrites "${t}" and writes all of it to the WAL`,
  unlogged: (t) =>
    `SET UNLOGGED rewrites "${t}" (and afterwards its contents are lost on a crash and no longer replicated to standbys)`,
  'access-method': (t) => `SET ACCESS METHOD rewrites "${t}" in the new storage format`,
};

const rule: Rule = {
  meta: {
    id: 'table-rewrite-setting',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'ALTER TABLE ... SET TABLESPACE, SET LOGGED, SET UNLOGGED or SET ACCESS METHOD on an existing table.',
      why:
        'Each of these writes the whole table anew while holding an ACCESS EXCLUSIVE lock on it, so every read ' +
        'and write waits until the copy is done: SET TABLESPACE copies the data files to the new tablespace, SET ' +
        'LOGGED and SET UNLOGGED rewrite the table (SET LOGGED also sends all of it through the WAL, which ' +
        'standbys must replay), and SET ACCESS METHOD rewrites it in the new format. SET UNLOGGED also means the ' +
        'table is emptied after a crash and is not replicated. On a partitioned parent SET TABLESPACE and SET ' +
        'ACCESS METHOD move no data (they set the default for future partitions), so that is not flagged.',
      unsafe: 'ALTER TABLE orders SET TABLESPACE fast_ssd;',
      safe: [
        '-- move the table online with the pg_repack extension, outside the migration:',
        '--   pg_repack --table=public.orders --tablespace=fast_ssd --moveidx mydb',
        '-- or plan a copy: a new table with the wanted setting, dual writes, a batched backfill, then a swap',
        'CREATE TABLE orders_new (LIKE orders INCLUDING ALL) TABLESPACE fast_ssd;',
      ].join('\n'),
      help: 'Plan a copy instead (pg_repack for a tablespace move, or a new table, dual writes, batched backfill and a swap).',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'table-setting' || ctx.isNewTable(op.table)) return;
    // a partitioned parent holds no data: these only set defaults for future partitions (or are refused)
    if (ctx.catalog.isPartitioned(op.table)) return;
    ctx.report({
      message: `${WHAT[op.setting](op.table.name)} under an ACCESS EXCLUSIVE lock: every read and write waits until it is done.`,
    });
  },
};

export default rule;
