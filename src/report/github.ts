import type { Severity } from '../engine/finding.js';
import { messageWithHelp } from './finding-text.js';
import { toReportPath } from './paths.js';
import type { Formatter } from './types.js';

/** GitHub Actions workflow commands: one `::error|warning|notice` annotation per finding. */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** The escaping GitHub applies to a command's message (as in `@actions/core`'s `escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The escaping GitHub applies to a command's property values (as in `@actions/core`'s `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      const properties: [string, string | number][] = [
        ['file', toReportPath(finding.file)],
        ['line', finding.line],
        ['col', finding.column],
        ['endLine', finding.endLine],
        ['endColumn', finding.endColumn],
        ['title', finding.ruleId],
      ];
      const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      const text = escapeData(messageWithHelp(finding.message, finding.help));
      lines.push(`::${COMMAND[finding.severity]} ${props}::${text}`);
    }
  }
  return lines.join('\n');
};
