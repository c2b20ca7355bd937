import type {
  AlterTableCmd,
  AlterTableType,
  ColumnDef,
  Constraint,
  Node as PgNode,
  RangeVar,
} from '@pgsql/types';
import type { PgStatement } from '../parse/types.js';
import { LOCK_MODES } from '../locks/modes.js';
import type {
  AlterTableSubcommand,
  ColumnSpec,
  ConstraintKind,
  ConstraintSpec,
  ObjectType,
  Operation,
  TableName,
  TimeoutSetting,
} from './operations.js';
import { callsVolatileFunction, columnName, isNullConst, stringsOf, tableOf, typeNameText } from './pg-nodes.js';
import { wherePostgres } from './where-postgres.js';

/** Columns taken as keys when nothing else is known about the table. */
const DEFAULT_KEY_COLUMNS: ReadonlySet<string> = new Set(['id']);

/** DROP statements of objects other than tables and indexes, by the parser's object type. */
const DROPPED_OBJECTS: Readonly<Record<string, ObjectType>> = {
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized-view',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_EXTENSION: 'extension',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_FUNCTION: 'function',
};

/** ALTER TABLE subcommands lowered to alter-table-other (the parser's internal-only subtypes are left out). */
const OTHER_SUBCOMMANDS: Partial<Readonly<Record<AlterTableType, AlterTableSubcommand>>> = {
  AT_ChangeOwner: 'OWNER TO',
  AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY',
  AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY',
  AT_EnableTrig: 'ENABLE TRIGGER',
  AT_EnableAlwaysTrig: 'ENABLE TRIGGER',
  AT_EnableReplicaTrig: 'ENABLE TRIGGER',
  AT_EnableTrigAll: 'ENABLE TRIGGER',
  AT_EnableTrigUser: 'ENABLE TRIGGER',
  AT_DisableTrig: 'DISABLE TRIGGER',
  AT_DisableTrigAll: 'DISABLE TRIGGER',
  AT_DisableTrigUser: 'DISABLE TRIGGER',
  AT_EnableRule: 'ENABLE RULE',
  AT_EnableAlwaysRule: 'ENABLE RULE',
  AT_EnableReplicaRule: 'ENABLE RULE',
  AT_DisableRule: 'DISABLE RULE',
  AT_SetRelOptions: 'SET',
  AT_ResetRelOptions: 'RESET',
  AT_SetStatistics: 'SET STATISTICS',
  AT_SetOptions: 'SET ATTRIBUTE OPTIONS',
  AT_ResetOptions: 'SET ATTRIBUTE OPTIONS',
  AT_SetStorage: 'SET STORAGE',
  AT_SetCompression: 'SET COMPRESSION',
  AT_ReplicaIdentity: 'REPLICA IDENTITY',
  AT_AddInherit: 'INHERIT',
  AT_DropInherit: 'NO INHERIT',
  AT_AddOf: 'OF',
  AT_DropOf: 'NOT OF',
  AT_AddIdentity: 'ADD IDENTITY',
  AT_SetIdentity: 'SET IDENTITY',
  AT_DropIdentity: 'DROP IDENTITY',
  AT_DropExpression: 'DROP EXPRESSION',
  AT_SetExpression: 'SET EXPRESSION',
  AT_ClusterOn: 'CLUSTER ON',
  AT_DropCluster: 'SET WITHOUT CLUSTER',
  AT_DropOids: 'SET WITHOUT OIDS',
  AT_GenericOptions: 'OPTIONS',
  AT_AlterColumnGenericOptions: 'OPTIONS',
  AT_DetachPartitionFinalize: 'DETACH PARTITION FINALIZE',
};

