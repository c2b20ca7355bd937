/**
 * CREATE INDEX, DROP INDEX, REINDEX.
 * Sources: "Explicit Locking", Table-Level Locks (SHARE: CREATE INDEX without CONCURRENTLY; SHARE UPDATE
 * EXCLUSIVE: CREATE INDEX CONCURRENTLY, REINDEX CONCURRENTLY; ACCESS EXCLUSIVE: DROP INDEX, REINDEX of the
 * index); the CREATE INDEX, DROP INDEX and REINDEX reference pages.
 */
import type { Operation } from '../model/operations.js';
import { lock, type LockContext, type LockPrediction } from './prediction.js';

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * CREATE INDEX: "the table to be indexed is locked against writes" (SHARE) while the whole table is read.
 * CONCURRENTLY: SHARE UPDATE EXCLUSIVE; two table scans, and it waits for every transaction that could use or
 * modify the table (CREATE INDEX, "Building Indexes Concurrently"). ON ONLY a partitioned table creates an
 * invalid index on the parent alone, with nothing to build (CREATE INDEX, ONLY).
 */
export function createIndex(op: Op<'create-index'>): LockPrediction[] {
  if (op.concurrently) {
    return [
      lock(op.table, 'ShareUpdateExclusiveLock', 'index-build', {
        concurrent: true,
        note: 'Scans the table twice and waits for transactions that could use the index.',
      }),
    ];
  }
  if (op.only) {
    return [lock(op.table, 'ShareLock', 'metadata', { note: 'ON ONLY: an invalid index on the partitioned parent alone.' })];
  }
  return [lock(op.table, 'ShareLock', 'index-build', { note: 'On a partitioned table, every partition is locked and indexed too.' })];
}

function tableOfIndex(index: string, ctx: LockContext): { table: string; placeholder: boolean } {
  const table = ctx.indexTable?.(index);
  if (table) return { table: table.schema ? `${table.schema}.${table.name}` : table.name, placeholder: false };
  return { table: `<table of ${index}>`, placeholder: true };
}

/**
 * DROP INDEX: ACCESS EXCLUSIVE on the index's table and on the index (index.c, index_drop).
 * CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table and the index while the index is disabled in steps, waiting
 * out every transaction that could use it; only then ACCESS EXCLUSIVE on the index itself (index_drop: "grab
 * AccessExclusiveLock on the index before the physical deletion"). By then no query can use the index, so that
 * lock holds up no reads or writes.
 */
export function dropIndex(op: Op<'drop-index'>, ctx: LockContext): LockPrediction[] {
  const out: LockPrediction[] = [];
  for (const name of op.names) {
    const { table, placeholder } = tableOfIndex(name, ctx);
    if (op.concurrently) {
      out.push(lock(table, 'ShareUpdateExclusiveLock', 'metadata', { concurrent: true, placeholder }));
      out.push(
        lock(name, 'AccessExclusiveLock', 'metadata', {
          target: 'index',
          concurrent: true,
          blocks: [],
          note: 'Taken last, once the index is dead and no transaction can use it.',
        }),
      );
    } else {
      out.push(lock(table, 'AccessExclusiveLock', 'metadata', { placeholder }));
      out.push(lock(name, 'AccessExclusiveLock', 'metadata', { target: 'index' }));
    }
  }
  return out;
}

/**
 * REINDEX: "locks out writes but not reads of the index's parent table. It also takes an ACCESS EXCLUSIVE lock
 * on the specific index being processed, which will block reads that attempt to use that index"; the planner
 * takes ACCESS SHARE on every index of a table it plans for, so in practice reads of the table wait too
 * (REINDEX, Notes). SCHEMA / DATABASE / SYSTEM process one table at a time, each in its own transaction.
 * CONCURRENTLY (PostgreSQL 12+): SHARE UPDATE EXCLUSIVE on the table and its indexes while a new copy of each
 * index is built and swapped in; the old copy, renamed <index>_ccold, is dropped last under ACCESS EXCLUSIVE
 * once no transaction can use it (indexcmds.c, ReindexRelationConcurrently phase 6). CONCURRENTLY is not
 * allowed for SYSTEM.
 */
export function reindex(op: Op<'reindex'>, ctx: LockContext): LockPrediction[] {
  const unsupported: string[] = [];
  if (op.concurrently && ctx.pgVersion < 12) unsupported.push('REINDEX CONCURRENTLY needs PostgreSQL 12: the statement fails.');
  if (op.concurrently && op.target === 'system') unsupported.push('REINDEX SYSTEM cannot run concurrently: the statement fails.');
  const problem = unsupported.length ? unsupported.join(' ') : undefined;
  const tableMode = op.concurrently ? 'ShareUpdateExclusiveLock' : 'ShareLock';
  const indexMode = op.concurrently ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
  const concurrent = op.concurrently;

  if (op.target === 'index') {
    const { table, placeholder } = tableOfIndex(op.name, ctx);
    const out = [
      lock(table, tableMode, 'index-rewrite', { concurrent, placeholder, note: problem }),
      lock(op.name, indexMode, 'index-rewrite', { target: 'index', concurrent }),
    ];
    if (op.concurrently) {
      out.push(
        lock(`${op.name}_ccold`, 'AccessExclusiveLock', 'metadata', {
          target: 'index',
          concurrent: true,
          blocks: [],
          note: 'The old copy, dropped last once no transaction can use it.',
        }),
      );
    }
    return out;
  }
  const tables = op.target === 'table' ? op.name : `<each table in ${op.target} ${op.name}>`;
  const indexes = op.target === 'table' ? `<every index of ${op.name}>` : `<the indexes of each table in ${op.target} ${op.name}>`;
  const perTable = op.target === 'table' ? undefined : 'One table at a time, each in its own transaction.';
  return [
    lock(tables, tableMode, 'index-rewrite', {
      concurrent,
      placeholder: op.target !== 'table',
      note: [perTable, problem].filter((n) => n !== undefined).join(' ') || undefined,
    }),
    lock(indexes, indexMode, 'index-rewrite', {
      target: 'index',
      concurrent,
      placeholder: true,
      note: op.concurrently ? 'Each old copy is dropped last under ACCESS EXCLUSIVE, once no transaction can use it.' : undefined,
    }),
  ];
}
