import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-trigger',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'CREATE TRIGGER on an existing table.',
      why:
        'CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock on the table. It neither rewrites nor scans the table, so ' +
        'it is quick once it has the lock, but the lock conflicts with the ROW EXCLUSIVE lock every INSERT, UPDATE ' +
        'and DELETE takes (reads go on): it must wait until every running write transaction on the table ends, ' +
        'and all writes queued behind it wait too. Inside a transaction the lock is held until COMMIT. From then ' +
        'on every write to the table also runs the trigger function, which adds its cost to each of them.',
      unsafe: [
        'CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders',
        '  FOR EACH ROW EXECUTE FUNCTION audit_row();',
      ].join('\n'),
      safe: [
        "-- give up quickly instead of queueing writes behind the lock, and retry (in a quiet window)",
        "SET lock_timeout = '2s';",
        'CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders',
        '  FOR EACH ROW EXECUTE FUNCTION audit_row();',
        '-- and commit right away: nothing else in the same transaction',
      ].join('\n'),
      help: "Set a short lock_timeout (e.g. SET lock_timeout = '2s') and retry, run it in a quiet window, and commit right after it.",
    },
  },
  check(op, ctx) {
    if (op.kind !== 'create-trigger' || ctx.isNewTable(op.table)) return;
    const name = op.name ? `trigger "${op.name}"` : 'a trigger';
    ctx.report({
      message: `Creating ${name} on "${op.table.name}" takes a SHARE ROW EXCLUSIVE lock: inserts, updates and deletes on "${op.table.name}" wait for it, and it waits for every running write.`,
    });
  },
};

export default rule;
