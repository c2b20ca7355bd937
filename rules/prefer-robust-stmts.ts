import { robustFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';

/** Why a missing guard matters: the statements before it stay applied, so a rerun trips over them. */
const RETRY = 'so a rerun after a failure further down the migration fails here';

const rule: Rule = {
  meta: {
    id: 'prefer-robust-stmts',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'CREATE/DROP/ADD without IF [NOT] EXISTS, or an unnamed concurrent index, in a migration that does not run in a transaction.',
      why:
        'A migration that runs outside a transaction (needed for CREATE INDEX CONCURRENTLY, and the only mode MySQL ' +
        'DDL has: every statement commits on its own) keeps whatever it did before a failure. Fixing the cause and ' +
        'rerunning it then fails on the first statement that already took effect ("relation already exists", ' +
        '"column does not exist"), and the schema is stuck half-way until someone edits it by hand. IF NOT EXISTS ' +
        'and IF EXISTS make each step a no-op the second time. The guards change nothing about locking: each ' +
        'statement still takes its usual lock (ACCESS EXCLUSIVE for CREATE/DROP TABLE and ADD/DROP COLUMN, SHARE ' +
        'UPDATE EXCLUSIVE for CREATE INDEX CONCURRENTLY) and does the same scans. An index needs a name for IF NOT ' +
        'EXISTS to work: an unnamed one gets a new generated name on every run, so each retry adds another index. ' +
        'A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind, which IF NOT EXISTS would then skip: ' +
        'drop it before retrying. Inside a transaction none of this applies (a failure rolls everything back), nor ' +
        'to statements inside a DO block or function, which are atomic. On MySQL only CREATE TABLE and DROP TABLE ' +
        'are checked: its other IF [NOT] EXISTS forms are MariaDB extensions.',
      unsafe: [
        '-- migration without a transaction',
        'CREATE TABLE audit_log (id bigint PRIMARY KEY, payload jsonb);',
        'ALTER TABLE orders ADD COLUMN audit_id bigint;',
        'CREATE INDEX CONCURRENTLY ON orders (audit_id);',
      ].join('\n'),
      safe: [
        'CREATE TABLE IF NOT EXISTS audit_log (id bigint PRIMARY KEY, payload jsonb);',
        'ALTER TABLE orders ADD COLUMN IF NOT EXISTS audit_id bigint;',
        '-- clears the INVALID leftover of a failed earlier attempt (on a clean rerun it rebuilds the index)',
        'DROP INDEX CONCURRENTLY IF EXISTS orders_audit_id_idx;',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_audit_id_idx ON orders (audit_id);',
      ].join('\n'),
      help: 'Add IF NOT EXISTS / IF EXISTS (and name every index) so the migration can be rerun after a partial failure.',
    },
  },
  check(op, ctx) {
    const mysql = ctx.dialect === 'mysql';
    // MySQL DDL commits statement by statement even inside BEGIN ... COMMIT: a transaction protects nothing there
    if (!mysql && ctx.statement.transaction.inTransaction) return;
    // statements of a DO block or function body run as part of one atomic statement
    if (ctx.statement.parsed.context !== 'top') return;
    const where = mysql ? '(MySQL commits every DDL statement on its own)' : 'outside a transaction';
    const report = (finding: { message: string }): void => {
      const fix = robustFix(ctx, op, ctx.catalog);
      ctx.report(fix ? { ...finding, fix } : finding);
    };
    switch (op.kind) {
      case 'create-table':
        if (op.ifNotExists) return;
        report({ message: `CREATE TABLE "${op.table.name}" without IF NOT EXISTS ${where}, ${RETRY}.` });
        return;
      case 'drop-table':
        if (op.ifExists) return;
        report({
          message: `DROP TABLE ${op.tables.map((t) => `"${t.name}"`).join(', ')} without IF EXISTS ${where}, ${RETRY}.`,
        });
        return;
      default:
        break;
    }
    if (mysql) return;
    switch (op.kind) {
      case 'create-index':
        if (op.name === undefined) {
          const what = op.concurrently ? 'CREATE INDEX CONCURRENTLY' : 'CREATE INDEX';
          const leftover = op.concurrently ? ', and a failed build leaves an INVALID index behind' : '';
          report({
            message: `${what} on "${op.table.name}" without an index name: every rerun adds another index under a new generated name${leftover}; name it and add IF NOT EXISTS.`,
          });
        } else if (!op.ifNotExists) {
          report({ message: `CREATE INDEX "${op.name}" without IF NOT EXISTS ${where}, ${RETRY}.` });
        }
        return;
      case 'drop-index':
        if (op.ifExists) return;
        report({
          message: `DROP INDEX ${op.names.map((n) => `"${n}"`).join(', ')} without IF EXISTS ${where}, ${RETRY}.`,
        });
        return;
      case 'add-column':
        if (op.ifNotExists) return;
        report({
          message: `ADD COLUMN "${op.column.name}" to "${op.table.name}" without IF NOT EXISTS ${where}, ${RETRY}.`,
        });
        return;
      case 'drop-column':
        if (op.ifExists) return;
        report({
          message: `DROP COLUMN "${op.column}" of "${op.table.name}" without IF EXISTS ${where}, ${RETRY}.`,
        });
        return;
      case 'drop-constraint':
        if (op.ifExists) return;
        report({
          message: `DROP CONSTRAINT "${op.name}" of "${op.table.name}" without IF EXISTS ${where}, ${RETRY}.`,
        });
        return;
      case 'object-ddl': {
        if (op.guarded) return;
        const what = op.objectType.replace('-', ' ').toUpperCase();
        const names = op.names.map((n) => `"${n}"`).join(', ');
        const guard = op.action === 'drop' ? 'IF EXISTS' : op.objectType === 'view' ? 'OR REPLACE' : 'IF NOT EXISTS';
        report({ message: `${op.action.toUpperCase()} ${what} ${names} without ${guard} ${where}, ${RETRY}.` });
        return;
      }
      default:
        return;
    }
  },
};

export default rule;
