/**
 * Whole-table maintenance: VACUUM, CLUSTER, TRUNCATE, CREATE TRIGGER and the rewriting ALTER TABLE settings.
 * Source: "Explicit Locking", Table-Level Locks, which names the mode each of these takes, and each command's
 * reference page.
 */
import type { Operation } from '../model/operations.js';
import { lock, type LockContext, type LockPrediction } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

const EVERY_TABLE = '<every table in the database>';

/**
 * VACUUM (without FULL): SHARE UPDATE EXCLUSIVE ("Table-Level Locks"); reads and cleans the table.
 * It may take ACCESS EXCLUSIVE at the end to cut empty pages off the file, only if it gets it without waiting,
 * and gives it up when another session asks for the table (VACUUM, TRUNCATE option; vacuum_truncate).
 * VACUUM FULL: ACCESS EXCLUSIVE; "rewrites the entire contents of the table into a new disk file" (VACUUM, FULL).
 * With no table list, every table of the database is processed, one at a time.
 */
export function vacuum(op: Op<'vacuum'>): LockPrediction[] {
  const targets: Array<Op<'vacuum'>['tables'][number] | string> = op.tables.length ? op.tables : [EVERY_TABLE];
  const placeholder = op.tables.length === 0;
  const each = placeholder ? 'One table at a time.' : undefined;
  return targets.map((table) =>
    op.full
      ? lock(table, 'AccessExclusiveLock', 'rewrite', { placeholder, note: each })
      : lock(table, 'ShareUpdateExclusiveLock', 'data', {
          placeholder,
          note: [each, 'May briefly take ACCESS EXCLUSIVE, without queueing for it, to truncate empty pages at the end (TRUNCATE false prevents that).']
            .filter((n) => n !== undefined)
            .join(' '),
        }),
  );
}

/**
 * CLUSTER: "When a table is being clustered, an ACCESS EXCLUSIVE lock is acquired on it"; it writes a new copy
 * of the table in index order (CLUSTER, Notes). Without a table name it re-clusters every table that was
 * clustered before, each in its own transaction.
 */
export function cluster(op: Op<'cluster'>): LockPrediction[] {
  if (op.table) return [lock(op.table, 'AccessExclusiveLock', 'rewrite')];
  return [lock('<every table clustered before>', 'AccessExclusiveLock', 'rewrite', { placeholder: true, note: 'One table at a time.' })];
}

/**
 * TRUNCATE: ACCESS EXCLUSIVE on each table (TRUNCATE, Notes). It does not scan: each table and its indexes get
 * new, empty storage at once (so relfilenode changes although nothing is rewritten). CASCADE also truncates, and
 * so locks, every table with a foreign key to these.
 */
export function truncate(op: Op<'truncate'>): LockPrediction[] {
  const note = 'Replaces the storage with an empty file (new relfilenode); no scan.';
  const out = op.tables.map((table) => lock(table, 'AccessExclusiveLock', 'data', { note }));
  if (op.cascade) {
    out.push(lock('<every table referencing these>', 'AccessExclusiveLock', 'data', { placeholder: true, note: 'CASCADE: truncated too.' }));
  }
  return out;
}

/** CREATE TRIGGER: SHARE ROW EXCLUSIVE ("Table-Level Locks": "Acquired by CREATE TRIGGER and some forms of ALTER TABLE"). */
export function createTrigger(op: Op<'create-trigger'>): LockPrediction[] {
  return [lock(op.table, 'ShareRowExclusiveLock', 'metadata')];
}

/**
 * ALTER TABLE SET TABLESPACE / SET LOGGED / SET UNLOGGED / SET ACCESS METHOD: ACCESS EXCLUSIVE (not listed as
 * lower). SET TABLESPACE "moves the data file(s)" (indexes stay where they are); SET LOGGED/UNLOGGED and SET
 * ACCESS METHOD rewrite the table. SET ACCESS METHOD exists from PostgreSQL 15.
 */
export function tableSetting(op: Op<'table-setting'>, ctx: LockContext): LockPrediction[] {
  let note: string | undefined;
  if (op.setting === 'tablespace') note = 'Copies the data files to the new tablespace; indexes are not moved.';
  if (op.setting === 'access-method' && ctx.pgVersion < 15) note = 'SET ACCESS METHOD needs PostgreSQL 15: the statement fails.';
  return [lock(op.table, 'AccessExclusiveLock', 'rewrite', { note })];
}
