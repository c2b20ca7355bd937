/**
 * ALTER TABLE column forms. Unless a form is listed otherwise, ALTER TABLE takes ACCESS EXCLUSIVE
 * (ALTER TABLE reference page, Description: "An ACCESS EXCLUSIVE lock is acquired unless explicitly noted").
 */
import type { Operation } from '../model/operations.js';
import { heaviest, lock, sameTable, type LockContext, type LockPrediction, type LockWork } from './prediction.js';
import { dependsOnTimeZone, isBinaryCoercible } from './type-change.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * ADD COLUMN.
 * - ALTER TABLE Notes (PostgreSQL 11+): a non-volatile DEFAULT is evaluated once and stored in the catalog,
 *   and no DEFAULT means NULL; neither rewrites. A volatile DEFAULT rewrites the table and its indexes.
 *   PostgreSQL 10 release notes / ALTER TABLE 10 Notes: any non-null DEFAULT rewrites the table.
 * - serial and identity columns fill every row from a sequence (a volatile default): rewrite, any version.
 * - GENERATED ALWAYS AS (...) STORED (PostgreSQL 12+) computes every row: rewrite.
 * - NOT NULL with no stored default value is checked by a scan of every row (ALTER TABLE Notes: "Adding a
 *   CHECK or NOT NULL constraint requires scanning the table"); on a table with rows it then fails.
 * - An inline CHECK is validated by a scan; inline UNIQUE / PRIMARY KEY build an index.
 * - An inline REFERENCES adds a foreign key: SHARE ROW EXCLUSIVE on the referenced table (ALTER TABLE, ADD
 *   table_constraint). Its validation is skipped when the new column has no DEFAULT (every value is NULL;
 *   transformAlterTableStmt in parse_utilcmd.c), otherwise it reads both tables.
 */
export function addColumn(op: Op<'add-column'>, ctx: LockContext): LockPrediction[] {
  const column = op.column;
  const works: LockWork[] = ['metadata'];
  const notes: string[] = [];
  if (column.autoIncrement) {
    works.push('rewrite');
    notes.push('serial/identity: every existing row gets a sequence value.');
  }
  if (column.generatedStored) {
    works.push('rewrite');
    notes.push('stored generated column: computed for every existing row.');
    if (ctx.pgVersion < 12) notes.push('Stored generated columns need PostgreSQL 12.');
  }
  if (column.hasDefault && ctx.pgVersion < 11) {
    works.push('rewrite');
    notes.push('Before PostgreSQL 11 any DEFAULT is written into every row.');
  } else if (column.hasDefault && column.defaultIsVolatile) {
    works.push('rewrite');
    notes.push('volatile DEFAULT: evaluated for every row.');
  }
  const rewrites = works.includes('rewrite');
  if (column.notNull && !column.hasDefault && !rewrites) {
    works.push('scan');
    notes.push('NOT NULL without a DEFAULT: every row is checked, and the statement fails if the table has any.');
  }
  if (column.check) works.push('scan');
  if (column.unique || column.primaryKey) works.push('index-build');

  const reference = column.references?.table;
  const fkValidated = reference !== undefined && column.hasDefault;
  if (fkValidated) works.push('scan');

  const main = lock(op.table, 'AccessExclusiveLock', heaviest(works));
  const out: LockPrediction[] = [main];
  if (reference && !sameTable(reference, op.table)) {
    out.push(
      lock(reference, 'ShareRowExclusiveLock', fkValidated ? 'scan' : 'metadata', {
        note: fkValidated ? 'Read by the foreign key validation; writes to it wait until commit.' : undefined,
      }),
    );
  }
  if (notes.length) main.note = notes.join(' ');
  return out;
}

/** DROP COLUMN: ALTER TABLE Notes: the column is only made invisible; the space is not reclaimed. */
export function dropColumn(op: Op<'drop-column'>): LockPrediction[] {
  return [lock(op.table, 'AccessExclusiveLock', 'metadata', { note: 'Indexes and constraints using the column are dropped too.' })];
}

/**
 * SET DATA TYPE: ALTER TABLE Notes: rewrites the table and its indexes unless the USING clause leaves the
 * contents unchanged and the old type is binary coercible to the new one (see type-change.ts).
 */
export function changeType(op: Op<'change-type'>, ctx: LockContext): LockPrediction[] {
  const oldType = ctx.columnType?.(op.table, op.column);
  if (oldType === undefined) {
    const prediction = lock(op.table, 'AccessExclusiveLock', 'rewrite', {
      note: `The current type of ${op.column} is not known: a rewrite is assumed.`,
    });
    prediction.typeKnown = false;
    return [prediction];
  }
  if (op.using) {
    return [
      lock(op.table, 'AccessExclusiveLock', 'rewrite', {
        note: 'USING: a rewrite is assumed (none only if the expression leaves the values binary-identical).',
      }),
    ];
  }
  if (isBinaryCoercible(oldType, op.newType)) {
    return [lock(op.table, 'AccessExclusiveLock', 'metadata', { note: `${oldType} -> ${op.newType} is binary coercible: no rewrite.` })];
  }
  const note =
    dependsOnTimeZone(oldType, op.newType) && ctx.pgVersion >= 12
      ? 'No rewrite only if the session TimeZone is UTC (PostgreSQL 12+).'
      : undefined;
  return [lock(op.table, 'AccessExclusiveLock', 'rewrite', { note })];
}

/**
 * SET NOT NULL: ALTER TABLE, SET/DROP NOT NULL: checked by scanning the whole table, unless a valid CHECK
 * constraint proves no NULL can exist (PostgreSQL 12 release notes: "Allow ALTER TABLE ... SET NOT NULL to
 * avoid unnecessary table scans"). Lock: ACCESS EXCLUSIVE (not listed as lower; AlterTableGetLockLevel).
 */
export function setNotNull(op: Op<'set-not-null'>, ctx: LockContext): LockPrediction[] {
  if (ctx.pgVersion >= 12) {
    const proven = ctx.notNullCheckValidated?.(op.table, op.column) ?? false;
    if (proven) return [lock(op.table, 'AccessExclusiveLock', 'metadata', { note: `A validated CHECK (${op.column} IS NOT NULL) replaces the scan.` })];
    return [lock(op.table, 'AccessExclusiveLock', 'scan', { note: `No scan if a validated CHECK (${op.column} IS NOT NULL) exists.` })];
  }
  return [lock(op.table, 'AccessExclusiveLock', 'scan')];
}

/** DROP NOT NULL: catalog only. */
export function dropNotNull(op: Op<'drop-not-null'>): LockPrediction[] {
  return [lock(op.table, 'AccessExclusiveLock', 'metadata')];
}

/** SET DEFAULT: ALTER TABLE, SET/DROP DEFAULT: applies to later INSERT/UPDATE only; existing rows unchanged. */
export function setDefault(op: Op<'set-default'>): LockPrediction[] {
  return [lock(op.table, 'AccessExclusiveLock', 'metadata')];
}

/** RENAME COLUMN / RENAME TO: ALTER TABLE, RENAME: "There is no effect on the stored data." */
export function rename(op: Op<'rename-column'> | Op<'rename-table'>): LockPrediction[] {
  return [lock(op.table, 'AccessExclusiveLock', 'metadata')];
}
