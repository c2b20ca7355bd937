// cd /work/main && npm run build && node --import tsx bench/compare-squawk.ts [--only name,name] [--no-regress]
//
// Runs the built ddlguard and squawk (node_modules/.bin/squawk) over the PostgreSQL corpora in ../shared/corpus, in
// place, with the same target version (PostgreSQL 15), and compares their findings rule by rule:
//  - ddlguard lints each corpus folder in one run (`lint <dir>`), so it detects the folder's migration layout;
//  - squawk gets the files ddlguard lints for PostgreSQL (popx dialect-neutral files that a `.postgres.` file
//    replaces are left out for both, as is any file squawk refuses to read), in as few runs as the command line
//    allows;
//  - findings of the rules the two share are matched by (file, line); what is left over on either side is a
//    disagreement, written with the statement's text to bench/results/compare-squawk.json for triage.
// The migration corpora (`*-pg`) and the PostgreSQL regression suites (`pg-regress-*`, not migrations) are
// reported separately. docs/comparison.md is the triage of one run of this script.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectSources } from '../src/sources/collect.js';
import type { Direction, MigrationFile, TransactionConvention } from '../src/sources/types.js';
import { listPostgresCorpora, type Corpus } from './corpus.js';
import { chunkArgs, detectMemoryMethod, runMeasured, type MemoryMethod, type RunResult } from './measure.js';
import { fmtMb, fmtMs, markdownTable } from './table.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusRoot = path.resolve(import.meta.dirname, '../../shared/corpus');
const distDir = path.join(repoRoot, 'dist');
/** set by main(): the CLI inside a private copy of dist/ (others may rebuild dist/ while this runs) */
let cliPath = path.join(distDir, 'src/cli/main.js');
const squawkBin = path.join(repoRoot, 'node_modules/.bin/squawk');
const resultsFile = path.join(repoRoot, 'bench/results/compare-squawk.json');
const PG_VERSION = '15';

// ---------------------------------------------------------------------------------------------- rule mapping
/**
 * squawk 2.61's rules, each mapped deliberately. The list is squawk's own: the names `squawk --exclude` accepts
 * (it rejects unknown names) and that its JSON reporter prints as `rule_name`.
 */
interface SharedRule {
  /** the name in the table: ddlguard's id when there is one id */
  name: string;
  squawk: string[];
  ddlguard: string[];
  /**
   * ddlguard's rule is wider than squawk's: only its findings on statements matching this pattern are compared
   * (the others are counted as "outside squawk's scope").
   */
  ddlguardScope?: { pattern: RegExp; description: string };
  note?: string;
  /** compared per file: one finding per file and tool (squawk reports every parse error, ddlguard the first) */
  perFile?: true;
}

