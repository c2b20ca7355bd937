import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-drop-column',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Dropping a column of an existing table.',
      why:
        'Every instance of the application that is still running when the migration commits keeps naming the ' +
        'column: its SELECTs fail with "column does not exist", and ORMs that list every mapped column in their ' +
        'INSERTs and UPDATEs fail on every write. Deploys are never atomic, so some old code is always running. ' +
        'The values are gone too: rolling the application back cannot bring them back. The statement itself is ' +
        'short in PostgreSQL: it takes an ACCESS EXCLUSIVE lock (reads and writes wait, and it queues behind any ' +
        'long transaction) only to mark the column dropped, with no scan and no rewrite. MySQL and MariaDB rebuild ' +
        'the table unless they can drop the column instantly (MySQL 8.0.29+, MariaDB 10.4+). ' +
        'Down migrations are not flagged: there the drop is the rollback of what the up migration created.',
      unsafe: 'ALTER TABLE users DROP COLUMN legacy_plan;',
      safe: [
        '-- release 1: the application stops reading the column (remove it from the model, or mark it ignored)',
        '-- release 2: the application stops writing it; if it is NOT NULL without a default, relax that first',
        '-- release 3, once no running instance knows the column (and after a backup if the data may be needed):',
        '-- ddlguard-ignore ban-drop-column',
        'ALTER TABLE users DROP COLUMN legacy_plan;',
      ].join('\n'),
      help: 'Stop reading the column in one release and writing it in the next; drop it only once no running code knows it.',
    },
  },
  check(op, ctx) {
    // in a down migration, dropping what the up migration added is the rollback itself
    if (op.kind !== 'drop-column' || ctx.isNewTable(op.table) || ctx.statement.direction === 'down') return;
    ctx.report({
      message: `Dropping column "${op.column}" of "${op.table.name}" breaks every running instance of the application that still reads or writes it, and its data cannot be brought back.`,
    });
  },
};

export default rule;
