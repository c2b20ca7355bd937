/**
 * Dialect-neutral operations. Every parsed statement lowers to zero or more of these (src/model/lower-*.ts);
 * rules match on them, so one rule serves PostgreSQL and MySQL alike, and src/locks knows the lock each takes.
 * Every `at` is a UTF-16 offset into the file text: where the offending clause starts (the statement's start
 * unless a more precise place is known, e.g. an added column's name).
 */
import type { LockMode } from '../locks/modes.js';

export interface TableName {
  schema?: string;
  name: string;
}

/** A column-level or table-level foreign key target. */
export interface Reference {
  table: TableName;
  columns: string[];
}

export interface ColumnSpec {
  name: string;
  /** The type as written, lower-cased and normalised (`integer`, `varchar(20)`, `timestamp with time zone`). */
  type?: string;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** A DEFAULT clause is present (`DEFAULT NULL` counts as none). */
  hasDefault: boolean;
  /** The default calls a volatile function (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...). */
  defaultIsVolatile: boolean;
  /** serial/bigserial/smallserial, an identity column, or AUTO_INCREMENT. */
  autoIncrement: boolean;
  /** GENERATED ALWAYS AS (...) STORED. */
  generatedStored: boolean;
  /** An inline `REFERENCES t (c)`. */
  references?: Reference;
  /** An inline CHECK constraint. */
  check: boolean;
  at: number;
}

/**
 * How a WHERE clause limits the rows an UPDATE or DELETE touches:
 * `none` (no WHERE), `unbounded` (a WHERE that is not a key range or batch), `bounded`.
 */
export type WhereBound = 'none' | 'unbounded' | 'bounded';

export type ConstraintKind = 'foreign-key' | 'check' | 'unique' | 'primary-key' | 'exclusion';

export interface ConstraintSpec {
  kind: ConstraintKind;
  name?: string;
  columns: string[];
  /** Added with NOT VALID (existing rows not checked now). */
  notValid: boolean;
  /** `... USING INDEX idx` (UNIQUE / PRIMARY KEY over an index built beforehand). */
  usingIndex?: string;
  references?: Reference;
  /** For `CHECK (col IS NOT NULL)`: the column. */
  notNullOf?: string;
}

/** A setting changed by SET (PostgreSQL `SET lock_timeout = '2s'`, MySQL `SET lock_wait_timeout = 5`). */
export type TimeoutSetting = 'lock_timeout' | 'statement_timeout' | 'lock_wait_timeout';

export type TableSetting = 'tablespace' | 'logged' | 'unlogged' | 'access-method';

/**
 * ALTER TABLE subcommands with no operation kind of their own, spelt as in the SQL (column subcommands without
 * their `ALTER COLUMN c`). Only their lock matters to the rules (src/locks/predict-alter-table.ts).
 */
export type AlterTableSubcommand =
  | 'OWNER TO'
  | 'ENABLE ROW LEVEL SECURITY'
  | 'DISABLE ROW LEVEL SECURITY'
  | 'FORCE ROW LEVEL SECURITY'
  | 'NO FORCE ROW LEVEL SECURITY'
  | 'ENABLE TRIGGER'
  | 'DISABLE TRIGGER'
  | 'ENABLE RULE'
  | 'DISABLE RULE'
  | 'SET'
  | 'RESET'
  | 'SET STATISTICS'
  | 'SET ATTRIBUTE OPTIONS'
  | 'SET STORAGE'
  | 'SET COMPRESSION'
  | 'REPLICA IDENTITY'
  | 'INHERIT'
  | 'NO INHERIT'
  | 'OF'
  | 'NOT OF'
  | 'ADD IDENTITY'
  | 'SET IDENTITY'
  | 'DROP IDENTITY'
  | 'DROP DEFAULT'
  | 'DROP EXPRESSION'
  | 'SET EXPRESSION'
  | 'CLUSTER ON'
  | 'SET WITHOUT CLUSTER'
  | 'SET WITHOUT OIDS'
  | 'OPTIONS'
  | 'DETACH PARTITION FINALIZE'
  | 'RENAME CONSTRAINT';

