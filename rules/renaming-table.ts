import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'renaming-table',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Renaming an existing table.',
      why:
        'Application instances still running the previous release query the old name; they fail from the moment ' +
        'the rename commits. The rename also takes an ACCESS EXCLUSIVE lock (PostgreSQL) or an exclusive metadata ' +
        'lock (MySQL), which waits behind any long transaction on the table and blocks everything queued after it.',
      unsafe: 'ALTER TABLE customers RENAME TO accounts;',
      safe: [
        '-- create the new table and keep both in step (or expose the old name as a view)',
        'CREATE TABLE accounts (LIKE customers INCLUDING ALL);',
        '-- dual-write from the application, backfill in batches, switch reads, then drop the old table later',
        '-- alternatively: rename, and create a view with the old name in the same transaction',
        'BEGIN;',
        'ALTER TABLE customers RENAME TO accounts;',
        'CREATE VIEW customers AS SELECT * FROM accounts;',
        'COMMIT;',
      ].join('\n'),
      help: 'Create the new table (or a view under the old name), dual-write, switch reads, then drop the old name later.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'rename-table' || ctx.isNewTable(op.table)) return;
    ctx.report({
      message: `Renaming table "${op.table.name}" to "${op.to}" breaks every running instance of the application that still uses the old name.`,
    });
  },
};

export default rule;
