/**
 * Runs one statement on a shadow database (PGlite) and observes, before COMMIT, the relation locks its own backend
 * holds and which tables and indexes got new storage (a changed pg_class.relfilenode: a rewrite).
 */
import type { PGlite } from '@electric-sql/pglite';
import { LOCK_MODES, type LockMode } from '../locks/index.js';
import { rewritten, snapshot, type RelationInfo, type Snapshot } from './snapshot.js';

export interface ObservedLock {
  /** The relation (`schema.name` when not visible through search_path). */
  table: string;
  mode: LockMode;
}

export interface Observation {
  sql: string;
  /** Every relation lock the statement's backend held before COMMIT (one entry per relation and mode), user relations only. */
  locks: ObservedLock[];
  /** Tables and indexes whose relfilenode changed. */
  rewrites: string[];
  durationMs: number;
  /** The server's error message when the statement failed (the transaction is then rolled back). */
  error?: string;
  /** false when the statement cannot run in a transaction block (CONCURRENTLY, VACUUM, ...): `locks` is empty. */
  locksObserved: boolean;
  /** Why locks were not observed. */
  note?: string;
  /** Relations the statement created (ignored by compare). */
  created: string[];
  /** What is known about each relation named in `locks`, `rewrites` and `created`, by name. */
  relations: Record<string, RelationInfo>;
}

export interface ObserveOptions {
  /** COMMIT the statement's transaction (default), or roll it back to leave the database as it was. */
  commit?: boolean;
}

/** SQLSTATE 25001, active_sql_transaction: "... cannot run inside a transaction block". */
const IN_TRANSACTION_BLOCK = '25001';

const LOCKS_SQL = `
SELECT l.relation::int8::float8 AS oid, l.mode
  FROM pg_locks l
 WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

function isLockMode(mode: string): mode is LockMode {
  return (LOCK_MODES as readonly string[]).includes(mode);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function heldLocks(db: PGlite, known: Snapshot[]): Promise<Array<{ relation: RelationInfo; mode: LockMode }>> {
  const rows = (await db.query<{ oid: number; mode: string }>(LOCKS_SQL)).rows;
  const out: Array<{ relation: RelationInfo; mode: LockMode }> = [];
  for (const row of rows) {
    // The system catalogs, and pg_locks itself, are not in the snapshots (they only hold user relations).
    const relation = known.map((s) => s.get(row.oid)).find((r) => r !== undefined);
    if (relation && isLockMode(row.mode)) out.push({ relation, mode: row.mode });
  }
  return out;
}

function sortLocks(locks: ObservedLock[]): ObservedLock[] {
  return locks.sort((a, b) => a.table.localeCompare(b.table) || LOCK_MODES.indexOf(a.mode) - LOCK_MODES.indexOf(b.mode));
}

/**
 * Observes one statement. Inside a transaction: snapshot, statement, locks and snapshot again, then COMMIT (or
 * ROLLBACK). A statement that refuses a transaction block is run on its own instead: only its rewrites are seen.
 */
export async function observeStatement(db: PGlite, sql: string, options: ObserveOptions = {}): Promise<Observation> {
  const commit = options.commit ?? true;
  const relations: Record<string, RelationInfo> = {};
  const remember = (relation: RelationInfo): string => {
    relations[relation.display] = relation;
    return relation.display;
  };
  const finish = (before: Snapshot, after: Snapshot): Pick<Observation, 'rewrites' | 'created'> => ({
    rewrites: rewritten(before, after).map(remember).sort(),
    created: [...after.values()].filter((r) => !before.has(r.oid)).map(remember).sort(),
  });

  await db.exec('BEGIN');
  const before = await snapshot(db);
  const started = performance.now();
  try {
    await db.exec(sql);
  } catch (error) {
    const durationMs = performance.now() - started;
    await db.exec('ROLLBACK');
    if (errorCode(error) === IN_TRANSACTION_BLOCK) return observeOutsideTransaction(db, sql, before, finish, relations);
    return { sql, locks: [], rewrites: [], durationMs, error: message(error), locksObserved: true, created: [], relations };
  }
  const durationMs = performance.now() - started;
  try {
    const after = await snapshot(db);
    const held = await heldLocks(db, [before, after]);
    const { rewrites, created } = finish(before, after);
    const locks = sortLocks(held.map(({ relation, mode }) => ({ table: remember(relation), mode })));
    return { sql, locks, rewrites, durationMs, locksObserved: true, created, relations };
  } finally {
    await db.exec(commit ? 'COMMIT' : 'ROLLBACK');
  }
}

async function observeOutsideTransaction(
  db: PGlite,
  sql: string,
  before: Snapshot,
  finish: (before: Snapshot, after: Snapshot) => Pick<Observation, 'rewrites' | 'created'>,
  relations: Record<string, RelationInfo>,
): Promise<Observation> {
  const note = 'Runs outside a transaction block: its locks are released when it ends and cannot be observed from its own backend.';
  const started = performance.now();
  try {
    await db.exec(sql);
  } catch (error) {
    const durationMs = performance.now() - started;
    return { sql, locks: [], rewrites: [], durationMs, error: message(error), locksObserved: false, note, created: [], relations };
  }
  const durationMs = performance.now() - started;
  const { rewrites, created } = finish(before, await snapshot(db));
  return { sql, locks: [], rewrites, durationMs, locksObserved: false, note, created, relations };
}
