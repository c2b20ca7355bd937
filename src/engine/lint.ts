import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalog } from '../model/catalog.js';
import type { Dialect } from '../parse/types.js';
import { loadPostgresParser } from '../parse/postgres/parse.js';
import type { MigrationFile, TransactionConvention } from '../sources/types.js';
import { ConfigResolver, effectiveSettings, type CliSettings } from './config.js';
import type { FileResult, StatementLocks } from './finding.js';
import { describeLock } from '../locks/index.js';
import { applyFixes, dropUnusableFixes, MAX_FIX_PASSES, type DroppedFix } from './fix.js';
import { analyzeFile, type FileAnalysis } from './lint-file.js';
import { compareDottedVersions } from '../sources/order.js';
import type { StatementInfo } from './statement-info.js';
import { loadRules } from './registry.js';

export interface LintOptions {
  /** An explicit config file (`--config`); otherwise found from each file's folder upward. */
  configPath?: string;
  /** `--dialect`: beats the file name and the config. */
  dialect?: Dialect;
  cli: CliSettings;
  /** Told about files left out for a reason the user should know (printed on stderr by the CLI). */
  onNote?: (message: string) => void;
  /** Keep every statement with its predicted locks in the results (`--explain-locks`). */
  explainLocks?: boolean;
}

/**
 * Lints migration files in order. Throws ConfigError for a config that cannot be used;
 * a file that does not parse is a `syntax-error` finding, not an exception.
 */
export async function lintFiles(files: MigrationFile[], options: LintOptions): Promise<FileResult[]> {
  return (await analyzeSet(files, options)).map(({ file, analysis }) => resultOf(file, analysis, options));
}

interface Analyzed {
  file: MigrationFile;
  analysis: FileAnalysis;
  /** Findings whose fix was removed: the statement runs in a transaction the fixed SQL cannot run in. */
  dropped: DroppedFix[];
}

function resultOf(file: MigrationFile, analysis: FileAnalysis, options: LintOptions): FileResult {
  const result: FileResult = { file: file.path, text: file.text, findings: analysis.findings };
  if (options.explainLocks) result.statements = statementLocks(analysis);
  return result;
}

/** Every file asked for, analysed in order; fixes the file cannot take are removed from its findings. */
async function analyzeSet(files: readonly MigrationFile[], options: LintOptions): Promise<Analyzed[]> {
  const rules = await loadRules();
  await loadPostgresParser();
  const resolver = new ConfigResolver(new Set(rules.map((r) => r.meta.id)), options.configPath);
  const analyzed: Analyzed[] = [];
  const catalogs = new Map<string, Catalog>();
  for (const file of files) {
    const loaded = await resolver.forFile(file.absolutePath);
    const settings = effectiveSettings(loaded, file.absolutePath, options.cli);
    const dialect = options.dialect ?? file.dialect ?? settings.dialect ?? 'postgres';
    // a popx dialect-neutral file that a file of this dialect replaces is never run on this dialect: left out, and
    // said so when it was named on the command line (no silent "0 files checked")
    if (file.shadowedFor?.includes(dialect)) {
      if (file.givenDirectly) {
        options.onNote?.(`${file.path} is not run on ${dialect}: a .${dialect}. migration of the same version replaces it, so it was not checked`);
      }
      continue;
    }
    const catalog = catalogs.get(file.setRoot) ?? new Catalog();
    catalogs.set(file.setRoot, catalog);
    const input = {
      path: file.path,
      text: file.text,
      dialect,
      sections: file.sections,
      layoutHasDown: file.layoutHasDown,
      hasDown: file.downPath !== undefined,
    };
    // an earlier migration read for its schema only: its findings are not asked for
    const analysis = analyzeFile(input, settings, file.contextOnly ? [] : rules, catalog);
    if (file.contextOnly) continue;
    const dropped = dropUnusableFixes(analysis.findings, analysis.statements, canSplit(file, files));
    analyzed.push({ file, analysis, dropped });
  }
  return analyzed;
}

/** A file `--fix` changed or created. */
export interface FileChange {
  /** The path to show (as the file's findings show it). */
  path: string;
  absolutePath: string;
  /** The text before; undefined for a file the fixes created. */
  before?: string;
  after: string;
}

export interface FixOutcome {
  /** The findings that remain in the fixed files (created files included, in migration order). */
  results: FileResult[];
  changes: FileChange[];
  /** Why a statement that cannot run in a transaction was not moved to a migration of its own. */
  notes: string[];
}

