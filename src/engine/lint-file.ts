import type { Dialect, ParsedFile } from '../parse/types.js';
import { parseFile } from '../parse/parse-file.js';
import { lowerStatement } from '../model/lower.js';
import { tableKey, type Operation, type TableName } from '../model/operations.js';
import type { FileSection } from '../sources/types.js';
import type { EffectiveSettings } from './config.js';
import type { Finding, Severity } from './finding.js';
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
}

const SYNTAX_ERROR = 'syntax-error';
const UNUSED_IGNORE = 'unused-ignore';

/** Lints one file's text: parse, lower, run the enabled rules, apply ignore comments. */
export function lintFile(input: LintInput, settings: EffectiveSettings, rules: Rule[]): Finding[] {
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
      for (const rule of active) {
        const severity = severityOf(rule);
        if (severity === 'off') continue;
        const ctx: RuleContext = {
          dialect: input.dialect,
          pgVersion: settings.pgVersion,
          statement,
          isNewTable: (table: TableName) => newTables.has(tableKey(table)),
          isNewIndex: (name: string) => newIndexes.has(name.toLowerCase()),
          report: (report) => {
            const finding = makeFinding(
              rule.meta.id,
              severity,
              report.message,
              report.at ?? op.at,
              statement.parsed.end,
              report.help ?? rule.meta.docs.help,
            );
            findings.push(finding);
            findingStatement.set(finding, statement);
          },
        };
        rule.check(op, ctx);
      }
      remember(op, newTables, newIndexes);
    }
  }

  return applyIgnores(findings, findingStatement, statements, parsed, ruleById, severityOf, makeFinding).sort(
    (a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId),
  );
}

/** Keeps track of what this file created, so rules stay silent about it. */
function remember(op: Operation, newTables: Set<string>, newIndexes: Set<string>): void {
  if (op.kind === 'create-table') newTables.add(tableKey(op.table));
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
    infos.push({ parsed: s.parsed, operations: s.operations, transaction: current });
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