const SERIAL_TYPES = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** Lowers one PostgreSQL statement to the dialect-neutral operations rules match on. */
export function lowerPostgres(stmt: PgStatement): Operation[] {
  const node = stmt.ast;
  const at = stmt.start;

  if ('CreateStmt' in node) {
    const create = node.CreateStmt;
    const columns: ColumnSpec[] = [];
    const constraints: ConstraintSpec[] = [];
    for (const element of create.tableElts ?? []) {
      if ('ColumnDef' in element) columns.push(columnSpec(element.ColumnDef, stmt));
      if ('Constraint' in element) {
        const spec = constraintSpec(element.Constraint);
        if (spec) constraints.push(spec);
      }
    }
    const parent = create.partbound ? create.inhRelations?.[0] : undefined;
    const op: Operation = {
      kind: 'create-table',
      table: tableOf(create.relation),
      columns,
      constraints,
      ifNotExists: create.if_not_exists === true,
      partitioned: create.partspec !== undefined,
      at,
    };
    if (parent && 'RangeVar' in parent) op.partitionOf = tableOf(parent.RangeVar);
    if (create.relation?.relpersistence === 't') op.temporary = true;
    return [op];
  }
  if ('CreateTableAsStmt' in node) {
    const ctas = node.CreateTableAsStmt;
    if (ctas.objtype !== undefined && ctas.objtype !== 'OBJECT_TABLE') return [];
    const table = tableOf(ctas.into?.rel);
    return [{ kind: 'create-table', table, columns: [], constraints: [], ifNotExists: ctas.if_not_exists === true, partitioned: false, at }];
  }
  if ('AlterTableStmt' in node) {
    const alter = node.AlterTableStmt;
    if (alter.objtype !== 'OBJECT_TABLE') return [];
    const table = tableOf(alter.relation);
    const ops: Operation[] = [];
    for (const cmd of alter.cmds ?? []) {
      if ('AlterTableCmd' in cmd) ops.push(...lowerAlterTableCmd(cmd.AlterTableCmd, table, stmt));
    }
    return ops;
  }
  if ('RenameStmt' in node) {
    const rename = node.RenameStmt;
    const table = tableOf(rename.relation);
    if (rename.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE') {
      return [{ kind: 'rename-column', table, from: rename.subname ?? '', to: rename.newname ?? '', at }];
    }
    if (rename.renameType === 'OBJECT_TABLE') return [{ kind: 'rename-table', table, to: rename.newname ?? '', at }];
    if (rename.renameType === 'OBJECT_TABCONSTRAINT') return [{ kind: 'alter-table-other', table, subcommand: 'RENAME CONSTRAINT', at }];
    if (rename.renameType === 'OBJECT_INDEX') return [{ kind: 'rename-index', name: table, to: rename.newname ?? '', at }];
    return [];
  }
  if ('IndexStmt' in node) {
    const index = node.IndexStmt;
    const columns: string[] = [];
    for (const param of index.indexParams ?? []) {
      if ('IndexElem' in param) columns.push(param.IndexElem.name ?? columnName(param.IndexElem.expr) ?? '(expression)');
    }
    const op: Operation = {
      kind: 'create-index',
      table: tableOf(index.relation),
      columns,
      concurrently: index.concurrent === true,
      unique: index.unique === true,
      ifNotExists: index.if_not_exists === true,
      // libpg-query leaves `inh` out for ON ONLY and sets it true otherwise
      only: index.relation !== undefined && index.relation.inh !== true,
      at,
    };
    if (index.idxname) op.name = index.idxname;
    return [op];
  }
  if ('DropStmt' in node) {
    const drop = node.DropStmt;
    const names = (drop.objects ?? []).map(lastName);
    const ifExists = drop.missing_ok === true;
    const objectType = DROPPED_OBJECTS[drop.removeType ?? ''];
    // DROP TRIGGER / DROP POLICY name ON table: the objects are [schema.]table.name
    const onTables = (drop.objects ?? []).map((object) => tableOfMember(object, 1));
    if (objectType === 'trigger') {
      const locks: Operation[] = onTables.map((table) => ({ kind: 'table-command', table, command: 'DROP TRIGGER', at }));
      return [{ kind: 'object-ddl', action: 'drop', objectType, names, guarded: ifExists, replace: false, at }, ...locks];
    }
    if (objectType) return [{ kind: 'object-ddl', action: 'drop', objectType, names, guarded: ifExists, replace: false, at }];
    switch (drop.removeType) {
      case 'OBJECT_POLICY':
        return onTables.map((table) => ({ kind: 'table-command', table, command: 'DROP POLICY', at }));
      case 'OBJECT_INDEX':
        return [{ kind: 'drop-index', names, concurrently: drop.concurrent === true, ifExists, at }];
      case 'OBJECT_TABLE':
        return [{ kind: 'drop-table', tables: (drop.objects ?? []).map(qualifiedTable), ifExists, at }];
      case 'OBJECT_SCHEMA':
        return [{ kind: 'drop-schema', names, at }];
      default:
        return [];
    }
  }
  if ('ViewStmt' in node) {
    const view = node.ViewStmt;
    const replace = view.replace === true;
    return [{ kind: 'object-ddl', action: 'create', objectType: 'view', names: [view.view?.relname ?? ''], guarded: replace, replace, at }];
  }
  if ('CreateSeqStmt' in node) {
    const seq = node.CreateSeqStmt;
    const guarded = seq.if_not_exists === true;
    return [{ kind: 'object-ddl', action: 'create', objectType: 'sequence', names: [seq.sequence?.relname ?? ''], guarded, replace: false, at }];
  }
  if ('CreateSchemaStmt' in node) {
    const schema = node.CreateSchemaStmt;
    const guarded = schema.if_not_exists === true;
    return [{ kind: 'object-ddl', action: 'create', objectType: 'schema', names: [schema.schemaname ?? ''], guarded, replace: false, at }];
  }
  if ('CreateExtensionStmt' in node) {
    const ext = node.CreateExtensionStmt;
    const guarded = ext.if_not_exists === true;
    return [{ kind: 'object-ddl', action: 'create', objectType: 'extension', names: [ext.extname ?? ''], guarded, replace: false, at }];
  }
  if ('ReindexStmt' in node) {
    const reindex = node.ReindexStmt;
    const targets = {
      REINDEX_OBJECT_INDEX: 'index',
      REINDEX_OBJECT_TABLE: 'table',
      REINDEX_OBJECT_SCHEMA: 'schema',
      REINDEX_OBJECT_DATABASE: 'database',
      REINDEX_OBJECT_SYSTEM: 'system',
    } as const;
    const target = reindex.kind ? targets[reindex.kind] : 'index';
    const concurrently = hasOption(reindex.params, 'concurrently');
    return [{ kind: 'reindex', target, name: reindex.relation?.relname ?? reindex.name ?? '', concurrently, at }];
  }
  if ('VacuumStmt' in node) {
    const vacuum = node.VacuumStmt;
    if (vacuum.is_vacuumcmd !== true) return []; // ANALYZE (libpg-query leaves the false flag out)
    const tables: TableName[] = [];
    for (const rel of vacuum.rels ?? []) if ('VacuumRelation' in rel) tables.push(tableOf(rel.VacuumRelation.relation));
    return [{ kind: 'vacuum', tables, full: hasOption(vacuum.options, 'full'), at }];
  }
  if ('ClusterStmt' in node) {
    const relation = node.ClusterStmt.relation;
    return [relation ? { kind: 'cluster', table: tableOf(relation), at } : { kind: 'cluster', at }];
  }
  if ('CreateTrigStmt' in node) {
    const trigger = node.CreateTrigStmt;
    return [{ kind: 'create-trigger', table: tableOf(trigger.relation), name: trigger.trigname ?? '', at }];
  }
  if ('TruncateStmt' in node) {
    const truncate = node.TruncateStmt;
    return [{ kind: 'truncate', tables: rangeVars(truncate.relations).map(tableOf), cascade: truncate.behavior === 'DROP_CASCADE', at }];
  }
  if ('CreatedbStmt' in node) return [{ kind: 'create-database', name: node.CreatedbStmt.dbname ?? '', at }];
  if ('DropdbStmt' in node) return [{ kind: 'drop-database', name: node.DropdbStmt.dbname ?? '', at }];
  if ('AlterEnumStmt' in node) {
    const alter = node.AlterEnumStmt;
    const type = stringsOf(alter.typeName).join('.');
    if (alter.oldVal !== undefined) return [{ kind: 'enum-rename-value', type, from: alter.oldVal, to: alter.newVal ?? '', at }];
    return [{ kind: 'enum-add-value', type, value: alter.newVal ?? '', at }];
  }
  if ('CreateDomainStmt' in node) {
    const domain = node.CreateDomainStmt;
    const hasCheck = (domain.constraints ?? []).some((c) => 'Constraint' in c && c.Constraint.contype === 'CONSTR_CHECK');
    return [{ kind: 'create-domain', name: stringsOf(domain.domainname).join('.'), hasCheck, at }];
  }
  if ('AlterDomainStmt' in node) {
    const domain = node.AlterDomainStmt;
    if (domain.subtype !== 'C') return [];
    return [{ kind: 'alter-domain-add-constraint', name: stringsOf(domain.typeName).join('.'), at }];
  }
  if ('UpdateStmt' in node) {
    const update = node.UpdateStmt;
    const columns: string[] = [];
    for (const target of update.targetList ?? []) {
      // `SET arr[1] = ..., arr[2] = ...` and `SET comp.a = ...` assign parts of a column: not whole columns
      if ('ResTarget' in target && !target.ResTarget.indirection?.length) columns.push(target.ResTarget.name ?? '');
    }
    const where = wherePostgres(update.whereClause, DEFAULT_KEY_COLUMNS, stmt.context !== 'top');
    return [{ kind: 'update', table: tableOf(update.relation), where, columns, at }];
  }
  if ('DeleteStmt' in node) {
    const del = node.DeleteStmt;
    const where = wherePostgres(del.whereClause, DEFAULT_KEY_COLUMNS, stmt.context !== 'top');
    return [{ kind: 'delete', table: tableOf(del.relation), where, at }];
  }
  if ('InsertStmt' in node) {
    const insert = node.InsertStmt;
    const columns: string[] = [];
    for (const col of insert.cols ?? []) {
      if ('ResTarget' in col && !col.ResTarget.indirection?.length) columns.push(col.ResTarget.name ?? '');
    }
    const select = insert.selectStmt;
    const fromSelect = select !== undefined && 'SelectStmt' in select && select.SelectStmt.valuesLists === undefined;
    return [{ kind: 'insert', table: tableOf(insert.relation), columns, fromSelect, at }];
  }
  if ('LockStmt' in node) {
    const stmtLock = node.LockStmt;
    // LockStmt.mode is the lock's number in lockdefs.h: 1 = AccessShareLock ... 8 = AccessExclusiveLock, the
    // order of LOCK_MODES
    const mode = LOCK_MODES[(stmtLock.mode ?? 8) - 1] ?? 'AccessExclusiveLock';
    return [{ kind: 'lock-table', tables: rangeVars(stmtLock.relations).map(tableOf), mode, nowait: stmtLock.nowait === true, at }];
  }
  if ('RefreshMatViewStmt' in node) {
    const refresh = node.RefreshMatViewStmt;
    return [{ kind: 'refresh-matview', name: tableOf(refresh.relation), concurrently: refresh.concurrent === true, at }];
  }
  if ('CreatePolicyStmt' in node) return [{ kind: 'table-command', table: tableOf(node.CreatePolicyStmt.table), command: 'CREATE POLICY', at }];
  if ('AlterPolicyStmt' in node) return [{ kind: 'table-command', table: tableOf(node.AlterPolicyStmt.table), command: 'ALTER POLICY', at }];
  if ('CommentStmt' in node) {
    const comment = node.CommentStmt;
    // COMMENT ON TABLE [schema.]t / COLUMN [schema.]t.c
    const skip = comment.objtype === 'OBJECT_TABLE' ? 0 : comment.objtype === 'OBJECT_COLUMN' ? 1 : undefined;
    if (skip === undefined || !comment.object) return [];
    return [{ kind: 'table-command', table: tableOfMember(comment.object, skip), command: 'COMMENT ON', at }];
  }
  if ('VariableSetStmt' in node) {
    const set = node.VariableSetStmt;
    const name = set.name?.toLowerCase();
    const setting: TimeoutSetting | undefined =
      name === 'lock_timeout' || name === 'statement_timeout' ? name : undefined;
    if (set.kind !== 'VAR_SET_VALUE' || !setting) return [];
    return [{ kind: 'set-timeout', setting, at }];
  }
  if ('TransactionStmt' in node) {
    switch (node.TransactionStmt.kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        return [{ kind: 'transaction', action: 'begin', at }];
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_PREPARE':
      case 'TRANS_STMT_ROLLBACK': {
        // COMMIT AND CHAIN / ROLLBACK AND CHAIN start the next transaction at once: one stays open
        if (node.TransactionStmt.chain === true) return [];
        return [{ kind: 'transaction', action: node.TransactionStmt.kind === 'TRANS_STMT_ROLLBACK' ? 'rollback' : 'commit', at }];
      }
      default:
        return [];
    }
  }
  return [];
}

