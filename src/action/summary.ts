import type { summary } from '@actions/core';
import type { Finding, LintSummary } from '../engine/finding.js';
import { ruleDocsUrl } from '../report/finding-text.js';

/** A row of `core.summary.addTable` (the type is not exported by name). */
export type SummaryTableRow = Parameters<typeof summary.addTable>[0][number];

/** What the job summary says about the run (everything but the table is one sentence). */
export interface SummaryInput {
  findings: Finding[];
  counts: LintSummary;
  /** What was linted: `2 files changed under db (abc1234...def5678)`, or `no migration file under db changed (...)`. */
  scopeText: string;
  docsBaseUrl: string;
  /** `https://github.com/owner/repo/blob/<sha>/` when known: file cells link to the line. */
  blobBaseUrl?: string;
  /** The path a finding's file is annotated with (repository-relative). */
  fileOf: (finding: Finding) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 infos` */
export function countsText(counts: LintSummary): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}`;
}

/** The sentence above the table. */
export function summaryLine(input: SummaryInput): string {
  const sentence =
    input.counts.files === 0
      ? input.scopeText
      : `${input.findings.length === 0 ? 'no findings' : countsText(input.counts)} in ${input.scopeText}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** The rows of the findings table (a header row, then one row per finding: file:line, severity, rule, message). */
export function findingRows(input: SummaryInput): SummaryTableRow[] {
  const header: SummaryTableRow = [
    { data: 'File', header: true },
    { data: 'Severity', header: true },
    { data: 'Rule', header: true },
    { data: 'Message', header: true },
  ];
  const rows = input.findings.map((finding): SummaryTableRow => {
    const file = input.fileOf(finding);
    const where = escapeHtml(`${file}:${finding.line}`);
    const fileCell =
      input.blobBaseUrl === undefined
        ? `<code>${where}</code>`
        : `<a href="${escapeHtml(`${input.blobBaseUrl}${file.split('/').map(encodeURIComponent).join('/')}#L${finding.line}`)}"><code>${where}</code></a>`;
    const ruleCell = `<a href="${escapeHtml(ruleDocsUrl(input.docsBaseUrl, finding.ruleId))}">${escapeHtml(finding.ruleId)}</a>`;
    const message = finding.help.trim() === '' ? escapeHtml(finding.message) : `${escapeHtml(finding.message)}<br>${escapeHtml(finding.help.trim())}`;
    return [fileCell, finding.severity, ruleCell, message];
  });
  return [header, ...rows];
}
