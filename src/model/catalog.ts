import { tableKey, type ConstraintKind, type ConstraintSpec, type Operation, type Reference, type TableName } from './operations.js';

/**
 * The schema built by the migrations of a set so far: tables, columns and their types, indexes and
 * constraints. The engine applies every operation of every up migration in order (src/engine/lint.ts),
 * so a rule can ask what an earlier file created. Names are matched without schema, case-insensitively.
 */
export interface CatalogIndex {
  name?: string;
  table: string;
  columns: string[];
  unique: boolean;
}

export interface CatalogConstraint {
  name?: string;
  kind: ConstraintKind;
  columns: string[];
  validated: boolean;
  notNullOf?: string;
  references?: Reference;
}

interface CatalogTable {
  /** False for a table only seen altered (its CREATE TABLE came before the migrations we read). */
  created: boolean;
  /** notNull is unknown for a column only seen retyped. */
  columns: Map<string, { type?: string; notNull?: boolean }>;
  constraints: CatalogConstraint[];
  partitioned: boolean;
}

/** What rules may ask (read-only). */
export interface CatalogView {
  hasTable(table: TableName): boolean;
  /** The column's type as normalised in ColumnSpec.type, when an earlier statement declared it. */
  columnType(table: TableName, column: string): string | undefined;
  isPartitioned(table: TableName): boolean;
  indexes(table: TableName): readonly CatalogIndex[];
  constraints(table: TableName): readonly CatalogConstraint[];
  /** The table an index of that name belongs to. */
  indexTable(name: string): TableName | undefined;
  /** Whether the column is NOT NULL, when an earlier statement declared it. */
  columnNotNull(table: TableName, column: string): boolean | undefined;
}

export class Catalog implements CatalogView {
  private readonly tables = new Map<string, CatalogTable>();
  /** Indexes by table key, and by lower-case name (a set can hold thousands: lookups must not scan them all). */
  private readonly indexesByTable = new Map<string, CatalogIndex[]>();
  private readonly indexesByName = new Map<string, CatalogIndex>();

  hasTable(table: TableName): boolean {
    return this.tables.get(tableKey(table))?.created === true;
  }

  /** The entry of a table; one that was never created here is kept too, to remember its columns. */
  private entry(table: TableName): CatalogTable {
    let found = this.tables.get(tableKey(table));
    if (!found) {
      found = { created: false, columns: new Map(), constraints: [], partitioned: false };
      this.tables.set(tableKey(table), found);
    }
    return found;
  }

  columnType(table: TableName, column: string): string | undefined {
    return this.tables.get(tableKey(table))?.columns.get(column.toLowerCase())?.type;
  }

  isPartitioned(table: TableName): boolean {
    return this.tables.get(tableKey(table))?.partitioned === true;
  }

  indexes(table: TableName): readonly CatalogIndex[] {
    return this.indexesByTable.get(tableKey(table)) ?? [];
  }

  constraints(table: TableName): readonly CatalogConstraint[] {
    return this.tables.get(tableKey(table))?.constraints ?? [];
  }

  indexTable(name: string): TableName | undefined {
    const found = this.indexesByName.get(name.toLowerCase());
    return found ? { name: found.table } : undefined;
  }

  columnNotNull(table: TableName, column: string): boolean | undefined {
    return this.tables.get(tableKey(table))?.columns.get(column.toLowerCase())?.notNull;
  }

