import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'unbatched-delete',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'A DELETE from an existing table with no WHERE, or a WHERE that does not bound it to a key range or batch.',
      why:
        'One statement that deletes a large share of a table holds a row lock on every deleted row until the ' +
        'transaction ends, writes WAL or binlog for each (replication lag), leaves dead rows for VACUUM (PostgreSQL) ' +
        'or a long purge (InnoDB), and fires every ON DELETE cascade in the same transaction. Bounded: `id BETWEEN ' +
        'a AND b`, a lower and an upper bound on one column, `id = ...`/`id IN (...)`, a sub-select with LIMIT, or ' +
        'MySQL `DELETE ... LIMIT n`.',
      unsafe: "DELETE FROM events WHERE created_at < now() - interval '90 days';",
      safe: [
        '-- in batches, each in its own short transaction, repeated until it deletes nothing',
        'DELETE FROM events WHERE id IN (',
        "  SELECT id FROM events WHERE created_at < now() - interval '90 days' ORDER BY id LIMIT 10000",
        ');',
      ].join('\n'),
      help: 'Delete in batches (a key range or a LIMITed sub-select), each in its own short transaction.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'delete' || op.where === 'bounded' || ctx.isNewTable(op.table)) return;
    const clause = op.where === 'none' ? 'with no WHERE' : 'with a WHERE that does not bound it to a key range or batch';
    ctx.report({
      message: `DELETE from "${op.table.name}" in one statement (${clause}) locks every row it deletes until the transaction ends.`,
    });
  },
};

export default rule;
