import type { Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { ALTER_TABLE_KINDS, isDataChange, tableKey, type Operation } from '../src/model/operations.js';
import { bySection } from '../src/engine/executed-statements.js';

/** Operations that change the schema (not maintenance such as VACUUM or REINDEX, not TRUNCATE, not SET). */
const SCHEMA_CHANGES: ReadonlySet<Operation['kind']> = new Set<Operation['kind']>([
  ...ALTER_TABLE_KINDS,
  'create-table',
  'drop-table',
  'create-index',
  'drop-index',
  'create-trigger',
  'drop-schema',
  'enum-add-value',
  'enum-rename-value',
  'create-domain',
  'alter-domain-add-constraint',
  'mysql-table-rebuild',
]);

function describeSchemaChange(op: Operation): string {
  switch (op.kind) {
    case 'create-table':
      return `creates table "${op.table.name}"`;
    case 'create-index':
      return `creates an index on "${op.table.name}"`;
    case 'drop-table':
      return 'drops a table';
    case 'drop-index':
      return 'drops an index';
    case 'drop-schema':
    case 'enum-add-value':
    case 'enum-rename-value':
    case 'create-domain':
    case 'alter-domain-add-constraint':
      return 'changes the schema';
    default:
      return 'table' in op && op.table ? `alters "${op.table.name}"` : 'changes the schema';
  }
}

const rule: Rule = {
  meta: {
    id: 'mixing-ddl-and-dml',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'One migration both changes the schema and changes data (UPDATE, DELETE, INSERT ... SELECT) of existing tables.',
      why:
        'In one transaction the data change runs while the schema change still holds its lock: ACCESS EXCLUSIVE ' +
        'from ALTER TABLE blocks every read and write of the table, so a backfill that scans or rewrites many rows ' +
        'turns a millisecond catalog change into an outage as long as the backfill. Without a transaction, a ' +
        'failure half-way leaves the schema changed and the data half-migrated, and re-running the file fails on ' +
        'the DDL that already happened. Data changes also need different handling: batches, throttling, progress, ' +
        'a way to resume, none of which a schema migration tool offers. (On MySQL each DDL statement commits at ' +
        'once, so the two are not even atomic.) Plain INSERT ... VALUES of seed rows and changes to tables created ' +
        'in the same migration are not counted.',
      unsafe: ['ALTER TABLE users ADD COLUMN plan text;', "UPDATE users SET plan = 'free';"].join('\n'),
      safe: [
        '-- migration 1: the schema change alone',
        'ALTER TABLE users ADD COLUMN plan text;',
        '-- migration 2 (or a backfill job): the data, in batches',
        "UPDATE users SET plan = 'free' WHERE id >= 1 AND id < 10001 AND plan IS NULL;",
      ].join('\n'),
      help: 'Put the data change in a migration (or backfill job) of its own, separate from the schema change.',
    },
  },
  check() {},
  checkFile(ctx) {
    for (const statements of bySection(ctx)) {
      const created = new Set<string>();
      let schema: { statement: StatementInfo; op: Operation } | undefined;
      let data: { statement: StatementInfo; table: string } | undefined;
      for (const statement of statements) {
        for (const op of statement.operations) {
          if (!schema && SCHEMA_CHANGES.has(op.kind)) schema = { statement, op };
          const changed = (op.kind === 'update' || op.kind === 'delete' || op.kind === 'insert') && isDataChange(op) ? op.table : undefined;
          if (!data && changed && !created.has(tableKey(changed))) data = { statement, table: changed.name };
          if (op.kind === 'create-table') created.add(tableKey(op.table));
          if (op.kind === 'rename-table' && created.has(tableKey(op.table))) created.add(op.to.toLowerCase());
          if (op.kind === 'drop-table') for (const table of op.tables) created.delete(tableKey(table));
        }
      }
      if (!schema || !data) continue;
      const line = ` on line ${ctx.lineOf(schema.statement.parsed.start)}`;
      const before = schema.statement.parsed.start < data.statement.parsed.start;
      const which = line ? `the statement${line}` : before ? 'an earlier statement' : 'a later statement';
      ctx.report({
        at: data.statement.parsed.start,
        message: `This migration changes data of "${data.table}" and also changes the schema (${which} ${describeSchemaChange(schema.op)}): run data changes in a migration of their own.`,
      });
    }
  },
};

export default rule;
