import { loadModule, parseSync, hasSqlDetails } from 'libpg-query';
import type { RawStmt } from '@pgsql/types';
import { LineIndex } from '../positions.js';
import type { ParsedFile, PgStatement, SyntaxProblem } from '../types.js';
import { readPsqlScript } from './psql-script.js';
import { nestedStatements } from './plpgsql.js';

/** libpg-query is WebAssembly: it must be loaded once before the synchronous calls work. */
export async function loadPostgresParser(): Promise<void> {
  await loadModule();
}

/**
 * Parses a PostgreSQL migration (a psql script) into statements with exact positions, including the
 * statements inside DO blocks and PL/pgSQL or SQL function bodies. Call loadPostgresParser() once first.
 */
export function parsePostgres(text: string): ParsedFile {
  const index = new LineIndex(text);
  const script = readPsqlScript(text);
  const file: ParsedFile = { dialect: 'postgres', text, index, statements: [], comments: script.comments };

  // byteBase: where the text that libpg-query saw starts, in bytes (node locations are relative to it)
  let raws: Array<{ raw: RawStmt; byteBase: number }>;
  try {
    // parseSync rejects an empty string; an empty file is a valid (empty) migration
    raws = script.prepared === '' ? [] : (parseSync(script.prepared).stmts ?? []).map((raw) => ({ raw, byteBase: 0 }));
  } catch (error) {
    file.syntaxError = syntaxProblem(error, script.prepared, 0, index);
    // Recover what can be recovered: parse statement by statement, keep the ones that parse.
    // `prepared` keeps the file's UTF-8 byte offsets (not its UTF-16 ones), so it is cut by bytes.
    const prepared = Buffer.from(script.prepared, 'utf8');
    raws = [];
    for (const range of script.statements) {
      const byteBase = index.offsetToByte(range.start);
      const byteEnd = index.offsetToByte(range.end);
      try {
        for (const raw of parseSync(prepared.toString('utf8', byteBase, byteEnd)).stmts ?? []) {
          const location = byteBase + (raw.stmt_location ?? 0);
          raws.push({ raw: { ...raw, stmt_location: location, stmt_len: raw.stmt_len || byteEnd - location }, byteBase });
        }
      } catch {
        // the first failure is already reported for the whole file
      }
    }
  }

  for (const { raw, byteBase } of raws) {
    if (!raw.stmt) continue;
    const byteStart = raw.stmt_location ?? 0;
    const start = index.byteToOffset(byteStart);
    const end = trimmedEnd(text, raw.stmt_len ? index.byteToOffset(byteStart + raw.stmt_len) : text.length, start);
    const statement: PgStatement = {
      dialect: 'postgres',
      ast: raw.stmt,
      text: text.slice(start, end),
      start,
      end,
      context: 'top',
      locate: (location) => index.byteToOffset(byteBase + location),
    };
    file.statements.push(statement);
    const nested = nestedStatements(statement, file);
    file.statements.push(...nested.statements);
    if (nested.syntaxError && !file.syntaxError) file.syntaxError = nested.syntaxError;
  }
  return file;
}

function trimmedEnd(text: string, end: number, start: number): number {
  let e = end;
  while (e > start && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

/**
 * libpg-query reports the error position as a 0-based count of characters (code points) into what
 * it parsed; `base` is the UTF-16 offset of that text in the file. The parsed text may be (part of)
 * the prepared text, whose blanked parts have the file's bytes but not its characters: the position
 * goes through UTF-8 bytes.
 */
export function syntaxProblem(error: unknown, parsed: string, base: number, index: LineIndex): SyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  let offset = base;
  if (hasSqlDetails(error) && error.sqlDetails) {
    let remaining = Math.max(error.sqlDetails.cursorPosition, 0);
    let bytes = 0;
    for (let k = 0; remaining > 0 && k < parsed.length; remaining--) {
      const code = parsed.charCodeAt(k);
      const pair = code >= 0xd800 && code <= 0xdbff;
      bytes += pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
      k += pair ? 2 : 1;
    }
    offset = index.byteToOffset(index.offsetToByte(base) + bytes);
  }
  return { message, offset: Math.min(offset, index.text.length) };
}
