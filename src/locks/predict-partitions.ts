/**
 * Declarative partitioning: ATTACH / DETACH PARTITION and CREATE TABLE ... PARTITION OF.
 * Source: ALTER TABLE reference page, "ATTACH PARTITION" and "DETACH PARTITION"; "Partition Maintenance"
 * in the Table Partitioning chapter.
 */
import type { TableName, Operation } from '../model/operations.js';
import { lock, type LockContext, type LockPrediction } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * "Attaching a partition acquires a SHARE UPDATE EXCLUSIVE lock on the parent table, in addition to the ACCESS
 * EXCLUSIVE locks on the table being attached and on the default partition (if any)." — PostgreSQL 12+
 * (release notes 12: ATTACH PARTITION with reduced locking); before 12 the parent is locked ACCESS EXCLUSIVE.
 * The new partition is scanned to check its bound unless a valid CHECK constraint implies it; the default
 * partition is scanned for rows that now belong to the new partition.
 */
export function attachPartition(op: Op<'attach-partition'>, ctx: LockContext): LockPrediction[] {
  const parentMode = ctx.pgVersion >= 12 ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
  const implied = ctx.partitionConstraintImplied?.(op.table, op.partition) ?? false;
  const out = [
    lock(op.table, parentMode, 'metadata', {
      note: 'Indexes of the parent that the partition lacks are built on it; a partitioned partition has its partitions locked too.',
    }),
    lock(op.partition, 'AccessExclusiveLock', implied ? 'metadata' : 'scan', {
      note: implied ? undefined : 'Scanned to check the partition bound unless a valid CHECK constraint implies it.',
    }),
  ];
  const fallback = ctx.defaultPartition?.(op.table);
  if (fallback) {
    out.push(lock(fallback, 'AccessExclusiveLock', 'scan', { note: 'The default partition is checked for rows of the new partition.' }));
  }
  return out;
}

/**
 * Without CONCURRENTLY: ACCESS EXCLUSIVE on the parent and the partition (AlterTableGetLockLevel), and on the
 * default partition, whose constraint changes; "SHARE lock is obtained on any tables that reference this
 * partitioned table in foreign key constraints" (PostgreSQL 12+, when such foreign keys became possible).
 * CONCURRENTLY (PostgreSQL 14+): "During the first transaction, a SHARE UPDATE EXCLUSIVE lock is taken on both
 * parent table and partition ... the second transaction acquires SHARE UPDATE EXCLUSIVE on the partitioned
 * table and ACCESS EXCLUSIVE on the partition"; not allowed when the parent has a default partition.
 */
export function detachPartition(op: Op<'detach-partition'>, ctx: LockContext): LockPrediction[] {
  const fallback = ctx.defaultPartition?.(op.table);
  if (op.concurrently) return detachConcurrently(op.table, op.partition, ctx.pgVersion, fallback);
  const out = [
    lock(op.table, 'AccessExclusiveLock', 'metadata', {
      note: ctx.pgVersion >= 12 ? 'SHARE on every table whose foreign keys reference it.' : undefined,
    }),
    lock(op.partition, 'AccessExclusiveLock', 'metadata'),
  ];
  if (fallback) out.push(lock(fallback, 'AccessExclusiveLock', 'metadata'));
  return out;
}

function detachConcurrently(parent: TableName, partition: TableName, pgVersion: number, fallback: TableName | undefined): LockPrediction[] {
  const problems: string[] = [];
  if (pgVersion < 14) problems.push('DETACH PARTITION ... CONCURRENTLY needs PostgreSQL 14: the statement fails.');
  if (fallback) problems.push('Not allowed while the parent has a default partition: the statement fails.');
  const parentNote = ['Two transactions; waits for every transaction using the partitioned table.', ...problems].join(' ');
  return [
    lock(parent, 'ShareUpdateExclusiveLock', 'metadata', { concurrent: true, note: parentNote }),
    lock(partition, 'AccessExclusiveLock', 'metadata', {
      note: 'SHARE UPDATE EXCLUSIVE in the first transaction, ACCESS EXCLUSIVE in the second; a CHECK constraint copying the bound is added.',
    }),
  ];
}

/**
 * CREATE TABLE ... PARTITION OF parent: ACCESS EXCLUSIVE on the parent, "because its partition descriptor will
 * be changed by addition of the new partition" (tablecmds.c, DefineRelation), in every version 10-18; the
 * default partition, if any, is locked ACCESS EXCLUSIVE and scanned for rows of the new partition (CREATE TABLE
 * reference page, PARTITION OF). ATTACH PARTITION is the lower-lock alternative.
 */
export function createPartition(parent: TableName, ctx: LockContext): LockPrediction[] {
  const out = [lock(parent, 'AccessExclusiveLock', 'metadata')];
  const fallback = ctx.defaultPartition?.(parent);
  if (fallback) out.push(lock(fallback, 'AccessExclusiveLock', 'scan', { note: 'The default partition is checked for rows of the new partition.' }));
  return out;
}
