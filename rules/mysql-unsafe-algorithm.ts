import { atLeast, formatMysqlVersion, type MysqlVersion } from '../src/engine/mysql-version.js';
import type { Rule, RuleContext } from '../src/engine/rule.js';
import type { Operation } from '../src/model/operations.js';

/**
 * Which ALTER TABLEs MySQL 8.0 and MariaDB 10.6+ (InnoDB) run as a table copy or with a lock that blocks writes.
 * The copy / lock verdicts below hold for MySQL 5.7, 8.0 and MariaDB 10.3+ alike, so they do not depend on the
 * server version; what does (config `mysqlVersion`, default 8.0) is which explicit ALGORITHM=INSTANT fails:
 * - ALGORITHM=INSTANT exists from MySQL 8.0.12 and MariaDB 10.3: on MySQL 5.7 (and 8.0.0-8.0.11) or MariaDB 10.2 the
 *   statement fails ("unknown algorithm"). Flagged: a migration that cannot run.
 * - ADD COLUMN is INSTANT from MySQL 8.0.12 (as the last column only until 8.0.29, at any position from 8.0.29) and
 *   MariaDB 10.3 (last column; any position from 10.4). Before that it is INPLACE with a table rebuild that allows
 *   concurrent DML (LOCK=NONE): long, but it does not block writes, like FORCE, so it is not flagged. The
 *   operations do not carry FIRST / AFTER, so between 8.0.12 and 8.0.28 (MariaDB 10.3) an ADD COLUMN with
 *   ALGORITHM=INSTANT is taken to add the last column: not flagged.
 * - DROP COLUMN is INSTANT from MySQL 8.0.29 and MariaDB 10.4; before, INPLACE with a rebuild and concurrent DML
 *   (not flagged), and DROP COLUMN with ALGORITHM=INSTANT fails: flagged.
 * - ENUM / SET appends are INSTANT on MySQL 8.0 and MariaDB 10.3+, INPLACE without a rebuild on 5.7 (mysql-enum-change).
 *
 * Sources: MySQL 8.0 Reference Manual, "Online DDL Operations" (column, primary key, table and partitioning
 * operations); MariaDB "InnoDB Online DDL Operations with the INSTANT / NOCOPY / INPLACE Alter Algorithm".
 * - Column type changes (MODIFY / CHANGE to another type) are not this rule's: changing-column-type reports them,
 *   judged by src/model/mysql-type-change.ts, and ENUM / SET value lists are mysql-enum-change's. Adding and
 *   dropping columns is INSTANT (MySQL 8.0.29+, MariaDB 10.4+); auto-increment, stored generated and foreign key
 *   columns have rules of their own (adding-serial-column, adding-stored-generated-column,
 *   adding-foreign-key-constraint).
 * - CONVERT TO CHARACTER SET: COPY only. Dropping a primary key (without adding one in the same statement): COPY
 *   only. Adding a primary key: rebuilds the clustered index, in place with concurrent DML only when no column has
 *   to become NOT NULL; either way it writes a copy of every row.
 * - ENGINE=: converting to another engine copies the table; naming the engine the table already has is a "null
 *   rebuild" done in place with concurrent DML. ddlguard does not know the current engine, so ENGINE= is flagged;
 *   an explicit ALGORITHM=INPLACE, LOCK=NONE makes a null rebuild pass and makes the server refuse a conversion.
 * - FORCE: an in-place rebuild with concurrent DML (MySQL 5.6.17+, MariaDB 10.0+; a table with a FULLTEXT index is
 *   copied instead). It rewrites the table but does not block writes: not flagged.
 * - Partitioning: PARTITION BY and REMOVE PARTITIONING are COPY only; COALESCE / REORGANIZE / REBUILD PARTITION
 *   and ADD PARTITION of a HASH / KEY table move rows in place without concurrent DML (LOCK=SHARED at best);
 *   OPTIMIZE PARTITION rebuilds the whole table. (The lowering only reports these as `partitioning`.)
 * - An explicit ALGORITHM=INSTANT or LOCK=NONE (or ALGORITHM=INPLACE / MariaDB NOCOPY, except for partition
 *   changes, which are in place yet block writes) means the server refuses the statement rather than copy or
 *   block: not flagged. An explicit ALGORITHM=COPY or LOCK=SHARED / EXCLUSIVE is flagged (also on CREATE INDEX and
 *   DROP INDEX), once per statement: the rebuilds of that statement are not reported again, and changing-column-type
 *   leaves a type change in it to this finding.
 */

type OnlineOptions = Extract<Operation, { kind: 'mysql-online-options' }>;
type RebuildReason = Extract<Operation, { kind: 'mysql-table-rebuild' }>['reason'];