function lowerAlterTableCmd(cmd: AlterTableCmd, table: TableName, stmt: PgStatement): Operation[] {
  const at = stmt.start;
  const column = cmd.name ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      if (!cmd.def || !('ColumnDef' in cmd.def)) return [];
      const spec = columnSpec(cmd.def.ColumnDef, stmt);
      return [{ kind: 'add-column', table, column: spec, ifNotExists: cmd.missing_ok === true, at: spec.at }];
    }
    case 'AT_DropColumn':
      return [{ kind: 'drop-column', table, column, ifExists: cmd.missing_ok === true, at }];
    case 'AT_AlterColumnType': {
      const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      const newType = typeNameText(def?.typeName) ?? '';
      return [{ kind: 'change-type', table, column, newType, using: def?.raw_default !== undefined, at }];
    }
    case 'AT_SetNotNull':
      return [{ kind: 'set-not-null', table, column, at }];
    case 'AT_DropNotNull':
      return [{ kind: 'drop-not-null', table, column, at }];
    case 'AT_ColumnDefault':
      if (!cmd.def) return [{ kind: 'alter-table-other', table, subcommand: 'DROP DEFAULT', at }];
      return [{ kind: 'set-default', table, column, volatile: callsVolatileFunction(cmd.def), at }];
    case 'AT_AddConstraint': {
      const constraint = cmd.def && 'Constraint' in cmd.def ? constraintSpec(cmd.def.Constraint) : undefined;
      return constraint ? [{ kind: 'add-constraint', table, constraint, at }] : [];
    }
    case 'AT_ValidateConstraint':
      return [{ kind: 'validate-constraint', table, name: column, at }];
    case 'AT_DropConstraint':
      return [{ kind: 'drop-constraint', table, name: column, ifExists: cmd.missing_ok === true, at }];
    case 'AT_AttachPartition':
    case 'AT_DetachPartition': {
      const partitionCmd = cmd.def && 'PartitionCmd' in cmd.def ? cmd.def.PartitionCmd : undefined;
      const partition = tableOf(partitionCmd?.name);
      if (cmd.subtype === 'AT_AttachPartition') return [{ kind: 'attach-partition', table, partition, at }];
      return [{ kind: 'detach-partition', table, partition, concurrently: partitionCmd?.concurrent === true, at }];
    }
    case 'AT_SetTableSpace':
      return [{ kind: 'table-setting', table, setting: 'tablespace', at }];
    case 'AT_SetLogged':
      return [{ kind: 'table-setting', table, setting: 'logged', at }];
    case 'AT_SetUnLogged':
      return [{ kind: 'table-setting', table, setting: 'unlogged', at }];
    case 'AT_SetAccessMethod':
      return [{ kind: 'table-setting', table, setting: 'access-method', at }];
    default: {
      const subcommand = cmd.subtype ? OTHER_SUBCOMMANDS[cmd.subtype] : undefined;
      if (!subcommand) return [];
      const op: Operation = { kind: 'alter-table-other', table, subcommand, at };
      if (subcommand === 'SET' || subcommand === 'RESET') op.options = relOptionNames(cmd.def);
      return [op];
    }
  }
}

