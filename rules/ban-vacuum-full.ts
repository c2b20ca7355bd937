import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-vacuum-full',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'VACUUM FULL.',
      why:
        'VACUUM FULL writes a complete new copy of the table, without the dead rows, and rebuilds all of its ' +
        'indexes, holding an ACCESS EXCLUSIVE lock the whole time: every read and write of the table waits until ' +
        'the copy is finished, which on a large table is minutes to hours. It also needs free disk space for the ' +
        'new copy next to the old one. Without a table name it does this to every table of the database in turn. ' +
        'A plain VACUUM takes only SHARE UPDATE EXCLUSIVE and runs alongside reads and writes (it makes the space ' +
        'reusable rather than returning it to the operating system); pg_repack reclaims the space while holding ' +
        'an exclusive lock only briefly at the start and the end.',
      unsafe: 'VACUUM FULL orders;',
      safe: [
        '-- usually enough: dead rows become reusable space, reads and writes go on',
        'VACUUM (ANALYZE) orders;',
        '-- to give the space back to the operating system without a long lock, use the pg_repack extension',
        '-- (or REPACK ... CONCURRENTLY on servers that provide it), outside the migration:',
        '--   pg_repack --table=public.orders --no-order mydb',
      ].join('\n'),
      help: 'Use a plain VACUUM, or pg_repack (REPACK CONCURRENTLY where available) outside the migration to reclaim space without a long exclusive lock.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'vacuum' || !op.full) return;
    if (op.tables.length === 0) {
      ctx.report({
        message:
          'VACUUM FULL without a table name rewrites every table of the database in turn, each under an ACCESS EXCLUSIVE lock that blocks all its reads and writes.',
      });
      return;
    }
    const existing = op.tables.filter((table) => !ctx.isNewTable(table));
    if (existing.length === 0) return;
    const names = existing.map((t) => `"${t.name}"`).join(', ');
    ctx.report({
      message: `VACUUM FULL of ${names} rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock: every read and write waits until it is done.`,
    });
  },
};

export default rule;
