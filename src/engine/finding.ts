import type { Fix } from './fix.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** One problem found in one file. The first eleven fields are the JSON contract of design.md. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The path as given on the command line, or as found under a given folder. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The safe alternative, in one or two sentences. */
  help: string;
  /** UTF-16 offsets into the file text (for code frames and fixes; not part of the JSON contract). */
  start: number;
  end: number;
  /** The lock the statement takes (PostgreSQL), from src/locks: its strongest lock, and every lock it takes. */
  lock?: FindingLock;
  /** Edits that make the SQL safe (`--fix`). */
  fix?: Fix;
}

export interface FindingLock {
  mode: string;
  table: string;
  blocks: Array<'reads' | 'writes'>;
  work: string;
  rewrite: boolean;
  concurrent: boolean;
  /** Every lock the statement takes, when it takes more than one (a foreign key locks both tables). */
  all?: Array<{ table: string; mode: string }>;
}

/** One statement with the locks src/locks predicts for it (for --explain-locks and trace). */
export interface StatementLocks {
  line: number;
  column: number;
  sql: string;
  locks: Array<{ table: string; mode: string; blocks: Array<'reads' | 'writes'>; work: string; rewrite: boolean; text: string }>;
}

/** What a lint run produced for one file. */
export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
  statements?: StatementLocks[];
}

export interface LintSummary {
  files: number;
  error: number;
  warning: number;
  info: number;
}

export function summarize(results: FileResult[]): LintSummary {
  const summary: LintSummary = { files: results.length, error: 0, warning: 0, info: 0 };
  for (const result of results) {
    for (const finding of result.findings) summary[finding.severity]++;
  }
  return summary;
}
