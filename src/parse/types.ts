import type { Node as PgNode } from '@pgsql/types';
import type { MysqlAst } from './mysql/ast.js';
import type { LineIndex } from './positions.js';

export type Dialect = 'postgres' | 'mysql';

/** A comment found in the file, with its UTF-16 offsets into the file text. */
export interface SourceComment {
  text: string;
  start: number;
  end: number;
}

/** Where a statement came from: the file itself, a DO block, or a PL/pgSQL function body. */
export type StatementContext = 'top' | 'do-block' | 'function-body';

interface StatementBase {
  /** The statement's source text (no trailing semicolon). */
  text: string;
  /** UTF-16 offsets into the file text. */
  start: number;
  end: number;
  context: StatementContext;
  /** Maps a parser location (relative to what was parsed) to a UTF-16 offset into the file text. */
  locate(parserLocation: number): number;
}

export interface PgStatement extends StatementBase {
  dialect: 'postgres';
  ast: PgNode;
}

export interface MysqlStatement extends StatementBase {
  dialect: 'mysql';
  ast: MysqlAst;
}

export type ParsedStatement = PgStatement | MysqlStatement;

export interface SyntaxProblem {
  message: string;
  /** UTF-16 offset into the file text. */
  offset: number;
}

export interface ParsedFile {
  dialect: Dialect;
  text: string;
  index: LineIndex;
  statements: ParsedStatement[];
  comments: SourceComment[];
  /** Set when the file (or a statement of it) does not parse; the statements that did parse are still listed. */
  syntaxError?: SyntaxProblem;
}
