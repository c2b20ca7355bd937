import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-drop-table',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Dropping an existing table.',
      why:
        'Code that is still deployed when the migration commits keeps querying the table and fails ("relation does ' +
        'not exist"), and the rows are gone for good: rolling the application back cannot restore them. In ' +
        'PostgreSQL, DROP TABLE takes an ACCESS EXCLUSIVE lock on the table (reads and writes wait, and it queues ' +
        'behind any long transaction) and, when the table has foreign keys, also on every table they reference, ' +
        'whose integrity triggers it removes. It neither scans nor rewrites anything. MySQL commits implicitly ' +
        'around it, so it cannot be rolled back either. ' +
        'Down migrations are not flagged: there the drop is the rollback of what the up migration created.',
      unsafe: 'DROP TABLE legacy_sessions;',
      safe: [
        '-- 1. release code that no longer reads or writes the table; watch that nothing touches it any more',
        '--    (PostgreSQL: pg_stat_user_tables.seq_scan / idx_scan / n_tup_ins stay flat)',
        '-- 2. back it up if the data may be needed, e.g. pg_dump --table=legacy_sessions',
        '-- 3. drop it in a later migration, acknowledged:',
        '-- ddlguard-ignore ban-drop-table',
        'DROP TABLE legacy_sessions;',
      ].join('\n'),
      help: 'Remove every use of the table in an earlier release and back it up; then drop it in a migration of its own.',
    },
  },
  check(op, ctx) {
    // in a down migration, dropping what the up migration created is the rollback itself
    if (op.kind !== 'drop-table' || ctx.statement.direction === 'down') return;
    // a table created earlier in this file is a scratch table: nothing else uses it yet
    const existing = op.tables.filter((table) => !ctx.isNewTable(table));
    if (existing.length === 0) return;
    const names = existing.map((table) => `"${table.name}"`).join(', ');
    const noun = existing.length === 1 ? 'table' : 'tables';
    ctx.report({
      message: `Dropping ${noun} ${names} deletes ${existing.length === 1 ? 'its' : 'their'} data for good and breaks every running instance of the application that still uses ${existing.length === 1 ? 'it' : 'them'}.`,
    });
  },
};

export default rule;
