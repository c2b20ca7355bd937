/**
 * End-to-end: run the BUILT CLI over every migration set in test/sets/<name>/ and compare its JSON output with the
 * set's expected.json, written by hand from the specification (docs: shared design.md + rules.md).
 *
 * Each set folder holds `migrations/` (in one of the layouts) and `expected.json`:
 *   { "exitCode": 0 | 1 | 2, "findings": [{ "ruleId", "file", "line", "column", "severity" }] }
 * `file` is relative to the set folder, as the CLI prints it when run there with the argument `migrations`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const setsRoot = path.join(repoRoot, 'test', 'sets');

type Severity = 'error' | 'warning' | 'info';

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  severity: Severity;
}

interface Expected {
  exitCode: number;
  findings: ExpectedFinding[];
}

interface CliOutput {
  version: number;
  findings: ExpectedFinding[];
  summary: { error: number; warning: number; info: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeverity(value: unknown): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info';
}

/** Narrow one finding (from expected.json or from the CLI) to the compared fields; throw on a malformed one. */
function toFinding(value: unknown, where: string): ExpectedFinding {
  assert.ok(isRecord(value), `${where}: a finding must be an object, got ${JSON.stringify(value)}`);
  const { ruleId, file, line, column, severity } = value;
  assert.equal(typeof ruleId, 'string', `${where}: ruleId must be a string in ${JSON.stringify(value)}`);
  assert.equal(typeof file, 'string', `${where}: file must be a string in ${JSON.stringify(value)}`);
  assert.ok(Number.isInteger(line), `${where}: line must be an integer in ${JSON.stringify(value)}`);
  assert.ok(Number.isInteger(column), `${where}: column must be an integer in ${JSON.stringify(value)}`);
  assert.ok(isSeverity(severity), `${where}: severity must be error|warning|info in ${JSON.stringify(value)}`);
  return {
    ruleId: ruleId as string,
    file: file as string,
    line: line as number,
    column: column as number,
    severity,
  };
}

function parseExpected(text: string, where: string): Expected {
  const raw: unknown = JSON.parse(text);
  assert.ok(isRecord(raw), `${where}: must hold an object`);
  const { exitCode, findings } = raw;
  assert.ok(exitCode === 0 || exitCode === 1 || exitCode === 2, `${where}: exitCode must be 0, 1 or 2`);
  assert.ok(Array.isArray(findings), `${where}: findings must be an array`);
  return { exitCode, findings: findings.map((f: unknown, i) => toFinding(f, `${where} findings[${i}]`)) };
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
  const counts = { error: summary.error, warning: summary.warning, info: summary.info };
  for (const [key, n] of Object.entries(counts)) {
    assert.ok(Number.isInteger(n), `${where}: summary.${key} must be an integer`);
  }
  return {
    version,
    findings: findings.map((f: unknown, i) => toFinding(f, `${where} findings[${i}]`)),
    summary: { error: counts.error as number, warning: counts.warning as number, info: counts.info as number },
  };
}

function compareFindings(a: ExpectedFinding, b: ExpectedFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return 0;
}

/** The compared fields only, in a fixed key order, sorted: robust to the CLI's own ordering and extra fields. */
function normalize(findings: readonly ExpectedFinding[]): ExpectedFinding[] {
  return findings
    .map(({ ruleId, file, line, column, severity }) => ({ ruleId, file, line, column, severity }))
    .sort(compareFindings);
}

function listSets(): string[] {
  return readdirSync(setsRoot)
    .filter((name) => statSync(path.join(setsRoot, name)).isDirectory())
    .sort();
}

/**
 * The rules these sets were written for (the first nine of the catalogue). The sets' expectations cover these
 * only, so the run turns every other rule off: the set's own ddlguard.config.json plus those rules off.
 */
const SCOPE = new Set([
  'adding-required-field',
  'renaming-column',
  'renaming-table',
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'unbatched-update',
  'unbatched-delete',
  'syntax-error',
  'unused-ignore',
]);

function scopedConfig(setDir: string): string {
  const own = path.join(setDir, 'ddlguard.config.json');
  const base: Record<string, unknown> = existsSync(own) ? (JSON.parse(readFileSync(own, 'utf8')) as Record<string, unknown>) : {};
  const list = spawnSync(process.execPath, [cliPath, 'rules', '--format', 'json'], { encoding: 'utf8' });
  const ids = (JSON.parse(list.stdout) as Array<{ id: string }>).map((r) => r.id);
  const rules = Object.fromEntries(ids.filter((id) => !SCOPE.has(id)).map((id) => [id, 'off']));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ddlguard-set-')), 'ddlguard.config.json');
  writeFileSync(file, JSON.stringify({ ...base, rules }));
  return file;
}

void describe('migration sets (built CLI, --format json)', () => {
  void test('the CLI is built', () => {
    assert.ok(
      existsSync(cliPath),
      `${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first (npm test builds before testing)`,
    );
  });

  const sets = listSets();

  void test('there are migration sets to run', () => {
    assert.ok(sets.length >= 6, `expected at least 6 sets under test/sets, found ${sets.length}`);
  });

  for (const name of sets) {
    void test(name, () => {
      assert.ok(
        existsSync(cliPath),
        `${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first (npm test builds before testing)`,
      );
      const setDir = path.join(setsRoot, name);
      const expectedPath = path.join(setDir, 'expected.json');
      assert.ok(existsSync(expectedPath), `${name}: expected.json is missing`);
      assert.ok(existsSync(path.join(setDir, 'migrations')), `${name}: migrations/ is missing`);
      const expected = parseExpected(readFileSync(expectedPath, 'utf8'), `${name}/expected.json`);

      const config = scopedConfig(setDir);
      const run = spawnSync(process.execPath, [cliPath, 'lint', 'migrations', '--format', 'json', '--config', config], {
        cwd: setDir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(run.error, undefined, `${name}: could not run the CLI: ${String(run.error)}`);
      const context = `${name}: exit ${String(run.status)}\n--- stderr ---\n${run.stderr}\n--- stdout ---\n${run.stdout}`;
      const output = parseCliOutput(run.stdout, name);

      assert.deepEqual(normalize(output.findings), normalize(expected.findings), `${name}: findings differ`);
      assert.equal(run.status, expected.exitCode, `${name}: exit code\n${context}`);

      const bySeverity = (s: Severity): number => output.findings.filter((f) => f.severity === s).length;
      assert.deepEqual(
        output.summary,
        { error: bySeverity('error'), warning: bySeverity('warning'), info: bySeverity('info') },
        `${name}: summary counts must match the findings`,
      );
    });
  }
});
