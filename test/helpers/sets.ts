/** The harness shared by test/e2e/sets.test.ts and test/e2e/sets-catalogue.test.ts: expected.json and CLI output. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type Severity = 'error' | 'warning' | 'info';

/** The fields a set's expectation compares. */
export interface Finding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  severity: Severity;
}

export interface Expected {
  exitCode: 0 | 1 | 2;
  findings: Finding[];
}

export interface CliOutput {
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeverity(value: unknown): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info';
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Narrow one finding (from expected.json or from the CLI) to the compared fields; fail on a malformed one. */
function toFinding(value: unknown, where: string): Finding {
  assert.ok(isRecord(value), `${where}: a finding must be an object, got ${JSON.stringify(value)}`);
  const { ruleId, file, line, column, severity } = value;
  const shown = JSON.stringify(value);
  assert.ok(typeof ruleId === 'string', `${where}: ruleId must be a string in ${shown}`);
  assert.ok(typeof file === 'string', `${where}: file must be a string in ${shown}`);
  assert.ok(isInteger(line) && line >= 1, `${where}: line must be a positive integer in ${shown}`);
  assert.ok(isInteger(column) && column >= 1, `${where}: column must be a positive integer in ${shown}`);
  assert.ok(isSeverity(severity), `${where}: severity must be error|warning|info in ${shown}`);
  return { ruleId, file, line, column, severity };
}

export function parseExpected(text: string, where: string): Expected {
  const raw: unknown = JSON.parse(text);
  assert.ok(isRecord(raw), `${where}: must hold an object`);
  const { exitCode, findings } = raw;
  assert.ok(exitCode === 0 || exitCode === 1 || exitCode === 2, `${where}: exitCode must be 0, 1 or 2`);
  assert.ok(Array.isArray(findings), `${where}: findings must be an array`);
  const list: unknown[] = findings;
  return { exitCode, findings: list.map((f, i) => toFinding(f, `${where} findings[${i}]`)) };
}

export function parseCliOutput(stdout: string, where: string): CliOutput {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch (error) {
    assert.fail(`${where}: stdout is not JSON (${String(error)}):\n${stdout}`);
  }
  assert.ok(isRecord(raw), `${where}: the JSON output must be an object`);
  const { version, findings, summary } = raw;
  assert.equal(version, 1, `${where}: "version" must be 1`);
  assert.ok(Array.isArray(findings), `${where}: "findings" must be an array`);
  assert.ok(isRecord(summary), `${where}: "summary" must be an object`);
  const { error, warning, info } = summary;
  assert.ok(isInteger(error) && isInteger(warning) && isInteger(info), `${where}: summary counts must be integers`);
  const list: unknown[] = findings;
  return { findings: list.map((f, i) => toFinding(f, `${where} findings[${i}]`)), summary: { error, warning, info } };
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  if (a.severity !== b.severity) return a.severity < b.severity ? -1 : 1;
  return 0;
}

/** The compared fields only, in a fixed key order, sorted: robust to the CLI's own ordering and extra fields. */
export function normalize(findings: readonly Finding[]): Finding[] {
  return findings
    .map(({ ruleId, file, line, column, severity }) => ({ ruleId, file, line, column, severity }))
    .sort(compareFindings);
}

function key(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.ruleId} (${f.severity})`;
}

/** Multiset difference: what `expected` holds that `actual` lacks (missing) and the reverse (unexpected). */
export function diff(expected: readonly Finding[], actual: readonly Finding[]): { missing: string[]; unexpected: string[] } {
  const pool = new Map<string, number>();
  for (const f of actual) pool.set(key(f), (pool.get(key(f)) ?? 0) + 1);
  const missing: string[] = [];
  for (const f of expected) {
    const left = pool.get(key(f)) ?? 0;
    if (left > 0) pool.set(key(f), left - 1);
    else missing.push(key(f));
  }
  const unexpected: string[] = [];
  for (const f of normalize(actual)) {
    const left = pool.get(key(f)) ?? 0;
    if (left > 0) {
      unexpected.push(key(f));
      pool.set(key(f), left - 1);
    }
  }
  return { missing, unexpected };
}

export function listSets(setsRoot: string): string[] {
  if (!existsSync(setsRoot)) return [];
  return readdirSync(setsRoot)
    .filter((name) => statSync(path.join(setsRoot, name)).isDirectory())
    .sort();
}

