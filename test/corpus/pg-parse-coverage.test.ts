/**
 * The PostgreSQL parse layer over every file of the real-world corpora (../shared/corpus/*-pg and
 * pg-regress-*, read in place): no crash, no hang, no false syntax error, errors where PostgreSQL puts
 * them, and statement ranges that point at their text.
 *
 * "PostgreSQL's own parser accepts the file": every statement psql would send (the ranges of
 * readPsqlScript over the blanked `prepared` text) parses on its own with libpg-query's parseSync.
 * The one exception allowed in an accepted file is a PL/pgSQL body that the PL/pgSQL compiler rejects:
 * PostgreSQL rejects it too (CREATE FUNCTION checks the body, DO compiles it) - see plpgsql.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { parsePlPgSQLSync, parseSync } from 'libpg-query';
import { loadPostgresParser, parsePostgres } from '../../src/parse/postgres/parse.js';
import { readPsqlScript } from '../../src/parse/postgres/psql-script.js';
import type { LineIndex } from '../../src/parse/positions.js';
import type { ParsedFile } from '../../src/parse/types.js';

const corpusRoot = path.resolve(import.meta.dirname, '../../../shared/corpus');
const corpora = existsSync(corpusRoot)
  ? readdirSync(corpusRoot)
      .filter((name) => name.endsWith('-pg') || name.startsWith('pg-regress-'))
      .sort()
  : [];
/** Statement ranges are checked in every SAMPLE-th file of a corpus. */
const SAMPLE = 20;
/** A file that takes longer than this is a hang for our purposes (the slowest takes well under 100 ms). */
const SLOW_MS = 2000;

function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sqlFiles(full, out);
    else if (entry.isFile() && entry.name.endsWith('.sql')) out.push(full); // some folders are named *.sql
  }
  return out.sort();
}

/**
 * UTF-8, except collate.windows.win1252.sql of the PostgreSQL suite, which is WIN1252 (psql runs it with
 * that client encoding): decoded as WIN1252 it has the characters PostgreSQL sees (its bytes >= 0x80 are
 * all Latin-1 letters, so latin1 would give the same text).
 */
function readSql(file: string): string {
  const bytes = readFileSync(file);
  return new TextDecoder(file.endsWith('.win1252.sql') ? 'windows-1252' : 'utf-8').decode(bytes);
}

interface PsqlStatement {
  start: number;
  end: number;
  /** Statements libpg-query found in it, or the error it threw. */
  count: number;
  error?: string;
}

/** Every statement psql would send, parsed on its own. */
function psqlStatements(text: string, index: LineIndex): { prepared: Buffer; statements: PsqlStatement[] } {
  const script = readPsqlScript(text);
  // `prepared` keeps the file's UTF-8 byte offsets (not its UTF-16 ones): cut it by bytes
  const prepared = Buffer.from(script.prepared, 'utf8');
  const statements = script.statements.map(({ start, end }) => {
    try {
      const sql = prepared.toString('utf8', index.offsetToByte(start), index.offsetToByte(end));
      return { start, end, count: parseSync(sql).stmts?.length ?? 0 };
    } catch (error) {
      return { start, end, count: 0, error: error instanceof Error ? error.message : String(error) };
    }
  });
  return { prepared, statements };
}

