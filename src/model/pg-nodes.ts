import type { Node as PgNode, RangeVar, TypeName } from '@pgsql/types';
import type { TableName } from './operations.js';

/** Small readers over the libpg-query AST, shared by the PostgreSQL lowering modules. */

export function stringsOf(nodes: PgNode[] | undefined): string[] {
  const out: string[] = [];
  for (const node of nodes ?? []) if ('String' in node && node.String.sval !== undefined) out.push(node.String.sval);
  return out;
}

export function tableOf(relation: RangeVar | undefined): TableName {
  const table: TableName = { name: relation?.relname ?? '' };
  if (relation?.schemaname) table.schema = relation.schemaname;
  return table;
}

/** A column reference's last field (`t.id` → `id`), or undefined for anything else. */
export function columnName(node: PgNode | undefined): string | undefined {
  if (!node || !('ColumnRef' in node)) return undefined;
  const names = stringsOf(node.ColumnRef.fields);
  return names[names.length - 1];
}

const TYPE_ALIASES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
  varbit: 'bit varying',
};

/** The type as a readable lower-case name with its modifiers: `integer`, `varchar(20)`, `numeric(10,2)`. */
export function typeNameText(typeName: TypeName | undefined): string | undefined {
  if (!typeName) return undefined;
  const names = stringsOf(typeName.names).filter((n) => n !== 'pg_catalog');
  const base = names.join('.').toLowerCase();
  if (!base) return undefined;
  const name = TYPE_ALIASES[base] ?? (base === 'timestamp' ? 'timestamp without time zone' : base);
  const mods: string[] = [];
  for (const mod of typeName.typmods ?? []) {
    if ('A_Const' in mod && mod.A_Const.ival) mods.push(String(mod.A_Const.ival.ival ?? 0));
  }
  const array = typeName.arrayBounds?.length ? '[]' : '';
  if (mods.length === 0) return `${name}${array}`;
  // the precision goes after the type's first word: timestamp(3) with time zone, time(0) without time zone
  const zone = / with(out)? time zone$/.exec(name);
  if (zone) return `${name.slice(0, zone.index)}(${mods.join(',')})${zone[0]}${array}`;
  return `${name}(${mods.join(',')})${array}`;
}

/** True for `NULL` (an A_Const with isnull) and for nothing. */
export function isNullConst(node: PgNode | undefined): boolean {
  if (!node) return true;
  if ('TypeCast' in node) return isNullConst(node.TypeCast.arg); // NULL::text
  return 'A_Const' in node && node.A_Const.isnull === true;
}

/**
 * True for values that do not read the row being updated: literals, parameters, `now()`-like calls and
 * arithmetic over them. With `variables`, an unqualified name also counts: inside a PL/pgSQL body it is
 * usually a variable (`WHERE id > lo AND id <= lo + 5000` in a batching loop).
 */
export function isRowIndependent(node: PgNode | undefined, variables = false): boolean {
  if (!node) return false;
  const each = (nodes: PgNode[] | undefined): boolean => (nodes ?? []).every((n) => isRowIndependent(n, variables));
  if ('A_Const' in node || 'ParamRef' in node || 'SQLValueFunction' in node) return true;
  if ('ColumnRef' in node) return variables && (node.ColumnRef.fields ?? []).length === 1;
  if ('TypeCast' in node) return isRowIndependent(node.TypeCast.arg, variables);
  if ('A_Expr' in node) {
    const { lexpr, rexpr } = node.A_Expr;
    return node.A_Expr.kind === 'AEXPR_OP' && (!lexpr || isRowIndependent(lexpr, variables)) && isRowIndependent(rexpr, variables);
  }
  if ('FuncCall' in node) return each(node.FuncCall.args);
  if ('A_ArrayExpr' in node) return each(node.A_ArrayExpr.elements);
  if ('List' in node) return each(node.List.items);
  return false;
}

/** Calls a function whose result changes per row (or per call): a default with it rewrites the table. */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setseed',
  'random_normal',
]);

export function callsVolatileFunction(node: PgNode | undefined): boolean {
  if (!node) return false;
  if ('FuncCall' in node) {
    const names = stringsOf(node.FuncCall.funcname);
    const last = names[names.length - 1]?.toLowerCase();
    return (last !== undefined && VOLATILE_FUNCTIONS.has(last)) || (node.FuncCall.args ?? []).some(callsVolatileFunction);
  }
  if ('TypeCast' in node) return callsVolatileFunction(node.TypeCast.arg);
  if ('A_Expr' in node) return callsVolatileFunction(node.A_Expr.lexpr) || callsVolatileFunction(node.A_Expr.rexpr);
  if ('CoalesceExpr' in node) return (node.CoalesceExpr.args ?? []).some(callsVolatileFunction);
  return false;
}
