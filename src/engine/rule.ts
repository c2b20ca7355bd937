import type { Dialect } from '../parse/types.js';
import type { CatalogView } from '../model/catalog.js';
import type { Operation, TableName } from '../model/operations.js';
import type { FileSection } from '../sources/types.js';
import type { Fix } from './fix.js';
import type { MysqlVersion } from './mysql-version.js';
import type { Severity } from './finding.js';
import type { StatementInfo } from './statement-info.js';

/** The rule's documentation, in the shape of Ruff's rule docs: what, why, example, fix. */
export interface RuleDocs {
  /** One line: what the rule flags. */
  summary: string;
  /** Why it is dangerous: the lock it takes, what that blocks, whether it rewrites or scans. */
  why: string;
  /** SQL that the rule flags. */
  unsafe: string;
  /** The safe alternative, as SQL. */
  safe: string;
  /** One or two sentences shown under each finding. */
  help: string;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity | 'off';
  dialects: Dialect[];
  /** PostgreSQL major versions the rule applies to (inclusive); absent means all. */
  pgVersions?: { min?: number; max?: number };
  docs: RuleDocs;
}

export interface Report {
  message: string;
  /** UTF-16 offset into the file where the finding starts; defaults to the operation's `at`. */
  at?: number;
  /** Overrides the rule's docs.help for this finding. */
  help?: string;
  /** Edits that make the statement safe (src/engine/fix.ts); only when they are certain to. */
  fix?: Fix;
}

export interface RuleContext {
  readonly dialect: Dialect;
  /** Target PostgreSQL major version (config `pgVersion`, default 15). */
  readonly pgVersion: number;
  /** Target MySQL / MariaDB server (config `mysqlVersion`, default 8.0; src/engine/mysql-version.ts). */
  readonly mysqlVersion: MysqlVersion;
  readonly statement: StatementInfo;
  /** The whole file's text (statement offsets index into it), for building fixes. */
  readonly text: string;
  /** True when the table was created earlier in this file (it has no readers and no rows yet). */
  isNewTable(table: TableName): boolean;
  /** True when an index of that name was created earlier in this file. */
  isNewIndex(name: string): boolean;
  /** The schema built by the earlier migrations of the set and the statements before this one. */
  readonly catalog: CatalogView;
  report(report: Report): void;
}

/** For rules that look at a whole file (transactions left open, a missing down migration, ...). */
export interface FileRuleContext {
  readonly dialect: Dialect;
  readonly pgVersion: number;
  readonly mysqlVersion: MysqlVersion;
  readonly path: string;
  /** The whole file's text, for building fixes. */
  readonly text: string;
  readonly sections: readonly FileSection[];
  /** The layout has down migrations, and whether this file has one. */
  readonly layoutHasDown: boolean;
  readonly hasDown: boolean;
  /** Every statement of the file, in order (nested DO-block and function-body statements included). */
  readonly statements: readonly StatementInfo[];
  /** The schema after the whole file. */
  readonly catalog: CatalogView;
  /** `--assume-in-transaction` (or the config's assumeInTransaction) is on. */
  readonly assumeInTransaction: boolean;
  /** The 1-based line of an offset into the file (for messages that point at another statement). */
  lineOf(offset: number): number;
  /** `at` is a UTF-16 offset into the file; `end` defaults to the end of the statement or line there. */
  report(report: { message: string; at: number; end?: number; help?: string; fix?: Fix }): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once for every operation of every statement, in file order. */
  check(op: Operation, ctx: RuleContext): void;
  /** Called once per file, after every statement was checked. */
  checkFile?(ctx: FileRuleContext): void;
}
