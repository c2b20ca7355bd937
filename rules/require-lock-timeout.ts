import { preambleFix } from '../src/engine/fix.js';
import type { FileRuleContext, Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { SQL_NAMES, type LockPrediction } from '../src/locks/index.js';
import { tableKey, type Operation, type TableName } from '../src/model/operations.js';

/** What this section of the file created so far: nobody else uses these yet, so locks on them hold up no one. */
interface Created {
  tables: Set<string>;
  /** Index name -> table key. */
  indexes: Map<string, string>;
}

function remember(op: Operation, created: Created): void {
  if (op.kind === 'create-table') created.tables.add(tableKey(op.table));
  if (op.kind === 'create-index' && op.name) created.indexes.set(op.name.toLowerCase(), tableKey(op.table));
  if (op.kind === 'rename-table' && created.tables.has(tableKey(op.table))) created.tables.add(op.to.toLowerCase());
  if (op.kind === 'drop-table') for (const table of op.tables) created.tables.delete(tableKey(table));
}

const relationKey = (relation: string): string => (relation.split('.').pop() ?? relation).toLowerCase();

/** The statement's predicted locks on relations that existed before this file (or this section of it). */
function existingLocks(statement: StatementInfo, created: Created): LockPrediction[] {
  const newIndex = (name: string): boolean => {
    const table = created.indexes.get(relationKey(name));
    return table !== undefined && created.tables.has(table);
  };
  // DROP INDEX / REINDEX INDEX name only the index: when it was built in this file on a table built in this file,
  // every lock of the statement is on new relations
  const onNewIndexes =
    statement.operations.length > 0 &&
    statement.operations.every(
      (op) => (op.kind === 'drop-index' && op.names.every(newIndex)) || (op.kind === 'reindex' && op.target === 'index' && newIndex(op.name)),
    );
  if (onNewIndexes) return [];
  return statement.locks.filter((p) => {
    if (p.placeholder) return true;
    if (p.target === 'table') return !created.tables.has(relationKey(p.table));
    if (p.target === 'index') return !created.indexes.has(relationKey(p.table));
    return true;
  });
}

/** `"users"`, or the description of a set of relations (`every table in the database`). */
function relationText(p: LockPrediction): string {
  if (!p.placeholder) return `"${p.table}"`;
  const inner = p.table.replace(/^<|>$/g, '');
  return inner.startsWith('table of ') ? `the ${inner}` : inner;
}

/** The statements that run when the migration runs: a DO block's statements stand for it; function bodies do not run. */
function executedStatements(statements: readonly StatementInfo[]): StatementInfo[] {
  // nested statements follow the top-level statement they belong to
  const blocks = new Set<StatementInfo>();
  let top: StatementInfo | undefined;
  for (const s of statements) {
    if (s.parsed.context === 'top') top = s;
    else if (s.parsed.context === 'do-block' && top) blocks.add(top);
  }
  return statements.filter((s) => s.parsed.context === 'do-block' || (s.parsed.context === 'top' && !blocks.has(s)));
}

/** The executed statements of each section of the file (dbmate's up and down run separately). */
function bySection(ctx: FileRuleContext): StatementInfo[][] {
  const groups = new Map<number, StatementInfo[]>();
  for (const statement of executedStatements(ctx.statements)) {
    const at = statement.parsed.start;
    const index = ctx.sections.findIndex((s) => at >= s.start && at < s.end);
    const group = groups.get(index) ?? [];
    group.push(statement);
    groups.set(index, group);
  }
  return [...groups.values()];
}

/**
 * MySQL / MariaDB: every ALTER TABLE, CREATE/DROP INDEX, RENAME, TRUNCATE and DROP TABLE needs an exclusive metadata
 * lock on the table, at least briefly at its start and end, even with ALGORITHM=INSTANT or LOCK=NONE.
 */
function mysqlLockedTables(op: Operation): TableName[] {
  switch (op.kind) {
    case 'add-column':
    case 'drop-column':
    case 'rename-column':
    case 'rename-table':
    case 'change-type':
    case 'set-not-null':
    case 'drop-not-null':
    case 'set-default':
    case 'add-constraint':
    case 'drop-constraint':
    case 'create-index':
    case 'table-setting':
    case 'create-trigger':
    case 'mysql-table-rebuild':
    case 'mysql-online-options':
      return [op.table];
    case 'drop-table':
    case 'truncate':
      return op.tables;
    default:
      return [];
  }
}

/** What the first statement that needs a timeout locks, described for the message; undefined if it locks nothing in use. */
function blockingLock(statement: StatementInfo, created: Created, mysql: boolean): string | undefined {
  if (mysql) {
    for (const op of statement.operations) {
      if (op.kind === 'drop-index') {
        const unknown = op.names.find((name) => !created.indexes.has(name.toLowerCase()));
        const existing = op.names.map((name) => created.indexes.get(name.toLowerCase())).find((t) => t !== undefined && !created.tables.has(t));
        if (unknown !== undefined) return `an exclusive metadata lock on the table of index "${unknown}"`;
        if (existing !== undefined) return `an exclusive metadata lock on "${existing}"`;
        continue;
      }
      const table = mysqlLockedTables(op).find((t) => !created.tables.has(tableKey(t)));
      if (table) return `an exclusive metadata lock on "${table.name}"`;
    }
    return undefined;
  }
  const lock = existingLocks(statement, created).find((p) => p.blocks.length > 0);
  return lock ? `${SQL_NAMES[lock.mode]} on ${relationText(lock)}` : undefined;
}

const rule: Rule = {
  meta: {
    id: 'require-lock-timeout',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'A statement that locks an existing table runs before the migration sets a lock timeout.',
      why:
        'DDL first has to acquire its lock: ACCESS EXCLUSIVE for most ALTER TABLE forms (blocks reads and writes), ' +
        'SHARE for CREATE INDEX and SHARE ROW EXCLUSIVE for foreign keys and triggers (block writes). While it waits ' +
        'for a long transaction or a slow query to finish, it sits in the lock queue, and every later query on the ' +
        'table queues behind it: even a metadata-only change that would take a millisecond, with no rewrite and no ' +
        'scan, takes the table offline for as long as the wait lasts. PostgreSQL waits for ever unless lock_timeout ' +
        'is set. MySQL and MariaDB wait for the exclusive metadata lock every ALTER TABLE needs for ' +
        'lock_wait_timeout, one year by default, and queue every later query on the table behind it the same way. ' +
        'With a short timeout the statement fails fast instead, and the migration can be retried.',
      unsafe: 'ALTER TABLE users ADD COLUMN last_seen_at timestamptz;',
      safe: [
        "SET lock_timeout = '2s';",
        'ALTER TABLE users ADD COLUMN last_seen_at timestamptz;',
        '-- MySQL / MariaDB: SET SESSION lock_wait_timeout = 5;',
        '-- when it fails with a lock timeout, retry the migration after a pause',
      ].join('\n'),
      help: "Set a short lock timeout at the top of the migration (PostgreSQL: SET lock_timeout = '2s'; MySQL: SET SESSION lock_wait_timeout = 5), and retry when it expires.",
    },
  },
  check() {},
  checkFile(ctx) {
    const mysql = ctx.dialect === 'mysql';
    const setting = mysql ? 'lock_wait_timeout' : 'lock_timeout';
    for (const statements of bySection(ctx)) {
      const created: Created = { tables: new Set(), indexes: new Map() };
      for (const statement of statements) {
        if (statement.operations.some((op) => op.kind === 'set-timeout' && op.setting === setting)) break;
        const lock = blockingLock(statement, created, mysql);
        if (lock) {
          const sql = mysql ? 'SET SESSION lock_wait_timeout = 5' : "SET lock_timeout = '2s'";
          const fix = preambleFix(ctx.text, ctx.statements, ctx.sections, statement.parsed.start, sql, false);
          ctx.report({
            at: statement.parsed.start,
            message: `This statement takes ${lock} before any ${setting} is set: while it waits for the lock, every query on that table queues behind it, for as long as the wait lasts.`,
            ...(fix ? { fix } : {}),
          });
          break;
        }
        for (const op of statement.operations) remember(op, created);
      }
    }
  },
};

export default rule;
