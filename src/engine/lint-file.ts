import type { Dialect, ParsedFile } from '../parse/types.js';
import { parseFile } from '../parse/parse-file.js';
import { lowerStatement } from '../model/lower.js';
import { Catalog, type CatalogView } from '../model/catalog.js';
import { tableKey, type Operation, type TableName } from '../model/operations.js';
import type { FileSection } from '../sources/types.js';
import type { EffectiveSettings } from './config.js';
import { LOCK_MODES, predictLocks, type LockPrediction } from '../locks/index.js';
import type { Finding, FindingLock, Severity } from './finding.js';
import { DEFAULT_MYSQL_VERSION } from './mysql-version.js';
import { lockContext } from './lock-context.js';
import { directiveTarget, parseIgnoreDirectives } from './ignores.js';
import type { Rule, RuleContext } from './rule.js';
import type { StatementInfo } from './statement-info.js';
import { transactionStates } from './transactions.js';

export interface LintInput {
  /** The path to show in findings. */
  path: string;
  text: string;
  dialect: Dialect;
  sections: FileSection[];
  layoutHasDown?: boolean;
  hasDown?: boolean;
}

const SYNTAX_ERROR = 'syntax-error';
const UNUSED_IGNORE = 'unused-ignore';

/**
 * Lints one file's text: parse, lower, run the enabled rules, apply ignore comments. `catalog` is the schema the
 * earlier migrations of the set built; the up statements of this file are applied to it as they are checked.
 */
export function lintFile(input: LintInput, settings: EffectiveSettings, rules: Rule[], catalog = new Catalog()): Finding[] {
  return analyzeFile(input, settings, rules, catalog).findings;
}

export interface FileAnalysis {
  findings: Finding[];
  /** Every statement with its operations, transaction and predicted locks. */
  statements: StatementInfo[];
  parsed: ParsedFile;
}

/** lintFile, keeping the statements (for --explain-locks and trace). */
export function analyzeFile(input: LintInput, settings: EffectiveSettings, rules: Rule[], catalog = new Catalog()): FileAnalysis {
  const parsed = parseFile(input.text, input.dialect);
  const severityOf = (rule: Rule): Severity | 'off' => settings.rules.get(rule.meta.id) ?? rule.meta.defaultSeverity;
  const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
  const findings: Finding[] = [];
  const makeFinding = (ruleId: string, severity: Severity, message: string, start: number, end: number, help: string): Finding => {
    const from = parsed.index.position(start);
    const to = parsed.index.position(Math.max(end, start));
    return {
      ruleId,
      severity,
      file: input.path,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      message,
      help,
      start,
      end: Math.max(end, start),
    };
  };

  const syntaxRule = ruleById.get(SYNTAX_ERROR);
  if (parsed.syntaxError && syntaxRule) {
    const severity = severityOf(syntaxRule);
    if (severity !== 'off') {
      const { offset, message } = parsed.syntaxError;
      findings.push(makeFinding(SYNTAX_ERROR, severity, message, offset, offset, syntaxRule.meta.docs.help));
    }
  }

  const mysqlVersion = settings.mysqlVersion ?? DEFAULT_MYSQL_VERSION;
  const statements = describeStatements(parsed, input.sections, settings.assumeInTransaction);
  const active = rules.filter((rule) => {
    const { dialects, pgVersions } = rule.meta;
    if (severityOf(rule) === 'off' || !dialects.includes(input.dialect)) return false;
    if (input.dialect === 'postgres' && pgVersions) {
      if (pgVersions.min !== undefined && settings.pgVersion < pgVersions.min) return false;
      if (pgVersions.max !== undefined && settings.pgVersion > pgVersions.max) return false;
    }
    return true;
  });

  const newTables = new Set<string>();
  const newIndexes = new Set<string>();
  const findingStatement = new Map<Finding, StatementInfo>();
  for (const statement of statements) {
    for (const op of statement.operations) {
      const opLocks = input.dialect === 'postgres' ? predictLocks(op, lockContext(settings.pgVersion, catalog)) : [];
      statement.locks.push(...opLocks);
      for (const rule of active) {
        const severity = severityOf(rule);
        if (severity === 'off') continue;
        const ctx: RuleContext = {
          dialect: input.dialect,
          pgVersion: settings.pgVersion,
          mysqlVersion,
          statement,
          text: input.text,
          isNewTable: (table: TableName) => newTables.has(tableKey(table)),
          isNewIndex: (name: string) => newIndexes.has(name.toLowerCase()),
          catalog,
          report: (report) => {
            const finding = makeFinding(
              rule.meta.id,
              severity,
              report.message,
              report.at ?? op.at,
              statement.parsed.end,
              report.help ?? rule.meta.docs.help,
            );
            const lock = findingLock(opLocks);
            if (lock) finding.lock = lock;
            if (report.fix) finding.fix = report.fix;
            findings.push(finding);
            findingStatement.set(finding, statement);
          },
        };
        rule.check(op, ctx);
      }
      // a function body runs when the function is called, not during the migration
      if (statement.parsed.context === 'function-body') continue;
      remember(op, newTables, newIndexes, catalog);
      if (statement.direction !== 'down') catalog.apply(op);
    }
  }

  for (const rule of active) {
    if (!rule.checkFile) continue;
    const severity = severityOf(rule);
    if (severity === 'off') continue;
    rule.checkFile({
      dialect: input.dialect,
      pgVersion: settings.pgVersion,
      mysqlVersion,
      path: input.path,
      text: input.text,
      sections: input.sections,
      layoutHasDown: input.layoutHasDown ?? false,
      hasDown: input.hasDown ?? false,
      statements,
      catalog,
      assumeInTransaction: settings.assumeInTransaction,
      lineOf: (offset) => parsed.index.position(offset).line,
      report: (report) => {
        const statement = statementAt(statements, report.at);
        const end = report.end ?? statement?.parsed.end ?? lineEnd(input.text, report.at);
        const finding = makeFinding(rule.meta.id, severity, report.message, report.at, end, report.help ?? rule.meta.docs.help);
        const lock = statement ? findingLock(statement.locks) : undefined;
        if (lock) finding.lock = lock;
        if (report.fix) finding.fix = report.fix;
        findings.push(finding);
        if (statement) findingStatement.set(finding, statement);
      },
    });
  }

  const kept = applyIgnores(findings, findingStatement, statements, parsed, ruleById, severityOf, makeFinding).sort(
    (a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId),
  );
  return { findings: kept, statements, parsed };
}