/**
 * `--fix`: lints, applies every fix that does not overlap another, and lints again, up to MAX_FIX_PASSES times;
 * when no fix changes anything more, moves statements that cannot run in the transaction the migration tool opens
 * into migrations of their own (golang-migrate, Flyway). Writes nothing: the changes are returned.
 */
export async function fixFiles(files: readonly MigrationFile[], options: LintOptions): Promise<FixOutcome> {
  const set: MigrationFile[] = files.map((f) => ({ ...f, sections: f.sections.map((s) => ({ ...s })) }));
  const originals = new Map<string, string | undefined>();
  const configs = new Map<string, FileChange>();
  let passes = 0;
  for (let round = 0; round < MAX_FIX_PASSES * 3; round++) {
    const analyzed = await analyzeSet(set, options);
    let changed = false;
    if (passes < MAX_FIX_PASSES) {
      for (const { file, analysis } of analyzed) {
        const fixes = analysis.findings.flatMap((f) => (f.fix ? [f.fix] : []));
        if (fixes.length === 0) continue;
        const fixed = applyFixes(file.text, fixes);
        if (fixed.text === file.text) continue;
        if (!originals.has(file.absolutePath)) originals.set(file.absolutePath, file.text);
        const oldLength = file.text.length;
        file.text = fixed.text;
        file.sections = file.sections.map((s) => ({
          ...s,
          start: fixed.map(s.start),
          end: s.end >= oldLength ? fixed.text.length : fixed.map(s.end),
        }));
        changed = true;
      }
      if (changed) {
        passes++;
        continue;
      }
    }
    for (const item of analyzed) {
      const split = splitFile(item, set);
      if (split.kind !== 'split') continue;
      const { file } = item;
      if (!originals.has(file.absolutePath)) originals.set(file.absolutePath, file.text);
      file.text = split.text;
      file.sections = [{ direction: 'up', transaction: split.transaction, start: 0, end: split.text.length }];
      set.splice(set.indexOf(file) + 1, 0, ...split.created);
      for (const created of split.created) originals.set(created.absolutePath, undefined);
      for (const config of split.configs) if (!configs.has(config.absolutePath)) configs.set(config.absolutePath, config);
      changed = true;
    }
    if (!changed) break;
  }

  const analyzed = await analyzeSet(set, options);
  const notes: string[] = [];
  for (const item of analyzed) {
    for (const { finding, source, needs } of item.dropped) {
      const where =
        source === 'explicit'
          ? 'it runs inside BEGIN ... COMMIT'
          : source === 'assumed'
            ? 'the file runs in one transaction (--assume-in-transaction)'
            : `the ${item.file.layout} migration tool runs it in one transaction, and ${movable(item.file, set)}`;
      const what = needs === 'no-transaction' ? 'the fixed statement cannot run in a transaction' : 'the fix validates the constraint in a later transaction';
      notes.push(`${finding.file}:${finding.line}:${finding.column}: ${finding.ruleId} not fixed: ${what}; ${where}`);
    }
    if (!item.analysis.findings.some((f) => f.ruleId === NON_TRANSACTIONAL)) continue;
    const split = splitFile(item, set);
    if (split.kind === 'refused') notes.push(`${item.file.path}: ${split.reason}`);
  }
  const changes: FileChange[] = [];
  for (const file of set) {
    if (!originals.has(file.absolutePath)) continue;
    const before = originals.get(file.absolutePath);
    if (before === file.text) continue;
    changes.push({ path: file.path, absolutePath: file.absolutePath, ...(before !== undefined ? { before } : {}), after: file.text });
  }
  changes.push(...configs.values());
  return { results: analyzed.map(({ file, analysis }) => resultOf(file, analysis, options)), changes, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Moving statements out of the transaction the migration tool opens

const NON_TRANSACTIONAL = 'non-transactional-in-transaction';
const SAME_TRANSACTION_VALIDATE = 'constraint-missing-not-valid';

/** golang-migrate and Flyway up migrations, run in the tool's transaction: files whose statements can be moved. */
function splitLayout(file: MigrationFile): 'golang-migrate' | 'flyway' | undefined {
  const [section, more] = file.sections;
  if (!section || more || section.direction !== 'up' || file.contextOnly) return undefined;
  if (file.layout === 'golang-migrate' && section.transaction === 'implicit' && GOLANG_UP.test(path.basename(file.absolutePath))) return 'golang-migrate';
  if (file.layout === 'flyway' && section.transaction === 'wrapped' && FLYWAY_VERSIONED.test(path.basename(file.absolutePath))) return 'flyway';
  return undefined;
}

/** Why a statement of the file cannot be moved into a migration of its own. */
function movable(file: MigrationFile, set: readonly MigrationFile[]): string {
  const layout = splitLayout(file);
  if (!layout) return 'ddlguard moves statements into migrations of their own only for golang-migrate and Flyway';
  const names = newNames(file, layout, [{ statements: [], noTransaction: true }], set);
  return typeof names === 'string' ? `it cannot move to a migration of its own: ${names}` : 'it was not moved';
}

/** The file can be split, and the version right after it is free for the first new migration. */
function canSplit(file: MigrationFile, set: readonly MigrationFile[]): boolean {
  const layout = splitLayout(file);
  return layout !== undefined && typeof newNames(file, layout, [{ statements: [], noTransaction: true }], set) !== 'string';
}

const GOLANG_UP = /^(\d+)_(.*)\.up\.sql$/;
const GOLANG_ANY = /^(\d+)_.*\.(?:up|down)\.sql$/;
const FLYWAY_VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const FLYWAY_ANY = /^[VU](\d+(?:[._]\d+)*)__.+\.sql$/;

type Split =
  | { kind: 'none' }
  | { kind: 'refused'; reason: string }
  | { kind: 'split'; text: string; transaction: TransactionConvention; created: MigrationFile[]; configs: FileChange[] };

interface Chunk {
  statements: StatementInfo[];
  /** Holds statements that cannot run in a transaction. */
  noTransaction: boolean;
}

/**
 * Splits a golang-migrate or Flyway up migration whose tool transaction holds statements that cannot run in one
 * (CONCURRENTLY, VACUUM, ...) or a VALIDATE CONSTRAINT of a constraint the same transaction added NOT VALID. The
 * statements keep their order: the file keeps those before the first such statement, and each following run of
 * statements goes into a new migration numbered right after it (golang-migrate: one statement per file where no
 * transaction is wanted, since a multi-statement file is one implicit transaction; Flyway: a script config with
 * executeInTransaction=false). SET statements at the top are repeated where they can run.
 */
function splitFile({ file, analysis }: Analyzed, set: readonly MigrationFile[]): Split {
  const tops = analysis.statements.filter((s) => s.parsed.context === 'top');
  const at = (offset: number): StatementInfo | undefined =>
    analysis.statements.find((s) => s.parsed.start <= offset && offset < Math.max(s.parsed.end, s.parsed.start + 1));
  const noTransaction = new Set<StatementInfo>();
  const validates = new Set<StatementInfo>();
  let nested = false;
  for (const finding of analysis.findings) {
    const statement = at(finding.start);
    if (!statement) continue;
    if (finding.ruleId === NON_TRANSACTIONAL) {
      if (statement.parsed.context !== 'top') nested = true;
      else noTransaction.add(statement);
    }
    if (
      finding.ruleId === SAME_TRANSACTION_VALIDATE &&
      statement.transaction.source === 'layout' &&
      statement.operations.length > 0 &&
      statement.operations.every((op) => op.kind === 'validate-constraint')
    ) {
      validates.add(statement);
    }
  }
  if (noTransaction.size === 0 && validates.size === 0) return nested ? { kind: 'refused', reason: 'the statement is inside a DO block, which always runs in a transaction' } : { kind: 'none' };
  const layout = splitLayout(file);
  if (!layout) {
    const how =
      file.layout === 'plain'
        ? 'the file runs in a transaction by --assume-in-transaction or its own BEGIN'
        : `the ${file.layout} layout has no way for ddlguard to give it a migration of its own`;
    return { kind: 'refused', reason: `a statement that cannot run in a transaction was not moved automatically (${how}); move it to a migration that runs without a transaction` };
  }
  if (tops.some((s) => s.operations.some((op) => op.kind === 'transaction'))) {
    return { kind: 'refused', reason: 'the file has BEGIN/COMMIT of its own: statements were not moved automatically' };
  }
  if (tops.some((s) => s.transaction.source !== 'layout')) return { kind: 'none' };

  // SET statements at the top hold for the whole file: repeated in every new migration that can take them
  let p = 0;
  while (p < tops.length && isSet(tops[p])) p++;
  const preamble = tops.slice(0, p);
  const body = tops.slice(p);
  const chunks: Chunk[] = [];
  for (const statement of body) {
    const alone = noTransaction.has(statement);
    const last = chunks[chunks.length - 1];
    const joins =
      last !== undefined &&
      !validates.has(statement) &&
      (alone ? last.noTransaction && layout === 'flyway' : !last.noTransaction);
    if (last && joins) last.statements.push(statement);
    else chunks.push({ statements: [statement], noTransaction: alone });
  }
  const [first, ...rest] = chunks;
  if (!first) return { kind: 'none' };
  const onlySettingTimeouts = preamble.every((s) => s.operations.length > 0 && s.operations.every((op) => op.kind === 'set-timeout'));
  if (layout === 'golang-migrate' && chunks.some((c) => c.noTransaction) && preamble.length > 0 && !onlySettingTimeouts) {
    return { kind: 'refused', reason: 'a SET at the top of the file would have to run in the same migration as a statement that must run alone' };
  }
  if (rest.length === 0 && !(first.noTransaction && (layout === 'flyway' || preamble.length > 0))) return { kind: 'none' };

  const text = file.text;
  const spans = statementSpans(text, tops);
  const spanOf = (s: StatementInfo): string => spans.get(s) ?? '';
  const firstTop = tops[0];
  const header = firstTop ? text.slice(0, text.lastIndexOf('\n', firstTop.parsed.start - 1) + 1) : '';
  const preambleText = preamble.map((s) => `${s.parsed.text};\n`).join('');
  const keepsPreamble = (chunk: Chunk): boolean => !(chunk.noTransaction && layout === 'golang-migrate');
  const body0 = first.statements.map(spanOf).join('');
  const original = header + (keepsPreamble(first) ? preamble.map(spanOf).join('') : '') + (keepsPreamble(first) ? body0 : body0.replace(/^\s*\n/, ''));

  const names = newNames(file, layout, rest, set);
  if (typeof names === 'string') return { kind: 'refused', reason: `statements were not moved automatically: ${names}; renumber, or move them by hand` };
  const created: MigrationFile[] = [];
  const configs: FileChange[] = [];
  rest.forEach((chunk, k) => {
    const name = names[k];
    if (!name) return;
    const chunkText = (keepsPreamble(chunk) ? preambleText : '') + ensureNewline(chunk.statements.map(spanOf).join('').replace(/^\s*\n/, ''));
    const absolutePath = path.join(path.dirname(file.absolutePath), name.file);
    const transaction = layout === 'golang-migrate' ? 'implicit' : chunk.noTransaction ? 'none' : 'wrapped';
    const migration: MigrationFile = {
      setRoot: file.setRoot,
      path: path.join(path.dirname(file.path), name.file),
      absolutePath,
      text: chunkText,
      layout: file.layout,
      version: name.version,
      name: name.name,
      sections: [{ direction: 'up', transaction, start: 0, end: chunkText.length }],
      layoutHasDown: file.layoutHasDown,
    };
    if (file.dialect) migration.dialect = file.dialect;
    created.push(migration);
    if (layout === 'flyway' && chunk.noTransaction) configs.push(noTransactionConfig(migration.path, absolutePath));
  });
  const alone = layout === 'flyway' && first.noTransaction;
  if (alone) configs.push(noTransactionConfig(file.path, file.absolutePath));
  const transaction = alone ? 'none' : (file.sections[0]?.transaction ?? 'implicit');
  return { kind: 'split', text: ensureNewline(original), transaction, created, configs };
}

function isSet(statement: StatementInfo | undefined): boolean {
  const parsed = statement?.parsed;
  return parsed?.dialect === 'postgres' && 'VariableSetStmt' in parsed.ast;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Each top-level statement's text with the comments above it and the rest of its last line (the last one: to the end). */
function statementSpans(text: string, tops: readonly StatementInfo[]): Map<StatementInfo, string> {
  const spans = new Map<StatementInfo, string>();
  const first = tops[0];
  let from = first ? text.lastIndexOf('\n', first.parsed.start - 1) + 1 : 0;
  tops.forEach((statement, i) => {
    let end = i === tops.length - 1 ? text.length : statement.parsed.end;
    if (i < tops.length - 1) {
      const next = tops[i + 1];
      const semicolon = text.indexOf(';', statement.parsed.end);
      if (semicolon >= 0 && next && semicolon < next.parsed.start) end = semicolon + 1;
      const newline = text.indexOf('\n', end);
      if (newline >= 0 && next && newline < next.parsed.start && /^[ \t]*(--.*)?\r?$/.test(text.slice(end, newline))) end = newline + 1;
    }
    spans.set(statement, text.slice(from, end));
    from = end;
  });
  return spans;
}

function noTransactionConfig(shownSql: string, absoluteSql: string): FileChange {
  const absolutePath = `${absoluteSql}.conf`;
  const change: FileChange = { path: `${shownSql}.conf`, absolutePath, after: 'executeInTransaction=false\n' };
  if (existsSync(absolutePath)) {
    const before = readFileSync(absolutePath, 'utf8');
    change.before = before;
    change.after = `${ensureNewline(before)}executeInTransaction=false\n`;
  }
  return change;
}

interface NewName {
  file: string;
  version: string;
  name: string;
}

/**
 * Names for the new migrations, ordered right after the file: golang-migrate sorts by the version as a number, so
 * the versions that follow it (zero-padded like it) must be free, below the next migration's; Flyway compares
 * dotted versions, so `V<v>_1`, `V<v>_2`... (v.1, v.2) must not reach the next version either.
 */
function newNames(file: MigrationFile, layout: 'golang-migrate' | 'flyway', chunks: readonly Chunk[], set: readonly MigrationFile[]): NewName[] | string {
  if (chunks.length === 0) return [];
  const dir = path.dirname(file.absolutePath);
  const siblings = new Set<string>();
  try {
    for (const name of readdirSync(dir)) siblings.add(name);
  } catch {
    // a file read from standard input has no folder to look at
  }
  for (const other of set) if (path.dirname(other.absolutePath) === dir) siblings.add(path.basename(other.absolutePath));
  const suffix = (chunk: Chunk): string => {
    const first = chunk.statements[0];
    if (chunk.noTransaction) return first && /\bCONCURRENTLY\b/i.test(first.parsed.text) ? 'concurrently' : 'no_transaction';
    return first?.operations.every((op) => op.kind === 'validate-constraint') ? 'validate' : 'continued';
  };
  const base = path.basename(file.absolutePath);
  if (layout === 'golang-migrate') {
    const [, version = '', name = ''] = GOLANG_UP.exec(base) ?? [];
    const own = BigInt(version);
    const last = own + BigInt(chunks.length);
    for (const sibling of siblings) {
      const other = GOLANG_ANY.exec(sibling)?.[1];
      if (other !== undefined && BigInt(other) > own && BigInt(other) <= last) {
        return `version ${own + 1n} is not free before ${sibling}`;
      }
    }
    return chunks.map((chunk, k) => {
      const next = (own + BigInt(k + 1)).toString().padStart(version.length, '0');
      const newName = `${name}_${suffix(chunk)}`;
      return { file: `${next}_${newName}.up.sql`, version: next, name: newName };
    });
  }
  const [, written = '', description = ''] = FLYWAY_VERSIONED.exec(base) ?? [];
  const own = written.replace(/_/g, '.');
  const last = `${own}.${chunks.length}`;
  for (const sibling of siblings) {
    const other = FLYWAY_ANY.exec(sibling)?.[1]?.replace(/_/g, '.');
    if (other !== undefined && compareDottedVersions(other, own) > 0 && compareDottedVersions(other, last) <= 0) {
      return `version ${own}.1 is not free before ${sibling}`;
    }
  }
  return chunks.map((chunk, k) => {
    const newDescription = `${description}_${suffix(chunk)}`;
    return { file: `V${written}_${k + 1}__${newDescription}.sql`, version: `${own}.${k + 1}`, name: newDescription };
  });
}

function statementLocks(analysis: FileAnalysis): StatementLocks[] {
  return analysis.statements.map((statement) => {
    const { line, column } = analysis.parsed.index.position(statement.parsed.start);
    return {
      line,
      column,
      sql: statement.parsed.text,
      locks: statement.locks.map((lock) => ({
        table: lock.table,
        mode: lock.mode,
        blocks: lock.blocks,
        work: lock.work,
        rewrite: lock.rewrite,
        text: describeLock(lock),
      })),
    };
  });
}
