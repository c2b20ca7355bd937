import { preambleFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { SQL_NAMES } from '../src/locks/index.js';
import { ALTER_TABLE_KINDS, tableKey, tablesOf, type Operation, type OperationKind, type TableName } from '../src/model/operations.js';
import { remember, existingLocks, relationText, bySection, type Created } from '../src/engine/executed-statements.js';

/**
 * MySQL / MariaDB: every ALTER TABLE, CREATE/DROP INDEX, RENAME, TRUNCATE and DROP TABLE needs an exclusive metadata
 * lock on the table, at least briefly at its start and end, even with ALGORITHM=INSTANT or LOCK=NONE.
 */
// (the PostgreSQL-only ALTER kinds among them, VALIDATE and partition attach/detach, never come from MySQL)
const MYSQL_LOCKING: ReadonlySet<OperationKind> = new Set<OperationKind>([
  ...ALTER_TABLE_KINDS,
  'create-index',
  'create-trigger',
  'mysql-table-rebuild',
  'mysql-online-options',
  'drop-table',
  'truncate',
]);

function mysqlLockedTables(op: Operation): TableName[] {
  return MYSQL_LOCKING.has(op.kind) ? tablesOf(op) : [];
}

/** What the first statement that needs a timeout locks, described for the message; undefined if it locks nothing in use. */
function blockingLock(statement: StatementInfo, created: Created, mysql: boolean): string | undefined {
  // LOCK TABLE ... NOWAIT fails at once instead of waiting: nothing queues behind it
  if (statement.operations.length > 0 && statement.operations.every((op) => op.kind === 'lock-table' && op.nowait)) return undefined;
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
