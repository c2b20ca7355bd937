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
      ...(f.lock ? { lock: f.lock } : {}),
      ...(f.fix ? { fixable: true, fix: { description: f.fix.description } } : {}),
    })),
  );
  const statements = results.flatMap((r) => (r.statements ?? []).map((s) => ({ file: r.file, ...s })));
  const report = { version: 1, findings, summary: summarize(results), ...(statements.length > 0 ? { statements } : {}) };
  return `${JSON.stringify(report, null, 2)}\n`;
};
