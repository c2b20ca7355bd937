import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../engine/finding.js';
import { toReportPath } from './paths.js';
import type { Formatter } from './types.js';

/** GitLab Code Quality report (a subset of the Code Climate issue format that GitLab reads). */

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/** Stable across runs: the same finding at the same place in the same file keeps its fingerprint. */
export function fingerprint(finding: Finding): string {
  const parts = [toReportPath(finding.file), finding.ruleId, String(finding.line), String(finding.column), finding.message];
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function toIssue(finding: Finding): CodeQualityIssue {
  return {
    description: `${finding.ruleId}: ${finding.message}`,
    check_name: finding.ruleId,
    fingerprint: fingerprint(finding),
    severity: SEVERITY[finding.severity],
    location: { path: toReportPath(finding.file), lines: { begin: finding.line } },
  };
}

export const formatGitlab: Formatter = (results) => {
  const issues = results.flatMap((result) => result.findings.map(toIssue));
  return JSON.stringify(issues, null, 2);
};
