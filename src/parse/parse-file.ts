import { parseMysql } from './mysql/parse.js';
import { parsePostgres } from './postgres/parse.js';
import type { Dialect, ParsedFile } from './types.js';

/** Parses a migration in its dialect. PostgreSQL needs loadPostgresParser() to have been awaited once. */
export function parseFile(text: string, dialect: Dialect): ParsedFile {
  return dialect === 'mysql' ? parseMysql(text) : parsePostgres(text);
}
