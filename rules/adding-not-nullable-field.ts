import { setNotNullFix, type Fix } from '../src/engine/fix.js';
import type { FileRuleContext, Rule, RuleContext } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import { tableKey, type Operation, type TableName } from '../src/model/operations.js';

/** From this version SET NOT NULL skips the scan when a validated CHECK (col IS NOT NULL) proves it. */
const CHECK_PROOF_VERSION = 12;

type SetNotNull = Extract<Operation, { kind: 'set-not-null' }>;

/**
 * The four-step replacement. Before PostgreSQL 12 a validated CHECK does not spare the scan: no fix then.
 * `taken`: constraint names already used on the table (the CHECK gets a free one).
 */
function fixFor(op: SetNotNull, pgVersion: number, text: string, statement: StatementInfo, taken: (name: string) => boolean): Fix | undefined {
  return pgVersion >= CHECK_PROOF_VERSION && statement.parsed.dialect === 'postgres' ? setNotNullFix({ text, statement }, op, taken) : undefined;
}

function report(op: SetNotNull, pgVersion: number, sink: (r: { message: string; at: number; help?: string; fix?: Fix }) => void, fix?: Fix): void {
  const finding: { message: string; at: number; help?: string; fix?: Fix } = {
    at: op.at,
    message: `Setting "${op.table.name}"."${op.column}" NOT NULL scans every row of "${op.table.name}" under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
  };
  if (pgVersion < CHECK_PROOF_VERSION) {
    finding.help = `Before PostgreSQL ${CHECK_PROOF_VERSION} SET NOT NULL always scans the table: run it in a quiet window with a short lock_timeout, or keep a validated CHECK (col IS NOT NULL) constraint instead.`;
  }
  if (fix) finding.fix = fix;
  sink(finding);
}

/** A CHECK (col IS NOT NULL) seen in this file on a table the catalog does not know. */
interface LocalCheck {
  name?: string;
  notNullOf: string;
  validated: boolean;
}

/**
 * Tables the catalog knows (created by an earlier migration of the set) are judged in `check`, with the catalog's
 * constraints at that point. A table the catalog has never seen (it predates the migration set) has no constraints
 * there, so for those the CHECK constraints added and validated earlier in this file are followed here.
 */
function checkTablesUnknownToCatalog(ctx: FileRuleContext): void {
  const touched = new Set<string>();
  for (const statement of ctx.statements) {
    for (const op of statement.operations) {
      if (op.kind === 'drop-table') for (const table of op.tables) touched.add(tableKey(table));
      if (op.kind === 'rename-table') touched.add(tableKey(op.table)).add(op.to.toLowerCase());
    }
  }
  const unknown = (table: TableName): boolean => !ctx.catalog.hasTable(table) && !touched.has(tableKey(table));
  const newTables = new Set<string>();
  const checks = new Map<string, LocalCheck[]>();
  const checksOf = (table: TableName): LocalCheck[] => {
    const key = tableKey(table);
    const list = checks.get(key) ?? [];
    checks.set(key, list);
    return list;
  };
  const sameName = (check: LocalCheck, name: string): boolean => check.name?.toLowerCase() === name.toLowerCase();
  for (const statement of ctx.statements) {
    for (const op of statement.operations) {
      if (op.kind === 'create-table') newTables.add(tableKey(op.table));
      if (op.kind === 'add-constraint' && op.constraint.kind === 'check' && op.constraint.notNullOf !== undefined) {
        const check: LocalCheck = { notNullOf: op.constraint.notNullOf, validated: !op.constraint.notValid };
        if (op.constraint.name !== undefined) check.name = op.constraint.name;
        checksOf(op.table).push(check);
      }
      if (op.kind === 'validate-constraint') {
        for (const check of checksOf(op.table)) if (sameName(check, op.name)) check.validated = true;
      }
      if (op.kind === 'drop-constraint') {
        checks.set(tableKey(op.table), checksOf(op.table).filter((check) => !sameName(check, op.name)));
      }
      if (op.kind !== 'set-not-null' || newTables.has(tableKey(op.table)) || !unknown(op.table)) continue;
      const column = op.column.toLowerCase();
      const proven =
        ctx.pgVersion >= CHECK_PROOF_VERSION &&
        checksOf(op.table).some((check) => check.validated && check.notNullOf.toLowerCase() === column);
      if (!proven) {
        const names = new Set<string>();
        for (const s of ctx.statements) {
          for (const o of s.operations) {
            if (o.kind === 'add-constraint' && tableKey(o.table) === tableKey(op.table) && o.constraint.name) names.add(o.constraint.name.toLowerCase());
          }
        }
        for (const c of ctx.catalog.constraints(op.table)) if (c.name) names.add(c.name.toLowerCase());
        const fix = fixFor(op, ctx.pgVersion, ctx.text, statement, (name) => names.has(name.toLowerCase()));
        report(op, ctx.pgVersion, (finding) => ctx.report(finding), fix);
      }
    }
  }
}

function checkTableKnownToCatalog(op: SetNotNull, ctx: RuleContext): void {
  if (ctx.isNewTable(op.table) || !ctx.catalog.hasTable(op.table)) return;
  const column = op.column.toLowerCase();
  const proven =
    ctx.pgVersion >= CHECK_PROOF_VERSION &&
    ctx.catalog
      .constraints(op.table)
      .some((c) => c.kind === 'check' && c.validated && c.notNullOf?.toLowerCase() === column);
  if (!proven) {
    const taken = (name: string): boolean =>
      ctx.catalog.constraints(op.table).some((c) => c.name?.toLowerCase() === name.toLowerCase()) || ctx.catalog.indexTable(name) !== undefined;
    report(op, ctx.pgVersion, (finding) => ctx.report(finding), fixFor(op, ctx.pgVersion, ctx.text, ctx.statement, taken));
  }
}

const rule: Rule = {
  meta: {
    id: 'adding-not-nullable-field',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'ALTER COLUMN ... SET NOT NULL on an existing table, with no validated CHECK that proves it (PostgreSQL 12+).',
      why:
        'SET NOT NULL takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes, and keeps it while ' +
        'PostgreSQL scans every row looking for a NULL (no rewrite, but a full scan). From PostgreSQL 12 the scan is ' +
        'skipped when a validated CHECK (col IS NOT NULL) constraint already proves there is none, and such a ' +
        'constraint can be added NOT VALID and validated without blocking writes. MySQL has no SET NOT NULL: its ' +
        'equivalent, MODIFY/CHANGE COLUMN ... NOT NULL, copies the table and is reported by changing-column-type and ' +
        'mysql-unsafe-algorithm, so this rule finds nothing in MySQL files.',
      unsafe: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      safe: [
        '-- 1. a CHECK that existing rows are not tested against yet (a brief lock)',
        'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;',
        '-- 2. in a later transaction: test the existing rows while reads and writes go on',
        'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;',
        '-- 3. PostgreSQL 12+ sees the validated CHECK and skips the scan',
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE users DROP CONSTRAINT users_email_not_null;',
      ].join('\n'),
      help: 'Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the CHECK.',
    },
  },
  check(op, ctx) {
    if (op.kind === 'set-not-null') checkTableKnownToCatalog(op, ctx);
  },
  checkFile(ctx) {
    checkTablesUnknownToCatalog(ctx);
  },
};

export default rule;
