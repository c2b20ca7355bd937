// Reads what each tool printed (--format json / --reporter json) so the benchmark can check that a run did its
// job and count the files each tool could not parse.
import path from 'node:path';

export interface OutputSummary {
  /** the output was the JSON document the tool promises */
  valid: boolean;
  findings: number;
  /** absolute paths of files with at least one syntax-error finding */
  syntaxErrorFiles: string[];
  /** ddlguard only: summary.files */
  filesReported?: number;
  problem?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function syntaxFiles(items: readonly unknown[], ruleKey: string, cwd: string): string[] {
  const files = new Set<string>();
  for (const item of items) {
    if (isRecord(item) && item[ruleKey] === 'syntax-error' && typeof item.file === 'string') files.add(path.resolve(cwd, item.file));
  }
  return [...files].sort();
}

/** ddlguard: `{"version":1,"findings":[...],"summary":{"files",...}}` */
export function readDdlguardOutput(text: string, cwd: string): OutputSummary {
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, findings: 0, syntaxErrorFiles: [], problem: `not JSON: ${parsed.error}` };
  const doc = parsed.value;
  if (!isRecord(doc) || !Array.isArray(doc.findings) || !isRecord(doc.summary)) {
    return { valid: false, findings: 0, syntaxErrorFiles: [], problem: 'JSON without findings/summary' };
  }
  const findings: unknown[] = doc.findings;
  const files = doc.summary.files;
  return {
    valid: true,
    findings: findings.length,
    syntaxErrorFiles: syntaxFiles(findings, 'ruleId', cwd),
    ...(typeof files === 'number' ? { filesReported: files } : {}),
  };
}

/** squawk --reporter json: an array of violations `{file, line, column, level, message, help, rule_name, ...}` */
export function readSquawkOutput(text: string, cwd: string): OutputSummary {
  if (text.trim() === '') return { valid: false, findings: 0, syntaxErrorFiles: [], problem: 'no output' };
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, findings: 0, syntaxErrorFiles: [], problem: `not JSON: ${parsed.error}` };
  if (!Array.isArray(parsed.value)) return { valid: false, findings: 0, syntaxErrorFiles: [], problem: 'JSON is not an array' };
  const violations: unknown[] = parsed.value;
  return { valid: true, findings: violations.length, syntaxErrorFiles: syntaxFiles(violations, 'rule_name', cwd) };
}

export function mergeSummaries(parts: readonly OutputSummary[]): OutputSummary {
  const problems = parts.flatMap((p) => (p.problem === undefined ? [] : [p.problem]));
  const reported = parts.map((p) => p.filesReported);
  const allReported = reported.every((n): n is number => n !== undefined);
  return {
    valid: parts.every((p) => p.valid),
    findings: parts.reduce((n, p) => n + p.findings, 0),
    syntaxErrorFiles: [...new Set(parts.flatMap((p) => p.syntaxErrorFiles))].sort(),
    ...(allReported && parts.length > 0 ? { filesReported: reported.reduce((n: number, r) => n + (r ?? 0), 0) } : {}),
    ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
  };
}
