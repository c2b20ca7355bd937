import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'unbatched-update',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'An UPDATE of an existing table with no WHERE, or a WHERE that does not bound it to a key range or batch.',
      why:
        'One statement that updates a large share of a table holds a row lock on every row it touched until the ' +
        'transaction ends, so concurrent writers of those rows wait; it writes a new version of each row at once ' +
        '(WAL or binlog volume, replication lag, table and index bloat) and, inside a migration transaction, keeps ' +
        "the migration's DDL locks for its whole run. Bounded: `id BETWEEN a AND b`, a lower and an upper bound on " +
        'one column, `id = ...`/`id IN (...)`, a sub-select with LIMIT, or MySQL `UPDATE ... LIMIT n`. ' +
        'Not bounded: `WHERE col IS NULL`, `WHERE status = ...` and the like, which still touch an unknown share.',
      unsafe: "UPDATE users SET plan = 'free' WHERE plan IS NULL;",
      safe: [
        '-- in batches over the key, each in its own short transaction, outside the schema migration',
        "UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 10001 AND plan IS NULL;",
        "UPDATE users SET plan = 'free' WHERE id >= 10001 AND id < 20001 AND plan IS NULL;",
        '-- or let ddlguard run it: ddlguard backfill --table users --set "plan = \'free\'" --where "plan IS NULL" --batch 10000',
      ].join('\n'),
      help: 'Backfill in key-range batches, each in its own short transaction, outside the schema migration.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'update' || op.where === 'bounded' || ctx.isNewTable(op.table)) return;
    const scope = op.where === 'none' ? 'every row of' : 'rows of';
    const clause = op.where === 'none' ? 'with no WHERE' : 'with a WHERE that does not bound it to a key range or batch';
    ctx.report({
      message: `UPDATE of ${scope} "${op.table.name}" in one statement (${clause}) locks every row it touches until the transaction ends.`,
    });
  },
};

export default rule;
