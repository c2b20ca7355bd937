import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { runCli, tempTree } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';

describe('report formats through the CLI', () => {
  test('--format sarif is a valid SARIF 2.1.0 log with rule metadata', () => {
    
    const run = runCli(['lint', 'examples/migrations', '--format', 'sarif']);
    assert.equal(run.status, 1, run.stderr);
    const log: unknown = JSON.parse(run.stdout);
    assert.deepEqual(validateSarif(log), []);
    const sarif = log as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; level: string }> }> };
    const [runLog] = sarif.runs;
    assert.ok(runLog);
    const errorRules = runLog.results.filter((r) => r.level === 'error').map((r) => r.ruleId);
    assert.deepEqual(errorRules, ['adding-required-field', 'require-concurrent-index-creation', 'unbatched-update', 'renaming-column']);
    assert.equal(runLog.results.length, 17);
    assert.ok(runLog.tool.driver.rules.every((r) => r.helpUri.endsWith(`/${r.id}.md`)));
  });

  test('--format github prints one workflow command per finding', () => {
    const dir = tempTree({ 'm.sql': "SET lock_timeout = '1s';\nDROP INDEX IF EXISTS a;\n" });
    const run = runCli(['lint', 'm.sql', '--format', 'github'], { cwd: dir });
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^::error file=m\.sql,line=2,col=1,endLine=2,endColumn=23,title=require-concurrent-index-deletion::Dropping index "a"/);
  });

  test('--format junit and gitlab', () => {
    const dir = tempTree({ 'm.sql': "SET lock_timeout = '1s';\nDROP INDEX IF EXISTS a;\n" });
    const junit = runCli(['lint', 'm.sql', '--format', 'junit'], { cwd: dir });
    assert.match(junit.stdout, /<testsuite name="m\.sql" tests="1" failures="1"/);
    const gitlab = runCli(['lint', 'm.sql', '--format', 'gitlab'], { cwd: dir });
    const issues = JSON.parse(gitlab.stdout) as Array<{ check_name: string; severity: string; location: { path: string; lines: { begin: number } } }>;
    assert.deepEqual(
      issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
      [['require-concurrent-index-deletion', 'major', 'm.sql', 2]],
    );
  });

  test('the SARIF schema used here is the real one (an invalid log fails it)', () => {
    
    assert.notDeepEqual(validateSarif({ version: '2.1.0' }), []);
    const require = createRequire(import.meta.url);
    assert.match(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'), /Static Analysis Results Format/);
  });
});