const LARGE_TABLES = 'On a large table, run it with gh-ost or pt-online-schema-change instead.';

/** The ALGORITHM= / LOCK= options of the statement the operation belongs to. */
function statementOptions(ctx: RuleContext): OnlineOptions | undefined {
  for (const op of ctx.statement.operations) if (op.kind === 'mysql-online-options') return op;
  return undefined;
}

function explicitlyBlocking(options: OnlineOptions | undefined): boolean {
  return options?.algorithm === 'copy' || options?.lock === 'shared' || options?.lock === 'exclusive';
}

/** The server refuses the statement rather than copy the table or block writes. */
function refusesToBlock(options: OnlineOptions | undefined, reason: RebuildReason): boolean {
  if (options === undefined) return false;
  if (options.algorithm === 'instant' || options.lock === 'none') return true;
  // in-place partition changes still block writes; other in-place operations allow concurrent DML
  return options.algorithm === 'inplace' && reason !== 'partitioning';
}

/** Why an explicit ALGORITHM=INSTANT fails on the target server, or undefined when it can run. */
function instantFails(ctx: RuleContext): string | undefined {
  const version: MysqlVersion = ctx.mysqlVersion;
  const server = formatMysqlVersion(version);
  // the keyword: MySQL 8.0.12, MariaDB 10.3
  const knowsInstant = atLeast(version, 'mysql', 8, 0, 12) || atLeast(version, 'mariadb', 10, 3);
  if (!knowsInstant) {
    return `${server} has no ALGORITHM=INSTANT (MySQL 8.0.12+, MariaDB 10.3+): the statement fails`;
  }
  // DROP COLUMN: MySQL 8.0.29, MariaDB 10.4
  const instantDrop = atLeast(version, 'mysql', 8, 0, 29) || atLeast(version, 'mariadb', 10, 4);
  const drop = ctx.statement.operations.find((o) => o.kind === 'drop-column');
  if (drop && !instantDrop) {
    return `DROP COLUMN "${drop.column}" is not INSTANT before MySQL 8.0.29 / MariaDB 10.4, so on ${server} ALGORITHM=INSTANT makes the statement fail`;
  }
  return undefined;
}

const INSTANT_FAILS_HELP =
  'Use ALGORITHM=INPLACE, LOCK=NONE instead: on this server the change rebuilds the table in place while writes go on (set --mysql-version / mysqlVersion to the server you run).';

/** ADD PRIMARY KEY rebuilds in place (concurrent DML when no column must become NOT NULL); DROP alone copies. */
function primaryKeyProblem(table: string, ctx: RuleContext): string {
  const ops = ctx.statement.operations;
  // every primary key change lowers to a rebuild; a DROP PRIMARY KEY also to a drop-constraint of PRIMARY
  const changes = ops.filter((o) => o.kind === 'mysql-table-rebuild' && o.reason === 'primary-key').length;
  const drops = ops.filter((o) => o.kind === 'drop-constraint' && o.name === 'PRIMARY').length;
  if (drops > 0 && changes <= drops) {
    return `Dropping the primary key of "${table}" is ALGORITHM=COPY: InnoDB copies every row into a new clustered index and blocks writes until it is done.`;
  }
  const what = drops > 0 ? 'Replacing the primary key of' : 'Adding a primary key to';
  return `${what} "${table}" rebuilds its clustered index, a copy of every row (ALGORITHM=COPY, writes blocked, when a key column has to become NOT NULL).`;
}

const REBUILD_PROBLEMS: Record<Exclude<RebuildReason, 'force' | 'primary-key'>, (table: string) => string> = {
  charset: (t) => `CONVERT TO CHARACTER SET rewrites every row of "${t}" with ALGORITHM=COPY: writes are blocked until the copy is done.`,
  engine: (t) =>
    `ENGINE= on "${t}" copies the table into the new engine (ALGORITHM=COPY, writes blocked). If "${t}" already uses that engine it is an in-place rebuild: add ALGORITHM=INPLACE, LOCK=NONE to say so.`,
  partitioning: (t) =>
    `Changing the partitioning of "${t}" copies its rows (PARTITION BY / REMOVE PARTITIONING are ALGORITHM=COPY; COALESCE, REORGANIZE, REBUILD and HASH/KEY ADD PARTITION move rows without allowing writes).`,
};