function rangeVars(nodes: PgNode[] | undefined): RangeVar[] {
  const out: RangeVar[] = [];
  for (const node of nodes ?? []) if ('RangeVar' in node) out.push(node.RangeVar);
  return out;
}

/** The last name of a dotted object name (`public.idx` → `idx`). */
function lastName(node: PgNode): string {
  const names = 'List' in node ? stringsOf(node.List.items) : 'String' in node ? [node.String.sval ?? ''] : [];
  return names[names.length - 1] ?? '';
}

function qualifiedTable(node: PgNode): TableName {
  return tableOfMember(node, 0);
}

/** The table of `[schema.]table.member` (a trigger, a policy, a column), after dropping `members` trailing names. */
function tableOfMember(node: PgNode, members: number): TableName {
  const all = 'List' in node ? stringsOf(node.List.items) : [];
  const names = all.slice(0, all.length - members);
  const name = names[names.length - 1] ?? '';
  const schema = names.length > 1 ? names[names.length - 2] : undefined;
  return schema ? { schema, name } : { name };
}

/** `fillfactor`, `toast.autovacuum_enabled`: the names in ALTER TABLE SET / RESET (...). */
function relOptionNames(def: PgNode | undefined): string[] {
  const out: string[] = [];
  const items = def && 'List' in def ? (def.List.items ?? []) : [];
  for (const item of items) {
    if (!('DefElem' in item)) continue;
    const { defnamespace, defname } = item.DefElem;
    out.push(defnamespace ? `${defnamespace}.${defname ?? ''}` : (defname ?? ''));
  }
  return out;
}

