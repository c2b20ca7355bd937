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
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listSets, normalize, parseCliOutput, parseExpected, type Severity } from '../helpers/sets.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const setsRoot = path.join(repoRoot, 'test', 'sets');

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

  const sets = listSets(setsRoot);

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