const rule: Rule = {
  meta: {
    id: 'mysql-unsafe-algorithm',
    defaultSeverity: 'error',
    dialects: ['mysql'],
    docs: {
      summary:
        'An ALTER TABLE that MySQL/MariaDB runs as a table copy (ALGORITHM=COPY) or with a lock that blocks writes (LOCK=SHARED/EXCLUSIVE).',
      why:
        'InnoDB runs most ALTER TABLEs instantly or in place while reads and writes go on, but some it can only do ' +
        'by copying the table row by row into a new one (ALGORITHM=COPY), with writes blocked until the copy is ' +
        'done: minutes to hours on a large table, and replicas lag behind by as long again. Flagged: an explicit ' +
        'ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE (on ALTER TABLE, CREATE INDEX or DROP INDEX); CONVERT TO ' +
        'CHARACTER SET; adding or dropping the primary key (a rebuild of the clustered index; dropping it alone is ' +
        'ALGORITHM=COPY); ENGINE= (a copy into another engine, unless the table already uses it); and ' +
        'repartitioning (PARTITION BY, REMOVE PARTITIONING, COALESCE / REORGANIZE / REBUILD / OPTIMIZE PARTITION, ' +
        'ADD PARTITION of a HASH or KEY table). FORCE rebuilds in place with concurrent writes and is not flagged; ' +
        'adding and dropping columns are INSTANT (MySQL 8.0.29+, MariaDB 10.4+). Changing a column\'s type (MODIFY / ' +
        'CHANGE) is changing-column-type\'s, and ENUM/SET value lists are mysql-enum-change\'s; when such a ' +
        'statement also says ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE, this rule reports it, once. The server ' +
        'version (`--mysql-version`, config mysqlVersion, default 8.0) changes none of these verdicts, but it ' +
        'decides whether an explicit ALGORITHM=INSTANT can run: it needs MySQL 8.0.12 or MariaDB 10.3, and for ' +
        'DROP COLUMN MySQL 8.0.29 or MariaDB 10.4 (ADD COLUMN at any position: 8.0.29 / 10.4); a statement that ' +
        'would fail is flagged. On older servers ADD and DROP COLUMN rebuild the table in place while writes go ' +
        'on (long, not blocking: not flagged). A statement with ALGORITHM=INSTANT, ALGORITHM=INPLACE or LOCK=NONE is not ' +
        'flagged: the server refuses it rather than copy the table (in-place partition changes still block ' +
        'writes, so for them only LOCK=NONE counts).',
      unsafe: [
        'ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;',
        'ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at);',
        'ALTER TABLE orders ADD INDEX orders_status_idx (status), ALGORITHM=COPY;',
      ].join('\n'),
      safe: [
        '-- state the online requirement: the server refuses the statement instead of copying the table',
        'ALTER TABLE orders ADD INDEX orders_status_idx (status), ALGORITHM=INPLACE, LOCK=NONE;',
        '-- a change InnoDB can only do by copying: run it online with gh-ost (or pt-online-schema-change)',
        '-- gh-ost --alter="CONVERT TO CHARACTER SET utf8mb4" --table=orders --database=shop --execute',
      ].join('\n'),
      help:
        'Add ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT) so the server refuses instead of copying; for a change that needs a copy on a large table, use gh-ost or pt-online-schema-change.',
    },
  },
  check(op, ctx) {
    if (op.kind === 'mysql-online-options') {
      // a statement that cannot run at all fails on a new table too
      const fails = op.algorithm === 'instant' ? instantFails(ctx) : undefined;
      if (fails !== undefined) {
        ctx.report({ message: `${fails}.`, help: INSTANT_FAILS_HELP });
        return;
      }
      if (ctx.isNewTable(op.table) || !explicitlyBlocking(op)) return;
      const what =
        op.algorithm === 'copy'
          ? `ALGORITHM=COPY copies "${op.table.name}" row by row and blocks writes until it is done`
          : `LOCK=${op.lock?.toUpperCase() ?? ''} blocks ${op.lock === 'exclusive' ? 'reads and writes' : 'writes'} to "${op.table.name}" until the statement is done`;
      ctx.report({ message: `${what}. ${LARGE_TABLES}` });
      return;
    }
    // column type changes (change-type) are changing-column-type's
    if (op.kind !== 'mysql-table-rebuild' || ctx.isNewTable(op.table)) return;
    const options = statementOptions(ctx);
    // an explicit ALGORITHM=COPY / LOCK=SHARED is reported once, on the options
    if (explicitlyBlocking(options)) return;
    if (op.reason === 'force' || refusesToBlock(options, op.reason)) return;
    // one finding per reason and statement (ADD PRIMARY KEY with DROP PRIMARY KEY is one rebuild)
    const first = ctx.statement.operations.find((o) => o.kind === 'mysql-table-rebuild' && o.reason === op.reason);
    if (first !== op) return;
    const problem = op.reason === 'primary-key' ? primaryKeyProblem(op.table.name, ctx) : REBUILD_PROBLEMS[op.reason](op.table.name);
    ctx.report({ message: `${problem} ${LARGE_TABLES}` });
  },
};

export default rule;
