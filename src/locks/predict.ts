/**
 * Operation -> the PostgreSQL locks it takes on existing relations, what they hold up, and what work runs under
 * them, for a given server major version (10 ... 18).
 *
 * Scope: relations that exist before the statement. Relations the statement creates (a new table, a new index)
 * are locked ACCESS EXCLUSIVE by their creator too, but no other session can see them before commit, so they are
 * left out. Catalog rows and system catalogs are left out too. MySQL operations get no prediction.
 */
import type { Operation, TableName } from '../model/operations.js';
import { addColumn, changeType, dropColumn, dropNotNull, rename, setDefault, setNotNull } from './predict-columns.js';
import { alterTableOther, lockTable, refreshMatview, renameIndex, tableCommand } from './predict-alter-table.js';
import { addConstraint, dropConstraint, validateConstraint } from './predict-constraints.js';
import { createIndex, dropIndex, reindex } from './predict-indexes.js';
import { cluster, createTrigger, tableSetting, truncate, vacuum } from './predict-maintenance.js';
import { attachPartition, createPartition, detachPartition } from './predict-partitions.js';
import { lock, sameTable, type LockContext, type LockPrediction } from './prediction.js';

export type { LockContext, LockPrediction, LockWork } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

export function predictLocks(op: Operation, ctx: LockContext): LockPrediction[] {
  switch (op.kind) {
    case 'create-table':
      return createTable(op, ctx);
    case 'drop-table':
      return dropTable(op);
    case 'add-column':
      return addColumn(op, ctx);
    case 'drop-column':
      return dropColumn(op);
    case 'rename-column':
    case 'rename-table':
      return rename(op);
    case 'change-type':
      return changeType(op, ctx);
    case 'set-not-null':
      return setNotNull(op, ctx);
    case 'drop-not-null':
      return dropNotNull(op);
    case 'set-default':
      return setDefault(op);
    case 'add-constraint':
      return addConstraint(op, ctx);
    case 'validate-constraint':
      return validateConstraint(op, ctx);
    case 'drop-constraint':
      return dropConstraint(op, ctx);
    case 'create-index':
      return createIndex(op);
    case 'drop-index':
      return dropIndex(op, ctx);
    case 'reindex':
      return reindex(op, ctx);
    case 'attach-partition':
      return attachPartition(op, ctx);
    case 'detach-partition':
      return detachPartition(op, ctx);
    case 'table-setting':
      return tableSetting(op, ctx);
    case 'vacuum':
      return vacuum(op);
    case 'cluster':
      return cluster(op);
    case 'create-trigger':
      return createTrigger(op);
    case 'truncate':
      return truncate(op);
    case 'update':
    case 'delete':
    case 'insert':
      return dataChange(op);
    case 'enum-add-value':
    case 'enum-rename-value':
      return enumChange(op);
    case 'create-domain':
      // A new type: nothing existing is locked.
      return [];
    case 'alter-domain-add-constraint':
      return alterDomainAddConstraint(op);
    case 'drop-schema':
      return dropSchema(op);
    case 'create-database':
    case 'drop-database':
      // Database-level object locks only (CREATE DATABASE reads its template; DROP DATABASE refuses while anyone
      // is connected): no table lock, so nothing ordinary traffic on a table waits for.
      return [];
    case 'set-timeout':
    case 'transaction':
      return [];
    case 'mysql-online-options':
    case 'mysql-table-rebuild':
      return [];
    case 'object-ddl':
      return objectDdl(op);
    case 'alter-table-other':
      return alterTableOther(op, ctx);
    case 'table-command':
      return tableCommand(op);
    case 'lock-table':
      return lockTable(op);
    case 'refresh-matview':
      return refreshMatview(op);
    case 'rename-index':
      return renameIndex(op, ctx);
    default:
      return unreachable(op);
  }
}

/**
 * Views: DROP VIEW and CREATE OR REPLACE VIEW take ACCESS EXCLUSIVE on the view (every query reading it waits);
 * DROP MATERIALIZED VIEW likewise. Sequences, types, schemas, extensions, functions: no lock a query on a table
 * waits for (DROP TRIGGER ... ON t also lowers to a table-command, which locks the table).
 */
function objectDdl(op: Extract<Operation, { kind: 'object-ddl' }>): LockPrediction[] {
  const onView = op.objectType === 'view' || op.objectType === 'materialized-view';
  if (!onView || (op.action === 'create' && !op.replace)) return [];
  return op.names.map((name) => lock(name, 'AccessExclusiveLock', 'metadata'));
}