/** True when a DefElem list has a true option of that name (`(CONCURRENTLY)`, `(FULL)`). */
function hasOption(options: PgNode[] | undefined, name: string): boolean {
  for (const option of options ?? []) {
    if (!('DefElem' in option) || option.DefElem.defname?.toLowerCase() !== name) continue;
    const arg = option.DefElem.arg;
    if (!arg) return true;
    if ('Boolean' in arg) return arg.Boolean.boolval === true;
    if ('String' in arg) return !['false', 'off', '0'].includes((arg.String.sval ?? '').toLowerCase());
    if ('Integer' in arg) return arg.Integer.ival !== 0;
    return true;
  }
  return false;
}

function constraintsOf(def: ColumnDef): Constraint[] {
  const out: Constraint[] = [];
  for (const node of def.constraints ?? []) if ('Constraint' in node) out.push(node.Constraint);
  return out;
}

function constraintKind(contype: Constraint['contype']): ConstraintKind | undefined {
  switch (contype) {
    case 'CONSTR_FOREIGN':
      return 'foreign-key';
    case 'CONSTR_CHECK':
      return 'check';
    case 'CONSTR_UNIQUE':
      return 'unique';
    case 'CONSTR_PRIMARY':
      return 'primary-key';
    case 'CONSTR_EXCLUSION':
      return 'exclusion';
    default:
      return undefined;
  }
}

