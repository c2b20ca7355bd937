import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'renaming-column',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Renaming a column of an existing table.',
      why:
        'The rename is instant, but every running instance of the application still reads and writes the old ' +
        'name: from the moment the migration commits until the last old instance is gone, their queries fail. ' +
        'Deploys are never atomic, so a direct rename always breaks something. The statement also takes an ' +
        'ACCESS EXCLUSIVE lock (PostgreSQL) or a metadata lock (MySQL) that queues behind long transactions.',
      unsafe: 'ALTER TABLE users RENAME COLUMN email TO email_address;',
      safe: [
        '-- expand: add the new column and write to both',
        'ALTER TABLE users ADD COLUMN email_address text;',
        '-- backfill in batches, then switch reads to the new column in the application',
        'UPDATE users SET email_address = email WHERE id BETWEEN 1 AND 10000;',
        '-- contract, in a later release once nothing uses the old name',
        'ALTER TABLE users DROP COLUMN email;',
      ].join('\n'),
      help: 'Expand and contract: add the new column, write both, backfill, switch reads, then drop the old one.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'rename-column' || ctx.isNewTable(op.table)) return;
    ctx.report({
      message: `Renaming column "${op.from}" of "${op.table.name}" to "${op.to}" breaks every running instance of the application that still uses the old name.`,
    });
  },
};

export default rule;
