import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers/cli.js';

test('npm pack yields a tarball that installs into an empty folder and runs there', { timeout: 300_000 }, () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-pack-'));
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
    cwd: REPO,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(info, 'npm pack printed its result');
  const files = info.files.map((f) => f.path);
  assert.ok(files.includes('dist/src/cli/main.js'), 'the built CLI is in the tarball');
  assert.ok(files.some((f) => f.startsWith('dist/rules/')), 'the rules are in the tarball');
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources or tests');

  const app = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-app-'));
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', path.join(out, info.filename)], {
    cwd: app,
    stdio: 'ignore',
  });
  writeFileSync(path.join(app, '1_add_index.up.sql'), 'CREATE INDEX users_email_idx ON users (email);\n');
  const run = spawnSync(path.join(app, 'node_modules/.bin/ddlguard'), ['lint', '1_add_index.up.sql', '--format', 'json'], {
    cwd: app,
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; line: number; column: number }> };
  assert.deepEqual(
    report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.line}:${f.column}`),
    ['require-concurrent-index-creation 1:1'],
  );
});