function constraintSpec(c: Constraint): ConstraintSpec | undefined {
  const kind = constraintKind(c.contype);
  if (!kind) return undefined;
  const columns = stringsOf(kind === 'foreign-key' ? c.fk_attrs : c.keys);
  const spec: ConstraintSpec = { kind, columns, notValid: c.skip_validation === true };
  if (c.conname) spec.name = c.conname;
  if (c.indexname) spec.usingIndex = c.indexname;
  if (kind === 'foreign-key') spec.references = { table: tableOf(c.pktable), columns: stringsOf(c.pk_attrs) };
  if (kind === 'check' && c.raw_expr && 'NullTest' in c.raw_expr && c.raw_expr.NullTest.nulltesttype === 'IS_NOT_NULL') {
    const col = columnName(c.raw_expr.NullTest.arg);
    if (col) spec.notNullOf = col;
  }
  return spec;
}

function columnSpec(def: ColumnDef, stmt: PgStatement): ColumnSpec {
  const constraints = constraintsOf(def);
  const has = (type: Constraint['contype']): boolean => constraints.some((c) => c.contype === type);
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr ?? def.raw_default;
  const type = typeNameText(def.typeName);
  const generated = constraints.find((c) => c.contype === 'CONSTR_GENERATED');
  const foreign = constraints.find((c) => c.contype === 'CONSTR_FOREIGN');
  const spec: ColumnSpec = {
    name: def.colname ?? '',
    notNull: has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY'),
    primaryKey: has('CONSTR_PRIMARY'),
    unique: has('CONSTR_UNIQUE'),
    hasDefault: !isNullConst(defaultExpr),
    defaultIsVolatile: callsVolatileFunction(defaultExpr),
    autoIncrement: has('CONSTR_IDENTITY') || (type !== undefined && SERIAL_TYPES.has(type)),
    // PostgreSQL 18 adds virtual generated columns (generated_kind 'v'); stored ones rewrite the table
    generatedStored: generated !== undefined && generated.generated_kind !== 'v',
    check: has('CONSTR_CHECK'),
    at: def.location !== undefined ? stmt.locate(def.location) : stmt.start,
  };
  if (type !== undefined) spec.type = type;
  if (foreign) spec.references = { table: tableOf(foreign.pktable), columns: stringsOf(foreign.pk_attrs) };
  return spec;
}
