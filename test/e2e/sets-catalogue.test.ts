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
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diff, listSets, normalize, parseCliOutput, parseExpected, type Severity } from '../helpers/sets.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const setsRoot = path.join(repoRoot, 'test', 'sets-catalogue');

interface Score {
  set: string;
  expected: number;
  found: number;
  unexpected: number;
  exitOk: boolean;
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

  const sets = listSets(setsRoot);

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
