/**
 * MySQL / MariaDB statements (node-sql-parser trees, see src/parse/mysql/ast.ts) -> dialect-neutral operations.
 * node-sql-parser's typings are loose (`any` in many places, and statement types they do not list), so every node
 * is narrowed from `unknown` here. A few statements whose shape is simple and that node-sql-parser does not always
 * read (`SET`, `CREATE/DROP DATABASE`, `INSERT`) are read from their tokens instead.
 *
 * Positions: every `at` is the statement's start (as in PostgreSQL, whose AST has no clause positions), except an
 * added column, which points at its name (and so does every ColumnSpec.at).
 */
import { isMysqlRawAlterClause, isMysqlUnparsed, type MysqlRawAlterClause } from '../parse/mysql/ast.js';
import { classifyMysql } from '../parse/mysql/classify.js';
import { maskMysqlComments } from '../parse/mysql/split.js';
import { isPunct, isWord, matchingParen, nameOf, splitTopLevel, tokenizeMysql, type Token } from '../parse/mysql/tokens.js';
import type { MysqlStatement } from '../parse/types.js';
import type { ColumnSpec, ConstraintSpec, Operation, Reference, TableName, WhereBound } from './operations.js';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodeAt(value: unknown, key: string): Node | undefined {
  if (!isNode(value)) return undefined;
  const child = value[key];
  return isNode(child) ? child : undefined;
}

function stringAt(value: unknown, key: string): string | undefined {
  if (!isNode(value)) return undefined;
  const child = value[key];
  return typeof child === 'string' ? child : undefined;
}

function arrayAt(value: unknown, key: string): unknown[] {
  if (!isNode(value)) return [];
  const child = value[key];
  return Array.isArray(child) ? child : [];
}

/** Whether a node-sql-parser flag field is set (`if_not_exists: 'IF NOT EXISTS'`, `prefix: 'if exists'`). */
function flagAt(value: unknown, key: string): boolean {
  const flag = stringAt(value, key);
  return flag !== undefined && flag.length > 0;
}

/** `loc.start.offset` of a node (an offset into the statement text), if it has one. */
function locStart(value: unknown): number | undefined {
  const offset = nodeAt(nodeAt(value, 'loc'), 'start')?.['offset'];
  return typeof offset === 'number' ? offset : undefined;
}

/** The name of a column_ref (`column` is a string, or `{ expr: { value } }` for quoted names in some versions). */
function columnName(ref: unknown): string | undefined {
  if (!isNode(ref)) return undefined;
  const column = ref['column'];
  if (typeof column === 'string') return column;
  const value = nodeAt(column, 'expr')?.['value'];
  return typeof value === 'string' ? value : undefined;
}

function tableNameOf(ref: unknown): TableName | undefined {
  const name = stringAt(ref, 'table');
  if (name === undefined) return undefined;
  const db = stringAt(ref, 'db');
  return db ? { schema: db, name } : { name };
}

/** The first table of a node-sql-parser `table` field (an array of refs, or one ref). */
function firstTable(value: unknown): TableName | undefined {
  if (Array.isArray(value)) return tableNameOf(value[0]);
  return tableNameOf(value);
}

/** The statement's tokens (comments blanked; offsets relative to the statement text). */
function statementTokens(stmt: MysqlStatement): Token[] {
  return tokenizeMysql(maskMysqlComments(stmt.text));
}

// ---------------------------------------------------------------------------------------------------------------
// columns and constraints

/**
 * A literal as SQL: strings single-quoted with `''` for a quote, whichever way they were written (node-sql-parser
 * keeps a string's escapes as written: `'y''s'`, `'y\\'s'` and `"y's"` are the same value).
 */
function literalText(value: unknown): string | undefined {
  if (!isNode(value)) return undefined;
  const v = value['value'];
  const type = stringAt(value, 'type') ?? '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  if (!type.includes('string')) return v;
  const quote = type.startsWith('double') ? '"' : "'";
  const unescaped = v.split(quote + quote).join(quote).split('\\' + quote).join(quote);
  return `'${unescaped.replace(/'/g, "''")}'`;
}

/** `varchar(20)`, `decimal(10,2) unsigned`, `enum('a','b')`, `datetime(6)`. */
function normaliseType(definition: Node | undefined): string | undefined {
  const dataType = stringAt(definition, 'dataType');
  if (dataType === undefined) return undefined;
  let type = dataType.toLowerCase();
  const length = definition?.['length'];
  const scale = definition?.['scale'];
  const values = arrayAt(nodeAt(definition, 'expr'), 'value');
  if (values.length > 0) {
    type += `(${values.map((v) => literalText(v) ?? '?').join(',')})`;
  } else if (typeof length === 'number') {
    type += typeof scale === 'number' ? `(${length},${scale})` : `(${length})`;
  }
  const suffix = definition?.['suffix'];
  if (Array.isArray(suffix)) {
    for (const word of suffix) if (typeof word === 'string') type += ` ${word.toLowerCase()}`;
  }
  return type;
}

/** Functions whose value differs row by row: a DEFAULT calling them cannot be filled in as one constant. */
const VOLATILE_FUNCTIONS = new Set(['UUID', 'UUID_SHORT', 'RAND', 'RANDOM_BYTES', 'SYSDATE', 'CONNECTION_ID', 'LAST_INSERT_ID']);

