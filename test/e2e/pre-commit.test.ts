/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run by the real `pre-commit` program, the way a user's repository
 * runs it: a `.pre-commit-config.yaml` naming this repository and a commit, `pre-commit install`, then `git commit`.
 *
 * pre-commit clones the repository at that commit, so the test first snapshots this working tree (every file git
 * would commit: tracked and untracked, minus what .gitignore ignores) into a temporary repository and commits it:
 * uncommitted work is tested too. Installing the hook (`language: node`) runs `npm install`, `npm pack` (which
 * builds through `prepare`) and `npm install -g` of the tarball: it needs the npm registry (or a warm npm cache) and
 * takes about half a minute. `pre-commit` must be installed (the Debian package; .ci/run installs it): without it
 * this test fails, it never skips.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO } from '../helpers/cli.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

let scratch: string;
let env: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

function run(cwd: string, command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8' });
}

/** This working tree as a one-commit repository: what pre-commit would clone if the work were committed. */
function snapshotRepository(): { dir: string; rev: string } {
  const dir = path.join(scratch, 'ddlguard');
  mkdirSync(dir);
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  for (const file of new Set(listed.split('\0').filter((name) => name !== ''))) {
    const from = path.join(REPO, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(from, path.join(dir, file));
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot of the working tree');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD') };
}

before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-pre-commit-'));
  env = {
    ...process.env,
    ...GIT_ENV,
    // a cache of its own: the hook is installed from this snapshot, never reused from an earlier run
    PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home'),
    NO_COLOR: '1',
  };
  delete env.FORCE_COLOR;
  delete env.PRE_COMMIT_COLOR;
  delete env.SKIP;
});

after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test('the pre-commit hook refuses a commit with an unsafe migration and accepts the fixed one', { timeout: 600_000 }, () => {
  const version = run(scratch, 'pre-commit', ['--version']);
  assert.ok(
    version.error === undefined && version.status === 0,
    'the pre-commit program is not installed (or does not run): install it with `apt-get install -y pre-commit` ' +
      `(Debian package; .ci/run does this in CI) — ${version.error?.message ?? version.stderr}`,
  );

  const hookRepo = snapshotRepository();
  const app = path.join(scratch, 'app');
  mkdirSync(path.join(app, 'migrations'), { recursive: true });
  git(app, 'init', '-q', '-b', 'main');
  writeFileSync(
    path.join(app, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hookRepo.dir}\n    rev: ${hookRepo.rev}\n    hooks:\n      - id: ddlguard\n`,
  );
  writeFileSync(path.join(app, 'README.md'), '# app\n');
  git(app, 'add', '-A');
  git(app, 'commit', '-q', '--no-verify', '-m', 'pre-commit config');
  const installed = run(app, 'pre-commit', ['install']);
  assert.equal(installed.status, 0, installed.stdout + installed.stderr);

  // an unsafe migration: the hook fails, git refuses the commit, and the finding is printed
  writeFileSync(path.join(app, 'migrations/001_users_email_idx.sql'), 'CREATE INDEX users_email_idx ON users (email);\n');
  git(app, 'add', '-A');
  const refused = run(app, 'git', ['commit', '-m', 'index users by email']);
  const refusedOutput = refused.stdout + refused.stderr;
  assert.doesNotMatch(
    refusedOutput,
    /seems to be corrupted|An unexpected error has occurred/,
    'pre-commit could not install the node hook. With npm 10 or newer, `npm pack` prints the `prepare` script on ' +
      'stdout, and pre-commit takes all of its stdout for the tarball name; the repository needs an .npmrc with ' +
      `foreground-scripts=false.\n${refusedOutput}`,
  );
  assert.equal(refused.status, 1, refusedOutput);
  assert.match(refusedOutput, /^ddlguard\.+Failed$/m);
  assert.match(refusedOutput, /^- exit code: 1$/m);
  assert.match(refusedOutput, /^migrations\/001_users_email_idx\.sql$/m);
  assert.match(
    refusedOutput,
    /^ {2}1:1 {2}error {2}require-concurrent-index-creation {2}Creating index "users_email_idx" on "users" without CONCURRENTLY/m,
  );
  assert.match(refusedOutput, /help: Use CREATE INDEX CONCURRENTLY/);
  assert.equal(git(app, 'rev-list', '--count', 'HEAD'), '1', 'the commit was refused');

  // fixed: the hook passes and the commit is made
  writeFileSync(
    path.join(app, 'migrations/001_users_email_idx.sql'),
    "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n",
  );
  git(app, 'add', '-A');
  const accepted = run(app, 'git', ['commit', '-m', 'index users by email, concurrently']);
  const acceptedOutput = accepted.stdout + accepted.stderr;
  assert.equal(accepted.status, 0, acceptedOutput);
  assert.match(acceptedOutput, /^ddlguard\.+Passed$/m);
  assert.equal(git(app, 'rev-list', '--count', 'HEAD'), '2', 'the commit was made');

  // a commit without SQL files does not run the hook (types: [sql])
  writeFileSync(path.join(app, 'README.md'), '# app\n\nMigrations live in migrations/.\n');
  git(app, 'add', '-A');
  const docsOnly = run(app, 'git', ['commit', '-m', 'docs']);
  assert.equal(docsOnly.status, 0, docsOnly.stdout + docsOnly.stderr);
  assert.match(docsOnly.stdout + docsOnly.stderr, /^ddlguard\.+\(no files to check\)Skipped$/m);
});
