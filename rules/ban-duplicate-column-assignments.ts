import type { Rule } from '../src/engine/rule.js';

/** Names that occur more than once, each once, in order of their second occurrence. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k) && !reported.has(k)) {
      out.push(item);
      reported.add(k);
    }
    seen.add(k);
  }
  return out;
}

const rule: Rule = {
  meta: {
    id: 'ban-duplicate-column-assignments',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'The same column twice in an UPDATE ... SET list, an INSERT column list or a CREATE TABLE.',
      why:
        'It is always a mistake, usually a copy-paste or a merge: one of the two values was meant for another ' +
        'column. PostgreSQL rejects it when the migration runs ("multiple assignments to same column", "column ' +
        'specified more than once"), so the deploy fails, possibly half-way through a migration that does not run ' +
        'in a transaction. MySQL rejects the INSERT and the CREATE TABLE, but accepts the UPDATE and silently keeps ' +
        'the last value. The statement takes the usual locks (ROW EXCLUSIVE and row locks for UPDATE and INSERT, ' +
        'ACCESS EXCLUSIVE on the new table); the problem is the statement itself. MySQL column names are compared ' +
        'without regard to case; PostgreSQL compares names as the parser folded them ("Email" and email differ).',
      unsafe: "UPDATE users SET plan = 'free', plan = 'trial' WHERE id BETWEEN 1 AND 10000;",
      safe: "UPDATE users SET plan = 'free', plan_changed_at = now() WHERE id BETWEEN 1 AND 10000;",
      help: 'Remove the repeated column, or name the column that the second value was meant for.',
    },
  },
  check(op, ctx) {
    // MySQL column names are case-insensitive; PostgreSQL's parser already folded unquoted names
    const key = ctx.dialect === 'mysql' ? (name: string) => name.toLowerCase() : (name: string) => name;
    switch (op.kind) {
      case 'update':
        for (const column of duplicates(op.columns, key)) {
          ctx.report({ message: `Column "${column}" is assigned twice in the SET list of UPDATE "${op.table.name}".` });
        }
        return;
      case 'insert':
        for (const column of duplicates(op.columns, key)) {
          ctx.report({ message: `Column "${column}" appears twice in the column list of INSERT INTO "${op.table.name}".` });
        }
        return;
      case 'create-table':
        for (const column of duplicates(op.columns, (c) => key(c.name))) {
          ctx.report({ message: `Column "${column.name}" is defined twice in CREATE TABLE "${op.table.name}".`, at: column.at });
        }
        return;
      default:
        return;
    }
  },
};

export default rule;
