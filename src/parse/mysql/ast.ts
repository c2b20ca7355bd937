import type { AST, LocationRange } from 'node-sql-parser';
import type { MysqlStatementKind } from './classify.js';

/**
 * A statement as node-sql-parser returns it, or — for valid MySQL that node-sql-parser cannot read and no rule
 * needs to look inside (procedures, triggers, events, `SET NAMES`, `PREPARE`, `GRANT`, ...) — a `MysqlUnparsed`
 * that only says what kind of statement it is. Only src/parse/mysql and src/model/lower-mysql.ts look inside.
 *
 * Every `loc.start.offset` / `loc.end.offset` in the tree is an offset into the statement text (node-sql-parser's
 * own offsets, mapped back when ddlguard had to rewrite the text for it); `statement.locate()` turns it into a
 * file offset. `loc.line` / `loc.column` are node-sql-parser's and may be stale: use `ParsedFile.index`.
 *
 * Where ddlguard rewrote MySQL / MariaDB syntax node-sql-parser lacks, it puts what the rewrite took out back into
 * the tree in node-sql-parser's shape: `ALGORITHM=` / `LOCK=` options (`algorithm_option`, `lock_option`, or
 * `options` of DROP INDEX, or ALTER TABLE items), and MariaDB's `IF [NOT] EXISTS` (`if_not_exists` /
 * `if_exists` on ALTER TABLE items, `if_not_exists` / `prefix: 'if exists'` on CREATE / DROP INDEX).
 *
 * Note: node-sql-parser returns more statement types than its typings list (`transaction`, `rename`, `set`,
 * `lock`, `truncate`, ...): narrow `type` from `unknown`.
 */
export type MysqlAst = AST | MysqlUnparsed;

export interface MysqlUnparsed {
  type: 'unparsed';
  kind: MysqlStatementKind;
  /** The leading words, upper-cased: `CREATE PROCEDURE`, `DROP EVENT`, `SET NAMES`, `START TRANSACTION`. */
  keywords: string;
}

export function isMysqlUnparsed(ast: MysqlAst): ast is MysqlUnparsed {
  return (ast as { type?: unknown }).type === 'unparsed';
}

/**
 * An item of an ALTER TABLE's `expr` list for a clause node-sql-parser cannot read but that changes no column or
 * index ddlguard tracks: `CONVERT TO CHARACTER SET`, `ALTER COLUMN c SET/DROP DEFAULT`, table options
 * (`ENGINE=... DEFAULT CHARSET=...`), `FORCE`, `ENABLE/DISABLE KEYS`, partition maintenance, `RENAME INDEX`, ...
 * Clauses node-sql-parser reads keep its own items; every item of an ALTER TABLE built by ddlguard has a `loc`
 * covering its clause.
 */
export interface MysqlRawAlterClause {
  type: 'alter';
  resource: 'unparsed';
  action: 'unparsed';
  /** The clause's leading keywords, upper-cased: `CONVERT TO CHARACTER SET`, `ALTER COLUMN`, `ENGINE`. */
  keyword: string;
  /** The clause as written (comments blanked). */
  text: string;
  loc: LocationRange;
}

export function isMysqlRawAlterClause(item: unknown): item is MysqlRawAlterClause {
  return (
    typeof item === 'object' &&
    item !== null &&
    (item as { resource?: unknown }).resource === 'unparsed' &&
    (item as { type?: unknown }).type === 'alter'
  );
}
