import type { Rule } from '../src/engine/rule.js';
import { ALTER_TABLE_KINDS, tablesOf, type Operation, type OperationKind, type TableName } from '../src/model/operations.js';

/** The DDL statements whose table names are checked: CREATE TABLE, CREATE INDEX, DROP TABLE, every ALTER TABLE form. */
const DDL: ReadonlySet<OperationKind> = new Set<OperationKind>([
  ...ALTER_TABLE_KINDS,
  'create-table',
  'create-index',
  'drop-table',
]);

function sameTable(a: TableName, b: TableName): boolean {
  return a.name === b.name && a.schema === b.schema;
}

const rule: Rule = {
  meta: {
    id: 'require-table-schema',
    defaultSeverity: 'off',
    dialects: ['postgres'],
    docs: {
      summary: 'A table named without its schema in CREATE TABLE, ALTER TABLE, CREATE INDEX or DROP TABLE (opt-in).',
      why:
        'An unqualified name is resolved through the search_path of the session that runs the migration, which is ' +
        'not necessarily the one the application uses: a migration runner connecting as another role, a ' +
        "\"$user\" schema that happens to exist, or a multi-tenant setup with one schema per tenant, and the table " +
        'is created, altered or dropped in the wrong schema, or the statement fails. Qualifying the name removes ' +
        'the ambiguity. The statement takes the lock it always takes (ACCESS EXCLUSIVE for DROP TABLE and most ' +
        'ALTER TABLE forms, SHARE for CREATE INDEX) on whichever table it resolves to, which may be the wrong one; ' +
        'nothing is scanned because of the name. Opt-in: many ' +
        'projects rely on search_path on purpose.',
      unsafe: 'ALTER TABLE orders ADD COLUMN note text;',
      safe: 'ALTER TABLE public.orders ADD COLUMN note text;',
      help: 'Qualify the table with its schema (public.orders) so the statement does not depend on search_path.',
    },
  },
  check(op, ctx) {
    const named = (o: Operation): TableName[] => (DDL.has(o.kind) ? tablesOf(o) : []);
    const tables = named(op).filter((table) => table.schema === undefined);
    if (tables.length === 0) return;
    // one ALTER TABLE lowers to one operation per subcommand: report each table once per statement
    const ops = ctx.statement.operations;
    const index = ops.indexOf(op);
    const earlier = index < 0 ? [] : ops.slice(0, index).flatMap(named);
    const unreported = tables.filter((table, i) => !earlier.some((t) => sameTable(t, table)) && tables.findIndex((t) => sameTable(t, table)) === i);
    for (const table of unreported) {
      ctx.report({
        message: `Table "${table.name}" is not schema-qualified: it resolves through the search_path of whichever session runs the migration.`,
        at: ctx.statement.parsed.start,
      });
    }
  },
};

export default rule;
