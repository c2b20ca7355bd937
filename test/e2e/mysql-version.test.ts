import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseReport, runCli, tempTree } from '../helpers/cli.js';

const ADD_INSTANT = 'ALTER TABLE orders ADD COLUMN memo varchar(200), ALGORITHM=INSTANT;\n';

/** The mysql-unsafe-algorithm findings of a JSON report. */
const unsafe = (stdout: string) => parseReport(stdout).findings.filter((f) => f.ruleId === 'mysql-unsafe-algorithm');

describe('--mysql-version', () => {
  test('the verdict follows the server version: ALGORITHM=INSTANT fails on MySQL 5.7, runs on 8.0', () => {
    const root = tempTree({ 'm.sql': ADD_INSTANT });
    const args = ['lint', 'm.sql', '--dialect', 'mysql', '--format', 'json'];
    const old = runCli([...args, '--mysql-version', '5.7'], { cwd: root });
    assert.equal(old.status, 1, old.stderr);
    const findings = unsafe(old.stdout);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /MySQL 5\.7 has no ALGORITHM=INSTANT/);

    const current = runCli([...args, '--mysql-version', '8.0.12'], { cwd: root });
    assert.equal(current.status, 0, current.stdout + current.stderr);
    assert.deepEqual(unsafe(current.stdout), []);
    // the default is 8.0; the config's mysqlVersion applies when there is no flag
    assert.deepEqual(unsafe(runCli(args, { cwd: root }).stdout), []);
    const configured = tempTree({ 'm.sql': ADD_INSTANT, 'ddlguard.config.json': '{ "dialect": "mysql", "mysqlVersion": "mariadb-10.2" }' });
    assert.equal(unsafe(runCli(['lint', 'm.sql', '--format', 'json'], { cwd: configured }).stdout).length, 1);
  });

  test('an invalid version: exit 2 with a one-line message', () => {
    const root = tempTree({ 'm.sql': ADD_INSTANT });
    const run = runCli(['lint', 'm.sql', '--mysql-version', 'eight'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /--mysql-version: "eight" is not a server version/);
  });
});
