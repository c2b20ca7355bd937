import { summarize } from '../engine/finding.js';
import type { Formatter } from './types.js';

/** The JSON contract of design.md: `{version, findings[], summary}`. */
export const formatJson: Formatter = (results) => {
  const findings = results.flatMap((result) =>
    result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      help: f.help,
    })),
  );
  return `${JSON.stringify({ version: 1, findings, summary: summarize(results) }, null, 2)}\n`;
};
