/**
 * Parse coverage of the PostgreSQL parse layer on the real-world corpora (../shared/corpus/*-pg and
 * pg-regress-*), read in place.
 *
 *   node --import tsx bench/pg-parse-coverage.ts [--list]
 *
 * "Accepted" means what PostgreSQL's own parser accepts: every statement psql would send (the ranges of
 * readPsqlScript) parses on its own with libpg-query. Per corpus it prints the files, the accepted ones,
 * the files with a syntaxError from parsePostgres, and of those: "real" (the file is not accepted),
 * "body" (accepted, but a PL/pgSQL body is rejected: PostgreSQL rejects it too, see plpgsql.ts) and
 * "ours" (a false syntax error). Then the causes of the files that are not accepted, and the PL/pgSQL
 * bodies that libpg-query's PL/pgSQL compiler rejects. `--list` also prints every failing statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlPgSQLSync, parseSync } from 'libpg-query';
import type { Node as PgNode } from '@pgsql/types';
import { loadPostgresParser, parsePostgres } from '../src/parse/postgres/parse.js';
import { PLPGSQL_CATALOG_LIMIT } from '../src/parse/postgres/plpgsql.js';
import { readPsqlScript } from '../src/parse/postgres/psql-script.js';
import type { LineIndex } from '../src/parse/positions.js';

const corpusRoot = path.resolve(import.meta.dirname, '../../shared/corpus');
const listAll = process.argv.includes('--list');

function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sqlFiles(full, out);
    else if (entry.isFile() && entry.name.endsWith('.sql')) out.push(full);
  }
  return out.sort();
}

/** UTF-8, except the one WIN1252 file of the PostgreSQL suite (decoded as what it is). */
function readSql(file: string): string {
  const bytes = readFileSync(file);
  return new TextDecoder(file.endsWith('.win1252.sql') ? 'windows-1252' : 'utf-8').decode(bytes);
}

interface Failure {
  start: number;
  end: number;
  sql: string;
  message: string;
}

