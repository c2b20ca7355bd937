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
}

/** What a lint run produced for one file. */
export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
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
