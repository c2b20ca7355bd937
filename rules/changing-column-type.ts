import type { Rule, RuleContext } from '../src/engine/rule.js';
import { dependsOnTimeZone, isBinaryCoercible } from '../src/locks/type-change.js';
import { mysqlTypeChange } from '../src/model/mysql-type-change.js';
import type { Operation } from '../src/model/operations.js';

/**
 * PostgreSQL: `ALTER COLUMN ... TYPE` rewrites the table under an ACCESS EXCLUSIVE lock unless the change is
 * binary-coercible (src/locks/type-change.ts).
 *
 * MySQL / MariaDB: this rule owns column type changes (MODIFY / CHANGE). Whether one copies the table is
 * src/model/mysql-type-change.ts's judgement (restated types, the VARCHAR length-byte rule for every character set,
 * unknown old types); ENUM / SET value-list edits are mysql-enum-change's. The other ALTER TABLEs that copy or block
 * writes (explicit ALGORITHM=COPY / LOCK=SHARED|EXCLUSIVE, CONVERT TO CHARACTER SET, primary key changes, ENGINE=,
 * repartitioning) are mysql-unsafe-algorithm's, and a statement with an explicit ALGORITHM=COPY or LOCK=SHARED /
 * EXCLUSIVE is reported by that rule alone, once, on its options. ALGORITHM=INSTANT / INPLACE or LOCK=NONE makes
 * the server refuse the statement rather than copy the table: not flagged.
 */

type ChangeType = Extract<Operation, { kind: 'change-type' }>;
type OnlineOptions = Extract<Operation, { kind: 'mysql-online-options' }>;

const LARGE_TABLES = 'On a large table, run it with gh-ost or pt-online-schema-change instead.';

/** The ALGORITHM= / LOCK= options of the statement the operation belongs to. */
function onlineOptions(ctx: RuleContext): OnlineOptions | undefined {
  for (const op of ctx.statement.operations) if (op.kind === 'mysql-online-options') return op;
  return undefined;
}

function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
}

function checkMysql(op: ChangeType, ctx: RuleContext): void {
  const options = onlineOptions(ctx);
  // the server refuses the statement rather than copy the table
  if (options?.algorithm === 'instant' || options?.algorithm === 'inplace' || options?.lock === 'none') return;
  // an explicit ALGORITHM=COPY / LOCK=SHARED|EXCLUSIVE: mysql-unsafe-algorithm reports the statement, once
  if (options?.algorithm === 'copy' || options?.lock === 'shared' || options?.lock === 'exclusive') return;
  const oldType = ctx.catalog.columnType(op.table, op.column);
  const change = mysqlTypeChange(oldType, op.newType);
  if (change.verdict !== 'copy') return;
  const where = `"${op.table.name}"."${op.column}"`;
  const table = `"${op.table.name}"`;
  if (oldType === undefined) {
    ctx.report({
      message:
        `Redefining ${where} as ${op.newType} copies the table ${table} (ALGORITHM=COPY) if its type changes: writes are blocked until the copy is done. ${change.reason} ` +
        'If the type stays the same, or a VARCHAR grows within its length bytes, add ALGORITHM=INPLACE, LOCK=NONE: the server then does it in place, and refuses the statement if it would need a copy. ' +
        LARGE_TABLES,
    });
    return;
  }
  const inPlace =
    change.inPlaceFor !== undefined
      ? ` If the column is ${orList(change.inPlaceFor)}, add ALGORITHM=INPLACE, LOCK=NONE: the server then does it in place, and refuses the statement if it would need a copy.`
      : '';
  ctx.report({
    message: `Changing ${where} from ${oldType} to ${op.newType} copies the table ${table} (ALGORITHM=COPY): writes are blocked until the copy is done. ${change.reason}${inPlace} ${LARGE_TABLES}`,
  });
}

