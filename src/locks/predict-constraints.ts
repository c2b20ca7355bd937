/**
 * ALTER TABLE ... ADD / VALIDATE / DROP CONSTRAINT.
 * Source: ALTER TABLE reference page, "ADD table_constraint [ NOT VALID ]", "ADD table_constraint_using_index",
 * "VALIDATE CONSTRAINT", "DROP CONSTRAINT" and the Notes on NOT VALID.
 */
import type { Operation } from '../model/operations.js';
import { lock, sameTable, type LockContext, type LockPrediction } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * - FOREIGN KEY: SHARE ROW EXCLUSIVE on the table and on the referenced table ("ADD FOREIGN KEY requires only a
 *   SHARE ROW EXCLUSIVE lock ... also acquires a SHARE ROW EXCLUSIVE lock on the referenced table"). Existing
 *   rows are checked unless NOT VALID; the check query reads both tables.
 * - CHECK: ACCESS EXCLUSIVE ("most forms of ADD table_constraint require an ACCESS EXCLUSIVE lock"); scanned
 *   unless NOT VALID.
 * - UNIQUE / PRIMARY KEY: ACCESS EXCLUSIVE while the index is built (AlterTableGetLockLevel: "Cases
 *   essentially the same as CREATE INDEX"). With USING INDEX the index exists: "a fast operation", except that
 *   PRIMARY KEY first sets NOT NULL on columns not yet NOT NULL, which "requires a full table scan".
 * - EXCLUDE: ACCESS EXCLUSIVE while its index is built (NOT VALID is not allowed for it).
 */
export function addConstraint(op: Op<'add-constraint'>, ctx: LockContext): LockPrediction[] {
  const constraint = op.constraint;
  switch (constraint.kind) {
    case 'foreign-key': {
      const work = constraint.notValid ? 'metadata' : 'scan';
      const out = [lock(op.table, 'ShareRowExclusiveLock', work)];
      const reference = constraint.references?.table;
      if (reference && !sameTable(reference, op.table)) {
        out.push(
          lock(reference, 'ShareRowExclusiveLock', work, {
            note: constraint.notValid ? undefined : 'Read by the validation query; writes to it wait until commit.',
          }),
        );
      }
      return out;
    }
    case 'check':
      return [lock(op.table, 'AccessExclusiveLock', constraint.notValid ? 'metadata' : 'scan')];
    case 'unique':
    case 'primary-key': {
      if (constraint.usingIndex === undefined) return [lock(op.table, 'AccessExclusiveLock', 'index-build')];
      if (constraint.kind === 'unique') return [lock(op.table, 'AccessExclusiveLock', 'metadata')];
      const known = constraint.columns.length > 0;
      const allNotNull = known && constraint.columns.every((column) => ctx.columnNotNull?.(op.table, column) === true);
      if (allNotNull) return [lock(op.table, 'AccessExclusiveLock', 'metadata')];
      return [
        lock(op.table, 'AccessExclusiveLock', 'scan', {
          note: `Scans to set NOT NULL on the index's columns unless they are NOT NULL already.`,
        }),
      ];
    }
    case 'exclusion':
      return [lock(op.table, 'AccessExclusiveLock', 'index-build')];
  }
}

/**
 * VALIDATE CONSTRAINT: "validation acquires only a SHARE UPDATE EXCLUSIVE lock on the table being altered.
 * (If the constraint is a foreign key then a ROW SHARE lock is also required on the table referenced by the
 * constraint.)" (ALTER TABLE Notes). It scans the table.
 */
export function validateConstraint(op: Op<'validate-constraint'>, ctx: LockContext): LockPrediction[] {
  const known = ctx.constraint?.(op.table, op.name);
  if (!known) {
    return [
      lock(op.table, 'ShareUpdateExclusiveLock', 'scan', {
        note: `If ${op.name} is a foreign key, ROW SHARE on the referenced table too.`,
      }),
    ];
  }
  const out = [lock(op.table, 'ShareUpdateExclusiveLock', 'scan')];
  if (known.kind === 'foreign-key' && known.references && !sameTable(known.references, op.table)) {
    out.push(lock(known.references, 'RowShareLock', 'scan', { note: 'Read by the validation query.' }));
  }
  return out;
}

/**
 * DROP CONSTRAINT: ACCESS EXCLUSIVE (not listed as lower). Dropping a foreign key also drops its triggers on the
 * referenced table, which takes ACCESS EXCLUSIVE there too (tablecmds.c, dropconstraint_internal: "Must match
 * lock taken by RemoveTriggerById"). Dropping a UNIQUE/PRIMARY KEY drops its index.
 */
export function dropConstraint(op: Op<'drop-constraint'>, ctx: LockContext): LockPrediction[] {
  const known = ctx.constraint?.(op.table, op.name);
  if (!known) {
    return [
      lock(op.table, 'AccessExclusiveLock', 'metadata', {
        note: `If ${op.name} is a foreign key, ACCESS EXCLUSIVE on the referenced table too.`,
      }),
    ];
  }
  const out = [lock(op.table, 'AccessExclusiveLock', 'metadata')];
  if (known.kind === 'foreign-key' && known.references && !sameTable(known.references, op.table)) {
    out.push(lock(known.references, 'AccessExclusiveLock', 'metadata', { note: 'The foreign key triggers on it are dropped.' }));
  }
  return out;
}
