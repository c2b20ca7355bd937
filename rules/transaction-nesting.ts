import type { FileRuleContext, Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import type { Operation } from '../src/model/operations.js';

const control = (statement: StatementInfo): 'begin' | 'commit' | 'rollback' | undefined => {
  const op = statement.operations.find((o) => o.kind === 'transaction');
  return op?.kind === 'transaction' ? op.action : undefined;
};

/** MySQL and MariaDB commit the open transaction before any DDL statement (an implicit commit). */
const commitsImplicitly = (op: Operation): boolean =>
  !['update', 'delete', 'insert', 'set-timeout', 'transaction'].includes(op.kind);

/** The top-level statements of each section of the file, with the section. */
function bySection(ctx: FileRuleContext): Array<{ wrapped: boolean; statements: StatementInfo[] }> {
  // --assume-in-transaction: statements outside an explicit transaction show it as their source
  const assumed = ctx.assumeInTransaction;
  const groups = new Map<number, { wrapped: boolean; statements: StatementInfo[] }>();
  for (const statement of ctx.statements) {
    if (statement.parsed.context !== 'top') continue;
    const at = statement.parsed.start;
    const index = ctx.sections.findIndex((s) => at >= s.start && at < s.end);
    const group = groups.get(index) ?? { wrapped: assumed || ctx.sections[index]?.transaction === 'wrapped', statements: [] };
    group.statements.push(statement);
    groups.set(index, group);
  }
  return [...groups.values()];
}

const rule: Rule = {
  meta: {
    id: 'transaction-nesting',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'BEGIN inside an open transaction, COMMIT or ROLLBACK with none open, or BEGIN in a file the migration tool already wraps in a transaction.',
      why:
        'Transactions do not nest. PostgreSQL ignores a second BEGIN with only a warning, so the first COMMIT ' +
        'already commits everything and the statements after it run outside any transaction; MySQL and MariaDB ' +
        'silently commit the open transaction when they see BEGIN. Flyway, dbmate and Diesel wrap each migration ' +
        'in a transaction of their own: a BEGIN in the file is ignored there, and its COMMIT ends the tool\'s ' +
        'transaction half-way, so a later failure leaves the migration half-applied and unrecorded. A COMMIT or ' +
        'ROLLBACK with no transaction open does nothing but shows that the statements before it did not run in ' +
        'the transaction their author expected. None of this takes a lock, rewrites or scans by itself: the harm ' +
        'is losing the all-or-nothing behaviour the file was written for, and locks (ACCESS EXCLUSIVE from ALTER ' +
        'TABLE, say) being held longer or released earlier than intended.',
      unsafe: ['-- a Flyway migration: Flyway already runs it in a transaction', 'BEGIN;', 'ALTER TABLE users ADD COLUMN nickname text;', 'COMMIT;'].join('\n'),
      safe: ['-- let the tool open and commit the transaction', 'ALTER TABLE users ADD COLUMN nickname text;'].join('\n'),
      help: 'Remove the extra BEGIN/COMMIT: open one transaction per migration, or let the migration tool open it.',
    },
  },
  check() {},
  checkFile(ctx) {
    const mysql = ctx.dialect === 'mysql';
    for (const { wrapped, statements } of bySection(ctx)) {
      let open: StatementInfo | undefined;
      let implicitlyCommitted = false;
      // a COMMIT that ended the tool's transaction: a BEGIN after it reopens one for the tool's own COMMIT
      let toolTransactionEnded = false;
      for (const statement of statements) {
        const action = control(statement);
        const at = statement.parsed.start;
        if (action === 'begin') {
          if (open) {
            ctx.report({
              at,
              message: mysql
                ? `BEGIN while the transaction opened on line ${ctx.lineOf(open.parsed.start)} is still open: MySQL commits that transaction here, so a later ROLLBACK cannot undo what ran before.`
                : `BEGIN while the transaction opened on line ${ctx.lineOf(open.parsed.start)} is still open: PostgreSQL ignores it, so the first COMMIT already commits both, and what follows runs outside a transaction.`,
            });
            if (mysql) open = statement;
          } else {
            if (wrapped && !toolTransactionEnded) {
              ctx.report({
                at,
                message:
                  'BEGIN in a file the migration tool already runs inside a transaction: it does not start a new one, and the COMMIT that goes with it ends the tool\'s transaction half-way.',
              });
            }
            open = statement;
          }
          implicitlyCommitted = false;
          continue;
        }
        if (action === 'commit' || action === 'rollback') {
          const keyword = action.toUpperCase();
          if (!open && wrapped) toolTransactionEnded = true;
          if (!open && !(mysql && implicitlyCommitted)) {
            ctx.report({
              at,
              message: wrapped
                ? `${keyword} with no BEGIN in a file the migration tool runs inside a transaction: it ends the tool's transaction, so what follows runs outside it and the tool's own COMMIT finds nothing to commit.`
                : `${keyword} with no transaction open: it ends nothing, and the statements before it, if any, did not run in a transaction (each was committed on its own).`,
            });
          }
          open = undefined;
          implicitlyCommitted = false;
          continue;
        }
        if (mysql && open && statement.operations.some(commitsImplicitly)) {
          open = undefined;
          implicitlyCommitted = true;
        }
      }
    }
  },
};

export default rule;