function unreachable(op: never): never {
  throw new Error(`predictLocks: unhandled operation ${JSON.stringify(op)}`);
}

/**
 * CREATE TABLE: the new table is invisible to others until commit. A foreign key adds triggers to the referenced
 * table under SHARE ROW EXCLUSIVE (CREATE TABLE, REFERENCES; the same lock as ALTER TABLE ADD FOREIGN KEY);
 * there is nothing to validate in an empty table. PARTITION OF locks the parent (see predict-partitions.ts).
 */
function createTable(op: Op<'create-table'>, ctx: LockContext): LockPrediction[] {
  const referenced: TableName[] = [];
  const add = (table: TableName | undefined): void => {
    if (!table || sameTable(table, op.table) || referenced.some((t) => sameTable(t, table))) return;
    referenced.push(table);
  };
  for (const column of op.columns) add(column.references?.table);
  for (const constraint of op.constraints) if (constraint.kind === 'foreign-key') add(constraint.references?.table);
  const out = referenced.map((table) => lock(table, 'ShareRowExclusiveLock', 'metadata', { note: 'Foreign key triggers are added to it.' }));
  if (op.partitionOf) out.push(...createPartition(op.partitionOf, ctx));
  return out;
}

/**
 * DROP TABLE: ACCESS EXCLUSIVE ("Table-Level Locks"). Dropping its foreign keys removes their triggers from the
 * referenced tables, which takes ACCESS EXCLUSIVE on those too (trigger.c, RemoveTriggerById).
 */
function dropTable(op: Op<'drop-table'>): LockPrediction[] {
  return op.tables.map((table) =>
    lock(table, 'AccessExclusiveLock', 'metadata', { note: 'Also ACCESS EXCLUSIVE on every table its foreign keys reference.' }),
  );
}

/**
 * INSERT / UPDATE / DELETE: ROW EXCLUSIVE on the target ("Table-Level Locks"), which blocks no reads or writes
 * by itself; UPDATE and DELETE also lock each row they change, so writers of those rows wait ("Row-Level
 * Locks"). INSERT ... SELECT reads its source tables under ACCESS SHARE.
 */
function dataChange(op: Op<'update'> | Op<'delete'> | Op<'insert'>): LockPrediction[] {
  let note: string;
  if (op.kind === 'insert') note = op.fromSelect ? 'ACCESS SHARE on the tables it selects from.' : 'New rows only.';
  else note = `Row locks on every row it ${op.kind === 'update' ? 'updates' : 'deletes'}: writers of those rows wait until commit.`;
  return [lock(op.table, 'RowExclusiveLock', 'data', { note })];
}

/**
 * ALTER TYPE ... ADD VALUE / RENAME VALUE: no table lock. The enum type itself is locked EXCLUSIVE as a database
 * object until commit (pg_enum.c, AddEnumLabel / RenameEnumLabel: LockDatabaseObject(TypeRelationId, ...,
 * ExclusiveLock)); it only serialises concurrent changes of the same type. Queries never lock types, so it holds
 * up no reads or writes (`pg_locks` shows it with locktype 'object').
 */
function enumChange(op: Op<'enum-add-value'> | Op<'enum-rename-value'>): LockPrediction[] {
  return [
    lock(op.type, 'ExclusiveLock', 'metadata', {
      target: 'type',
      blocks: [],
      note: 'An object lock on the type, not a table lock.',
    }),
  ];
}

/**
 * ALTER DOMAIN ... ADD CONSTRAINT: every column of the domain is checked; each table holding one is locked SHARE
 * ("ShareLock is sufficient to prevent concurrent data changes": typecmds.c, validateDomainCheckConstraint /
 * get_rels_with_domain) and scanned. NOT VALID skips the check.
 */
function alterDomainAddConstraint(op: Op<'alter-domain-add-constraint'>): LockPrediction[] {
  return [
    lock(`<every table with a column of ${op.name}>`, 'ShareLock', 'scan', {
      placeholder: true,
      note: 'Each such table is scanned, unless the constraint is NOT VALID.',
    }),
  ];
}

/** DROP SCHEMA ... CASCADE drops (ACCESS EXCLUSIVE) everything in it; without CASCADE it must be empty. */
function dropSchema(op: Op<'drop-schema'>): LockPrediction[] {
  return op.names.map((name) =>
    lock(`<every table in schema ${name}>`, 'AccessExclusiveLock', 'metadata', {
      placeholder: true,
      note: 'Only with CASCADE; otherwise the schema must be empty.',
    }),
  );
}