function firstNodeType(sql: string): string | undefined {
  try {
    const stmt = parseSync(sql).stmts?.[0]?.stmt;
    return stmt ? Object.keys(stmt)[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ranges: inside the file, ordered, the text they claim; nested ones inside their top-level statement;
 * and what libpg-query saw there (`prepared`: psql meta-commands blanked) is that statement.
 */
function rangeProblems(file: ParsedFile, prepared: Buffer): string[] {
  const problems: string[] = [];
  const where = (offset: number): string => `${file.index.position(offset).line}:${file.index.position(offset).column}`;
  let top: { start: number; end: number } | undefined;
  for (const s of file.statements) {
    if (!(s.start >= 0 && s.start <= s.end && s.end <= file.text.length)) problems.push(`${where(s.start)} bad range ${s.start}-${s.end}`);
    else if (file.text.slice(s.start, s.end) !== s.text) problems.push(`${where(s.start)} text differs from the text at its range`);
    if (s.context === 'top') {
      if (top && s.start < top.end) problems.push(`${where(s.start)} overlaps the statement before`);
      top = { start: s.start, end: s.end };
    } else if (!top || s.start < top.start || s.end > top.end) {
      problems.push(`${where(s.start)} ${s.context} statement outside its top-level statement`);
    }
    // the text at the range is that statement: it parses on its own into the same kind of node
    const sql = prepared.toString('utf8', file.index.offsetToByte(s.start), file.index.offsetToByte(s.end));
    if (s.dialect === 'postgres' && firstNodeType(sql) !== Object.keys(s.ast)[0]) {
      problems.push(`${where(s.start)} ${s.context} text does not parse as ${Object.keys(s.ast)[0]}`);
    }
  }
  return problems;
}

describe('PostgreSQL parse coverage of the real-world corpora', { skip: corpora.length === 0 && 'no ../shared/corpus' }, () => {
  before(async () => {
    await loadPostgresParser();
  });

  for (const corpus of corpora) {
    test(corpus, { timeout: 120_000 }, (t) => {
      const files = sqlFiles(path.join(corpusRoot, corpus));
      const problems: string[] = [];
      let accepted = 0;
      let withError = 0;
      let totalMs = 0;
      let slowest = { ms: 0, file: '' };
      files.forEach((full, n) => {
        const rel = path.relative(corpusRoot, full);
        const text = readSql(full);
        let file: ParsedFile;
        const t0 = performance.now();
        try {
          file = parsePostgres(text);
        } catch (error) {
          problems.push(`${rel}: parsePostgres threw ${String(error)}`);
          return;
        }
        const ms = performance.now() - t0;
        totalMs += ms;
        if (ms > slowest.ms) slowest = { ms, file: rel };
        const where = (offset: number): string => {
          const p = file.index.position(offset);
          return `${rel}:${p.line}:${p.column}`;
        };

        const { prepared, statements: psql } = psqlStatements(text, file.index);
        const failing = psql.find((s) => s.error !== undefined);
        const error = file.syntaxError;
        if (error) withError++;
        if (!failing) {
          accepted++;
          if (error) {
            // only a PL/pgSQL body that the PL/pgSQL compiler rejects, in the statement the error points into
            const owner = file.statements.find((s) => s.context === 'top' && s.start <= error.offset && error.offset <= s.end);
            let bodyError: string | undefined;
            try {
              if (owner) parsePlPgSQLSync(owner.text);
            } catch (e) {
              bodyError = e instanceof Error ? e.message : String(e);
            }
            if (bodyError === undefined || error.message !== `in PL/pgSQL body: ${bodyError}`) {
              problems.push(`${where(error.offset)}: false syntax error: ${error.message}`);
            }
          }
          // the whole-file parse and psql's statements agree on what the statements are
          const expected = psql.reduce((sum, s) => sum + s.count, 0);
          const found = file.statements.filter((s) => s.context === 'top').length;
          if (found !== expected) problems.push(`${rel}: ${found} top-level statements, psql sends ${expected}`);
        } else if (!error) {
          problems.push(`${where(failing.start)}: no syntax error, but this statement fails: ${failing.error ?? ''}`);
        } else if (error.offset < failing.start || error.offset > failing.end) {
          problems.push(`${where(error.offset)}: syntax error outside the first failing statement (${where(failing.start)})`);
        }

        if (n % SAMPLE === 0) problems.push(...rangeProblems(file, prepared).map((p) => `${rel}:${p}`));
      });

      t.diagnostic(
        `${files.length} files, ${accepted} accepted, ${withError} with a syntax error; ` +
          `parsePostgres ${Math.round(totalMs)} ms, slowest ${slowest.ms.toFixed(1)} ms ${slowest.file}`,
      );
      assert.ok(files.length > 0, `no .sql files in ${corpus}`);
      assert.ok(slowest.ms < SLOW_MS, `${slowest.file} took ${Math.round(slowest.ms)} ms`);
      assert.deepEqual(problems, []);
    });
  }
});
