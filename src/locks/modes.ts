/**
 * PostgreSQL table-level lock modes and the conflicts between them.
 *
 * Source: PostgreSQL documentation, chapter "Concurrency Control", section "Explicit Locking",
 * "Table-Level Locks" and Table 13.2 "Conflicting Lock Modes" (unchanged from PostgreSQL 9.x through 18).
 * The mode names are the ones the `pg_locks` view shows in its `mode` column.
 */

/** In increasing strength, as the documentation lists them. */
export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;

export type LockMode = (typeof LOCK_MODES)[number];

/** What ordinary traffic a lock can hold up: reads (SELECT) and writes (INSERT/UPDATE/DELETE). */
export type Blocked = 'reads' | 'writes';

/** The SQL spelling (`LOCK TABLE t IN ... MODE`, and the words the documentation uses). */
export const SQL_NAMES: Readonly<Record<LockMode, string>> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/**
 * Table 13.2 "Conflicting Lock Modes", row by row: the modes each requested mode conflicts with.
 * The table is symmetric; `conflicts` relies on that and the unit test checks it.
 */
const CONFLICTS: Readonly<Record<LockMode, readonly LockMode[]>> = {
  AccessShareLock: ['AccessExclusiveLock'],
  RowShareLock: ['ExclusiveLock', 'AccessExclusiveLock'],
  RowExclusiveLock: ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareUpdateExclusiveLock: [
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  ShareLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareRowExclusiveLock: [
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  ExclusiveLock: [
    'RowShareLock',
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  AccessExclusiveLock: LOCK_MODES,
};

/** Two transactions cannot hold `a` and `b` on the same table at the same time. */
export function conflicts(a: LockMode, b: LockMode): boolean {
  return CONFLICTS[a].includes(b);
}

/** The modes that conflict with `mode`, weakest first. */
export function conflictsWith(mode: LockMode): LockMode[] {
  return LOCK_MODES.filter((other) => conflicts(mode, other));
}

/** What SELECT takes on every table it reads ("Table-Level Locks": ACCESS SHARE). */
const READ_LOCK: LockMode = 'AccessShareLock';
/** What INSERT, UPDATE, DELETE and MERGE take on their target table ("Table-Level Locks": ROW EXCLUSIVE). */
const WRITE_LOCK: LockMode = 'RowExclusiveLock';

/**
 * What ordinary traffic waits behind `mode`: reads if it conflicts with SELECT's ACCESS SHARE, writes if it
 * conflicts with the ROW EXCLUSIVE of INSERT/UPDATE/DELETE. (SELECT ... FOR UPDATE/SHARE takes ROW SHARE,
 * which EXCLUSIVE also blocks; it is counted as neither here.)
 */
export function blocks(mode: LockMode): Blocked[] {
  const out: Blocked[] = [];
  if (conflicts(mode, READ_LOCK)) out.push('reads');
  if (conflicts(mode, WRITE_LOCK)) out.push('writes');
  return out;
}

