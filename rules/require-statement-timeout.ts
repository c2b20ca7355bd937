import { preambleFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { SQL_NAMES, type LockWork } from '../src/locks/index.js';
import { tableKey, type Operation, type TableName } from '../src/model/operations.js';
import { remember, existingLocks, relationText, bySection, type Created } from '../src/engine/executed-statements.js';

const LONG_WORK: Readonly<Partial<Record<LockWork, string>>> = {
  rewrite: 'rewrites',
  'index-rewrite': 'rebuilds indexes on',
  scan: 'scans',
  'index-build': 'builds an index over',
};

/**
 * Why the statement may run long while it holds up other sessions, or undefined. Work done under a lock that
 * blocks nothing (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT, plain VACUUM) is left out on purpose: it is the
 * safe form, and a statement_timeout would only cancel it half-way.
 */
function longRunning(statement: StatementInfo, created: Created, checks: NotNullChecks, pgVersion: number): string | undefined {
  for (const op of statement.operations) {
    if ((op.kind === 'update' || op.kind === 'delete') && op.where !== 'bounded' && !created.tables.has(tableKey(op.table))) {
      const verb = op.kind === 'update' ? 'an UPDATE' : 'a DELETE';
      const scope = op.where === 'none' ? 'every row of' : 'an unbounded share of';
      return `${verb} of ${scope} "${op.table.name}"`;
    }
  }
  // SET NOT NULL after a validated CHECK (col IS NOT NULL) in this file does not scan (PostgreSQL 12+); the schema
  // the locks were predicted from may not know the check when the table was created before the set of migrations
  const provenOnly =
    pgVersion >= 12 &&
    statement.operations.some((op) => op.kind === 'set-not-null') &&
    statement.operations.every((op) => op.kind !== 'set-not-null' || checks.proves(op.table, op.column)) &&
    !statement.operations.some(scansOtherwise);
  // a foreign key added to a table created in this file validates nothing: the new table has no rows to check
  const emptyReferencing = statement.operations.every(
    (op) => op.kind === 'add-constraint' && op.constraint.kind === 'foreign-key' && created.tables.has(tableKey(op.table)),
  );
  if (emptyReferencing) return undefined;
  const lock = existingLocks(statement, created).find(
    (p) => LONG_WORK[p.work] !== undefined && p.blocks.length > 0 && !p.concurrent && !(provenOnly && p.work === 'scan'),
  );
  if (!lock) return undefined;
  const may = lock.typeKnown === false ? 'may rewrite' : LONG_WORK[lock.work] ?? '';
  return `a statement that ${may} ${relationText(lock)} under ${SQL_NAMES[lock.mode]}`;
}

/** Operations other than SET NOT NULL that read the whole table to validate something. */
function scansOtherwise(op: Operation): boolean {
  switch (op.kind) {
    case 'add-constraint':
      return !op.constraint.notValid && op.constraint.kind !== 'unique' && op.constraint.kind !== 'exclusion';
    case 'add-column':
      return op.column.check || (op.column.notNull && !op.column.hasDefault) || (op.column.references !== undefined && op.column.hasDefault);
    case 'attach-partition':
    case 'validate-constraint':
      return true;
    default:
      return false;
  }
}

/** `CHECK (col IS NOT NULL)` constraints added in this section, and whether they are validated yet. */
interface NotNullChecks {
  apply(op: Operation): void;
  proves(table: TableName, column: string): boolean;
}

function notNullChecks(): NotNullChecks {
  const checks = new Map<string, { table: string; column: string; validated: boolean }>();
  const key = (table: TableName, name: string): string => `${tableKey(table)} ${name.toLowerCase()}`;
  let unnamed = 0;
  return {
    apply(op) {
      if (op.kind === 'add-constraint' && op.constraint.kind === 'check' && op.constraint.notNullOf !== undefined) {
        const name = op.constraint.name ?? `#${++unnamed}`;
        checks.set(key(op.table, name), { table: tableKey(op.table), column: op.constraint.notNullOf.toLowerCase(), validated: !op.constraint.notValid });
      }
      const check = op.kind === 'validate-constraint' || op.kind === 'drop-constraint' ? checks.get(key(op.table, op.name)) : undefined;
      if (check && op.kind === 'validate-constraint') check.validated = true;
      if (check && op.kind === 'drop-constraint') checks.delete(key(op.table, op.name));
    },
    proves(table, column) {
      for (const check of checks.values()) {
        if (check.validated && check.table === tableKey(table) && check.column === column.toLowerCase()) return true;
      }
      return false;
    },
  };
}

const rule: Rule = {
  meta: {
    id: 'require-statement-timeout',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A statement that can run long on an existing table runs before the migration sets statement_timeout.',
      why:
        'Statements that rewrite a table (ALTER COLUMN TYPE, a volatile DEFAULT, VACUUM FULL, CLUSTER), scan it to ' +
        'validate something (SET NOT NULL, a CHECK or FOREIGN KEY without NOT VALID) or build an index over it ' +
        '(CREATE INDEX, ADD PRIMARY KEY / UNIQUE) take time proportional to the table, all of it under their lock: ' +
        'ACCESS EXCLUSIVE (blocks reads and writes), SHARE or SHARE ROW EXCLUSIVE (block writes). A large UPDATE or ' +
        'DELETE locks every row it touches for its whole run. On a development database they finish at once; in ' +
        'production they can hold the table for minutes or hours, and nothing stops them. A statement_timeout caps ' +
        'that: the statement is cancelled, its transaction rolls back, and the table is released. Work done under a ' +
        'lock that blocks neither reads nor writes (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT) is not flagged.',
      unsafe: 'ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);',
      safe: [
        "SET lock_timeout = '2s';",
        "SET statement_timeout = '5min';",
        'ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);',
        '-- before a long step that blocks nobody (CREATE INDEX CONCURRENTLY), lift it for that statement: SET statement_timeout = 0;',
      ].join('\n'),
      help: "Set statement_timeout at the top of the migration (SET statement_timeout = '5min'), so a statement that runs long under its lock is cancelled instead of holding the table.",
    },
  },
  check() {},
  checkFile(ctx) {
    for (const statements of bySection(ctx)) {
      const created: Created = { tables: new Set(), indexes: new Map() };
      const checks = notNullChecks();
      for (const statement of statements) {
        if (statement.operations.some((op) => op.kind === 'set-timeout' && op.setting === 'statement_timeout')) break;
        const what = longRunning(statement, created, checks, ctx.pgVersion);
        if (what) {
          const fix = preambleFix(ctx.text, ctx.statements, ctx.sections, statement.parsed.start, "SET statement_timeout = '5min'", true);
          ctx.report({
            at: statement.parsed.start,
            message: `This is ${what}, and no statement_timeout is set before it: nothing limits how long it holds the table.`,
            ...(fix ? { fix } : {}),
          });
          break;
        }
        for (const op of statement.operations) {
          remember(op, created);
          checks.apply(op);
        }
      }
    }
  },
};

export default rule;
