/**
 * MySQL / MariaDB statements (node-sql-parser trees, see src/parse/mysql/ast.ts) -> dialect-neutral operations.
 * node-sql-parser's typings are loose (`any` in many places, and statement types they do not list), so every node
 * is narrowed from `unknown` here.
 */
import { isMysqlUnparsed } from '../parse/mysql/ast.js';
import { classifyMysql } from '../parse/mysql/classify.js';
import { maskMysqlComments } from '../parse/mysql/split.js';
import { isWord, tokenizeMysql } from '../parse/mysql/tokens.js';
import type { MysqlStatement } from '../parse/types.js';
import type { ColumnSpec, Operation, TableName, WhereBound } from './operations.js';

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

// ---------------------------------------------------------------------------------------------------------------
// columns

function literalText(value: unknown): string | undefined {
  if (!isNode(value)) return undefined;
  const v = value['value'];
  const type = stringAt(value, 'type') ?? '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  if (type.includes('string')) return `'${v.replace(/'/g, "''")}'`;
  return v;
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
    at,
  };
  const type = normaliseType(definition);
  if (type !== undefined) spec.type = type;
  return spec;
}

/** Column names of a table-level key definition (`PRIMARY KEY (a, b)`). */
function keyColumns(definition: unknown): string[] {
  return arrayAt(definition, 'definition')
    .map((ref) => columnName(ref))
    .filter((name): name is string => name !== undefined);
}

function isUniqueConstraint(constraintType: string | undefined): boolean {
  return constraintType !== undefined && constraintType.toLowerCase().startsWith('unique');
}

// ---------------------------------------------------------------------------------------------------------------
// statements

function lowerCreateTable(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const columns: ColumnSpec[] = [];
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
    const constraintType = stringAt(item, 'constraint_type')?.toLowerCase();
    const names = keyColumns(item);
    if (constraintType === 'primary key') {
      for (const name of names) {
        const column = byName(name);
        if (column === undefined) continue;
        column.notNull = true;
        if (names.length === 1) column.primaryKey = true;
      }
    } else if (isUniqueConstraint(constraintType) && names.length === 1) {
      const column = byName(names[0]!);
      if (column !== undefined) column.unique = true;
    }
  }
  return [{ kind: 'create-table', table, columns, at: stmt.start }];
}

function lowerAlterTable(ast: Node, stmt: MysqlStatement): Operation[] {
  const table = firstTable(ast['table']);
  if (table === undefined) return [];
  const ops: Operation[] = [];
  for (const item of arrayAt(ast, 'expr')) {
    if (!isNode(item)) continue;
    const action = stringAt(item, 'action')?.toLowerCase();
    const resource = stringAt(item, 'resource')?.toLowerCase();
    // Findings point at the statement, as in PostgreSQL (whose AST has no clause positions);
    // only an added column points at its name.
    const at = stmt.start;
    if (action === 'add' && resource === 'column') {
      const column = columnSpec(item, stmt);
      if (column !== undefined) ops.push({ kind: 'add-column', table, column, at: column.at });
    } else if (action === 'add' && resource === 'index') {
      const name = stringAt(item, 'index');
      ops.push({ kind: 'create-index', table, ...(name ? { name } : {}), concurrently: false, unique: false, at });
    } else if (action === 'add' && resource === 'constraint') {
      const definition = nodeAt(item, 'create_definitions');
      if (isUniqueConstraint(stringAt(definition, 'constraint_type'))) {
        const name = stringAt(definition, 'index') ?? stringAt(definition, 'constraint');
        ops.push({ kind: 'create-index', table, ...(name ? { name } : {}), concurrently: false, unique: true, at });
      }
    } else if (action === 'drop' && (resource === 'index' || resource === 'key')) {
      const name = stringAt(item, 'index') ?? stringAt(item, 'key');
      if (name !== undefined) ops.push({ kind: 'drop-index', names: [name], concurrently: false, at });
    } else if (action === 'rename' && resource === 'column') {
      const from = columnName(item['old_column']);
      const to = columnName(item['column']);
      if (from !== undefined && to !== undefined) ops.push({ kind: 'rename-column', table, from, to, at });
    } else if (action === 'rename' && resource === 'table') {
      const to = stringAt(item, 'table') ?? tableNameOf(item['table'])?.name;
      if (to !== undefined) ops.push({ kind: 'rename-table', table, to, at });
    } else if (action === 'change') {
      // CHANGE [COLUMN] old new type: a rename when the name differs (column names are case-insensitive)
      const from = columnName(item['old_column']);
      const to = columnName(item['column']);
      if (from !== undefined && to !== undefined && from.toLowerCase() !== to.toLowerCase()) {
        ops.push({ kind: 'rename-column', table, from, to, at });
      }
    }
  }
  return ops;
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
  // multi-table UPDATE: the tables written are the ones the SET list names
  const targets: TableName[] = [];
  for (const assignment of arrayAt(ast, 'set')) {
    const qualifier = stringAt(assignment, 'table');
    const table = qualifier ? resolveTable(qualifier, from) : undefined;
    if (table !== undefined) targets.push(table);
  }
  if (targets.length === 0) {
    const first = tableNameOf(from[0]);
    if (first !== undefined) targets.push(first);
  }
  const where = whereBound(ast['where'], ast['limit']);
  return uniqueTables(targets).map((table) => ({ kind: 'update', table, where, at: stmt.start }));
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
    const { kind } = stmt.ast;
    if (kind === 'begin' || kind === 'commit' || kind === 'rollback') {
      return [{ kind: 'transaction', action: kind, at: stmt.start }];
    }
    return [];
  }
  if (!isNode(ast)) return [];
  const keyword = stringAt(ast, 'keyword')?.toLowerCase();
  switch (ast['type']) {
    case 'create':
      if (keyword === 'table') return lowerCreateTable(ast, stmt);
      if (keyword === 'index') {
        const table = firstTable(ast['table']);
        if (table === undefined) return [];
        const name = stringAt(ast, 'index');
        const unique = stringAt(ast, 'index_type')?.toLowerCase() === 'unique';
        return [{ kind: 'create-index', table, ...(name ? { name } : {}), concurrently: false, unique, at: stmt.start }];
      }
      return [];
    case 'drop':
      if (keyword === 'table') {
        // DROP TEMPORARY TABLE drops a session's scratch table, not part of the schema
        if (isWord(tokenizeMysql(maskMysqlComments(stmt.text))[1], 'TEMPORARY')) return [];
        const tables = arrayAt(ast, 'name')
          .map(tableNameOf)
          .filter((t): t is TableName => t !== undefined);
        return tables.length > 0 ? [{ kind: 'drop-table', tables, at: stmt.start }] : [];
      }
      if (keyword === 'index') {
        const name = columnName(ast['name']) ?? stringAt(ast, 'name');
        return name !== undefined ? [{ kind: 'drop-index', names: [name], concurrently: false, at: stmt.start }] : [];
      }
      return [];
    case 'alter':
      return lowerAlterTable(ast, stmt);
    case 'rename':
      return lowerRenameTable(ast, stmt);
    case 'update':
      return lowerUpdate(ast, stmt);
    case 'delete':
      return lowerDelete(ast, stmt);
    case 'transaction':
      return transaction(stmt);
    default:
      return [];
  }
}