const SHARED: SharedRule[] = [
  { name: 'require-concurrent-index-creation', squawk: ['require-concurrent-index-creation'], ddlguard: ['require-concurrent-index-creation'] },
  { name: 'require-concurrent-index-deletion', squawk: ['require-concurrent-index-deletion'], ddlguard: ['require-concurrent-index-deletion'] },
  { name: 'require-concurrent-reindex', squawk: ['require-concurrent-reindex'], ddlguard: ['require-concurrent-reindex'] },
  { name: 'require-concurrent-partition-detach', squawk: ['require-concurrent-partition-detach'], ddlguard: ['require-concurrent-partition-detach'] },
  { name: 'constraint-missing-not-valid', squawk: ['constraint-missing-not-valid'], ddlguard: ['constraint-missing-not-valid'] },
  {
    name: 'adding-field-with-default',
    squawk: ['adding-field-with-default'],
    ddlguard: ['adding-field-with-default', 'adding-stored-generated-column'],
    note: 'squawk reports stored generated columns under adding-field-with-default; ddlguard has adding-stored-generated-column',
  },
  { name: 'adding-foreign-key-constraint', squawk: ['adding-foreign-key-constraint'], ddlguard: ['adding-foreign-key-constraint'] },
  { name: 'changing-column-type', squawk: ['changing-column-type'], ddlguard: ['changing-column-type'] },
  { name: 'adding-not-nullable-field', squawk: ['adding-not-nullable-field'], ddlguard: ['adding-not-nullable-field'] },
  { name: 'adding-required-field', squawk: ['adding-required-field'], ddlguard: ['adding-required-field'] },
  {
    name: 'adding-primary-key-constraint',
    squawk: ['adding-serial-primary-key-field'],
    ddlguard: ['adding-primary-key-constraint'],
    note: "squawk's adding-serial-primary-key-field flags any ADD PRIMARY KEY without USING INDEX, serial or not",
  },
  { name: 'disallowed-unique-constraint', squawk: ['disallowed-unique-constraint'], ddlguard: ['disallowed-unique-constraint'] },
  { name: 'renaming-column', squawk: ['renaming-column'], ddlguard: ['renaming-column'] },
  { name: 'renaming-table', squawk: ['renaming-table'], ddlguard: ['renaming-table'] },
  { name: 'ban-drop-column', squawk: ['ban-drop-column'], ddlguard: ['ban-drop-column'] },
  { name: 'ban-drop-table', squawk: ['ban-drop-table'], ddlguard: ['ban-drop-table'] },
  { name: 'ban-drop-database', squawk: ['ban-drop-database'], ddlguard: ['ban-drop-database'] },
  { name: 'ban-drop-not-null', squawk: ['ban-drop-not-null'], ddlguard: ['ban-drop-not-null'] },
  {
    name: 'ban-truncate',
    squawk: ['ban-truncate-cascade'],
    ddlguard: ['ban-truncate'],
    ddlguardScope: { pattern: /\bCASCADE\b/i, description: 'TRUNCATE ... CASCADE' },
    note: 'ddlguard flags every TRUNCATE; only its TRUNCATE ... CASCADE findings are compared',
  },
  {
    name: 'non-transactional-in-transaction',
    squawk: ['ban-concurrent-index-creation-in-transaction'],
    ddlguard: ['non-transactional-in-transaction'],
    ddlguardScope: { pattern: /\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i, description: 'CREATE INDEX CONCURRENTLY' },
    note: 'ddlguard covers every statement that cannot run in a transaction; only CREATE INDEX CONCURRENTLY is compared',
  },
  { name: 'transaction-nesting', squawk: ['transaction-nesting'], ddlguard: ['transaction-nesting'] },
  { name: 'ban-uncommitted-transaction', squawk: ['ban-uncommitted-transaction'], ddlguard: ['ban-uncommitted-transaction'] },
  {
    name: 'require-lock-timeout',
    squawk: ['require-lock-timeout'],
    ddlguard: ['require-lock-timeout'],
    note: "squawk's deprecated require-timeout-settings expands to require-lock-timeout + require-statement-timeout",
  },
  { name: 'require-statement-timeout', squawk: ['require-statement-timeout'], ddlguard: ['require-statement-timeout'] },
  { name: 'prefer-robust-stmts', squawk: ['prefer-robust-stmts'], ddlguard: ['prefer-robust-stmts'] },
  { name: 'prefer-bigint-over-int', squawk: ['prefer-bigint-over-int'], ddlguard: ['prefer-bigint-over-int'] },
  { name: 'prefer-bigint-over-smallint', squawk: ['prefer-bigint-over-smallint'], ddlguard: ['prefer-bigint-over-smallint'] },
  { name: 'prefer-identity', squawk: ['prefer-identity'], ddlguard: ['prefer-identity'] },
  { name: 'prefer-text-field', squawk: ['prefer-text-field'], ddlguard: ['prefer-text-field'] },
  { name: 'prefer-timestamptz', squawk: ['prefer-timestamp-tz', 'prefer-timestamptz'], ddlguard: ['prefer-timestamptz'] },
  { name: 'ban-char-field', squawk: ['ban-char-field'], ddlguard: ['ban-char-field'] },
  { name: 'ban-create-domain-with-constraint', squawk: ['ban-create-domain-with-constraint'], ddlguard: ['ban-create-domain-with-constraint'] },
  { name: 'ban-alter-domain-with-add-constraint', squawk: ['ban-alter-domain-with-add-constraint'], ddlguard: ['ban-alter-domain-with-add-constraint'] },
  { name: 'identifier-too-long', squawk: ['identifier-too-long'], ddlguard: ['identifier-too-long'] },
  {
    name: 'ban-vacuum-full + ban-cluster',
    squawk: ['prefer-repack'],
    ddlguard: ['ban-vacuum-full', 'ban-cluster'],
    note: 'squawk 2.61 only reports prefer-repack with --pg-version 19 or later (REPACK exists from 19); silent at 15',
  },
  { name: 'syntax-error', squawk: ['syntax-error'], ddlguard: ['syntax-error'], perFile: true, note: 'counted in files: the first parse error of each file' },
];

/** squawk rules that exist in 2.61 but are not compared here, and why. */
const SQUAWK_NOT_COMPARED: { rule: string; why: string }[] = [
  { rule: 'require-enum-value-ordering', why: 'no ddlguard counterpart (ddlguard only checks enum value order for MySQL: mysql-enum-change)' },
  { rule: 'require-table-schema', why: 'opt-in in both tools (ddlguard: require-table-schema, off); not enabled in this run' },
  { rule: 'require-timeout-settings', why: 'deprecated alias of require-lock-timeout + require-statement-timeout (never printed)' },
  { rule: 'unused-ignore', why: 'same idea as ddlguard unused-ignore, but about squawk-ignore comments; neither kind occurs in the corpora' },
];

const SQUAWK_RULES = new Set([...SHARED.flatMap((r) => r.squawk), ...SQUAWK_NOT_COMPARED.map((r) => r.rule)]);
const DDLGUARD_SHARED = new Set(SHARED.flatMap((r) => r.ddlguard));

// ---------------------------------------------------------------------------------------------- findings
type Tool = 'ddlguard' | 'squawk';