/** Statements outside ALTER TABLE that lock the table they name (src/locks/predict-alter-table.ts). */
export type TableCommand = 'CREATE POLICY' | 'ALTER POLICY' | 'DROP POLICY' | 'DROP TRIGGER' | 'COMMENT ON';

export type Operation =
  | {
      kind: 'create-table';
      table: TableName;
      columns: ColumnSpec[];
      constraints: ConstraintSpec[];
      ifNotExists: boolean;
      /** PARTITION BY ...: a partitioned parent. */
      partitioned: boolean;
      /** PARTITION OF parent. */
      partitionOf?: TableName;
      /** CREATE TEMPORARY TABLE: gone at the end of the session, never seen by other sessions. */
      temporary?: boolean;
      at: number;
    }
  | { kind: 'drop-table'; tables: TableName[]; ifExists: boolean; at: number }
  | { kind: 'add-column'; table: TableName; column: ColumnSpec; ifNotExists: boolean; at: number }
  | { kind: 'drop-column'; table: TableName; column: string; ifExists: boolean; at: number }
  | { kind: 'rename-column'; table: TableName; from: string; to: string; at: number }
  | { kind: 'rename-table'; table: TableName; to: string; at: number }
  | {
      kind: 'change-type';
      table: TableName;
      column: string;
      /** Normalised like ColumnSpec.type. */
      newType: string;
      /** PostgreSQL `USING expr`. */
      using: boolean;
      at: number;
    }
  | { kind: 'set-not-null'; table: TableName; column: string; at: number }
  | { kind: 'drop-not-null'; table: TableName; column: string; at: number }
  | { kind: 'set-default'; table: TableName; column: string; volatile: boolean; at: number }
  | { kind: 'add-constraint'; table: TableName; constraint: ConstraintSpec; at: number }
  | { kind: 'validate-constraint'; table: TableName; name: string; at: number }
  | { kind: 'drop-constraint'; table: TableName; name: string; ifExists?: boolean; at: number }
  | {
      kind: 'create-index';
      table: TableName;
      name?: string;
      columns: string[];
      concurrently: boolean;
      unique: boolean;
      ifNotExists: boolean;
      /** CREATE INDEX ON ONLY parent (PostgreSQL). */
      only: boolean;
      at: number;
    }
  | { kind: 'drop-index'; names: string[]; concurrently: boolean; ifExists: boolean; at: number }
  | { kind: 'reindex'; target: 'index' | 'table' | 'schema' | 'database' | 'system'; name: string; concurrently: boolean; at: number }
  | { kind: 'attach-partition'; table: TableName; partition: TableName; at: number }
  | { kind: 'detach-partition'; table: TableName; partition: TableName; concurrently: boolean; at: number }
  | { kind: 'table-setting'; table: TableName; setting: TableSetting; at: number }
  | { kind: 'vacuum'; tables: TableName[]; full: boolean; at: number }
  | { kind: 'cluster'; table?: TableName; at: number }
  | { kind: 'create-trigger'; table: TableName; name: string; at: number }
  | { kind: 'truncate'; tables: TableName[]; cascade: boolean; at: number }
  | { kind: 'drop-schema'; names: string[]; at: number }
  | { kind: 'create-database'; name: string; at: number }
  | { kind: 'drop-database'; name: string; at: number }
  | { kind: 'enum-add-value'; type: string; value: string; at: number }
  | { kind: 'enum-rename-value'; type: string; from: string; to: string; at: number }
  | { kind: 'create-domain'; name: string; hasCheck: boolean; at: number }
  | { kind: 'alter-domain-add-constraint'; name: string; at: number }
  | { kind: 'update'; table: TableName; where: WhereBound; columns: string[]; at: number }
  | { kind: 'delete'; table: TableName; where: WhereBound; at: number }
  | { kind: 'insert'; table: TableName; columns: string[]; fromSelect: boolean; at: number }
  | { kind: 'set-timeout'; setting: TimeoutSetting; at: number }
  | {
      /** MySQL `ALGORITHM=` / `LOCK=` given on an ALTER TABLE or CREATE INDEX. */
      kind: 'mysql-online-options';
      table: TableName;
      algorithm?: 'default' | 'instant' | 'inplace' | 'copy';
      lock?: 'default' | 'none' | 'shared' | 'exclusive';
      at: number;
    }
  | {
      /** MySQL `CONVERT TO CHARACTER SET`, `ENGINE=`, `FORCE`, `ADD PRIMARY KEY`/`DROP PRIMARY KEY` and the like. */
      kind: 'mysql-table-rebuild';
      table: TableName;
      reason: 'charset' | 'engine' | 'force' | 'primary-key' | 'partitioning';
      at: number;
    }
  | {
      /**
       * CREATE / DROP of objects other than tables and indexes: views, sequences, types, schemas, extensions,
       * triggers, functions. `guarded`: IF [NOT] EXISTS or OR REPLACE, so the statement can run twice.
       */
      kind: 'object-ddl';
      action: 'create' | 'drop';
      objectType: ObjectType;
      names: string[];
      guarded: boolean;
      /** CREATE OR REPLACE of an existing object (a view takes ACCESS EXCLUSIVE on itself). */
      replace: boolean;
      at: number;
    }
  | { kind: 'transaction'; action: 'begin' | 'commit' | 'rollback'; at: number }
  | {
      /** See AlterTableSubcommand. `options`: the parameter names of SET / RESET (...) (`fillfactor`, `toast.autovacuum_enabled`). */
      kind: 'alter-table-other';
      table: TableName;
      subcommand: AlterTableSubcommand;
      options?: string[];
      at: number;
    }
  | { kind: 'table-command'; table: TableName; command: TableCommand; at: number }
  | {
      /** PostgreSQL `LOCK [TABLE] t, ... [IN mode MODE] [NOWAIT]`; mode as `pg_locks.mode` shows it (the default is ACCESS EXCLUSIVE). */
      kind: 'lock-table';
      tables: TableName[];
      mode: LockMode;
      nowait: boolean;
      at: number;
    }
  | { kind: 'refresh-matview'; name: TableName; concurrently: boolean; at: number }
  /** `ALTER INDEX i RENAME TO j` (`ALTER TABLE i RENAME TO j` lowers to rename-table). */
  | { kind: 'rename-index'; name: TableName; to: string; at: number };

export type ObjectType = 'view' | 'materialized-view' | 'sequence' | 'type' | 'schema' | 'extension' | 'trigger' | 'function';

export type OperationKind = Operation['kind'];

/** The operations an ALTER TABLE statement lowers to (one per subcommand; RENAME included). */
export const ALTER_TABLE_KINDS: readonly OperationKind[] = [
  'add-column',
  'drop-column',
  'rename-column',
  'rename-table',
  'change-type',
  'set-not-null',
  'drop-not-null',
  'set-default',
  'add-constraint',
  'validate-constraint',
  'drop-constraint',
  'attach-partition',
  'detach-partition',
  'table-setting',
];

/** The tables an operation names (none for operations on other objects, such as indexes dropped by name). */
export function tablesOf(op: Operation): TableName[] {
  if ('tables' in op) return op.tables;
  if ('table' in op && op.table !== undefined) return [op.table];
  return [];
}

export function tableKey(table: TableName): string {
  return table.name.toLowerCase();
}

/** Operations that change data rather than the schema (for `mixing-ddl-and-dml`). */
export function isDataChange(op: Operation): boolean {
  return op.kind === 'update' || op.kind === 'delete' || (op.kind === 'insert' && op.fromSelect);
}
