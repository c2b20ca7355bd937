import { columnConstraintNotValidFix, notValidFix, validateLaterFix } from '../src/engine/fix.js';
import type { FileRuleContext, Rule } from '../src/engine/rule.js';
import { tableKey, type ConstraintKind } from '../src/model/operations.js';
import type { StatementInfo } from '../src/engine/statement-info.js';

/** A constraint added NOT VALID earlier in the file, waiting for its VALIDATE CONSTRAINT. */
interface Pending {
  kind: ConstraintKind;
  statement: StatementInfo;
}

/** The lock ADD CONSTRAINT took and still holds when VALIDATE runs in the same transaction. */
function heldLock(kind: ConstraintKind): string {
  return kind === 'foreign-key' ? 'SHARE ROW EXCLUSIVE on both tables, blocking writes' : 'ACCESS EXCLUSIVE, blocking reads and writes';
}

function sameTransaction(a: StatementInfo, b: StatementInfo): boolean {
  if (a === b) return true;
  return a.transaction.inTransaction && b.transaction.inTransaction && a.transaction.group === b.transaction.group;
}

/** NOT VALID followed by VALIDATE CONSTRAINT of the same constraint in the same transaction. */
function checkValidateInSameTransaction(ctx: FileRuleContext): void {
  const newTables = new Set<string>();
  const pending = new Map<string, Pending>();
  const keyOf = (table: string, name: string): string => `${table}\u0000${name.toLowerCase()}`;
  for (const statement of ctx.statements) {
    for (const op of statement.operations) {
      switch (op.kind) {
        case 'create-table':
          newTables.add(tableKey(op.table));
          break;
        case 'rename-table':
          if (newTables.has(tableKey(op.table))) newTables.add(op.to.toLowerCase());
          break;
        case 'drop-table':
          for (const table of op.tables) newTables.delete(tableKey(table));
          break;
        case 'add-constraint': {
          const { constraint } = op;
          // a table created in this file has no rows: validating there costs nothing
          if (!constraint.notValid || !constraint.name || newTables.has(tableKey(op.table))) break;
          pending.set(keyOf(tableKey(op.table), constraint.name), { kind: constraint.kind, statement });
          break;
        }
        case 'drop-constraint':
          pending.delete(keyOf(tableKey(op.table), op.name));
          break;
        case 'validate-constraint': {
          const key = keyOf(tableKey(op.table), op.name);
          const added = pending.get(key);
          if (!added) break;
          pending.delete(key);
          if (!sameTransaction(added.statement, statement)) break;
          const fix = validateLaterFix(ctx.text, ctx.statements, added.statement, statement, op);
          ctx.report({
            ...(fix ? { fix } : {}),
            at: op.at,
            message: `VALIDATE CONSTRAINT "${op.name}" on "${op.table.name}" runs in the transaction that added it NOT VALID: the lock that ADD CONSTRAINT took (${heldLock(added.kind)}) is still held while every row of "${op.table.name}" is checked.`,
            help: 'Commit after adding the constraint NOT VALID, and run VALIDATE CONSTRAINT in a later transaction (or a later migration).',
          });
          break;
        }
        default:
          break;
      }
    }
  }
}

const rule: Rule = {
  meta: {
    id: 'constraint-missing-not-valid',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary:
        'A CHECK constraint added to an existing table without NOT VALID, or a constraint added NOT VALID and validated in the same transaction.',
      why:
        'ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes, and ' +
        'keeps it while PostgreSQL scans every row to test the condition (no rewrite, but a full scan). A CHECK ' +
        'written on ADD COLUMN scans the table the same way. With NOT VALID the lock lasts a moment and only new or ' +
        'changed rows are tested; VALIDATE CONSTRAINT then tests the old rows under SHARE UPDATE EXCLUSIVE, which ' +
        'lets reads and writes go on. That only helps in a separate transaction: run in the transaction that added ' +
        'the constraint, VALIDATE scans while the ACCESS EXCLUSIVE lock of the CHECK (or the SHARE ROW EXCLUSIVE ' +
        'lock of a foreign key, on both tables) is still held, which is as bad as leaving NOT VALID out.',
      unsafe: 'ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);',
      safe: [
        '-- 1. add it without checking the existing rows (a brief ACCESS EXCLUSIVE lock)',
        'ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;',
        'COMMIT;',
        '-- 2. in a later transaction: check the existing rows while reads and writes go on',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;',
      ].join('\n'),
      help: 'Add the CHECK constraint with NOT VALID, then run VALIDATE CONSTRAINT in a later transaction.',
    },
  },
  check(op, ctx) {
    if (op.kind === 'add-constraint') {
      const { constraint } = op;
      if (constraint.kind !== 'check' || constraint.notValid || ctx.isNewTable(op.table)) return;
      const name = constraint.name ? `CHECK constraint "${constraint.name}"` : 'a CHECK constraint';
      const fix = ctx.catalog.isPartitioned(op.table) ? undefined : notValidFix(ctx, op, ctx.catalog);
      ctx.report({
        ...(fix ? { fix } : {}),
        message: `Adding ${name} to "${op.table.name}" without NOT VALID scans every row of "${op.table.name}" under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
      });
      return;
    }
    if (op.kind === 'add-column' && op.column.check && !ctx.isNewTable(op.table)) {
      const fix = ctx.catalog.isPartitioned(op.table) ? undefined : columnConstraintNotValidFix(ctx, op, 'check', ctx.catalog);
      ctx.report({
        ...(fix ? { fix } : {}),
        message: `Adding column "${op.column.name}" to "${op.table.name}" with a CHECK scans every row of "${op.table.name}" under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
        help: 'Add the column without the CHECK, then add the CHECK as a table constraint with NOT VALID and run VALIDATE CONSTRAINT in a later transaction.',
      });
    }
  },
  checkFile(ctx) {
    checkValidateInSameTransaction(ctx);
  },
};

export default rule;