  /** Records what an operation did to the schema. */
  apply(op: Operation): void {
    switch (op.kind) {
      case 'create-table': {
        const table: CatalogTable = { created: true, columns: new Map(), constraints: [], partitioned: op.partitioned };
        if (op.partitionOf) this.entry(op.partitionOf).partitioned = true;
        for (const column of op.columns) {
          table.columns.set(column.name.toLowerCase(), { ...(column.type ? { type: column.type } : {}), notNull: column.notNull });
          if (column.primaryKey || column.unique) {
            this.addIndex({ table: tableKey(op.table), columns: [column.name], unique: true });
          }
          if (column.references) {
            table.constraints.push({ kind: 'foreign-key', columns: [column.name], validated: true, references: column.references });
          }
        }
        this.tables.set(tableKey(op.table), table);
        for (const constraint of op.constraints) this.addConstraint(op.table, constraint);
        return;
      }
      case 'drop-table':
        for (const table of op.tables) {
          this.tables.delete(tableKey(table));
          this.dropIndexesOf(tableKey(table));
        }
        return;
      case 'rename-table': {
        const table = this.tables.get(tableKey(op.table));
        if (!table) {
          // a table the set never created: after the rename, a table of the new name exists (columns unknown)
          this.tables.set(op.to.toLowerCase(), { created: true, columns: new Map(), constraints: [], partitioned: false });
          return;
        }
        this.tables.delete(tableKey(op.table));
        this.tables.set(op.to.toLowerCase(), table);
        const moved = this.indexesByTable.get(tableKey(op.table)) ?? [];
        this.indexesByTable.delete(tableKey(op.table));
        for (const index of moved) index.table = op.to.toLowerCase();
        if (moved.length > 0) this.indexesByTable.set(op.to.toLowerCase(), moved);
        return;
      }
      case 'add-column': {
        const table = this.entry(op.table);
        const { column } = op;
        // ADD COLUMN IF NOT EXISTS does nothing to a column that is there already
        if (op.ifNotExists && table.columns.has(column.name.toLowerCase())) return;
        // on a table the set never created, the column may exist with another type: its type is not known
        if (op.ifNotExists && !table.created) {
          table.columns.set(column.name.toLowerCase(), {});
          return;
        }
        table.columns.set(column.name.toLowerCase(), { ...(column.type ? { type: column.type } : {}), notNull: column.notNull });
        if (column.unique || column.primaryKey) this.addIndex({ table: tableKey(op.table), columns: [column.name], unique: true });
        if (column.references) table.constraints.push({ kind: 'foreign-key', columns: [column.name], validated: true, references: column.references });
        return;
      }
      case 'drop-column':
        this.tables.get(tableKey(op.table))?.columns.delete(op.column.toLowerCase());
        return;
      case 'rename-column': {
        const columns = this.tables.get(tableKey(op.table))?.columns;
        const column = columns?.get(op.from.toLowerCase());
        if (!columns || !column) return;
        columns.delete(op.from.toLowerCase());
        columns.set(op.to.toLowerCase(), column);
        return;
      }
      case 'change-type': {
        const columns = this.entry(op.table).columns;
        const column = columns.get(op.column.toLowerCase());
        if (column) column.type = op.newType;
        else columns.set(op.column.toLowerCase(), { type: op.newType });
        return;
      }
      case 'attach-partition':
      case 'detach-partition':
        this.entry(op.table).partitioned = true;
        return;
      case 'set-not-null':
      case 'drop-not-null': {
        const column = this.tables.get(tableKey(op.table))?.columns.get(op.column.toLowerCase());
        if (column) column.notNull = op.kind === 'set-not-null';
        return;
      }
      case 'add-constraint':
        this.entry(op.table);
        this.addConstraint(op.table, op.constraint);
        return;
      case 'validate-constraint': {
        const constraint = this.constraints(op.table).find((c) => c.name?.toLowerCase() === op.name.toLowerCase());
        if (constraint) constraint.validated = true;
        return;
      }
      case 'drop-constraint': {
        const table = this.tables.get(tableKey(op.table));
        if (table) table.constraints = table.constraints.filter((c) => c.name?.toLowerCase() !== op.name.toLowerCase());
        return;
      }
      case 'create-index':
        this.addIndex({
          ...(op.name ? { name: op.name } : {}),
          table: tableKey(op.table),
          columns: op.columns,
          unique: op.unique,
        });
        return;
      case 'drop-index': {
        const names = new Set(op.names.map((n) => n.toLowerCase()));
        for (const name of names) this.dropIndexNamed(name);
        return;
      }
      default:
        return;
    }
  }

  private addConstraint(table: TableName, constraint: ConstraintSpec): void {
    const entry = this.tables.get(tableKey(table));
    // a primary key makes its columns NOT NULL (and dropping the key later does not undo that)
    if (entry && constraint.kind === 'primary-key') {
      for (const name of constraint.columns) {
        const column = entry.columns.get(name.toLowerCase());
        if (column) column.notNull = true;
        else entry.columns.set(name.toLowerCase(), { notNull: true });
      }
    }
    const kept: CatalogConstraint = { kind: constraint.kind, columns: constraint.columns, validated: !constraint.notValid };
    if (constraint.name) kept.name = constraint.name;
    if (constraint.notNullOf) kept.notNullOf = constraint.notNullOf;
    if (constraint.references) kept.references = constraint.references;
    if (entry) entry.constraints.push(kept);
    if (constraint.kind === 'unique' || constraint.kind === 'primary-key') {
      this.addIndex({ ...(constraint.name ? { name: constraint.name } : {}), table: tableKey(table), columns: constraint.columns, unique: true });
    }
  }

  private addIndex(index: CatalogIndex): void {
    const list = this.indexesByTable.get(index.table) ?? [];
    list.push(index);
    this.indexesByTable.set(index.table, list);
    if (index.name) this.indexesByName.set(index.name.toLowerCase(), index);
  }

  private dropIndexesOf(table: string): void {
    for (const index of this.indexesByTable.get(table) ?? []) if (index.name) this.indexesByName.delete(index.name.toLowerCase());
    this.indexesByTable.delete(table);
  }

  private dropIndexNamed(name: string): void {
    const index = this.indexesByName.get(name);
    if (!index) return;
    this.indexesByName.delete(name);
    const kept = (this.indexesByTable.get(index.table) ?? []).filter((other) => other !== index);
    if (kept.length > 0) this.indexesByTable.set(index.table, kept);
    else this.indexesByTable.delete(index.table);
  }


}
