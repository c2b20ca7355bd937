/**
 * Dialect-neutral operations. Every parsed statement lowers to zero or more of these (src/model/lower-*.ts);
 * rules match on them, so one rule serves PostgreSQL and MySQL alike.
 * Every `at` is a UTF-16 offset into the file text: where the offending clause starts.
 */

export interface TableName {
  schema?: string;
  name: string;
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
  at: number;
}

/**
 * How a WHERE clause limits the rows an UPDATE or DELETE touches:
 * `none` (no WHERE), `unbounded` (a WHERE that is not a key range or batch), `bounded`.
 */
export type WhereBound = 'none' | 'unbounded' | 'bounded';

export type Operation =
  | { kind: 'create-table'; table: TableName; columns: ColumnSpec[]; at: number }
  | { kind: 'drop-table'; tables: TableName[]; at: number }
  | { kind: 'add-column'; table: TableName; column: ColumnSpec; at: number }
  | { kind: 'rename-column'; table: TableName; from: string; to: string; at: number }
  | { kind: 'rename-table'; table: TableName; to: string; at: number }
  | {
      kind: 'create-index';
      table: TableName;
      name?: string;
      concurrently: boolean;
      unique: boolean;
      at: number;
    }
  | { kind: 'drop-index'; names: string[]; concurrently: boolean; at: number }
  | { kind: 'update'; table: TableName; where: WhereBound; at: number }
  | { kind: 'delete'; table: TableName; where: WhereBound; at: number }
  | { kind: 'transaction'; action: 'begin' | 'commit' | 'rollback'; at: number };

export type OperationKind = Operation['kind'];

export function tableKey(table: TableName): string {
  return table.name.toLowerCase();
}
