import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-drop-database',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'DROP DATABASE in a migration.',
      why:
        'It deletes every table and every row of the database at once, and no migration tool can roll it back. ' +
        'PostgreSQL refuses to run it inside a transaction block and while any other session is connected to the ' +
        'database (it needs the database to itself, locked exclusively); `WITH (FORCE)` (PostgreSQL 13+) ' +
        'terminates those sessions first. Nothing is scanned: the whole database, not one table, simply goes away. In MySQL and MariaDB, DROP DATABASE (also spelt DROP ' +
        'SCHEMA) drops every table of the schema and commits implicitly. A migration that runs against production ' +
        'has no business doing this; test set-up and tear-down belong in the test harness.',
      unsafe: 'DROP DATABASE analytics;',
      safe: [
        '-- not in a migration: drop databases by hand, after a backup, with the owner of the data',
        '-- pg_dump --format=custom --file=analytics.dump analytics',
        '-- psql -c "DROP DATABASE analytics"',
      ].join('\n'),
      help: 'Do not drop databases in migrations: do it by hand, after a backup, outside the migration set.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'drop-database') return;
    ctx.report({
      message: `Dropping database "${op.name}" deletes every table and row in it; no migration can undo that.`,
    });
  },
};

export default rule;
