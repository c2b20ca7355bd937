import type { FileRuleContext, Rule } from '../src/engine/rule.js';
import type { StatementInfo } from '../src/engine/statement-info.js';
import type { Operation } from '../src/model/operations.js';

/** The statement form PostgreSQL refuses inside a transaction block, or undefined. */
function nonTransactional(op: Operation, pgVersion: number): string | undefined {
  switch (op.kind) {
    case 'create-index':
      return op.concurrently ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'drop-index':
      return op.concurrently ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'reindex':
      if (op.concurrently) return 'REINDEX ... CONCURRENTLY';
      // one transaction per table: SCHEMA, DATABASE and SYSTEM manage their own transactions
      return op.target === 'index' || op.target === 'table' ? undefined : `REINDEX ${op.target.toUpperCase()}`;
    case 'detach-partition':
      return op.concurrently ? 'DETACH PARTITION ... CONCURRENTLY' : undefined;
    case 'vacuum':
      return op.full ? 'VACUUM FULL' : 'VACUUM';
    case 'cluster':
      return op.table ? undefined : 'CLUSTER without a table name';
    case 'create-database':
      return 'CREATE DATABASE';
    case 'drop-database':
      return 'DROP DATABASE';
    case 'enum-add-value':
      return pgVersion < 12 ? `ALTER TYPE ... ADD VALUE (before PostgreSQL 12)` : undefined;
    default:
      return undefined;
  }
}

/** Who put the statement in a transaction, for the message. */
function transactionSource(ctx: FileRuleContext, statement: StatementInfo): string {
  if (statement.parsed.context === 'do-block') return 'the body of a DO block always runs inside a transaction';
  const at = statement.parsed.start;
  switch (statement.transaction.source) {
    case 'explicit': {
      const begin = ctx.statements
        .filter((s) => s.parsed.context === 'top' && s.parsed.start < at)
        .findLast((s) => s.operations.some((op) => op.kind === 'transaction' && op.action === 'begin'));
      if (!begin) return 'an explicit transaction';
      const keyword = /^\s*start\b/i.test(begin.parsed.text) ? 'START TRANSACTION' : 'BEGIN';
      return `the transaction opened by ${keyword} on line ${ctx.lineOf(begin.parsed.start)}`;
    }
    case 'layout': {
      const section = ctx.sections.find((s) => at >= s.start && at < s.end);
      return section?.transaction === 'implicit'
        ? 'the migration tool sends this file as one multi-statement query, which PostgreSQL runs as a single implicit transaction'
        : 'the migration tool runs this file inside a transaction';
    }
    case 'assumed':
      return '--assume-in-transaction (assumeInTransaction in the config) says the migration tool runs every file inside a transaction';
    default:
      return 'a transaction';
  }
}

const rule: Rule = {
  meta: {
    id: 'non-transactional-in-transaction',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'A statement that PostgreSQL cannot run inside a transaction block runs inside one.',
      why:
        'CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY, DETACH PARTITION ... ' +
        'CONCURRENTLY, VACUUM, REINDEX SCHEMA/DATABASE/SYSTEM, CLUSTER without a table, CREATE/DROP DATABASE and, ' +
        'before PostgreSQL 12, ALTER TYPE ... ADD VALUE commit work of their own part-way through, so PostgreSQL ' +
        'refuses them inside a transaction block ("cannot run inside a transaction block") and inside a DO block or ' +
        'function. The migration then fails in production, often after earlier statements of the file ran. The ' +
        'transaction need not be written in the file: Flyway, dbmate and Diesel wrap every migration in one, and ' +
        'golang-migrate and Prisma send the file as one multi-statement query that PostgreSQL runs as one implicit ' +
        'transaction. The concurrent forms exist to avoid long locks (CREATE INDEX CONCURRENTLY takes SHARE UPDATE ' +
        'EXCLUSIVE instead of SHARE, so writes continue while it scans the table): dropping CONCURRENTLY to make the ' +
        'error go away brings the write-blocking lock back.',
      unsafe: ['BEGIN;', 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);', 'COMMIT;'].join('\n'),
      safe: [
        '-- a migration of its own, run without a transaction',
        '-- (dbmate: -- migrate:up transaction:false; Flyway: executeInTransaction=false in the script config;',
        '--  golang-migrate: one statement per file; Diesel: run_in_transaction = false in metadata.toml)',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);',
      ].join('\n'),
      help: "Move the statement to a migration of its own that runs outside a transaction (the migration tool's no-transaction option), with nothing else in it.",
    },
  },
  check() {},
  checkFile(ctx) {
    for (const statement of ctx.statements) {
      const { context } = statement.parsed;
      if (context === 'function-body') continue;
      if (context === 'top' && !statement.transaction.inTransaction) continue;
      const form = statement.operations.map((op) => nonTransactional(op, ctx.pgVersion)).find((f) => f !== undefined);
      if (!form) continue;
      ctx.report({
        at: statement.parsed.start,
        message: `${form} cannot run inside a transaction block, and this statement runs in one: ${transactionSource(ctx, statement)}. PostgreSQL rejects it and the migration fails.`,
      });
    }
  },
};

export default rule;