function functionName(node: Node): string | undefined {
  const name = node['name'];
  if (typeof name === 'string') return name.toUpperCase();
  const parts = arrayAt(name, 'name');
  const last = parts[parts.length - 1];
  const value = isNode(last) ? last['value'] : undefined;
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}

function callsVolatile(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (Array.isArray(value)) return value.some((v) => callsVolatile(v, depth + 1));
  if (!isNode(value)) return false;
  if (value['type'] === 'function') {
    const name = functionName(value);
    if (name !== undefined && VOLATILE_FUNCTIONS.has(name)) return true;
  }
  return Object.entries(value).some(([key, child]) => key !== 'loc' && callsVolatile(child, depth + 1));
}

/** Column names of a key definition or reference list (`(a, b(10))`). */
function keyColumns(list: unknown[]): string[] {
  return list.map((ref) => columnName(ref)).filter((name): name is string => name !== undefined);
}

/** `REFERENCES t (a, b)` of a column definition or a FOREIGN KEY. */
function referenceOf(definition: unknown): Reference | undefined {
  if (!isNode(definition)) return undefined;
  const table = firstTable(definition['table']);
  if (table === undefined) return undefined;
  return { table, columns: keyColumns(arrayAt(definition, 'definition')) };
}

function columnSpec(item: Node, stmt: MysqlStatement): ColumnSpec | undefined {
  const ref = item['column'];
  const name = columnName(ref);
  if (name === undefined) return undefined;
  const definition = nodeAt(item, 'definition');
  const nullable = stringAt(nodeAt(item, 'nullable'), 'type');
  const primaryKey = item['primary_key'] !== undefined && item['primary_key'] !== null;
  const uniqueAttr = item['unique'] ?? item['unique_key'];
  const defaultValue = nodeAt(item, 'default_val')?.['value'];
  const hasDefault = defaultValue !== undefined && defaultValue !== null && stringAt(defaultValue, 'type') !== 'null';
  const storage = stringAt(nodeAt(item, 'generated'), 'storage_type');
  const at = stmt.locate(locStart(ref) ?? locStart(item) ?? 0);
  const spec: ColumnSpec = {
    name,
    notNull: nullable === 'not null' || primaryKey,
    primaryKey,
    unique: typeof uniqueAttr === 'string' && uniqueAttr.length > 0,
    hasDefault,
    defaultIsVolatile: hasDefault && callsVolatile(defaultValue),
    autoIncrement: typeof item['auto_increment'] === 'string',
    generatedStored: storage?.toLowerCase() === 'stored',
    check: isNode(item['check']),
    at,
  };
  const type = normaliseType(definition);
  if (type !== undefined) spec.type = type;
  const references = referenceOf(item['reference_definition']);
  if (references !== undefined) spec.references = references;
  return spec;
}

/** Every column an expression reads, in order, once each (subqueries included). */
function columnsRead(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50) return out;
  if (Array.isArray(value)) {
    for (const v of value) columnsRead(v, out, depth + 1);
    return out;
  }
  if (!isNode(value)) return out;
  if (value['type'] === 'column_ref') {
    const name = columnName(value);
    if (name !== undefined && name !== '*' && !out.some((c) => c.toLowerCase() === name.toLowerCase())) out.push(name);
    return out;
  }
  for (const [key, child] of Object.entries(value)) if (key !== 'loc') columnsRead(child, out, depth + 1);
  return out;
}

/** The column of `CHECK (col IS NOT NULL)`. */
function notNullColumn(definition: unknown[]): string | undefined {
  if (definition.length !== 1) return undefined;
  const expr = definition[0];
  if (!isNode(expr) || expr['type'] !== 'binary_expr') return undefined;
  if (stringAt(expr, 'operator')?.toUpperCase() !== 'IS NOT' || stringAt(expr['right'], 'type') !== 'null') return undefined;
  return expr['left'] !== undefined && isNode(expr['left']) && expr['left']['type'] === 'column_ref' ? columnName(expr['left']) : undefined;
}

/**
 * A table-level PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK (of CREATE TABLE or ALTER TABLE ... ADD); plain
 * INDEX / KEY / FULLTEXT / SPATIAL definitions are no constraints. A MySQL primary key is always named PRIMARY
 * (a `CONSTRAINT name` before it is ignored by the server); a UNIQUE constraint is the unique index of that name.
 */
function constraintSpec(definition: unknown): ConstraintSpec | undefined {
  if (!isNode(definition)) return undefined;
  const type = stringAt(definition, 'constraint_type')?.toLowerCase();
  if (type === undefined) return undefined;
  const symbol = stringAt(definition, 'constraint') || undefined;
  const list = arrayAt(definition, 'definition');
  if (type === 'primary key') {
    return { kind: 'primary-key', name: 'PRIMARY', columns: keyColumns(list), notValid: false };
  }
  if (type.startsWith('unique')) {
    const name = stringAt(definition, 'index') || symbol;
    return { kind: 'unique', ...(name ? { name } : {}), columns: keyColumns(list), notValid: false };
  }
  if (type === 'foreign key') {
    const references = referenceOf(definition['reference_definition']);
    return {
      kind: 'foreign-key',
      ...(symbol ? { name: symbol } : {}),
      columns: keyColumns(list),
      notValid: false,
      ...(references ? { references } : {}),
    };
  }
  if (type === 'check') {
    const notNullOf = notNullColumn(list);
    return {
      kind: 'check',
      ...(symbol ? { name: symbol } : {}),
      columns: columnsRead(list),
      notValid: false,
      ...(notNullOf ? { notNullOf } : {}),
    };
  }
  return undefined;
}