/** How much a prediction matters to traffic: blocking before not, tables before indexes, then lock strength. */
function weight(p: LockPrediction): number {
  return (p.blocks.length > 0 ? 100 : 0) + (p.target === 'table' ? 10 : 0) + LOCK_MODES.indexOf(p.mode);
}

/** The lock of a statement that matters most, with the full list when there is more than one. */
function findingLock(predictions: LockPrediction[]): FindingLock | undefined {
  let strongest: LockPrediction | undefined;
  for (const p of predictions) {
    if (!strongest || weight(p) > weight(strongest)) strongest = p;
  }
  if (!strongest) return undefined;
  const lock: FindingLock = {
    mode: strongest.mode,
    table: strongest.table,
    blocks: strongest.blocks,
    work: strongest.work,
    rewrite: predictions.some((p) => p.rewrite),
    concurrent: strongest.concurrent,
  };
  if (predictions.length > 1) lock.all = predictions.map((p) => ({ table: p.table, mode: p.mode }));
  return lock;
}

/**
 * The first statement (in file order) whose range holds the offset: binary search for the last statement starting
 * at or before it, then back to the outermost one that still holds it (a DO block before its inner statements).
 */
function statementAt(statements: readonly StatementInfo[], at: number): StatementInfo | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((statements[mid]?.parsed.start ?? 0) <= at) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let found: StatementInfo | undefined;
  for (let i = last; i >= 0; i--) {
    const candidate = statements[i];
    if (!candidate) continue;
    if (candidate.parsed.start <= at && at < candidate.parsed.end) found = candidate;
    else if (candidate.parsed.context === 'top') break;
  }
  return found;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Keeps track of what this file created, so rules stay silent about it. */
