/**
 * End-to-end: the whole rule catalogue against independently written migration sets.
 *
 * Every folder in test/sets-catalogue/<name>/ holds `migrations/` (in one of the layouts), `expected.json` and
 * optionally `ddlguard.config.json` (found by the CLI itself, upward from each linted file). The expectations were
 * written by hand from the specification (shared rules.md + design.md), not from the implementation. Unlike
 * test/sets, no rule is turned off here: every rule at its default severity (plus what the set's own config says)
 * runs, so the sets measure both
 *   - recall: the expected findings (the unsafe statements) the CLI reports, and
 *   - silence: findings the CLI reports that were not expected (the safe statements must stay quiet).
 *
 * expected.json: { "exitCode": 0 | 1 | 2, "findings": [{ "ruleId", "file", "line", "column", "severity" }] }
 * `file` is relative to the set folder, as the CLI prints it when run there with the argument `migrations`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const setsRoot = path.join(repoRoot, 'test', 'sets-catalogue');

type Severity = 'error' | 'warning' | 'info';

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  severity: Severity;
}

interface Expected {
  exitCode: 0 | 1 | 2;
  findings: Finding[];
}

interface Summary {
  error: number;
  warning: number;
  info: number;
}

interface CliOutput {
  findings: Finding[];
  summary: Summary;
}

interface Score {
  set: string;
  expected: number;
  found: number;
  unexpected: number;
  exitOk: boolean;
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

function parseExpected(text: string, where: string): Expected {
  const raw: unknown = JSON.parse(text);
  assert.ok(isRecord(raw), `${where}: must hold an object`);
  const { exitCode, findings } = raw;
  assert.ok(exitCode === 0 || exitCode === 1 || exitCode === 2, `${where}: exitCode must be 0, 1 or 2`);
  assert.ok(Array.isArray(findings), `${where}: findings must be an array`);
  const list: unknown[] = findings;
  return { exitCode, findings: list.map((f, i) => toFinding(f, `${where} findings[${i}]`)) };
}

function parseCliOutput(stdout: string, where: string): CliOutput {
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

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  if (a.severity !== b.severity) return a.severity < b.severity ? -1 : 1;
  return 0;
}

/** The compared fields only, in a fixed key order, sorted: robust to the CLI's own ordering and extra fields. */
function normalize(findings: readonly Finding[]): Finding[] {
  return findings
    .map(({ ruleId, file, line, column, severity }) => ({ ruleId, file, line, column, severity }))
    .sort(compareFindings);
}

function key(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.ruleId} (${f.severity})`;
}

/** Multiset difference: what `expected` holds that `actual` lacks (missing) and the reverse (unexpected). */
function diff(expected: readonly Finding[], actual: readonly Finding[]): { missing: string[]; unexpected: string[] } {
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

function listSets(): string[] {
  if (!existsSync(setsRoot)) return [];
  return readdirSync(setsRoot)
    .filter((name) => statSync(path.join(setsRoot, name)).isDirectory())
    .sort();
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function scoreLine(s: Score): string {
  const recall = `recall ${s.found}/${s.expected} (${percent(s.found, s.expected)})`;
  return `${s.set}: ${recall}, silence: ${s.unexpected} unexpected finding(s), exit code ${s.exitOk ? 'ok' : 'WRONG'}`;
}

const scores: Score[] = [];

describe('catalogue migration sets (built CLI, every rule at its default, --format json)', () => {
  after(() => {
    if (scores.length === 0) return;
    const total = scores.reduce(
      (acc, s) => ({ expected: acc.expected + s.expected, found: acc.found + s.found, unexpected: acc.unexpected + s.unexpected }),
      { expected: 0, found: 0, unexpected: 0 },
    );
    const lines = scores.map((s) => `  ${scoreLine(s)}`);
    lines.push(
      `  all sets: recall ${total.found}/${total.expected} (${percent(total.found, total.expected)}), ` +
        `silence: ${total.unexpected} unexpected finding(s)`,
    );
    console.log(`catalogue sets:\n${lines.join('\n')}`);
  });

  test('the CLI is built', () => {
    assert.ok(
      existsSync(cliPath),
      `${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first (npm test builds before testing)`,
    );
  });

  const sets = listSets();

  test('there are catalogue sets to run', () => {
    assert.ok(sets.length >= 4, `expected at least 4 sets under test/sets-catalogue, found ${sets.length}`);
  });

  for (const name of sets) {
    test(name, (t) => {
      assert.ok(existsSync(cliPath), `${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first`);
      const setDir = path.join(setsRoot, name);
      const expectedPath = path.join(setDir, 'expected.json');
      assert.ok(existsSync(expectedPath), `${name}: expected.json is missing`);
      assert.ok(existsSync(path.join(setDir, 'migrations')), `${name}: migrations/ is missing`);
      const expected = parseExpected(readFileSync(expectedPath, 'utf8'), `${name}/expected.json`);

      const run = spawnSync(process.execPath, [cliPath, 'lint', 'migrations', '--format', 'json'], {
        cwd: setDir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(run.error, undefined, `${name}: could not run the CLI: ${String(run.error)}`);
      const output = parseCliOutput(run.stdout, name);

      const want = normalize(expected.findings);
      const got = normalize(output.findings);
      const { missing, unexpected } = diff(want, got);
      const score: Score = {
        set: name,
        expected: want.length,
        found: want.length - missing.length,
        unexpected: unexpected.length,
        exitOk: run.status === expected.exitCode,
      };
      scores.push(score);
      t.diagnostic(scoreLine(score));

      const report = [
        scoreLine(score),
        ...(missing.length > 0 ? ['missed (expected, not reported):', ...missing.map((m) => `  - ${m}`)] : []),
        ...(unexpected.length > 0 ? ['unexpected (reported, not expected):', ...unexpected.map((u) => `  + ${u}`)] : []),
      ].join('\n');

      assert.deepEqual(got, want, `${name}: findings differ\n${report}`);
      assert.equal(
        run.status,
        expected.exitCode,
        `${name}: exit code ${String(run.status)}, expected ${expected.exitCode}\n${report}\n--- stderr ---\n${run.stderr}`,
      );

      const bySeverity = (s: Severity): number => output.findings.filter((f) => f.severity === s).length;
      assert.deepEqual(
        output.summary,
        { error: bySeverity('error'), warning: bySeverity('warning'), info: bySeverity('info') },
        `${name}: summary counts must match the findings`,
      );
    });
  }
});
