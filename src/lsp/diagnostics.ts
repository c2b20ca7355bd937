import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/finding.js';
import type { DocumentAnalysis } from './analyze.js';

export const SOURCE = 'ddlguard';

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The LSP range of a finding: its UTF-16 offsets through the document (LSP positions count UTF-16 code units). */
export function findingRange(document: TextDocument, finding: Pick<Finding, 'start' | 'end'>): Range {
  return { start: document.positionAt(finding.start), end: document.positionAt(finding.end) };
}

export function ruleDocsUrl(docsBaseUrl: string, ruleId: string): string {
  return `${docsBaseUrl}/${ruleId}.md`;
}

export function toDiagnostics(document: TextDocument, analysis: DocumentAnalysis, docsBaseUrl: string): Diagnostic[] {
  if (analysis.configError !== undefined) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'config-error',
        message: `ddlguard could not lint this file: ${analysis.configError}`,
      },
    ];
  }
  return analysis.findings.map((finding) => ({
    range: findingRange(document, finding),
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(docsBaseUrl, finding.ruleId) },
    source: SOURCE,
    message: `${finding.message}\n${finding.help}`,
  }));
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
