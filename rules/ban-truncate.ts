import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-truncate',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'TRUNCATE of an existing table.',
      why:
        'TRUNCATE empties the table at once. In PostgreSQL it takes an ACCESS EXCLUSIVE lock on every table it ' +
        'empties (reads and writes wait, and it queues behind every running query on them); it does not scan the ' +
        'rows but swaps in new, empty files, so it is not MVCC-safe: transactions that started earlier see the ' +
        'table empty. With CASCADE it also empties every table that has a foreign key to it, and theirs in turn, ' +
        'which is easy to miss in review. MySQL and MariaDB drop and re-create the table, commit implicitly and ' +
        'cannot roll it back. Either way the data is gone once the migration commits.',
      unsafe: 'TRUNCATE events CASCADE;',
      safe: [
        '-- delete the rows you mean to delete, in batches, each in its own short transaction',
        "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < now() - interval '90 days' ORDER BY id LIMIT 10000);",
        '-- for a table that really must be emptied, do it by hand with a backup; name every table, without CASCADE',
      ].join('\n'),
      help: 'Delete the rows in batches instead; if the table must be emptied, do it deliberately, without CASCADE.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'truncate') return;
    // a table created earlier in this file has no rows worth keeping
    const existing = op.tables.filter((table) => !ctx.isNewTable(table));
    if (existing.length === 0) return;
    const names = existing.map((table) => `"${table.name}"`).join(', ');
    const target = existing.length === 1 ? 'it' : 'them';
    const cascade = op.cascade ? `, and CASCADE also empties every table with a foreign key to ${target}` : '';
    ctx.report({
      message: `TRUNCATE deletes every row of ${names} at once${cascade}; the data cannot be brought back once the migration commits.`,
    });
  },
};

export default rule;
