/**
 * Statements that only change catalog entries of an existing table (or index, or materialized view): the ALTER
 * TABLE subcommands with no operation kind of their own, policies, DROP TRIGGER, COMMENT ON, LOCK TABLE, REFRESH
 * MATERIALIZED VIEW, ALTER INDEX ... RENAME.
 *
 * Source for ALTER TABLE: PostgreSQL src/backend/commands/tablecmds.c, AlterTableGetLockLevel (the lock of a
 * statement is the strongest of its subcommands'; "Table-Level Locks" and the ALTER TABLE reference page name the
 * lower ones), and src/backend/access/common/reloptions.c for SET / RESET (storage parameters)
 * (AlterTableGetRelOptionsLockLevel: each parameter declares its lock; the strongest wins; since PostgreSQL 10).
 */
import type { AlterTableSubcommand, Operation } from '../model/operations.js';
import type { LockMode } from './modes.js';
import { lock, type LockContext, type LockPrediction, type LockWork } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * AlterTableGetLockLevel, per subcommand. Everything it does not lower stays ACCESS EXCLUSIVE ("the default
 * for subcommands that may be visible to concurrent SELECTs"). Lowered there:
 * - SHARE UPDATE EXCLUSIVE: SET STATISTICS, ALTER COLUMN SET/RESET (attribute options: n_distinct ...), CLUSTER
 *   ON, SET WITHOUT CLUSTER, DETACH PARTITION ... FINALIZE (14+) ("Table-Level Locks" lists them too).
 * - SHARE ROW EXCLUSIVE: ENABLE / DISABLE TRIGGER [ALL | USER | name] ("Table-Level Locks": "some forms of
 *   ALTER TABLE"), the lock CREATE TRIGGER takes.
 * - SET / RESET (...): see relOptionsLock.
 * RENAME CONSTRAINT is not ALTER TABLE proper: RenameConstraint (tablecmds.c) opens the table with
 * RangeVarGetRelidExtended(..., AccessExclusiveLock, ...).
 */
const SUBCOMMAND_LOCKS: Readonly<Record<AlterTableSubcommand, LockMode>> = {
  'OWNER TO': 'AccessExclusiveLock',
  'ENABLE ROW LEVEL SECURITY': 'AccessExclusiveLock',
  'DISABLE ROW LEVEL SECURITY': 'AccessExclusiveLock',
  'FORCE ROW LEVEL SECURITY': 'AccessExclusiveLock',
  'NO FORCE ROW LEVEL SECURITY': 'AccessExclusiveLock',
  'ENABLE TRIGGER': 'ShareRowExclusiveLock',
  'DISABLE TRIGGER': 'ShareRowExclusiveLock',
  'ENABLE RULE': 'AccessExclusiveLock',
  'DISABLE RULE': 'AccessExclusiveLock',
  SET: 'ShareUpdateExclusiveLock', // refined by relOptionsLock
  RESET: 'ShareUpdateExclusiveLock', // refined by relOptionsLock
  'SET STATISTICS': 'ShareUpdateExclusiveLock',
  'SET ATTRIBUTE OPTIONS': 'ShareUpdateExclusiveLock',
  'SET STORAGE': 'AccessExclusiveLock',
  'SET COMPRESSION': 'AccessExclusiveLock',
  'REPLICA IDENTITY': 'AccessExclusiveLock',
  INHERIT: 'AccessExclusiveLock',
  'NO INHERIT': 'AccessExclusiveLock',
  OF: 'AccessExclusiveLock',
  'NOT OF': 'AccessExclusiveLock',
  'ADD IDENTITY': 'AccessExclusiveLock',
  'SET IDENTITY': 'AccessExclusiveLock',
  'DROP IDENTITY': 'AccessExclusiveLock',
  'DROP DEFAULT': 'AccessExclusiveLock',
  'DROP EXPRESSION': 'AccessExclusiveLock',
  'SET EXPRESSION': 'AccessExclusiveLock',
  'CLUSTER ON': 'ShareUpdateExclusiveLock',
  'SET WITHOUT CLUSTER': 'ShareUpdateExclusiveLock',
  'SET WITHOUT OIDS': 'AccessExclusiveLock',
  OPTIONS: 'AccessExclusiveLock',
  'DETACH PARTITION FINALIZE': 'ShareUpdateExclusiveLock',
  'RENAME CONSTRAINT': 'AccessExclusiveLock',
};

/**
 * Storage parameters declared with ShareUpdateExclusiveLock in reloptions.c (the ALTER TABLE page: "Changing
 * fillfactor, toast and autovacuum storage parameters, as well as the planner parameter parallel_workers, acquires
 * a SHARE UPDATE EXCLUSIVE lock"). `user_catalog_table` is declared AccessExclusiveLock; a name not known here is
 * taken as ACCESS EXCLUSIVE too.
 */
const SHARE_UPDATE_EXCLUSIVE_OPTIONS = new Set([
  'fillfactor',
  'toast_tuple_target',
  'parallel_workers',
  'vacuum_index_cleanup',
  'vacuum_truncate',
  'log_autovacuum_min_duration',
]);

function relOptionsLock(options: readonly string[]): LockMode {
  const weak = (option: string): boolean => {
    const name = option.toLowerCase().replace(/^toast\./, '');
    return name.startsWith('autovacuum_') || SHARE_UPDATE_EXCLUSIVE_OPTIONS.has(name);
  };
  return options.every(weak) ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
}

/** The lock of one ALTER TABLE subcommand (or RENAME CONSTRAINT) on the table. */
export function alterTableOther(op: Op<'alter-table-other'>, ctx: LockContext): LockPrediction[] {
  const relOptions = op.subcommand === 'SET' || op.subcommand === 'RESET';
  const mode = relOptions ? relOptionsLock(op.options ?? []) : SUBCOMMAND_LOCKS[op.subcommand];
  // SET EXPRESSION (17+) recomputes the stored column: a rewrite (ALTER TABLE, SET EXPRESSION)
  const work: LockWork = op.subcommand === 'SET EXPRESSION' ? 'rewrite' : 'metadata';
  let note: string | undefined;
  if (op.subcommand === 'INHERIT' || op.subcommand === 'NO INHERIT') note = 'The parent table is locked SHARE UPDATE EXCLUSIVE too.';
  if (op.subcommand === 'SET EXPRESSION' && ctx.pgVersion < 17) note = 'SET EXPRESSION needs PostgreSQL 17: the statement fails.';
  return [lock(op.table, mode, work, { note })];
}

/**
 * - CREATE POLICY / ALTER POLICY: ACCESS EXCLUSIVE on the table (policy.c, CreatePolicy / AlterPolicy:
 *   RangeVarGetRelidExtended(stmt->table, AccessExclusiveLock, ...)); DROP POLICY likewise (RemovePolicyById).
 * - DROP TRIGGER: ACCESS EXCLUSIVE on the table (trigger.c, RemoveTriggerById: table_open(relid,
 *   AccessExclusiveLock)), although CREATE TRIGGER only takes SHARE ROW EXCLUSIVE.
 * - COMMENT ON TABLE / COLUMN: SHARE UPDATE EXCLUSIVE (comment.c, CommentObject: get_object_address(...,
 *   ShareUpdateExclusiveLock, ...)), which holds up no reads or writes.
 */
export function tableCommand(op: Op<'table-command'>): LockPrediction[] {
  const mode: LockMode = op.command === 'COMMENT ON' ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
  return [lock(op.table, mode, 'metadata')];
}

/**
 * LOCK TABLE: the mode the statement names, ACCESS EXCLUSIVE by default ("Table-Level Locks"; LOCK), held until
 * the transaction ends. It also locks the tables that inherit from each one (partitions too) unless ONLY is given.
 */
export function lockTable(op: Op<'lock-table'>): LockPrediction[] {
  const note = `Held until the transaction ends.${op.nowait ? ' NOWAIT: fails at once instead of waiting for the lock.' : ''}`;
  return op.tables.map((table) => lock(table, op.mode, 'metadata', { note }));
}

/**
 * REFRESH MATERIALIZED VIEW: ACCESS EXCLUSIVE, and the view gets new storage holding the query's result
 * ("Table-Level Locks": "also acquired by ... REFRESH MATERIALIZED VIEW (without CONCURRENTLY)"). CONCURRENTLY:
 * EXCLUSIVE ("acquired by REFRESH MATERIALIZED VIEW CONCURRENTLY"), which lets reads go on; it blocks only writes,
 * and nothing but a refresh writes a materialized view, so it holds up no traffic. It runs the query and applies
 * the differences under that lock.
 */
export function refreshMatview(op: Op<'refresh-matview'>): LockPrediction[] {
  if (!op.concurrently) return [lock(op.name, 'AccessExclusiveLock', 'rewrite', { note: 'Runs the view query while reads wait.' })];
  return [lock(op.name, 'ExclusiveLock', 'data', { blocks: [], note: 'Reads go on; only another refresh waits.' })];
}

/**
 * ALTER INDEX ... RENAME: tablecmds.c, RenameRelation takes ShareUpdateExclusiveLock on the index when the
 * statement is ALTER INDEX, from PostgreSQL 12 (ALTER INDEX: "RENAME ... acquires SHARE UPDATE EXCLUSIVE");
 * ACCESS EXCLUSIVE before, which queries planning with that index wait for.
 */
export function renameIndex(op: Op<'rename-index'>, ctx: LockContext): LockPrediction[] {
  const mode: LockMode = ctx.pgVersion >= 12 ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
  return [lock(op.name, mode, 'metadata', { target: 'index' })];
}
