import type { Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { SQL_NAMES } from '../src/locks/index.js';
import { tableKey, type Operation } from '../src/model/operations.js';
import { remember, existingLocks, relationKey, relationText, executedStatements, type Created } from '../src/engine/executed-statements.js';

/** A lock that blocks writes (or reads and writes), held until the transaction ends. */
interface Held {
  statement: StatementInfo;
  /** `the ACCESS EXCLUSIVE lock on "users"`, `row locks on every row of "users"`. */
  lock: string;
  /** `"users"`, or a description of the relations. */
  relation: string;
  /** The relation's key when it names one table (for statements that only touch what is already locked). */
  key?: string;
  blocksReads: boolean;
  accessExclusive: boolean;
}

/** MySQL and MariaDB commit the open transaction before any DDL statement, which releases every lock it held. */
const commitsImplicitly = (op: Operation): boolean =>
  !['update', 'delete', 'insert', 'set-timeout', 'transaction'].includes(op.kind);

const control = (statement: StatementInfo): 'begin' | 'commit' | 'rollback' | undefined => {
  const op = statement.operations.find((o) => o.kind === 'transaction');
  return op?.kind === 'transaction' ? op.action : undefined;
};

function postgresHeld(statement: StatementInfo, created: Created): Held[] {
  return existingLocks(statement, created)
    .filter((p) => p.blocks.includes('writes') && !p.concurrent)
    .map((p) => {
      const held: Held = {
        statement,
        lock: `the ${SQL_NAMES[p.mode]} lock on ${relationText(p)}`,
        relation: relationText(p),
        blocksReads: p.blocks.includes('reads'),
        accessExclusive: p.mode === 'AccessExclusiveLock',
      };
      if (!p.placeholder && p.target === 'table') held.key = relationKey(p.table);
      return held;
    });
}

/**
 * InnoDB locks every row an UPDATE or DELETE scans, and the gaps between them, until commit: with no WHERE that is
 * the whole table, and every write to it (inserts too) waits.
 */
function mysqlHeld(statement: StatementInfo, created: Created): Held[] {
  const out: Held[] = [];
  for (const op of statement.operations) {
    if ((op.kind !== 'update' && op.kind !== 'delete') || op.where !== 'none' || created.tables.has(tableKey(op.table))) continue;
    const relation = `"${op.table.name}"`;
    out.push({ statement, lock: `the row and gap locks on every row of ${relation}`, relation, key: tableKey(op.table), blocksReads: false, accessExclusive: false });
  }
  return out;
}

/**
 * A statement that adds nothing to the time the locks are held for: it only changes the catalog of tables this
 * transaction already holds ACCESS EXCLUSIVE on (another ALTER TABLE of the same table), or of tables created in
 * this file, or only sets a timeout.
 */
function addsNothing(statement: StatementInfo, held: Held[], created: Created, mysql: boolean): boolean {
  const ops = statement.operations;
  if (ops.length === 0) return false;
  if (ops.every((op) => op.kind === 'set-timeout')) return true;
  const dataOnExisting = ops.some(
    (op) => (op.kind === 'update' || op.kind === 'delete' || op.kind === 'insert') && !created.tables.has(tableKey(op.table)),
  );
  if (dataOnExisting) return false;
  if (mysql) return ops.every((op) => op.kind === 'update' || op.kind === 'delete' || op.kind === 'insert' || op.kind === 'set-timeout');
  const exclusive = new Set(held.filter((h) => h.accessExclusive && h.key !== undefined).map((h) => h.key));
  return existingLocks(statement, created).every(
    (p) => p.work === 'metadata' && (p.blocks.length === 0 || (!p.placeholder && p.target === 'table' && exclusive.has(relationKey(p.table)))),
  );
}

/** Which transaction a statement runs in: its transaction group, or the DO block it is part of; undefined for none. */
function transactionKey(statement: StatementInfo, statements: readonly StatementInfo[]): string | undefined {
  if (statement.transaction.inTransaction) return `group ${statement.transaction.group}`;
  if (statement.parsed.context !== 'do-block') return undefined;
  // a DO block runs as one statement: its own implicit transaction
  const { start, end } = statement.parsed;
  const block = statements.find((s) => s.parsed.context === 'top' && s.parsed.start <= start && end <= s.parsed.end);
  return `do ${block?.parsed.start ?? start}`;
}

const rule: Rule = {
  meta: {
    id: 'lock-held-across-statements',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'More statements run in a transaction after it took ACCESS EXCLUSIVE, or another lock that blocks writes, on a table in use.',
      why:
        'A lock is held until the transaction ends, not until the statement that took it ends. After an ALTER ' +
        'TABLE took ACCESS EXCLUSIVE (every read and write of the table waits) or a CREATE INDEX, CREATE TRIGGER or ' +
        'foreign key took SHARE / SHARE ROW EXCLUSIVE (every write waits), each further statement in the same ' +
        'transaction extends the outage by its own run time: a backfill UPDATE, an index build, or a second ALTER ' +
        'that has to wait for a lock on another table while still holding the first. A metadata-only change that ' +
        'would block the table for a millisecond ends up blocking it for the whole migration; with a rewrite or a ' +
        'scan after it, for minutes. On MySQL and MariaDB, DDL commits at once, but an UPDATE or DELETE with no ' +
        'WHERE locks every row and the gaps between them until COMMIT, which blocks every write to the table the ' +
        'same way. Statements that only alter the already-locked table again, or tables created in this file, are ' +
        'not reported.',
      unsafe: [
        'BEGIN;',
        'ALTER TABLE users ADD COLUMN plan text;',
        "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000;",
        'CREATE INDEX users_plan_idx ON users (plan);',
        'COMMIT;',
      ].join('\n'),
      safe: [
        '-- one lock-taking statement per transaction (or per migration), each with a short lock_timeout',
        "SET lock_timeout = '2s';",
        'ALTER TABLE users ADD COLUMN plan text;',
        '-- later, outside the DDL transaction',
        "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000;",
        'CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);',
      ].join('\n'),
      help: 'Run the statement that takes the lock in a transaction (or migration) of its own, and do the other work before it or in a later one.',
    },
  },
  check() {},
  checkFile(ctx) {
    const mysql = ctx.dialect === 'mysql';
    const statements = executedStatements(ctx.statements);
    const sectionOf = (s: StatementInfo): number => ctx.sections.findIndex((x) => s.parsed.start >= x.start && s.parsed.start < x.end);
    const created = new Map<number, Created>();
    const held = new Map<string, Held[]>();
    for (const statement of statements) {
      const section = sectionOf(statement);
      const made = created.get(section) ?? { tables: new Set<string>(), indexes: new Map<string, string>() };
      created.set(section, made);
      const key = transactionKey(statement, ctx.statements);
      const action = control(statement);
      const commits = action === 'commit' || action === 'rollback' || (mysql && statement.operations.some(commitsImplicitly));
      if (commits) held.clear(); // transactions do not nest: this ends whichever one is open, and releases its locks
      if (action !== undefined || key === undefined || commits) {
        for (const op of statement.operations) remember(op, made);
        continue;
      }
      const current = held.get(key) ?? [];
      if (current.length > 0 && !addsNothing(statement, current, made, mysql)) {
        const first = current.find((h) => h.accessExclusive) ?? current[0];
        if (first) {
          const waiting = first.blocksReads ? `every read and write of ${first.relation}` : `every write to ${first.relation}`;
          ctx.report({
            at: statement.parsed.start,
            message: `Runs while this transaction still holds ${first.lock}, taken earlier on line ${ctx.lineOf(first.statement.parsed.start)}: ${waiting} keeps waiting for as long as this statement takes.`,
          });
        }
      }
      current.push(...(mysql ? mysqlHeld(statement, made) : postgresHeld(statement, made)));
      held.set(key, current);
      for (const op of statement.operations) remember(op, made);
    }
  },
};

export default rule;
