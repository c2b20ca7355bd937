import type { ConstraintKind, TableName } from '../model/operations.js';
import { blocks, type Blocked, type LockMode } from './modes.js';

/**
 * What a statement does to a relation while it holds the lock:
 * - `metadata`: changes the system catalogs only; the time is the wait for the lock, not the table's size.
 * - `rewrite`: writes a new copy of the table (and rebuilds its indexes); `pg_class.relfilenode` changes.
 * - `index-rewrite`: rebuilds an index from the table (REINDEX); the index's relfilenode changes.
 * - `scan`: reads the whole table to validate something (a constraint, NOT NULL, a partition bound).
 * - `index-build`: reads the whole table to build a new index.
 * - `data`: reads or changes rows (DML, TRUNCATE, VACUUM).
 */
export type LockWork = 'metadata' | 'rewrite' | 'index-rewrite' | 'scan' | 'index-build' | 'data';

export interface LockPrediction {
  /** Table or index name the lock is taken on (`schema.name` when the statement qualified it). */
  table: string;
  /** What `table` names. `type`: an object lock on a type (enum), which no ordinary query takes. */
  target: 'table' | 'index' | 'type';
  /** The mode as `pg_locks.mode` shows it. */
  mode: LockMode;
  /** The ordinary traffic this lock holds up: usually `blocks(mode)` (see the exceptions where they are made). */
  blocks: Blocked[];
  work: LockWork;
  /** The table itself is rewritten (work === 'rewrite'). */
  rewrite: boolean;
  /** Waits for other transactions but does not block them (CONCURRENTLY forms). */
  concurrent: boolean;
  /** `table` is a description (`<every index of orders>`), not a relation name: the set is not known statically. */
  placeholder?: true;
  /** change-type: the column's current type was not known, so a rewrite was assumed. */
  typeKnown?: false;
  /** A condition the prediction depends on, or a lock the statement may take beyond these. */
  note?: string;
}

/** Catalog knowledge the caller may have (from the schema replayed from earlier migrations). All optional. */
export interface LockContext {
  /** PostgreSQL major version: 10 ... 18. */
  pgVersion: number;
  /** The column's current type, normalised like ColumnSpec.type. */
  columnType?: (table: TableName, column: string) => string | undefined;
  /** A validated `CHECK (column IS NOT NULL)` exists: SET NOT NULL then skips its scan (PostgreSQL 12+). */
  notNullCheckValidated?: (table: TableName, column: string) => boolean;
  /** The column is already NOT NULL (ADD PRIMARY KEY USING INDEX scans to set it otherwise). */
  columnNotNull?: (table: TableName, column: string) => boolean | undefined;
  /** An existing constraint's kind and, for a foreign key, the table it references. */
  constraint?: (table: TableName, name: string) => { kind: ConstraintKind; references?: TableName } | undefined;
  /** The table an index belongs to. */
  indexTable?: (index: string) => TableName | undefined;
  /** The partitioned table's DEFAULT partition, if it has one. */
  defaultPartition?: (parent: TableName) => TableName | undefined;
  /** The table to attach already has a valid CHECK constraint implying its partition bound (no scan). */
  partitionConstraintImplied?: (parent: TableName, partition: TableName) => boolean;
}

export function qualify(table: TableName): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

export function sameTable(a: TableName, b: TableName): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase() && (a.schema ?? '').toLowerCase() === (b.schema ?? '').toLowerCase();
}

interface LockOptions {
  target?: LockPrediction['target'];
  concurrent?: boolean;
  placeholder?: boolean;
  note?: string;
  /** Overrides blocks(mode); only where the prediction explains why. */
  blocks?: Blocked[];
}

/** A prediction on a table (or, with `target`, an index or type) whose `blocks` follow from the mode. */
export function lock(table: TableName | string, mode: LockMode, work: LockWork, options: LockOptions = {}): LockPrediction {
  const prediction: LockPrediction = {
    table: typeof table === 'string' ? table : qualify(table),
    target: options.target ?? 'table',
    mode,
    blocks: options.blocks ?? blocks(mode),
    work,
    rewrite: work === 'rewrite',
    concurrent: options.concurrent ?? false,
  };
  if (options.placeholder) prediction.placeholder = true;
  if (options.note !== undefined) prediction.note = options.note;
  return prediction;
}

/** Most expensive first: when one statement does several things to a table, the biggest one names its work. */
const WORK_ORDER: readonly LockWork[] = ['rewrite', 'index-build', 'index-rewrite', 'scan', 'data', 'metadata'];

export function heaviest(works: LockWork[]): LockWork {
  for (const work of WORK_ORDER) if (works.includes(work)) return work;
  return 'metadata';
}

/** Appends `extra` to a prediction's note. */
export function withNote(prediction: LockPrediction, extra: string | undefined): LockPrediction {
  if (extra === undefined) return prediction;
  prediction.note = prediction.note === undefined ? extra : `${prediction.note} ${extra}`;
  return prediction;
}
