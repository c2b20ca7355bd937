import type { Dialect } from '../parse/types.js';

/** The migration tools whose folder layouts ddlguard knows. */
export type LayoutName =
  | 'plain'
  | 'flyway'
  | 'golang-migrate'
  | 'dbmate'
  | 'prisma'
  | 'diesel'
  | 'sqitch'
  | 'popx';

/**
 * How the migration tool runs a file (or a section of it):
 * - wrapped: inside one transaction it opens itself (Flyway, dbmate, Diesel);
 * - implicit: the whole file is sent as one multi-statement query, which PostgreSQL runs as one implicit
 *   transaction when it holds more than one statement (golang-migrate, Prisma);
 * - none: statement by statement, no transaction unless the file opens one (plain files, Sqitch, popx autocommit).
 */
export type TransactionConvention = 'wrapped' | 'implicit' | 'none';

export type Direction = 'up' | 'down' | 'repeatable';

/** A part of a file with one direction and one transaction convention (dbmate files have two). */
export interface FileSection {
  direction: Direction;
  transaction: TransactionConvention;
  /** UTF-16 offsets into the file text. */
  start: number;
  end: number;
}

export interface MigrationFile {
  /** The folder of the migration set the file belongs to (absolute): files of one set share a schema. */
  setRoot: string;
  /**
   * An earlier migration of a set that was not asked for, read only so that the schema it builds is known
   * (linting one file still knows the tables, columns and indexes the migrations before it created).
   */
  contextOnly?: true;
  /** Named on the command line itself (not found under a folder or by a glob). */
  givenDirectly?: true;
  /** The path as given on the command line, or as found under a given folder (relative to cwd when found). */
  path: string;
  absolutePath: string;
  text: string;
  layout: LayoutName;
  /** Dialect named by the file name (e.g. `*.mysql.up.sql`), if any. */
  dialect?: Dialect;
  /** Ordering key inside its set (a version or timestamp), if the layout has one. */
  version?: string;
  name?: string;
  sections: FileSection[];
  /** For an up migration: the path of its down migration, when the layout has one and it exists. */
  downPath?: string;
  /** True when the layout has down migrations at all (for `missing-down-migration`). */
  layoutHasDown: boolean;
  /**
   * popx only, on a dialect-neutral file: the dialects for which the tool runs a dialect-specific file of the same
   * version and direction instead of this one (e.g. `x.postgres.up.sql` replaces `x.up.sql` on PostgreSQL).
   * Linting for one of these dialects should skip this file.
   */
  shadowedFor?: Dialect[];
}

export interface SourceError {
  /** The path or glob as given. */
  input: string;
  message: string;
}

export interface CollectedSources {
  /** Every file to lint, sets in order, and within a set in migration order. */
  files: MigrationFile[];
  errors: SourceError[];
}