/** Columns of an index definition: `a`, `b(10)` (a prefix), `(lower(c))` (an expression). */
function indexColumns(list: unknown[]): string[] {
  return list.map((part) => {
    if (!isNode(part)) return '(expression)';
    if (part['type'] === 'column_ref') return columnName(part) ?? '(expression)';
    // `b(10)` reads as a call of a function named after the column, with the prefix length as its argument
    if (part['type'] === 'function' && part['parentheses'] !== true) {
      const args = arrayAt(part['args'], 'value');
      const name = arrayAt(part['name'], 'name');
      const only = name.length === 1 ? stringAt(name[0], 'value') : undefined;
      if (only !== undefined && args.length === 1 && stringAt(args[0], 'type') === 'number') return only;
    }
    return '(expression)';
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CREATE TABLE

/** `PARTITION BY` at the top level of the statement (not inside the column list or a window clause). */
function hasPartitionBy(tokens: Token[]): boolean {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && isWord(t, 'PARTITION') && isWord(tokens[k + 1], 'BY')) return true;
  }
  return false;
}

function lowerCreateTable(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const columns: ColumnSpec[] = [];
  const constraints: ConstraintSpec[] = [];
  const definitions = arrayAt(ast, 'create_definitions').filter(isNode);
  for (const item of definitions) {
    if (item['resource'] !== 'column') continue;
    const spec = columnSpec(item, stmt);
    if (spec !== undefined) columns.push(spec);
  }
  const byName = (name: string): ColumnSpec | undefined =>
    columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  for (const item of definitions) {
    if (item['resource'] !== 'constraint') continue;
    const constraint = constraintSpec(item);
    if (constraint === undefined) continue;
    constraints.push(constraint);
    const names = constraint.columns;
    if (constraint.kind === 'primary-key') {
      for (const name of names) {
        const column = byName(name);
        if (column === undefined) continue;
        column.notNull = true;
        if (names.length === 1) column.primaryKey = true;
      }
    } else if (constraint.kind === 'unique' && names.length === 1) {
      const column = byName(names[0]!);
      if (column !== undefined) column.unique = true;
    }
  }
  return [
    {
      kind: 'create-table',
      table,
      columns,
      constraints,
      ifNotExists: flagAt(ast, 'if_not_exists'),
      partitioned: hasPartitionBy(statementTokens(stmt)),
      at: stmt.start,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// ALTER TABLE / CREATE INDEX / DROP INDEX options

type Algorithm = 'default' | 'instant' | 'inplace' | 'copy';
type LockOption = 'default' | 'none' | 'shared' | 'exclusive';

interface OnlineOptions {
  algorithm?: Algorithm;
  lock?: LockOption;
}

function algorithmOf(value: string | undefined): Algorithm | undefined {
  switch (value?.toLowerCase()) {
    case 'default':
      return 'default';
    case 'instant':
      return 'instant';
    // MariaDB's NOCOPY is in place without rebuilding the clustered index: like INPLACE, it is refused rather than
    // turned into a copy
    case 'inplace':
    case 'nocopy':
      return 'inplace';
    case 'copy':
      return 'copy';
    default:
      return undefined;
  }
}

function lockOf(value: string | undefined): LockOption | undefined {
  switch (value?.toLowerCase()) {
    case 'default':
      return 'default';
    case 'none':
      return 'none';
    case 'shared':
      return 'shared';
    case 'exclusive':
      return 'exclusive';
    default:
      return undefined;
  }
}

/** Reads an `ALGORITHM=` / `LOCK=` item (node-sql-parser's shape); true when it was one. A later option wins. */
function readOnlineOption(item: unknown, options: OnlineOptions): boolean {
  const keyword = stringAt(item, 'keyword')?.toLowerCase();
  if (stringAt(item, 'type') !== 'alter' || (keyword !== 'algorithm' && keyword !== 'lock')) return false;
  if (keyword !== stringAt(item, 'resource')?.toLowerCase()) return false;
  if (keyword === 'algorithm') {
    const algorithm = algorithmOf(stringAt(item, 'algorithm'));
    if (algorithm !== undefined) options.algorithm = algorithm;
  } else {
    const lock = lockOf(stringAt(item, 'lock'));
    if (lock !== undefined) options.lock = lock;
  }
  return true;
}

function onlineOptionsOp(table: TableName, options: OnlineOptions, stmt: MysqlStatement): Operation[] {
  if (options.algorithm === undefined && options.lock === undefined) return [];
  return [
    {
      kind: 'mysql-online-options',
      table,
      ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
      ...(options.lock !== undefined ? { lock: options.lock } : {}),
      at: stmt.start,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// ALTER TABLE

/**
 * Partition clauses that move rows between partitions or rebuild the table: repartitioning, removing the
 * partitioning, COALESCE / REORGANIZE / REBUILD / OPTIMIZE PARTITION, and ADD PARTITION of a HASH / KEY table
 * (`PARTITIONS n`, or partitions without `VALUES`). Adding a RANGE / LIST partition, dropping, truncating,
 * exchanging, analyzing or checking partitions copies no rows and is not listed.
 */
function repartitions(clause: MysqlRawAlterClause): boolean {
  switch (clause.keyword) {
    case 'PARTITION BY':
    case 'REMOVE PARTITIONING':
    case 'COALESCE PARTITION':
    case 'REORGANIZE PARTITION':
    case 'REBUILD PARTITION':
    case 'OPTIMIZE PARTITION':
      return true;
    case 'ADD PARTITION':
      return !tokenizeMysql(clause.text).some((t) => isWord(t, 'VALUES'));
    default:
      return false;
  }
}

/** `ALTER [COLUMN] c SET DEFAULT expr` (node-sql-parser does not read it). */
function setDefault(clause: MysqlRawAlterClause, table: TableName, at: number): Operation[] {
  const tokens = tokenizeMysql(clause.text);
  let k = 1;
  if (isWord(tokens[k], 'COLUMN')) k++;
  const column = nameOf(tokens[k]);
  if (column === undefined || !isWord(tokens[k + 1], 'SET') || !isWord(tokens[k + 2], 'DEFAULT')) return [];
  const rest = tokens.slice(k + 3);
  const volatile = rest.some((t, i) => t.kind === 'word' && VOLATILE_FUNCTIONS.has(t.value) && isPunct(rest[i + 1], '('));
  return [{ kind: 'set-default', table, column, volatile, at }];
}

/** `DROP CONSTRAINT c`, `DROP CHECK c`, `DROP FOREIGN KEY c` as raw clauses ([IF EXISTS] skipped). */
function droppedConstraintName(clause: MysqlRawAlterClause): string | undefined {
  const tokens = tokenizeMysql(clause.text);
  let k = isWord(tokens[1], 'FOREIGN') ? 3 : 2;
  if (isWord(tokens[k], 'IF') && isWord(tokens[k + 1], 'EXISTS')) k += 2;
  return nameOf(tokens[k]);
}

function lowerRawAlterClause(clause: MysqlRawAlterClause, table: TableName, at: number): Operation[] {
  const rebuild = (reason: 'charset' | 'engine' | 'force' | 'primary-key' | 'partitioning'): Operation => ({
    kind: 'mysql-table-rebuild',
    table,
    reason,
    at,
  });
  switch (clause.keyword) {
    case 'CONVERT TO CHARACTER SET':
      return [rebuild('charset')];
    case 'ENGINE':
      return [rebuild('engine')];
    case 'FORCE':
      return [rebuild('force')];
    case 'ALTER':
    case 'ALTER COLUMN':
      return setDefault(clause, table, at);
    case 'DROP PRIMARY':
      return [{ kind: 'drop-constraint', table, name: 'PRIMARY', at }, rebuild('primary-key')];
    case 'DROP CONSTRAINT':
    case 'DROP CHECK':
    case 'DROP FOREIGN': {
      const name = droppedConstraintName(clause);
      return name !== undefined ? [{ kind: 'drop-constraint', table, name, at }] : [];
    }
    default:
      return repartitions(clause) ? [rebuild('partitioning')] : [];
  }
}

/**
 * An explicit `NULL` in a MODIFY / CHANGE makes the column nullable: a drop-not-null, as PostgreSQL's DROP NOT NULL
 * (whether the column was NOT NULL before is the catalog's to say). Adding NOT NULL stays a plain change-type: the
 * redefinition is what InnoDB acts on, not a separate validation as in PostgreSQL.
 */
function explicitNull(item: Node, table: TableName, column: string, at: number): Operation[] {
  return stringAt(nodeAt(item, 'nullable'), 'type') === 'null' ? [{ kind: 'drop-not-null', table, column, at }] : [];
}

/** A PRIMARY KEY attribute on an added or redefined column adds a primary key: the clustered index is rebuilt. */
function primaryKeyRebuild(item: Node, table: TableName, at: number): Operation[] {
  const primaryKey = item['primary_key'] !== undefined && item['primary_key'] !== null;
  return primaryKey ? [{ kind: 'mysql-table-rebuild', table, reason: 'primary-key', at }] : [];
}

function lowerAlterItem(item: Node, table: TableName, stmt: MysqlStatement): Operation[] {
  const at = stmt.start;
  const action = stringAt(item, 'action')?.toLowerCase();
  const resource = stringAt(item, 'resource')?.toLowerCase();
  const keyword = stringAt(item, 'keyword')?.toLowerCase();
  if (resource === 'engine') return [{ kind: 'mysql-table-rebuild', table, reason: 'engine', at }];
  switch (action) {
    case 'add': {
      if (resource === 'column') {
        const column = columnSpec(item, stmt);
        if (column === undefined) return [];
        const ifNotExists = flagAt(item, 'if_not_exists');
        return [{ kind: 'add-column', table, column, ifNotExists, at: column.at }, ...primaryKeyRebuild(item, table, at)];
      }
      if (resource === 'index') {
        const name = stringAt(item, 'index');
        return [
          {
            kind: 'create-index',
            table,
            ...(name ? { name } : {}),
            columns: indexColumns(arrayAt(item, 'definition')),
            concurrently: false,
            unique: false,
            ifNotExists: flagAt(item, 'if_not_exists'),
            only: false,
            at,
          },
        ];
      }
      if (resource === 'constraint') {
        const constraint = constraintSpec(item['create_definitions']);
        if (constraint === undefined) return [];
        const ops: Operation[] = [{ kind: 'add-constraint', table, constraint, at }];
        if (constraint.kind === 'primary-key') ops.push({ kind: 'mysql-table-rebuild', table, reason: 'primary-key', at });
        return ops;
      }
      if (resource === 'partition') {
        // ADD PARTITION (PARTITION p VALUES ...) of a RANGE / LIST table copies nothing; without VALUES (HASH / KEY)
        // the rows are redistributed
        const partitions = arrayAt(item, 'partitions');
        const ranged = partitions.length > 0 && partitions.every((p) => isNode(nodeAt(p, 'value')));
        return ranged ? [] : [{ kind: 'mysql-table-rebuild', table, reason: 'partitioning', at }];
      }
      return [];
    }
    case 'drop': {
      if (resource === 'column') {
        const column = columnName(item['column']);
        if (column === undefined) return [];
        return [{ kind: 'drop-column', table, column, ifExists: flagAt(item, 'if_exists'), at }];
      }
      if (keyword === 'primary key') {
        return [
          { kind: 'drop-constraint', table, name: 'PRIMARY', at },
          { kind: 'mysql-table-rebuild', table, reason: 'primary-key', at },
        ];
      }
      if (keyword === 'foreign key' || resource === 'constraint') {
        const name = stringAt(item, 'key') ?? stringAt(item, 'constraint');
        return name ? [{ kind: 'drop-constraint', table, name, at }] : [];
      }
      if (resource === 'index' || resource === 'key') {
        const name = stringAt(item, 'index') ?? stringAt(item, 'key');
        if (!name) return [];
        return [{ kind: 'drop-index', names: [name], concurrently: false, ifExists: flagAt(item, 'if_exists'), at }];
      }
      return [];
    }
    case 'coalesce':
      return resource === 'partition' ? [{ kind: 'mysql-table-rebuild', table, reason: 'partitioning', at }] : [];
    case 'rename': {
      if (resource === 'column') {
        const from = columnName(item['old_column']);
        const to = columnName(item['column']);
        return from !== undefined && to !== undefined ? [{ kind: 'rename-column', table, from, to, at }] : [];
      }
      if (resource === 'table') {
        const to = stringAt(item, 'table') ?? tableNameOf(item['table'])?.name;
        return to !== undefined ? [{ kind: 'rename-table', table, to, at }] : [];
      }
      return [];
    }
    case 'modify': {
      // MODIFY [COLUMN] c <definition>: the column is redefined; whether its type really changes is the rules' call
      const column = columnName(item['column']);
      const newType = normaliseType(nodeAt(item, 'definition'));
      if (column === undefined || newType === undefined) return [];
      return [
        { kind: 'change-type', table, column, newType, using: false, at },
        ...explicitNull(item, table, column, at),
        ...primaryKeyRebuild(item, table, at),
      ];
    }
    case 'change': {
      // CHANGE [COLUMN] old new <definition>: redefines the column, and renames it when the name differs (column
      // names are case-insensitive). The type change comes first, under the old name.
      const from = columnName(item['old_column']);
      const to = columnName(item['column']);
      const newType = normaliseType(nodeAt(item, 'definition'));
      if (from === undefined || to === undefined) return [];
      const ops: Operation[] = [];
      if (newType !== undefined) ops.push({ kind: 'change-type', table, column: from, newType, using: false, at });
      ops.push(...explicitNull(item, table, from, at));
      if (from.toLowerCase() !== to.toLowerCase()) ops.push({ kind: 'rename-column', table, from, to, at });
      return [...ops, ...primaryKeyRebuild(item, table, at)];
    }
    default:
      return [];
  }
}

function lowerAlterTable(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const ops: Operation[] = [];
  const options: OnlineOptions = {};
  for (const item of arrayAt(ast, 'expr')) {
    if (isMysqlRawAlterClause(item)) {
      ops.push(...lowerRawAlterClause(item, table, stmt.start));
    } else if (isNode(item) && !readOnlineOption(item, options)) {
      ops.push(...lowerAlterItem(item, table, stmt));
    }
  }
  return [...ops, ...onlineOptionsOp(table, options, stmt)];
}

function lowerRenameTable(ast: Node, stmt: MysqlStatement): Operation[] {
  const ops: Operation[] = [];
  for (const pair of arrayAt(ast, 'table')) {
    if (!Array.isArray(pair)) continue;
    const from = tableNameOf(pair[0]);
    const to = tableNameOf(pair[1]);
    if (from !== undefined && to !== undefined) ops.push({ kind: 'rename-table', table: from, to: to.name, at: stmt.start });
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// CREATE INDEX / DROP INDEX / DROP TABLE / TRUNCATE

function lowerCreateIndex(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const name = stringAt(ast, 'index');
  const options: OnlineOptions = {};
  readOnlineOption(ast['algorithm_option'], options);
  readOnlineOption(ast['lock_option'], options);
  return [
    {
      kind: 'create-index',
      table,
      ...(name ? { name } : {}),
      columns: indexColumns(arrayAt(ast, 'index_columns')),
      concurrently: false,
      unique: stringAt(ast, 'index_type')?.toLowerCase() === 'unique',
      ifNotExists: flagAt(ast, 'if_not_exists'),
      only: false,
      at: stmt.start,
    },
    ...onlineOptionsOp(table, options, stmt),
  ];
}

function lowerDropIndex(ast: Node, stmt: MysqlStatement): Operation[] {
  const name = columnName(ast['name']) ?? stringAt(ast, 'name');
  if (name === undefined) return [];
  const ifExists = stringAt(ast, 'prefix')?.toLowerCase() === 'if exists';
  const ops: Operation[] = [{ kind: 'drop-index', names: [name], concurrently: false, ifExists, at: stmt.start }];
  const table = firstTable(ast['table']);
  if (table === undefined) return ops;
  const options: OnlineOptions = {};
  for (const option of arrayAt(ast, 'options')) readOnlineOption(option, options);
  return [...ops, ...onlineOptionsOp(table, options, stmt)];
}

function lowerDropTable(ast: Node, stmt: MysqlStatement): Operation[] {
  // DROP TEMPORARY TABLE drops a session's scratch table, not part of the schema
  if (isWord(statementTokens(stmt)[1], 'TEMPORARY')) return [];
  const tables = arrayAt(ast, 'name')
    .map(tableNameOf)
    .filter((t): t is TableName => t !== undefined);
  const ifExists = stringAt(ast, 'prefix')?.toLowerCase() === 'if exists';
  return tables.length > 0 ? [{ kind: 'drop-table', tables, ifExists, at: stmt.start }] : [];
}

function lowerTruncate(ast: Node, stmt: MysqlStatement): Operation[] {
  const tables = arrayAt(ast, 'name')
    .map(tableNameOf)
    .filter((t): t is TableName => t !== undefined);
  // MySQL's TRUNCATE has no CASCADE (it fails when another table's foreign key references the table)
  return tables.length > 0 ? [{ kind: 'truncate', tables, cascade: false, at: stmt.start }] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// statements read from their tokens: CREATE / DROP DATABASE, SET, INSERT

/** `CREATE DATABASE|SCHEMA [IF NOT EXISTS] x`, `DROP DATABASE|SCHEMA [IF EXISTS] x`: a schema is a database. */
function lowerDatabase(stmt: MysqlStatement): Operation[] {
  const tokens = statementTokens(stmt);
  const [verb, object] = tokens;
  if (!isWord(verb, 'CREATE', 'DROP') || !isWord(object, 'DATABASE', 'SCHEMA')) return [];
  let k = 2;
  if (isWord(tokens[k], 'IF')) k += isWord(tokens[k + 1], 'NOT') ? 3 : 2;
  const name = nameOf(tokens[k]);
  if (name === undefined) return [];
  return [{ kind: verb!.value === 'CREATE' ? 'create-database' : 'drop-database', name, at: stmt.start }];
}

const SCOPES = new Set(['GLOBAL', 'SESSION', 'LOCAL', 'PERSIST', 'PERSIST_ONLY']);

/**
 * `SET [GLOBAL | SESSION | LOCAL] lock_wait_timeout = n` and `SET @@[session.]lock_wait_timeout = n`, once per
 * assignment. (`innodb_lock_wait_timeout` bounds row-lock waits, not the metadata lock DDL waits for.)
 */
function lowerSet(stmt: MysqlStatement): Operation[] {
  const tokens = statementTokens(stmt);
  if (!isWord(tokens[0], 'SET')) return [];
  const ops: Operation[] = [];
  for (const [from, to] of splitTopLevel(tokens, 1, tokens.length)) {
    const part = tokens.slice(from, to);
    let k = 0;
    if (part[k] !== undefined && part[k]!.kind === 'word' && SCOPES.has(part[k]!.value)) k++;
    const target = part[k];
    let name: string | undefined;
    if (target?.kind === 'variable' && target.text.startsWith('@@')) {
      name = target.text.slice(2).replace(/^(global|session|local|persist|persist_only)\./i, '');
    } else if (target?.kind === 'word') {
      name = target.text;
    }
    const assigns = isPunct(part[k + 1], '=') || isPunct(part[k + 1], ':=');
    if (assigns && name?.toLowerCase() === 'lock_wait_timeout') {
      ops.push({ kind: 'set-timeout', setting: 'lock_wait_timeout', at: stmt.start });
    }
  }
  return ops;
}

function insertColumnName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return columnName(value) ?? stringAt(value, 'value');
}

function lowerInsert(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const listed = arrayAt(ast, 'columns').map(insertColumnName);
  const assigned = arrayAt(ast, 'set').map((a) => stringAt(a, 'column'));
  const columns = (listed.length > 0 ? listed : assigned).filter((c): c is string => c !== undefined);
  const fromSelect = stringAt(ast['values'], 'type') === 'select';
  return [{ kind: 'insert', table, columns, fromSelect, at: stmt.start }];
}

/** INSERT / REPLACE that node-sql-parser does not read (`INSERT INTO t TABLE u`, ...): from its tokens. */
function lowerInsertTokens(stmt: MysqlStatement): Operation[] {
  const tokens = statementTokens(stmt);
  if (!isWord(tokens[0], 'INSERT', 'REPLACE')) return [];
  let k = 1;
  while (isWord(tokens[k], 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE')) k++;
  if (isWord(tokens[k], 'INTO')) k++;
  let name = nameOf(tokens[k]);
  let schema: string | undefined;
  k++;
  if (isPunct(tokens[k], '.')) {
    schema = name;
    name = nameOf(tokens[k + 1]);
    k += 2;
  }
  if (name === undefined) return [];
  if (isWord(tokens[k], 'PARTITION') && isPunct(tokens[k + 1], '(')) {
    const close = matchingParen(tokens, k + 1);
    if (close === -1) return [];
    k = close + 1;
  }
  const columns: string[] = [];
  const isQueryStart = (t: Token | undefined): boolean => isWord(t, 'SELECT', 'TABLE', 'WITH') || isPunct(t, '(');
  if (isPunct(tokens[k], '(') && !isQueryStart(tokens[k + 1])) {
    const close = matchingParen(tokens, k);
    if (close === -1) return [];
    for (const [from, to] of splitTopLevel(tokens, k + 1, close)) {
      const column = to - from === 1 ? nameOf(tokens[from]) : undefined;
      if (column !== undefined) columns.push(column);
    }
    k = close + 1;
  }
  const table: TableName = schema ? { schema, name } : { name };
  return [{ kind: 'insert', table, columns, fromSelect: isQueryStart(tokens[k]), at: stmt.start }];
}

// ---------------------------------------------------------------------------------------------------------------
// UPDATE / DELETE: how far the WHERE clause bounds the rows

function conjuncts(expr: unknown): unknown[] {
  if (isNode(expr) && expr['type'] === 'binary_expr') {
    const operator = stringAt(expr, 'operator')?.toUpperCase();
    if (operator === 'AND' || operator === '&&') return [...conjuncts(expr['left']), ...conjuncts(expr['right'])];
  }
  return [expr];
}

/** Whether an expression reads a column (outside subqueries, which are their own scope). */
function readsColumn(value: unknown, depth = 0): boolean {
  if (depth > 50) return true;
  if (Array.isArray(value)) return value.some((v) => readsColumn(v, depth + 1));
  if (!isNode(value)) return false;
  if (value['type'] === 'column_ref') return true;
  if (isNode(value['ast'])) return false;
  return Object.entries(value).some(([key, child]) => key !== 'loc' && readsColumn(child, depth + 1));
}

const LITERAL_TYPES = new Set([
  'number', 'string', 'single_quote_string', 'double_quote_string', 'natural_string', 'hex_string',
  'full_hex_string', 'bit_string', 'bool', 'boolean', 'null', 'param',
]);

function isLiteral(value: unknown): boolean {
  if (!isNode(value)) return false;
  const type = stringAt(value, 'type');
  if (type === undefined) return false;
  if (LITERAL_TYPES.has(type)) return true;
  return type === 'origin' && value['value'] === '?';
}

function isColumn(value: unknown): value is Node {
  return isNode(value) && value['type'] === 'column_ref';
}

function isIdColumn(value: unknown): boolean {
  return isColumn(value) && columnName(value)?.toLowerCase() === 'id';
}

/** `IN (SELECT ... LIMIT n)`. */
function isLimitedSubquery(list: unknown): boolean {
  const values = arrayAt(list, 'value');
  if (values.length !== 1) return false;
  const select = nodeAt(values[0], 'ast');
  if (select === undefined || select['type'] !== 'select') return false;
  return arrayAt(nodeAt(select, 'limit'), 'value').length > 0;
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function whereBound(where: unknown, limit: unknown): WhereBound {
  if (arrayAt(limit, 'value').length > 0) return 'bounded';
  if (where === undefined || where === null) return 'none';
  const lower = new Set<string>();
  const upper = new Set<string>();
  for (const term of conjuncts(where)) {
    if (!isNode(term) || term['type'] !== 'binary_expr') continue;
    const operator = stringAt(term, 'operator')?.toUpperCase() ?? '';
    const left = term['left'];
    const right = term['right'];
    if (operator === 'BETWEEN') return 'bounded';
    if (operator === '=') {
      if ((isIdColumn(left) && !readsColumn(right)) || (isIdColumn(right) && !readsColumn(left))) return 'bounded';
    }
    if (operator === 'IN') {
      if (isLimitedSubquery(right)) return 'bounded';
      const values = arrayAt(right, 'value');
      if (isIdColumn(left) && values.length > 0 && values.every(isLiteral)) return 'bounded';
    }
    if (operator in FLIPPED) {
      let column: Node | undefined;
      let op = operator;
      if (isColumn(left) && !readsColumn(right)) column = left;
      else if (isColumn(right) && !readsColumn(left)) {
        column = right;
        op = FLIPPED[operator]!;
      }
      const name = column ? columnName(column)?.toLowerCase() : undefined;
      if (name === undefined) continue;
      (op.startsWith('>') ? lower : upper).add(name);
      if (lower.has(name) && upper.has(name)) return 'bounded';
    }
  }
  return 'unbounded';
}

/** Resolves a qualifier (alias or table name) against a FROM list. */
function resolveTable(qualifier: string, from: unknown[]): TableName | undefined {
  const q = qualifier.toLowerCase();
  for (const ref of from) {
    const alias = stringAt(ref, 'as');
    const table = tableNameOf(ref);
    if (table === undefined) continue;
    if (alias?.toLowerCase() === q || (!alias && table.name.toLowerCase() === q)) return table;
  }
  for (const ref of from) {
    const table = tableNameOf(ref);
    if (table?.name.toLowerCase() === q) return table;
  }
  return undefined;
}

function uniqueTables(tables: TableName[]): TableName[] {
  const seen = new Set<string>();
  return tables.filter((t) => {
    const key = `${t.schema ?? ''}.${t.name}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lowerUpdate(ast: Node, stmt: MysqlStatement): Operation[] {
  const from = arrayAt(ast, 'table');
  const assignments = arrayAt(ast, 'set').map((a) => {
    const qualifier = stringAt(a, 'table');
    return { column: stringAt(a, 'column'), table: qualifier ? resolveTable(qualifier, from) : undefined };
  });
  // multi-table UPDATE: the tables written are the ones the SET list names
  let tables = uniqueTables(assignments.map((a) => a.table).filter((t): t is TableName => t !== undefined));
  if (tables.length === 0) {
    const first = tableNameOf(from[0]);
    tables = first !== undefined ? [first] : [];
  }
  const key = (t: TableName): string => `${t.schema ?? ''}.${t.name}`.toLowerCase();
  const where = whereBound(ast['where'], ast['limit']);
  return tables.map((table, i) => {
    // each table gets the columns it assigns, in order, duplicates kept; unqualified ones go to the first
    const columns = assignments
      .filter((a) => (a.table === undefined ? i === 0 : key(a.table) === key(table)))
      .map((a) => a.column)
      .filter((c): c is string => c !== undefined);
    return { kind: 'update', table, where, columns, at: stmt.start };
  });
}

function lowerDelete(ast: Node, stmt: MysqlStatement): Operation[] {
  const from = arrayAt(ast, 'from');
  const targets: TableName[] = [];
  for (const ref of arrayAt(ast, 'table')) {
    const name = stringAt(ref, 'table');
    if (name === undefined) continue;
    const db = stringAt(ref, 'db');
    const resolved = db ? undefined : resolveTable(name, from);
    const table = resolved ?? tableNameOf(ref);
    if (table !== undefined) targets.push(table);
  }
  if (targets.length === 0) {
    const first = tableNameOf(from[0]);
    if (first !== undefined) targets.push(first);
  }
  const where = whereBound(ast['where'], ast['limit']);
  return uniqueTables(targets).map((table) => ({ kind: 'delete', table, where, at: stmt.start }));
}

function transaction(stmt: MysqlStatement): Operation[] {
  const { kind } = classifyMysql(tokenizeMysql(maskMysqlComments(stmt.text)));
  if (kind === 'begin' || kind === 'commit' || kind === 'rollback') {
    return [{ kind: 'transaction', action: kind, at: stmt.start }];
  }
  return [];
}

export function lowerMysql(stmt: MysqlStatement): Operation[] {
  const ast: unknown = stmt.ast;
  if (isMysqlUnparsed(stmt.ast)) {
    const { kind, keywords } = stmt.ast;
    if (kind === 'begin' || kind === 'commit' || kind === 'rollback') {
      return [{ kind: 'transaction', action: kind, at: stmt.start }];
    }
    if (kind !== 'other') return [];
    if (/^(CREATE|DROP) (DATABASE|SCHEMA)$/.test(keywords)) return lowerDatabase(stmt);
    if (keywords.startsWith('SET')) return lowerSet(stmt);
    if (keywords.startsWith('INSERT') || keywords.startsWith('REPLACE')) return lowerInsertTokens(stmt);
    return [];
  }
  if (!isNode(ast)) return [];
  const keyword = stringAt(ast, 'keyword')?.toLowerCase();
  switch (ast['type']) {
    case 'create':
      if (keyword === 'table') return lowerCreateTable(ast, stmt);
      if (keyword === 'index') return lowerCreateIndex(ast, stmt);
      if (keyword === 'database' || keyword === 'schema') return lowerDatabase(stmt);
      return [];
    case 'drop':
      if (keyword === 'table') return lowerDropTable(ast, stmt);
      if (keyword === 'index') return lowerDropIndex(ast, stmt);
      if (keyword === 'database' || keyword === 'schema') return lowerDatabase(stmt);
      return [];
    case 'alter':
      return lowerAlterTable(ast, stmt);
    case 'rename':
      return lowerRenameTable(ast, stmt);
    case 'truncate':
      return lowerTruncate(ast, stmt);
    case 'update':
      return lowerUpdate(ast, stmt);
    case 'delete':
      return lowerDelete(ast, stmt);
    case 'insert':
    case 'replace':
      return lowerInsert(ast, stmt);
    case 'set':
      return lowerSet(stmt);
    case 'transaction':
      return transaction(stmt);
    default:
      return [];
  }
}