/** The statements psql would send that libpg-query rejects on their own. */
function failingStatements(text: string, index: LineIndex): Failure[] {
  const script = readPsqlScript(text);
  // `prepared` keeps the file's byte offsets, not its UTF-16 ones: cut it by bytes
  const prepared = Buffer.from(script.prepared, 'utf8');
  const failures: Failure[] = [];
  for (const { start, end } of script.statements) {
    const sql = prepared.toString('utf8', index.offsetToByte(start), index.offsetToByte(end));
    try {
      parseSync(sql);
    } catch (error) {
      failures.push({ start, end, sql, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}

/** The statement's code: strings and quoted identifiers emptied, dollar quotes and comments removed. */
function codeOf(sql: string): string {
  return sql
    .replace(/\$(\w*)\$[\s\S]*?\$\1\$|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''") // `:'name'` stays recognisable
    .replace(/"(?:[^"]|"")*"/g, '""');
}

/** Syntax that PostgreSQL 18 (libpg-query 18) does not have yet: the 2026 master suite uses it. */
const NEWER_THAN_18 = new RegExp(
  [
    String.raw`\bFOR\s+PORTION\s+OF\b`,
    String.raw`\bPROPERTY\s+GRAPH\b`,
    String.raw`\bGRAPH_TABLE\b`,
    String.raw`\bSPLIT\s+PARTITION\b`,
    String.raw`\bMERGE\s+PARTITIONS\b`,
    String.raw`\bON\s+CONFLICT\b[\s\S]*\bDO\s+SELECT\b`,
    String.raw`\b(?:RESPECT|IGNORE)\s+NULLS\b`,
    String.raw`^\s*REPACK\b`,
    String.raw`\bJSON_TABLE\b[\s\S]*\bPLAN\b`,
    String.raw`\bALL\s+(?:TABLES\s+EXCEPT|SEQUENCES)\b`,
    String.raw`\bSUBSCRIPTION\s+\w+\s+SERVER\b`,
    String.raw`\bDATA\s+WRAPPER\s+\w+\s+CONNECTION\b`,
    String.raw`\bFORMAT\s+json\b`,
    String.raw`\bCREATE\s+SCHEMA\b[\s\S]*\bCREATE\s+(?:FUNCTION|PROCEDURE|AGGREGATE|OPERATOR)\b`,
    String.raw`\bSET\s+\w+\s*(?:=|TO)\s*null\b`,
    String.raw`\bSET\s+ALL\s+TABLES\b`,
    String.raw`\bNO\s+CONNECTION\b`,
    String.raw`^\s*END\s+CREATE\b`, // the rest of a CREATE SCHEMA ... CREATE PROCEDURE ... BEGIN ATOMIC
    String.raw`\bALTER\s+CONSTRAINT\s+\w+\s+(?:NOT\s+VALID|ENFORCED\s+NOT\s+ENFORCED)\b`,
  ].join('|'),
  'i',
);

/** Why a statement that psql would send does not parse; the first match wins. */
const CAUSES: Array<{ cause: string; test: (failure: Failure, code: string, corpus: string, text: string) => boolean }> = [
  { cause: 'Go template placeholder {{ ... }} (gobuffalo/pop)', test: (f) => f.sql.includes('{{') },
  {
    cause: 'MySQL `delimiter` line (and the delimiter it sets)',
    test: (_, code, __, text) => {
      const delimiter = /^delimiter\s+(\S+)/im.exec(text)?.[1];
      return /^\s*delimiter\b/i.test(code) || (delimiter !== undefined && code.trimStart().startsWith(delimiter));
    },
  },
  {
    cause: 'MySQL-only syntax (inline INDEX, backquotes, ENGINE=)',
    test: (_, code) => /`|\bAUTO_INCREMENT\b|\bENGINE\s*=|,\s*(?:UNIQUE\s+)?(?:INDEX|KEY)\s+\w+\s*\(/i.test(code),
  },
  {
    cause: 'psql \\if branch (psql sends one branch only)',
    test: (f, _, __, text) => /\\(?:if|elif|else|endif)\b/.test(text.slice(f.start, f.end)),
  },
  { cause: "psql variable (:name, :'name', :\"name\")", test: (_, code) => /(?<![:\w]):(?:'|"|\{\?|[A-Za-z_])/.test(code.replace(/\[[^\]]*\]/g, ' ')) },
  {
    cause: 'psql \\if branch (psql sends one branch only)',
    test: (f, _, __, text) => {
      const before = text.slice(0, f.start);
      return (before.match(/^\s*\\if\b/gm)?.length ?? 0) > (before.match(/^\s*\\endif\b/gm)?.length ?? 0);
    },
  },
  {
    cause: "backslash escapes in '...' under standard_conforming_strings = off",
    test: (f, _, __, text) => /\\'/.test(f.sql) && /standard_conforming_strings\s*(?:=|to)\s*off/i.test(text.slice(0, f.start)),
  },
  { cause: 'syntax newer than PostgreSQL 18 (master suite)', test: (_, code, corpus) => corpus === 'pg-regress-squawk' && NEWER_THAN_18.test(code) },
  { cause: 'intentionally invalid statement (regression test)', test: (_, __, corpus) => corpus.startsWith('pg-regress-') },
];

function causeOf(failure: Failure, corpus: string, text: string): string {
  const code = codeOf(failure.sql);
  return CAUSES.find((c) => c.test(failure, code, corpus, text))?.cause ?? 'other';
}

/** The language of a DO block or CREATE FUNCTION, when it is PL/pgSQL; else undefined. */
function plpgsqlRoutine(ast: PgNode): boolean {
  let options: PgNode[] | undefined;
  let language = 'sql';
  if ('DoStmt' in ast) {
    options = ast.DoStmt.args;
    language = 'plpgsql';
  } else if ('CreateFunctionStmt' in ast) options = ast.CreateFunctionStmt.options;
  else return false;
  for (const option of options ?? []) {
    if (!('DefElem' in option) || option.DefElem.defname !== 'language') continue;
    const arg = option.DefElem.arg;
    if (arg && 'String' in arg && arg.String.sval) language = arg.String.sval;
  }
  return language.toLowerCase() === 'plpgsql';
}

interface CorpusRow {
  corpus: string;
  files: number;
  accepted: number;
  syntaxError: number;
  real: number;
  body: number;
  ours: number;
  missed: number;
  misplaced: number;
  ms: number;
  slowest: { ms: number; file: string };
}

await loadPostgresParser();
const corpora = readdirSync(corpusRoot)
  .filter((name) => name.endsWith('-pg') || name.startsWith('pg-regress-'))
  .sort();
const rows: CorpusRow[] = [];
const causeFiles = new Map<string, Map<string, number>>(); // cause -> corpus -> files (by first failure)
const causeStatements = new Map<string, number>();
const bodyRejections = new Map<string, { statements: number; files: Map<string, Set<string>>; example: string }>();
const problems: string[] = [];
let plpgsqlBodies = 0;

for (const corpus of corpora) {
  const row: CorpusRow = {
    corpus,
    files: 0,
    accepted: 0,
    syntaxError: 0,
    real: 0,
    body: 0,
    ours: 0,
    missed: 0,
    misplaced: 0,
    ms: 0,
    slowest: { ms: 0, file: '' },
  };
  for (const file of sqlFiles(path.join(corpusRoot, corpus))) {
    const rel = path.relative(corpusRoot, file);
    const text = readSql(file);
    row.files++;
    const t0 = performance.now();
    const parsed = parsePostgres(text);
    const ms = performance.now() - t0;
    row.ms += ms;
    if (ms > row.slowest.ms) row.slowest = { ms, file: path.relative(corpus, rel) };

    const failures = failingStatements(text, parsed.index);
    const accepted = failures.length === 0;
    if (accepted) row.accepted++;
    const error = parsed.syntaxError;
    const where = (offset: number): string => {
      const p = parsed.index.position(offset);
      return `${rel}:${p.line}:${p.column}`;
    };
    if (error) {
      row.syntaxError++;
      if (!accepted) row.real++;
      else if (error.message.startsWith('in PL/pgSQL body:')) row.body++;
      else {
        row.ours++;
        problems.push(`ours: ${where(error.offset)} ${error.message}`);
      }
    } else if (!accepted) {
      row.missed++;
      problems.push(`missed: ${where(failures[0]?.start ?? 0)} ${failures[0]?.message ?? ''}`);
    }
    const first = failures[0];
    if (first) {
      if (error && (error.offset < first.start || error.offset > first.end)) {
        row.misplaced++;
        problems.push(`misplaced: ${where(error.offset)} but the first failing statement is at ${where(first.start)}`);
      }
      const cause = causeOf(first, corpus, text);
      const perCorpus = causeFiles.get(cause) ?? new Map<string, number>();
      perCorpus.set(corpus, (perCorpus.get(corpus) ?? 0) + 1);
      causeFiles.set(cause, perCorpus);
      for (const failure of failures) {
        const c = causeOf(failure, corpus, text);
        causeStatements.set(c, (causeStatements.get(c) ?? 0) + 1);
        if (listAll) console.log(`  ${c} | ${where(failure.start)} | ${failure.message} | ${failure.sql.replace(/\s+/g, ' ').slice(0, 100)}`);
      }
    }

    // Every PL/pgSQL body of a top-level statement, through libpg-query's PL/pgSQL compiler.
    for (const statement of parsed.statements) {
      if (statement.dialect !== 'postgres' || statement.context !== 'top' || !plpgsqlRoutine(statement.ast)) continue;
      plpgsqlBodies++;
      try {
        parsePlPgSQLSync(statement.text);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const key = message.replace(/"[^"]*"/g, '"…"');
        const entry = bodyRejections.get(key) ?? { statements: 0, files: new Map<string, Set<string>>(), example: '' };
        entry.statements++;
        entry.files.set(corpus, (entry.files.get(corpus) ?? new Set<string>()).add(rel));
        entry.example ||= where(statement.start);
        bodyRejections.set(key, entry);
      }
    }
  }
  rows.push(row);
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
console.log(
  `${'corpus'.padEnd(24)}${pad('files', 6)}${pad('accepted', 9)}${pad('syntaxErr', 10)}${pad('real', 6)}${pad('body', 6)}` +
    `${pad('ours', 6)}${pad('missed', 7)}${pad('misplaced', 10)}${pad('ms', 7)}  slowest`,
);
const total = { files: 0, accepted: 0, syntaxError: 0, real: 0, body: 0, ours: 0, missed: 0, misplaced: 0, ms: 0 };
for (const r of rows) {
  for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += r[key];
  console.log(
    `${r.corpus.padEnd(24)}${pad(r.files, 6)}${pad(r.accepted, 9)}${pad(r.syntaxError, 10)}${pad(r.real, 6)}${pad(r.body, 6)}` +
      `${pad(r.ours, 6)}${pad(r.missed, 7)}${pad(r.misplaced, 10)}${pad(Math.round(r.ms), 7)}  ${r.slowest.ms.toFixed(1)} ms ${r.slowest.file}`,
  );
}
console.log(
  `${'total'.padEnd(24)}${pad(total.files, 6)}${pad(total.accepted, 9)}${pad(total.syntaxError, 10)}${pad(total.real, 6)}` +
    `${pad(total.body, 6)}${pad(total.ours, 6)}${pad(total.missed, 7)}${pad(total.misplaced, 10)}${pad(Math.round(total.ms), 7)}`,
);

console.log('\nFiles not accepted, by the cause of their first failing statement (all failing statements in brackets):');
for (const [cause, perCorpus] of [...causeFiles].sort((a, b) => sum(b[1]) - sum(a[1]))) {
  const detail = [...perCorpus].map(([corpus, n]) => `${corpus} ${n}`).join(', ');
  console.log(`  ${pad(sum(perCorpus), 4)} [${pad(causeStatements.get(cause) ?? 0, 4)}]  ${cause}: ${detail}`);
}
for (const [cause, n] of causeStatements) if (!causeFiles.has(cause)) console.log(`     0 [${pad(n, 4)}]  ${cause}`);

console.log(
  `\nPL/pgSQL bodies (DO, CREATE FUNCTION ... LANGUAGE plpgsql) compiled: ${plpgsqlBodies}; rejected ` +
    '(statements, files per corpus; "ignored": a libpg-query catalog limit, not reported):',
);
for (const [message, entry] of [...bodyRejections].sort((a, b) => b[1].statements - a[1].statements)) {
  const files = [...entry.files].map(([corpus, set]) => `${corpus} ${set.size}`).join(', ');
  const verdict = PLPGSQL_CATALOG_LIMIT.test(message) ? 'ignored ' : 'reported';
  console.log(`  ${pad(entry.statements, 4)} ${verdict} ${message}  [${files}] e.g. ${entry.example}`);
}

if (problems.length > 0) console.log(`\nProblems (${problems.length}):\n  ${problems.join('\n  ')}`);

function sum(map: Map<string, number>): number {
  let n = 0;
  for (const value of map.values()) n += value;
  return n;
}