const rule: Rule = {
  meta: {
    id: 'changing-column-type',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: "Changing a column's type in a way that rewrites (or copies) an existing table.",
      why:
        'In PostgreSQL, `ALTER COLUMN ... TYPE` takes an ACCESS EXCLUSIVE lock on the table, so every read and ' +
        'write waits, and unless the old type is binary-coercible to the new one it writes a new copy of the whole ' +
        'table and rebuilds every index on it while holding that lock; a USING clause always means a rewrite. ' +
        'Binary-coercible changes only touch the catalog and are not flagged: varchar(n) to a longer or unbounded ' +
        'varchar or to text, text to unbounded varchar, numeric(p,s) to a larger precision with the same scale or ' +
        'to unconstrained numeric, varbit(n) to a longer or unbounded varbit, cidr to inet, and a higher (or ' +
        'removed) timestamp/time precision. In MySQL and MariaDB, this rule owns column type changes (MODIFY / ' +
        'CHANGE): a type change copies the table (ALGORITHM=COPY), and reads go on but writes are blocked until the ' +
        'copy is done. Done in place, and not flagged: restating the same type to change NULL, the default, the ' +
        'comment or the position (spellings of one type count as the same: int(11) and int, boolean and ' +
        'tinyint(1)), and growing a VARCHAR while it keeps its number of length bytes (one up to 255 bytes, two ' +
        'from 256) for latin1, utf8mb3 and utf8mb4 columns alike, since the character set is not known (VARBINARY ' +
        'counts bytes). ENUM / SET value lists are left to mysql-enum-change. An explicit ALGORITHM=INSTANT, ' +
        'ALGORITHM=INPLACE or LOCK=NONE makes the server refuse the statement rather than copy, and is not ' +
        'flagged; an explicit ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE is reported by mysql-unsafe-algorithm ' +
        'instead, which owns the other ALTER TABLEs that copy (charset conversion, primary key, ENGINE=, ' +
        'repartitioning). Beyond the lock, code deployed before the migration still reads and writes the old type.',
      unsafe: [
        'ALTER TABLE orders ALTER COLUMN amount TYPE bigint;',
        '-- MySQL / MariaDB',
        'ALTER TABLE orders MODIFY COLUMN amount bigint NOT NULL;',
      ].join('\n'),
      safe: [
        '-- 1. a new column of the new type (metadata only)',
        'ALTER TABLE orders ADD COLUMN amount_new bigint;',
        '-- 2. the application writes both columns (or a trigger copies amount into amount_new)',
        '-- 3. backfill in batches, outside the DDL transaction (ddlguard backfill)',
        'UPDATE orders SET amount_new = amount WHERE id >= 1 AND id < 10001 AND amount_new IS NULL;',
        '-- 4. switch reads to amount_new, then drop amount in a later migration (and rename if needed)',
        '-- MySQL / MariaDB, on a large table: the same change as an online copy with gh-ost (or pt-online-schema-change)',
        '-- gh-ost --alter="MODIFY COLUMN amount bigint NOT NULL" --table=orders --database=shop --execute',
      ].join('\n'),
      help:
        'Add a column of the new type, write to both, backfill it in batches, switch reads over, then drop the old column (on MySQL, gh-ost or pt-online-schema-change can instead run the change as an online copy).',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'change-type' || ctx.isNewTable(op.table)) return;
    if (ctx.dialect === 'mysql') {
      checkMysql(op, ctx);
      return;
    }
    const where = `"${op.table.name}"."${op.column}"`;
    const oldType = ctx.catalog.columnType(op.table, op.column);
    if (op.using) {
      ctx.report({
        message: `Changing ${where} to ${op.newType} with USING rewrites "${op.table.name}" and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.`,
      });
      return;
    }
    if (oldType === undefined) {
      ctx.report({
        message: `Changing ${where} to ${op.newType}: its current type is unknown (no earlier migration declares it), so a rewrite of "${op.table.name}" under an ACCESS EXCLUSIVE lock is assumed. If the old type is binary-coercible to ${op.newType} (e.g. varchar(n) to a longer varchar or text), the change is metadata-only and safe.`,
      });
      return;
    }
    if (isBinaryCoercible(oldType, op.newType)) return;
    const timeZone =
      dependsOnTimeZone(oldType, op.newType) && ctx.pgVersion >= 12
        ? ' (PostgreSQL 12+ skips the rewrite only when the session TimeZone is UTC)'
        : '';
    ctx.report({
      message: `Changing ${where} from ${oldType} to ${op.newType} rewrites "${op.table.name}" and its indexes under an ACCESS EXCLUSIVE lock${timeZone}: reads and writes wait until it is done.`,
    });
  },
};

export default rule;
