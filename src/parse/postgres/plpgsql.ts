import { parseSync, parsePlPgSQLSync } from 'libpg-query';
import type { DefElem, Node as PgNode } from '@pgsql/types';
import type { ParsedFile, PgStatement, StatementContext, SyntaxProblem } from '../types.js';

/**
 * libpg-query compiles PL/pgSQL without a catalog: where PostgreSQL would look a type up it fails with
 * "Not implemented" (`%TYPE` of a column, `%TYPE[]`), and it takes an array of a type it does not know
 * (`RETURNS my_enum[]`) for `record[]`. Those failures say nothing about the body.
 */
export const PLPGSQL_CATALOG_LIMIT = /^Not implemented\b|cannot return type record\[\]$/;

/**
 * The statements inside a DO block or a function body (LANGUAGE plpgsql or sql, or BEGIN ATOMIC),
 * parsed with their positions in the file, so they are linted like top-level statements.
 */
export function nestedStatements(
  statement: PgStatement,
  file: ParsedFile,
): { statements: PgStatement[]; syntaxError?: SyntaxProblem } {
  const body = routineBody(statement, file);
  if (!body) return { statements: [] };
  const context: StatementContext = 'DoStmt' in statement.ast ? 'do-block' : 'function-body';
  if (body.language === 'sql') return { statements: sqlBodyStatements(body, file) };
  if (body.language !== 'plpgsql') return { statements: [] };
  let result: unknown;
  try {
    result = parsePlPgSQLSync(statement.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // PostgreSQL rejects such a body too: CREATE FUNCTION compiles it (check_function_bodies is on by
    // default) and DO compiles it before running it; except for what libpg-query cannot know.
    if (PLPGSQL_CATALOG_LIMIT.test(message)) return { statements: [] };
    return { statements: [], syntaxError: { message: `in PL/pgSQL body: ${message}`, offset: body.start } };
  }
  const statements: PgStatement[] = [];
  const bodyLine = file.index.position(body.start).line;
  let searchFrom = body.start;
  for (const found of collectExecSql(result)) {
    const lineStart = Math.max(file.index.lineStart(bodyLine + found.lineno - 1), body.start);
    const at = file.text.indexOf(found.query, Math.max(lineStart, searchFrom));
    if (at < 0 || at + found.query.length > body.end) continue;
    searchFrom = at + found.query.length;
    const parsed = parseQuietly(found.query);
    const stmt = parsed?.[0]?.stmt;
    if (!stmt) continue;
    const byteBase = file.index.offsetToByte(at);
    statements.push({
      dialect: 'postgres',
      ast: stmt,
      text: found.query,
      start: at,
      end: at + found.query.length,
      context,
      locate: (location) => file.index.byteToOffset(byteBase + location),
    });
  }
  return { statements };
}

interface RoutineBody {
  language: string;
  /** UTF-16 offsets of the body text (inside the quotes). */
  start: number;
  end: number;
  text: string;
}

function defElems(nodes: PgNode[] | undefined): DefElem[] {
  const out: DefElem[] = [];
  for (const node of nodes ?? []) if ('DefElem' in node) out.push(node.DefElem);
  return out;
}

function stringValue(node: PgNode | undefined): string | undefined {
  if (!node) return undefined;
  if ('String' in node) return node.String.sval;
  if ('List' in node) return stringValue(node.List.items?.[0]);
  return undefined;
}

function routineBody(statement: PgStatement, file: ParsedFile): RoutineBody | undefined {
  let options: DefElem[];
  let language: string;
  if ('DoStmt' in statement.ast) {
    options = defElems(statement.ast.DoStmt.args);
    language = 'plpgsql';
  } else if ('CreateFunctionStmt' in statement.ast) {
    if (statement.ast.CreateFunctionStmt.sql_body) return atomicBody(statement);
    options = defElems(statement.ast.CreateFunctionStmt.options);
    language = 'sql';
  } else return undefined;
  const langOption = options.find((o) => o.defname === 'language');
  language = (stringValue(langOption?.arg) ?? language).toLowerCase();
  const asOption = options.find((o) => o.defname === 'as');
  const bodyText = stringValue(asOption?.arg);
  if (!asOption || bodyText === undefined || asOption.location === undefined) return undefined;
  // The option's location points at the string (DO) or at the AS keyword (CREATE FUNCTION).
  const from = statement.locate(asOption.location);
  const quote = file.text.slice(from, statement.end).search(/[$']/);
  if (quote < 0) return undefined;
  const q = from + quote;
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(file.text.slice(q, q + 200))?.[0];
  if (!tag) return undefined; // single-quoted bodies have escapes: positions would not be exact
  const start = q + tag.length;
  if (!file.text.startsWith(bodyText, start)) return undefined;
  return { language, start, end: start + bodyText.length, text: bodyText };
}

/** The statements of a `BEGIN ATOMIC ... END` body (PostgreSQL 14+), between those keywords. */
function atomicBody(statement: PgStatement): RoutineBody | undefined {
  const begin = /\bBEGIN\s+ATOMIC\b/i.exec(statement.text);
  const end = /\bEND$/i.exec(statement.text);
  if (!begin || !end || end.index < begin.index) return undefined;
  const start = statement.start + begin.index + begin[0].length;
  const text = statement.text.slice(begin.index + begin[0].length, end.index);
  return { language: 'sql', start, end: start + text.length, text };
}

function sqlBodyStatements(body: RoutineBody, file: ParsedFile): PgStatement[] {
  const raws = parseQuietly(body.text);
  if (!raws) return [];
  const byteBase = file.index.offsetToByte(body.start);
  const statements: PgStatement[] = [];
  for (const raw of raws) {
    if (!raw.stmt) continue;
    const byteStart = byteBase + (raw.stmt_location ?? 0);
    const start = file.index.byteToOffset(byteStart);
    const end = raw.stmt_len ? file.index.byteToOffset(byteStart + raw.stmt_len) : body.end;
    statements.push({
      dialect: 'postgres',
      ast: raw.stmt,
      text: file.text.slice(start, end).trimEnd(),
      start,
      end: start + file.text.slice(start, end).trimEnd().length,
      context: 'function-body',
      locate: (location) => file.index.byteToOffset(byteBase + location),
    });
  }
  return statements;
}

function parseQuietly(sql: string): ReturnType<typeof parseSync>['stmts'] {
  try {
    return parseSync(sql).stmts ?? [];
  } catch {
    return undefined;
  }
}

/** Every PLpgSQL_stmt_execsql in a parsePlPgSQL result, in source order. */
function collectExecSql(tree: unknown): Array<{ lineno: number; query: string }> {
  const found: Array<{ lineno: number; query: string }> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const entries: Array<[string, unknown]> = Object.entries(value);
    for (const [key, child] of entries) {
      if (key === 'PLpgSQL_stmt_execsql' && typeof child === 'object' && child !== null) {
        const lineno = 'lineno' in child && typeof child.lineno === 'number' ? child.lineno : 1;
        const query = queryText('sqlstmt' in child ? child.sqlstmt : undefined);
        if (query) found.push({ lineno, query });
      } else visit(child);
    }
  };
  visit(tree);
  return found;
}

function queryText(expr: unknown): string | undefined {
  if (typeof expr !== 'object' || expr === null || !('PLpgSQL_expr' in expr)) return undefined;
  const inner = expr.PLpgSQL_expr;
  if (typeof inner !== 'object' || inner === null || !('query' in inner)) return undefined;
  return typeof inner.query === 'string' ? inner.query : undefined;
}