function remember(op: Operation, newTables: Set<string>, newIndexes: Set<string>, catalog: CatalogView): void {
  // CREATE TABLE IF NOT EXISTS of a table that exists (an earlier migration, or a rename into the name) does nothing
  const exists = op.kind === 'create-table' && op.ifNotExists && catalog.hasTable(op.table) && !newTables.has(tableKey(op.table));
  if (op.kind === 'create-table' && !exists) newTables.add(tableKey(op.table));
  if (op.kind === 'create-index' && op.name) newIndexes.add(op.name.toLowerCase());
  if (op.kind === 'rename-table' && newTables.has(tableKey(op.table))) newTables.add(op.to.toLowerCase());
  if (op.kind === 'drop-table') for (const table of op.tables) newTables.delete(tableKey(table));
}

/** Lowers every statement and works out its transaction; nested statements share their block's. */
function describeStatements(parsed: ParsedFile, sections: FileSection[], assume: boolean): StatementInfo[] {
  const lowered = parsed.statements.map((p) => ({ parsed: p, operations: lowerStatement(p) }));
  const top = lowered.filter((s) => s.parsed.context === 'top');
  const states = transactionStates(
    top.map((s) => ({ start: s.parsed.start, operations: s.operations })),
    sections,
    assume,
  );
  const infos: StatementInfo[] = [];
  let current: StatementInfo['transaction'] = { inTransaction: false, source: 'none', group: 0 };
  let topIndex = 0;
  for (const s of lowered) {
    if (s.parsed.context === 'top') current = states[topIndex++] ?? current;
    const section = sections.find((x) => s.parsed.start >= x.start && s.parsed.start < x.end);
    infos.push({ parsed: s.parsed, direction: section?.direction ?? 'up', operations: s.operations, transaction: current, locks: [] });
  }
  return infos;
}

function applyIgnores(
  findings: Finding[],
  findingStatement: Map<Finding, StatementInfo>,
  statements: StatementInfo[],
  parsed: ParsedFile,
  ruleById: Map<string, Rule>,
  severityOf: (rule: Rule) => Severity | 'off',
  makeFinding: (id: string, severity: Severity, message: string, start: number, end: number, help: string) => Finding,
): Finding[] {
  const directives = parseIgnoreDirectives(parsed.comments);
  if (directives.length === 0) return findings;
  const ranges = statements.map((s) => ({ start: s.parsed.start, end: s.parsed.end, info: s }));
  const lineOf = (offset: number): number => parsed.index.position(offset).line;
  const targets = new Map(directives.map((d) => [d, directiveTarget(d.comment, ranges, lineOf)]));
  const used = new Map<(typeof directives)[number], Set<string>>();
  const kept: Finding[] = [];

  for (const finding of findings) {
    const statement = findingStatement.get(finding);
    let suppressed = false;
    for (const directive of directives) {
      const matches = directive.rules.length === 0 || directive.rules.includes(finding.ruleId);
      if (!matches) continue;
      if (directive.scope === 'statement') {
        const target = targets.get(directive);
        const covers = target !== undefined && statement !== undefined &&
          target.start <= statement.parsed.start && statement.parsed.end <= target.end;
        if (!covers) continue;
      }
      suppressed = true;
      const names = used.get(directive) ?? new Set<string>();
      names.add(directive.rules.length === 0 ? '*' : finding.ruleId);
      used.set(directive, names);
    }
    if (!suppressed) kept.push(finding);
  }

  const unusedRule = ruleById.get(UNUSED_IGNORE);
  const severity = unusedRule ? severityOf(unusedRule) : 'off';
  if (!unusedRule || severity === 'off') return kept;
  const fileIgnoresUnused = directives.some(
    (d) => d.scope === 'file' && (d.rules.length === 0 || d.rules.includes(UNUSED_IGNORE)),
  );
  if (fileIgnoresUnused) return kept;
  for (const directive of directives) {
    const { start, end } = directive.comment;
    const kind = directive.scope === 'file' ? 'ddlguard-ignore-file' : 'ddlguard-ignore';
    const names = directive.rules.length === 0 ? ['*'] : directive.rules;
    for (const name of names) {
      if (name !== '*' && !ruleById.has(name)) {
        kept.push(makeFinding(UNUSED_IGNORE, severity, `${kind} names an unknown rule "${name}"`, start, end, unusedRule.meta.docs.help));
      } else if (!used.get(directive)?.has(name)) {
        const what = name === '*' ? 'anything' : `"${name}"`;
        kept.push(makeFinding(UNUSED_IGNORE, severity, `${kind} suppresses nothing: no finding of ${what} here`, start, end, unusedRule.meta.docs.help));
      }
    }
  }
  return kept;
}
