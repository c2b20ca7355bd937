import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers/cli.js';

test("the README's first command: npx ddlguard lint examples/migrations", { timeout: 120_000 }, () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /npm ci && npx ddlguard lint examples\/migrations/);
  const run = spawnSync('npx', ['--no-install', 'ddlguard', 'lint', 'examples/migrations', '--format', 'json'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { summary: { files: number; error: number } };
  assert.deepEqual([report.summary.files, report.summary.error], [12, 4]);
});