interface Finding {
  tool: Tool;
  rule: string;
  /** absolute */
  file: string;
  /** 1-based */
  line: number;
  endLine: number;
  column: number;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** ddlguard --format json: `{version, findings: [{ruleId, file, line, column, endLine, ...}], summary}` (1-based) */
function readDdlguard(text: string, cwd: string): { findings: Finding[]; files: number } | undefined {
  const doc = parseJson(text);
  if (!isRecord(doc) || !Array.isArray(doc.findings) || !isRecord(doc.summary)) return undefined;
  const findings: Finding[] = [];
  for (const item of doc.findings as unknown[]) {
    if (!isRecord(item) || typeof item.ruleId !== 'string' || typeof item.file !== 'string') continue;
    const line = num(item.line) ?? 1;
    findings.push({
      tool: 'ddlguard',
      rule: item.ruleId,
      file: path.resolve(cwd, item.file),
      line,
      endLine: num(item.endLine) ?? line,
      column: num(item.column) ?? 1,
      message: typeof item.message === 'string' ? item.message : '',
    });
  }
  return { findings, files: num(doc.summary.files) ?? -1 };
}

/** squawk --reporter json: `[{file, line, column, line_end, column_end, rule_name, message, ...}]`, 0-based lines and columns */
function readSquawk(text: string, cwd: string): Finding[] | undefined {
  if (text.trim() === '') return undefined;
  const doc = parseJson(text);
  if (!Array.isArray(doc)) return undefined;
  const findings: Finding[] = [];
  for (const item of doc as unknown[]) {
    if (!isRecord(item) || typeof item.rule_name !== 'string' || typeof item.file !== 'string') continue;
    const line = (num(item.line) ?? 0) + 1;
    findings.push({
      tool: 'squawk',
      rule: item.rule_name,
      file: path.resolve(cwd, item.file),
      line,
      endLine: (num(item.line_end) ?? line - 1) + 1,
      column: (num(item.column) ?? 0) + 1,
      message: typeof item.message === 'string' ? item.message : '',
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------- running
interface Timing {
  wallMs: number;
  cpuMs: number | undefined;
  peakMb: number | undefined;
  runs: number;
}

function addTiming(into: Timing, r: RunResult): void {
  into.wallMs += r.wallMs;
  into.runs += 1;
  into.cpuMs = into.cpuMs === undefined || r.cpuMs === undefined ? undefined : into.cpuMs + r.cpuMs;
  if (r.peakKb !== undefined) into.peakMb = Math.max(into.peakMb ?? 0, r.peakKb / 1024);
}

function newTiming(method: MemoryMethod): Timing {
  return { wallMs: 0, cpuMs: method === 'gnu-time' ? 0 : undefined, peakMb: undefined, runs: 0 };
}

interface Ctx {
  method: MemoryMethod;
  scratch: string;
}

function takeOutput(r: RunResult): { stdout: string; stderr: string } {
  const stdout = fs.readFileSync(r.stdoutFile, 'utf8');
  const stderr = fs.readFileSync(r.stderrFile, 'utf8');
  fs.rmSync(r.stdoutFile, { force: true });
  fs.rmSync(r.stderrFile, { force: true });
  return { stdout, stderr };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

async function runDdlguard(dir: string, ctx: Ctx, timing: Timing): Promise<{ findings: Finding[]; files: number }> {
  const r = await runMeasured(process.execPath, [cliPath, 'lint', dir, '--format', 'json', '--pg-version', PG_VERSION], {
    cwd: repoRoot,
    method: ctx.method,
    scratchDir: ctx.scratch,
    label: 'ddlguard',
  });
  addTiming(timing, r);
  const { stdout, stderr } = takeOutput(r);
  const parsed = readDdlguard(stdout, repoRoot);
  if ((r.exitCode !== 0 && r.exitCode !== 1) || parsed === undefined) {
    throw new Error(`ddlguard failed on ${dir} (exit ${r.exitCode ?? r.signal ?? '?'}): ${firstLine(stderr) || 'no JSON on stdout'}`);
  }
  return parsed;
}

const squawkArgs = ['--reporter', 'json', '--pg-version', PG_VERSION];

async function runSquawkOnce(files: readonly string[], ctx: Ctx): Promise<{ findings?: Finding[]; problem?: string; run: RunResult }> {
  const r = await runMeasured(squawkBin, [...squawkArgs, ...files], { cwd: repoRoot, method: ctx.method, scratchDir: ctx.scratch, label: 'squawk' });
  const { stdout, stderr } = takeOutput(r);
  const findings = r.exitCode === 0 || r.exitCode === 1 ? readSquawk(stdout, repoRoot) : undefined;
  // squawk exits 1 when it finds something, and also (with nothing on stdout) when it gives up on the whole run
  if (findings === undefined) return { problem: `exit ${r.exitCode ?? r.signal ?? '?'}: ${firstLine(stderr) || 'no JSON on stdout'}`, run: r };
  return { findings, run: r };
}

/**
 * squawk over a file list in as few runs as the command line allows. squawk abandons the whole run (no report)
 * when one file is not UTF-8 or its parser panics; then the chunk is retried file by file (not timed) and the
 * files it fails on are returned, to be left out for both tools.
 */
async function runSquawk(files: readonly string[], ctx: Ctx, timing: Timing): Promise<{ findings: Finding[]; refused: { file: string; problem: string }[] }> {
  const findings: Finding[] = [];
  const refused: { file: string; problem: string }[] = [];
  for (const chunk of chunkArgs(files, [squawkBin, ...squawkArgs])) {
    const whole = await runSquawkOnce(chunk, ctx);
    if (whole.findings !== undefined) {
      addTiming(timing, whole.run);
      findings.push(...whole.findings);
      continue;
    }
    process.stderr.write(`compare-squawk: squawk gave no report on ${chunk.length} files (${whole.problem ?? ''}); retrying one by one\n`);
    const kept: string[] = [];
    for (const file of chunk) {
      const one = await runSquawkOnce([file], ctx);
      if (one.findings === undefined) refused.push({ file, problem: one.problem ?? 'no report' });
      else kept.push(file);
    }
    // the timed run is one run over the files squawk accepts (the failed run and the screening are not counted)
    if (kept.length === 0) continue;
    const again = await runSquawkOnce(kept, ctx);
    addTiming(timing, again.run);
    if (again.findings === undefined) throw new Error(`squawk failed again on the files it accepted one by one: ${again.problem ?? ''}`);
    findings.push(...again.findings);
  }
  return { findings, refused };
}

// ---------------------------------------------------------------------------------------------- file facts
interface FileFacts {
  rel: string;
  text: string;
  lines: string[];
  /** UTF-16 offset of each line start */
  lineStarts: number[];
  layout: string;
  sections: { direction: Direction; transaction: TransactionConvention; start: number; end: number }[];
  /** per line (0-based): the line starts inside a dollar-quoted body (function, DO block); computed on demand */
  inDollarBody?: boolean[];
  /**
   * 1-based line of the first `COPY ... FROM stdin` with no `\\.` line after it (psql reads the rest of the file as
   * its data), or 0; computed on demand
   */
  unterminatedCopyLine?: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function sectionAt(facts: FileFacts, line: number): FileFacts['sections'][number] | undefined {
  const offset = facts.lineStarts[line - 1] ?? 0;
  return facts.sections.find((s) => offset >= s.start && offset < s.end) ?? facts.sections[facts.sections.length - 1];
}

/** The text of lines [from, to] (1-based), squeezed onto one line and cut at `max` characters. */
function excerpt(facts: FileFacts | undefined, from: number, to: number, max = 240): string {
  if (facts === undefined) return '';
  const last = Math.min(to, from + 12);
  const text = facts.lines
    .slice(from - 1, last)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}


// ---------------------------------------------------------------------------------------------- triage hints
/**
 * Heuristic facts about a disagreement, to sort thousands of them into kinds before reading samples (the triage in
 * docs/comparison.md was done by reading the statements; these only help find and count them). Regex-based: they
 * can be wrong on unusual SQL.
 */
type Hint =
  | 'squawk-syntax-error-in-file'
  | 'ddlguard-syntax-error-in-file'
  | 'in-function-body'
  | 'table-created-earlier-in-file'
  | 'down-migration'
  | 'layout-runs-file-in-transaction'
  | 'after-unterminated-copy-from-stdin';

/** Marks, per line, whether it starts inside a dollar-quoted string (skips comments and quoted strings). */
function dollarBodyLines(text: string): boolean[] {
  const inside: boolean[] = [false];
  let tag: string | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      inside.push(tag !== undefined);
      i++;
      continue;
    }
    if (tag !== undefined) {
      if (c === '$' && text.startsWith(tag, i)) {
        i += tag.length;
        tag = undefined;
      } else i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') inside.push(false);
      i = stop;
      continue;
    }
    if (c === "'") {
      let k = i + 1;
      while (k < n && !(text[k] === "'" && text[k + 1] !== "'")) {
        if (text[k] === "'") k++;
        if (text[k] === '\n') inside.push(false);
        k++;
      }
      i = k + 1;
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (m !== null && !/[\w$]/.test(text[i - 1] ?? ' ')) {
        tag = m[0];
        i += tag.length;
        continue;
      }
    }
    i++;
  }
  return inside;
}

function unterminatedCopy(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*COPY\b[^;]*\bFROM\s+STDIN\b/i.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((l, k) => k > i && l.trim() === '\\.');
    if (end < 0) return i + 1;
    i = end;
  }
  return 0;
}

const IDENT = String.raw`(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?`;
const TARGET = new RegExp(
  String.raw`(?:ALTER\s+TABLE(?:\s+IF\s+EXISTS)?(?:\s+ONLY)?|INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:${IDENT}\s+)?ON(?:\s+ONLY)?|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|TRUNCATE(?:\s+TABLE)?|REINDEX\s+TABLE(?:\s+CONCURRENTLY)?|TRIGGER\s+\S+\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+[\w\s,]+?\s+ON)\s+(${IDENT})`,
  'i',
);

function bareName(name: string): string {
  return (name.replace(/"/g, '').toLowerCase().split('.').pop() ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hintsFor(f: Finding, fact: FileFacts | undefined, section: FileFacts['sections'][number] | undefined, syntaxFiles: Record<Tool, Set<string>>): Hint[] {
  const hints: Hint[] = [];
  if (syntaxFiles.squawk.has(f.file)) hints.push('squawk-syntax-error-in-file');
  if (syntaxFiles.ddlguard.has(f.file)) hints.push('ddlguard-syntax-error-in-file');
  if (fact === undefined) return hints;
  fact.inDollarBody ??= dollarBodyLines(fact.text);
  if (fact.inDollarBody[f.line - 1] === true) hints.push('in-function-body');
  fact.unterminatedCopyLine ??= unterminatedCopy(fact.lines);
  if (fact.unterminatedCopyLine > 0 && f.line > fact.unterminatedCopyLine) hints.push('after-unterminated-copy-from-stdin');
  const offset = fact.lineStarts[f.line - 1] ?? 0;
  const before = fact.text.slice(0, offset);
  const statementStart = before.lastIndexOf(';') + 1;
  const next = fact.text.indexOf(';', offset);
  const statement = fact.text.slice(statementStart, next < 0 ? undefined : next + 1);
  const target = TARGET.exec(statement)?.[1];
  if (target !== undefined) {
    const created = new RegExp(
      String.raw`CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:(?:"[^"]+"|[\w$]+)\.)?"?${bareName(target)}"?[\s(]`,
      'i',
    );
    if (created.test(fact.text.slice(0, statementStart))) hints.push('table-created-earlier-in-file');
  }
  if (section?.direction === 'down') hints.push('down-migration');
  if (section?.transaction === 'wrapped' || section?.transaction === 'implicit') hints.push('layout-runs-file-in-transaction');
  return hints;
}

// ---------------------------------------------------------------------------------------------- matching
interface Disagreement {
  corpus: string;
  file: string;
  layout: string;
  direction: string;
  transaction: string;
  line: number;
  endLine: number;
  rule: string;
  toolRule: string;
  message: string;
  statement: string;
  hints: Hint[];
}

interface RuleCount {
  ddlguard: number;
  squawk: number;
  agree: number;
  /** of the agreements: same line / same statement span */
  agreeSameLine: number;
  ddlguardOnly: number;
  squawkOnly: number;
  /** ddlguard findings of the mapped ids outside squawk's narrower scope (not compared) */
  ddlguardOutOfScope: number;
}

function emptyCount(): RuleCount {
  return { ddlguard: 0, squawk: 0, agree: 0, agreeSameLine: 0, ddlguardOnly: 0, squawkOnly: 0, ddlguardOutOfScope: 0 };
}

function addCount(into: RuleCount, c: RuleCount): void {
  for (const key of Object.keys(into) as (keyof RuleCount)[]) into[key] += c[key];
}

/**
 * One-to-one matching of one rule's findings in one file: first on the same line, then findings whose line
 * ranges overlap (the same statement; squawk points at the clause, ddlguard at the clause or the statement),
 * nearest first.
 */
function match(ddl: Finding[], sq: Finding[]): { agree: number; sameLine: number; ddlOnly: Finding[]; sqOnly: Finding[] } {
  const ddlLeft = [...ddl].sort((a, b) => a.line - b.line || a.column - b.column);
  const sqLeft = [...sq].sort((a, b) => a.line - b.line || a.column - b.column);
  let sameLine = 0;
  for (let i = 0; i < ddlLeft.length; i++) {
    const d = ddlLeft[i];
    if (d === undefined) continue;
    const j = sqLeft.findIndex((s) => s.line === d.line);
    if (j < 0) continue;
    sqLeft.splice(j, 1);
    ddlLeft.splice(i, 1);
    i--;
    sameLine++;
  }
  let overlap = 0;
  for (let i = 0; i < ddlLeft.length; i++) {
    const d = ddlLeft[i];
    if (d === undefined) continue;
    let best = -1;
    let bestDistance = Infinity;
    sqLeft.forEach((s, j) => {
      if (s.line > d.endLine || s.endLine < d.line) return;
      const distance = Math.abs(s.line - d.line);
      if (distance < bestDistance) {
        best = j;
        bestDistance = distance;
      }
    });
    if (best < 0) continue;
    sqLeft.splice(best, 1);
    ddlLeft.splice(i, 1);
    i--;
    overlap++;
  }
  return { agree: sameLine + overlap, sameLine, ddlOnly: ddlLeft, sqOnly: sqLeft };
}

function firstOnly(findings: readonly Finding[]): Finding[] {
  const first = [...findings].sort((a, b) => a.line - b.line || a.column - b.column)[0];
  return first === undefined ? [] : [first];
}

function matchFile(ddl: Finding[], sq: Finding[]): ReturnType<typeof match> {
  if (ddl.length > 0 && sq.length > 0) {
    const sameLine = ddl[0]?.line === sq[0]?.line ? 1 : 0;
    return { agree: 1, sameLine, ddlOnly: [], sqOnly: [] };
  }
  return { agree: 0, sameLine: 0, ddlOnly: ddl, sqOnly: sq };
}

// ---------------------------------------------------------------------------------------------- one corpus
interface CorpusResult {
  corpus: string;
  group: 'migrations' | 'regress';
  files: number;
  bytes: number;
  layouts: Record<string, number>;
  leftOut: { file: string; reason: string }[];
  ddlguardFilesReported: number;
  timing: Record<Tool, Timing>;
  counts: Record<string, RuleCount>;
  /** findings of rules with no counterpart in the other tool */
  unmatchedRules: Record<Tool, Record<string, number>>;
  /** files (relative to the corpus) each tool reports a syntax-error in */
  syntaxErrorFiles: Record<Tool, string[]>;
  disagreements: Disagreement[];
}

async function compareCorpus(corpus: Corpus, ctx: Ctx): Promise<CorpusResult> {
  const group = corpus.name.startsWith('pg-regress-') ? 'regress' : 'migrations';
  const collected = await collectSources([corpus.dir], { cwd: repoRoot });
  const facts = new Map<string, FileFacts>();
  const leftOut: CorpusResult['leftOut'] = [];
  const linted: MigrationFile[] = [];
  for (const file of collected.files) {
    if (file.contextOnly === true) continue;
    if (file.shadowedFor?.includes('postgres') === true) {
      leftOut.push({ file: path.relative(corpus.dir, file.absolutePath), reason: 'popx: a .postgres. file of the same version replaces it (ddlguard skips it)' });
      continue;
    }
    if (file.dialect === 'mysql') {
      leftOut.push({ file: path.relative(corpus.dir, file.absolutePath), reason: 'named as a MySQL file' });
      continue;
    }
    linted.push(file);
    facts.set(file.absolutePath, {
      rel: path.relative(corpus.dir, file.absolutePath),
      text: file.text,
      lines: file.text.split(/\r?\n/),
      lineStarts: lineStarts(file.text),
      layout: file.layout,
      sections: file.sections,
    });
  }
  const timing: Record<Tool, Timing> = { ddlguard: newTiming(ctx.method), squawk: newTiming(ctx.method) };
  // alternate which tool runs first, so neither always gets the cold page cache
  const squawkFirst = corpus.name.length % 2 === 0;
  const files = linted.map((f) => f.absolutePath);
  const sqFirst = squawkFirst ? await runSquawk(files, ctx, timing.squawk) : undefined;
  const ddl = await runDdlguard(corpus.dir, ctx, timing.ddlguard);
  const sq = sqFirst ?? (await runSquawk(files, ctx, timing.squawk));

  const refused = new Set(sq.refused.map((r) => r.file));
  for (const r of sq.refused) leftOut.push({ file: path.relative(corpus.dir, r.file), reason: `squawk gives no report when given it (${r.problem}); left out for both` });
  const ddlFindings = ddl.findings.filter((f) => !refused.has(f.file));
  const layouts: Record<string, number> = {};
  for (const f of linted) if (!refused.has(f.absolutePath)) layouts[f.layout] = (layouts[f.layout] ?? 0) + 1;
  const unknownDdlFiles = new Set(ddlFindings.filter((f) => !facts.has(f.file)).map((f) => f.file));
  if (unknownDdlFiles.size > 0) {
    process.stderr.write(`compare-squawk: ${corpus.name}: ddlguard reported ${unknownDdlFiles.size} file(s) the layout plan did not list, e.g. ${[...unknownDdlFiles][0] ?? ''}\n`);
  }

  const unmatchedRules: CorpusResult['unmatchedRules'] = { ddlguard: {}, squawk: {} };
  for (const f of ddlFindings) if (!DDLGUARD_SHARED.has(f.rule)) unmatchedRules.ddlguard[f.rule] = (unmatchedRules.ddlguard[f.rule] ?? 0) + 1;
  for (const f of sq.findings) {
    if (SHARED.some((r) => r.squawk.includes(f.rule))) continue;
    const key = SQUAWK_RULES.has(f.rule) ? f.rule : `${f.rule} (not in the known list)`;
    unmatchedRules.squawk[key] = (unmatchedRules.squawk[key] ?? 0) + 1;
  }

  const counts: Record<string, RuleCount> = {};
  const disagreements: Disagreement[] = [];
  const syntaxFiles: Record<Tool, Set<string>> = {
    ddlguard: new Set(ddlFindings.filter((f) => f.rule === 'syntax-error').map((f) => f.file)),
    squawk: new Set(sq.findings.filter((f) => f.rule === 'syntax-error').map((f) => f.file)),
  };
  const describe = (f: Finding, rule: string): Disagreement => {
    const fact = facts.get(f.file);
    const section = fact === undefined ? undefined : sectionAt(fact, f.line);
    return {
      corpus: corpus.name,
      file: fact?.rel ?? path.relative(corpus.dir, f.file),
      layout: fact?.layout ?? '?',
      direction: section?.direction ?? '?',
      transaction: section?.transaction ?? '?',
      line: f.line,
      endLine: f.endLine,
      rule,
      toolRule: `${f.tool}:${f.rule}`,
      message: f.message,
      statement: excerpt(fact, f.line, Math.max(f.endLine, f.line)),
      hints: hintsFor(f, fact, section, syntaxFiles),
    };
  };
  for (const shared of SHARED) {
    const count = emptyCount();
    const byFile = new Map<string, { ddl: Finding[]; sq: Finding[] }>();
    const slot = (file: string): { ddl: Finding[]; sq: Finding[] } => {
      const s = byFile.get(file) ?? { ddl: [], sq: [] };
      byFile.set(file, s);
      return s;
    };
    for (const f of ddlFindings) {
      if (!shared.ddlguard.includes(f.rule)) continue;
      if (shared.ddlguardScope !== undefined) {
        const fact = facts.get(f.file);
        const text = fact === undefined ? '' : fact.lines.slice(f.line - 1, Math.max(f.endLine, f.line)).join('\n');
        if (!shared.ddlguardScope.pattern.test(text)) {
          count.ddlguardOutOfScope++;
          continue;
        }
      }
      slot(f.file).ddl.push(f);
    }
    for (const f of sq.findings) if (shared.squawk.includes(f.rule)) slot(f.file).sq.push(f);
    for (const entry of byFile.values()) {
      // per-file rules: the first finding of each tool stands for the file, and the two agree when both have one
      const d = shared.perFile === true ? firstOnly(entry.ddl) : entry.ddl;
      const s = shared.perFile === true ? firstOnly(entry.sq) : entry.sq;
      const m = shared.perFile === true ? matchFile(d, s) : match(d, s);
      count.ddlguard += d.length;
      count.squawk += s.length;
      count.agree += m.agree;
      count.agreeSameLine += m.sameLine;
      count.ddlguardOnly += m.ddlOnly.length;
      count.squawkOnly += m.sqOnly.length;
      for (const f of m.ddlOnly) disagreements.push(describe(f, shared.name));
      for (const f of m.sqOnly) disagreements.push(describe(f, shared.name));
    }
    counts[shared.name] = count;
  }
  return {
    corpus: corpus.name,
    group,
    files: linted.length - refused.size,
    bytes: linted.filter((f) => !refused.has(f.absolutePath)).reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    layouts,
    leftOut,
    ddlguardFilesReported: ddl.files,
    timing,
    counts,
    unmatchedRules,
    syntaxErrorFiles: {
      ddlguard: [...syntaxFiles.ddlguard].map((f) => path.relative(corpus.dir, f)).sort(),
      squawk: [...syntaxFiles.squawk].map((f) => path.relative(corpus.dir, f)).sort(),
    },
    disagreements,
  };
}

// ---------------------------------------------------------------------------------------------- report
function ruleTable(results: readonly CorpusResult[]): { table: string; totals: Record<string, RuleCount> } {
  const totals: Record<string, RuleCount> = {};
  for (const shared of SHARED) {
    const total = emptyCount();
    for (const r of results) {
      const c = r.counts[shared.name];
      if (c !== undefined) addCount(total, c);
    }
    totals[shared.name] = total;
  }
  const rows = SHARED.map((shared) => {
    const c = totals[shared.name] ?? emptyCount();
    return [
      shared.name,
      shared.squawk.length === 1 && shared.squawk[0] === shared.name ? '' : shared.squawk[0] ?? '',
      String(c.ddlguard),
      String(c.squawk),
      String(c.agree),
      String(c.ddlguardOnly),
      String(c.squawkOnly),
      c.ddlguardOutOfScope > 0 ? String(c.ddlguardOutOfScope) : '',
    ];
  }).filter((row) => row.slice(2, 8).some((cell) => cell !== '0' && cell !== ''));
  const table = markdownTable(['rule (ddlguard)', 'squawk name', 'ddlguard', 'squawk', 'agree', 'ddlguard only', 'squawk only', 'ddlguard, out of scope'], rows);
  return { table, totals };
}

function corpusTable(results: readonly CorpusResult[]): string {
  return markdownTable(
    ['corpus', 'files', 'KiB', 'layouts', 'left out', 'ddlguard ms', 'squawk ms', 'ddlguard peak MB', 'squawk peak MB'],
    results.map((r) => [
      r.corpus,
      String(r.files),
      String(Math.round(r.bytes / 1024)),
      Object.entries(r.layouts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      String(r.leftOut.length),
      fmtMs(r.timing.ddlguard.wallMs),
      fmtMs(r.timing.squawk.wallMs),
      fmtMb(r.timing.ddlguard.peakMb),
      fmtMb(r.timing.squawk.peakMb),
    ]),
  );
}

function unmatchedTable(results: readonly CorpusResult[], tool: Tool): string {
  const totals: Record<string, number> = {};
  for (const r of results) for (const [rule, n] of Object.entries(r.unmatchedRules[tool])) totals[rule] = (totals[rule] ?? 0) + n;
  const rows = Object.entries(totals)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => [rule, String(n)]);
  return rows.length === 0 ? '(none)\n' : markdownTable([`${tool} rule`, 'findings'], rows);
}

function sum(results: readonly CorpusResult[], tool: Tool, key: 'wallMs' | 'cpuMs'): number | undefined {
  let total = 0;
  for (const r of results) {
    const v = r.timing[tool][key];
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

function hintSummary(results: readonly CorpusResult[]): Record<string, Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const r of results) {
    for (const d of r.disagreements) {
      const key = `${r.group} ${d.rule}`;
      const side = d.toolRule.startsWith('ddlguard:') ? 'ddlguard only' : 'squawk only';
      const combo = d.hints.length === 0 ? '(none)' : d.hints.join(' + ');
      const bySide = (out[key] ??= {});
      const counts = (bySide[side] ??= {});
      counts[combo] = (counts[combo] ?? 0) + 1;
    }
  }
  return out;
}

function toolVersion(command: string, args: readonly string[]): string {
  const r = spawnSync(command, [...args, '--version'], { encoding: 'utf8' });
  return (r.stdout || r.stderr).trim();
}

function gitRevision(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'rules'], { cwd: repoRoot, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' + uncommitted changes in src/ or rules/'}`;
}

// ---------------------------------------------------------------------------------------------- dist snapshot
function treeFingerprint(dir: string): string {
  let newest = 0;
  let count = 0;
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        count++;
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  walk(dir);
  return `${count}:${newest}`;
}

/**
 * Copies dist/ (with package.json, and node_modules linked) to a temporary folder and returns the CLI there, so
 * that a rebuild of dist/ by someone else during the run cannot mix two builds into one comparison. The copy is
 * retried when dist/ changed while it was being copied.
 */
async function snapshotDist(into: string): Promise<{ cli: string; takenAt: string }> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = treeFingerprint(distDir);
    const root = path.join(into, `ddlguard-${attempt}`);
    fs.mkdirSync(root, { recursive: true });
    fs.cpSync(distDir, path.join(root, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    if (treeFingerprint(distDir) === before) return { cli: path.join(root, 'dist/src/cli/main.js'), takenAt: new Date().toISOString() };
    fs.rmSync(root, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  throw new Error('dist/ kept changing while it was being copied (someone is rebuilding): try again');
}

// ---------------------------------------------------------------------------------------------- main
interface Options {
  only: string[] | undefined;
  regress: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { only: undefined, regress: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--only needs a comma-separated list of corpus names (substrings)');
      options.only = value.split(',').filter((s) => s !== '');
    } else if (arg === '--no-regress') options.regress = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node --import tsx bench/compare-squawk.ts [--only name,name] [--no-regress]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(cliPath)) throw new Error(`${path.relative(repoRoot, cliPath)} is missing: run npm run build first`);
  if (!fs.existsSync(squawkBin)) throw new Error(`${path.relative(repoRoot, squawkBin)} is missing: run npm ci`);
  const corpora = listPostgresCorpora(corpusRoot, options.only).filter((c) => options.regress || !c.name.startsWith('pg-regress-'));
  const method = detectMemoryMethod();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ddlguard-compare-'));
  const ctx: Ctx = { method, scratch };
  const distChanged = (() => {
    const at = treeFingerprint(distDir);
    return (): boolean => treeFingerprint(distDir) !== at;
  })();
  const snapshot = await snapshotDist(scratch);
  cliPath = snapshot.cli;
  const ddlguardVersion = toolVersion(process.execPath, [cliPath]);
  const squawkVersion = toolVersion(squawkBin, []);
  const revision = gitRevision();
  const started = new Date();
  const results: CorpusResult[] = [];
  try {
    for (const corpus of corpora) {
      process.stderr.write(`compare-squawk: ${corpus.name} (${corpus.files.length} .sql files) `);
      const t0 = Date.now();
      results.push(await compareCorpus(corpus, ctx));
      process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (distChanged()) {
    process.stderr.write('compare-squawk: note: dist/ was rebuilt during the run; the comparison used the copy taken at the start\n');
  }

  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, os: `${os.type()} ${os.release()}` };
  const groups = (['migrations', 'regress'] as const).map((g) => ({ group: g, results: results.filter((r) => r.group === g) })).filter((g) => g.results.length > 0);
  let out =
    `ddlguard ${ddlguardVersion} (${revision}) vs ${squawkVersion}, both at PostgreSQL ${PG_VERSION} — ${started.toISOString()}, ` +
    `${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}; dist/ copied at ${snapshot.takenAt}\n` +
    'matching: per rule and file, the same line first, then overlapping line ranges (same statement), one to one\n';
  const summary: Record<string, Record<string, RuleCount>> = {};
  for (const { group, results: rs } of groups) {
    const { table, totals } = ruleTable(rs);
    summary[group] = totals;
    const dMs = sum(rs, 'ddlguard', 'wallMs');
    const sMs = sum(rs, 'squawk', 'wallMs');
    const dCpu = sum(rs, 'ddlguard', 'cpuMs');
    const sCpu = sum(rs, 'squawk', 'cpuMs');
    out +=
      `\n## ${group === 'migrations' ? 'Migration corpora (*-pg)' : 'PostgreSQL regression suites (pg-regress-*, not migrations)'}\n\n` +
      corpusTable(rs) +
      `\nwall time, one run each: ddlguard ${fmtMs(dMs)} ms, squawk ${fmtMs(sMs)} ms` +
      (dCpu !== undefined && sCpu !== undefined ? ` (CPU ${fmtMs(dCpu)} / ${fmtMs(sCpu)} ms)` : '') +
      '\n\nShared rules (rules with no finding on either side are left out):\n\n' +
      table +
      '\nddlguard rules with no squawk counterpart:\n\n' +
      unmatchedTable(rs, 'ddlguard') +
      '\nsquawk rules not compared:\n\n' +
      unmatchedTable(rs, 'squawk');
    const left = rs.flatMap((r) => r.leftOut.map((l) => `${r.corpus}/${l.file}: ${l.reason}`));
    if (left.length > 0) out += `\nleft out (${left.length}):\n${left.slice(0, 20).map((l) => `- ${l}`).join('\n')}${left.length > 20 ? `\n- ... ${left.length - 20} more (see the JSON)` : ''}\n`;
    const mismatch = rs.filter((r) => r.ddlguardFilesReported !== r.files + r.leftOut.filter((l) => l.reason.startsWith('squawk')).length);
    for (const r of mismatch) out += `note: ${r.corpus}: ddlguard's summary counts ${r.ddlguardFilesReported} files, the layout plan ${r.files}\n`;
  }
  process.stdout.write(out);

  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: started.toISOString(),
        command: 'node --import tsx bench/compare-squawk.ts' + (process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''),
        machine,
        tools: {
          ddlguard: `${ddlguardVersion} (${revision})`,
          ddlguardDistCopiedAt: snapshot.takenAt,
          ddlguardCommand: `node dist/src/cli/main.js lint <corpus dir> --format json --pg-version ${PG_VERSION}`,
          squawk: squawkVersion,
          squawkCommand: `node_modules/.bin/squawk ${squawkArgs.join(' ')} <files>`,
        },
        memoryMethod: method,
        mapping: SHARED.map((r) => ({ ...r, ddlguardScope: r.ddlguardScope?.description })),
        squawkNotCompared: SQUAWK_NOT_COMPARED,
        summary,
        corpora: results.map((r) => ({
          corpus: r.corpus,
          group: r.group,
          files: r.files,
          bytes: r.bytes,
          layouts: r.layouts,
          leftOut: r.leftOut,
          timing: r.timing,
          counts: r.counts,
          unmatchedRules: r.unmatchedRules,
          syntaxErrorFiles: r.syntaxErrorFiles,
        })),
        /** per group, rule and side: how many disagreements carry each combination of hints */
        hintSummary: hintSummary(results),
        disagreements: results.flatMap((r) => r.disagreements),
      },
      null,
      1,
    )}\n`,
  );
  process.stdout.write(`\nwrote ${path.relative(repoRoot, resultsFile)}\n`);
}

await main();
