import type { ColumnDef, Constraint, Node as PgNode } from '@pgsql/types';
import type { PgStatement } from '../parse/types.js';
import type { ColumnSpec, Operation } from './operations.js';
import { callsVolatileFunction, isNullConst, stringsOf, tableOf, typeNameText } from './pg-nodes.js';
import { wherePostgres } from './where-postgres.js';

/** Columns taken as keys when nothing else is known about the table. */
const DEFAULT_KEY_COLUMNS: ReadonlySet<string> = new Set(['id']);

const SERIAL_TYPES = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** Lowers one PostgreSQL statement to the dialect-neutral operations rules match on. */
export function lowerPostgres(stmt: PgStatement): Operation[] {
  const node = stmt.ast;
  const at = stmt.start;

  if ('CreateStmt' in node) {
    const create = node.CreateStmt;
    const columns: ColumnSpec[] = [];
    for (const element of create.tableElts ?? []) {
      if ('ColumnDef' in element) columns.push(columnSpec(element.ColumnDef, stmt));
    }
    return [{ kind: 'create-table', table: tableOf(create.relation), columns, at }];
  }
  if ('CreateTableAsStmt' in node) {
    const into = node.CreateTableAsStmt.into;
    return [{ kind: 'create-table', table: tableOf(into?.rel), columns: [], at }];
  }
  if ('AlterTableStmt' in node) {
    const alter = node.AlterTableStmt;
    if (alter.objtype !== 'OBJECT_TABLE') return [];
    const table = tableOf(alter.relation);
    const ops: Operation[] = [];
    for (const cmdNode of alter.cmds ?? []) {
      if (!('AlterTableCmd' in cmdNode)) continue;
      const cmd = cmdNode.AlterTableCmd;
      if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
        const column = columnSpec(cmd.def.ColumnDef, stmt);
        ops.push({ kind: 'add-column', table, column, at: column.at });
      }
    }
    return ops;
  }
  if ('RenameStmt' in node) {
    const rename = node.RenameStmt;
    const table = tableOf(rename.relation);
    if (rename.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE') {
      return [{ kind: 'rename-column', table, from: rename.subname ?? '', to: rename.newname ?? '', at }];
    }
    if (rename.renameType === 'OBJECT_TABLE') {
      return [{ kind: 'rename-table', table, to: rename.newname ?? '', at }];
    }
    return [];
  }
  if ('IndexStmt' in node) {
    const index = node.IndexStmt;
    const op: Operation = {
      kind: 'create-index',
      table: tableOf(index.relation),
      concurrently: index.concurrent === true,
      unique: index.unique === true,
      at,
    };
    if (index.idxname) op.name = index.idxname;
    return [op];
  }
  if ('DropStmt' in node) {
    const drop = node.DropStmt;
    const names = (drop.objects ?? []).map(qualifiedName);
    if (drop.removeType === 'OBJECT_INDEX') {
      return [{ kind: 'drop-index', names, concurrently: drop.concurrent === true, at }];
    }
    if (drop.removeType === 'OBJECT_TABLE') {
      return [{ kind: 'drop-table', tables: names.map((name) => ({ name })), at }];
    }
    return [];
  }
  if ('UpdateStmt' in node) {
    const update = node.UpdateStmt;
    return [{ kind: 'update', table: tableOf(update.relation), where: wherePostgres(update.whereClause, DEFAULT_KEY_COLUMNS, stmt.context !== 'top'), at }];
  }
  if ('DeleteStmt' in node) {
    const del = node.DeleteStmt;
    return [{ kind: 'delete', table: tableOf(del.relation), where: wherePostgres(del.whereClause, DEFAULT_KEY_COLUMNS, stmt.context !== 'top'), at }];
  }
  if ('TransactionStmt' in node) {
    switch (node.TransactionStmt.kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        return [{ kind: 'transaction', action: 'begin', at }];
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_COMMIT_PREPARED':
      case 'TRANS_STMT_PREPARE':
        return [{ kind: 'transaction', action: 'commit', at }];
      case 'TRANS_STMT_ROLLBACK':
      case 'TRANS_STMT_ROLLBACK_PREPARED':
        return [{ kind: 'transaction', action: 'rollback', at }];
      default:
        return [];
    }
  }
  return [];
}

/** The last name of a dotted object name (`public.idx` → `idx`). */
function qualifiedName(node: PgNode): string {
  const names = 'List' in node ? stringsOf(node.List.items) : 'String' in node ? [node.String.sval ?? ''] : [];
  return names[names.length - 1] ?? '';
}

function constraintsOf(def: ColumnDef): Constraint[] {
  const out: Constraint[] = [];
  for (const node of def.constraints ?? []) if ('Constraint' in node) out.push(node.Constraint);
  return out;
}

function columnSpec(def: ColumnDef, stmt: PgStatement): ColumnSpec {
  const constraints = constraintsOf(def);
  const has = (type: Constraint['contype']): boolean => constraints.some((c) => c.contype === type);
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr ?? def.raw_default;
  const type = typeNameText(def.typeName);
  const generated = constraints.find((c) => c.contype === 'CONSTR_GENERATED');
  return {
    name: def.colname ?? '',
    ...(type !== undefined ? { type } : {}),
    notNull: has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY'),
    primaryKey: has('CONSTR_PRIMARY'),
    unique: has('CONSTR_UNIQUE'),
    hasDefault: !isNullConst(defaultExpr),
    defaultIsVolatile: callsVolatileFunction(defaultExpr),
    autoIncrement: has('CONSTR_IDENTITY') || (type !== undefined && SERIAL_TYPES.has(type)),
    generatedStored: generated !== undefined && generated.generated_kind !== 'v',
    at: def.location !== undefined ? stmt.locate(def.location) : stmt.start,
  };
}
