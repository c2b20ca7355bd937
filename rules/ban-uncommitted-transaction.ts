import { commitFix } from '../src/engine/fix.js';
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

/** The top-level statements of each section of the file, and whether the migration tool commits the section itself. */
function bySection(ctx: FileRuleContext): Array<{ toolCommits: boolean; statements: StatementInfo[] }> {
  // --assume-in-transaction: statements outside an explicit transaction show it as their source
  const assumed = ctx.assumeInTransaction;
  const groups = new Map<number, { toolCommits: boolean; statements: StatementInfo[] }>();
  for (const statement of ctx.statements) {
    if (statement.parsed.context !== 'top') continue;
    const at = statement.parsed.start;
    const index = ctx.sections.findIndex((s) => at >= s.start && at < s.end);
    const group = groups.get(index) ?? { toolCommits: assumed || ctx.sections[index]?.transaction === 'wrapped', statements: [] };
    group.statements.push(statement);
    groups.set(index, group);
  }
  return [...groups.values()];
}

const rule: Rule = {
  meta: {
    id: 'ban-uncommitted-transaction',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'A BEGIN with no COMMIT or ROLLBACK before the end of the migration.',
      why:
        'A transaction left open at the end of the file is not committed by anyone: when the migration tool closes ' +
        'its connection, the server rolls it back, and the schema changes vanish although the migration was ' +
        'reported as applied. A tool that keeps the connection runs its own bookkeeping, and whatever comes next, ' +
        'inside that open transaction, and every lock the migration took stays held meanwhile: ACCESS EXCLUSIVE from ' +
        'an ALTER TABLE keeps all reads and writes of the table waiting until the connection ends. The missing ' +
        'COMMIT itself rewrites or scans nothing. Files that the tool wraps in a transaction of its own are left ' +
        'to transaction-nesting; on MySQL, DDL commits implicitly, so only data changes after it can be left open.',
      unsafe: ['BEGIN;', 'ALTER TABLE users ADD COLUMN nickname text;'].join('\n'),
      safe: ['BEGIN;', 'ALTER TABLE users ADD COLUMN nickname text;', 'COMMIT;'].join('\n'),
      help: 'End the transaction with COMMIT (or ROLLBACK) before the end of the migration.',
    },
  },
  check() {},
  checkFile(ctx) {
    const mysql = ctx.dialect === 'mysql';
    for (const { toolCommits, statements } of bySection(ctx)) {
      let open: StatementInfo | undefined;
      for (const statement of statements) {
        const action = control(statement);
        if (action === 'begin') {
          // PostgreSQL ignores a nested BEGIN; MySQL commits the open transaction and starts a new one
          if (!open || mysql) open = statement;
        } else if (action === 'commit' || action === 'rollback') {
          open = undefined;
        } else if (mysql && statement.operations.some(commitsImplicitly)) {
          open = undefined;
        }
      }
      if (!open || toolCommits) continue;
      const fix = commitFix(ctx.text, ctx.statements, ctx.sections, open.parsed.start);
      ctx.report({
        ...(fix ? { fix } : {}),
        at: open.parsed.start,
        message: 'This transaction is never committed: the file ends with it still open, so its changes are rolled back when the connection closes, and its locks are held until then.',
      });
    }
  },
};

export default rule;
