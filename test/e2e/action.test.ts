/**
 * The GitHub Action's entry (dist/src/action/main.js, as action.yml runs it) in the environment GitHub sets:
 * a real git repository with a base and a head commit, a pull_request payload in GITHUB_EVENT_PATH,
 * GITHUB_WORKSPACE, INPUT_* variables, and GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redactor, redactUrl } from '../../src/action/redact.js';
import { REPO } from '../helpers/cli.js';

const ACTION = path.join(REPO, 'dist/src/action/main.js');
const SERVER = 'https://github.com';
const REPOSITORY = 'acme/shop';
const DOCS = 'https://github.com/ddlguard/ddlguard/blob/main/docs/rules';
const PASSWORD = 'Sup3r-S3cret-pw';
const DATABASE_URL = `postgres://app:${PASSWORD}@db.internal:5432/shop`;
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

const BASE_FILES: Record<string, string> = {
  // the repository's own config: the two rules that flag every statement of plain files are off, and
  // mixing-ddl-and-dml is an info, so the run shows all three kinds of annotation
  'ddlguard.config.json': JSON.stringify({
    rules: { 'prefer-robust-stmts': 'off', 'require-statement-timeout': 'off', 'mixing-ddl-and-dml': 'info' },
  }),
  'db/migrations/001_create_users.sql':
    'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n',
  // unsafe, but merged long ago and untouched by the pull request: never reported
  'db/migrations/002_legacy_index.sql': 'CREATE INDEX users_email_idx ON users (email);\n',
  'db/migrations/003_add_plan.sql': 'ALTER TABLE users ADD COLUMN plan text;\n',
  // unsafe, untouched, in another folder
  'db/reporting/001_events_index.sql': 'CREATE INDEX events_id_idx ON events (id);\n',
  'README.md': '# shop\n',
};

const HEAD_CHANGES: Record<string, string> = {
  // changed by the pull request
  'db/migrations/003_add_plan.sql': 'ALTER TABLE users ADD COLUMN plan text NOT NULL;\n',
  // added by the pull request
  'db/migrations/004_backfill.sql':
    "SET lock_timeout = '2s';\nCREATE INDEX users_created_at_idx\n  ON users (created_at);\nUPDATE users SET plan = 'free';\n",
  'README.md': '# shop\n\nNow with plans.\n',
};

interface Repo {
  dir: string;
  base: string;
  head: string;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim();
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/** A repository whose main branch has the base commit and whose feature branch (checked out) adds the head commit. */
function makeRepo(baseFiles = BASE_FILES, headChanges = HEAD_CHANGES): Repo {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-action-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, baseFiles);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFiles(dir, headChanges);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD') };
}

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** `::command ...` lines. */
  commands: string[];
  summary: string;
  outputs: Record<string, string>;
  /** Everything the run wrote anywhere a person or another step can read it. */
  everything: string;
}

/** Parses the GITHUB_OUTPUT file: `name<<delimiter` / value lines / `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[i] ?? '');
    if (!header?.[1] || !header[2]) continue;
    const end = lines.indexOf(header[2], i + 1);
    assert.ok(end > i, `the delimiter of ${header[1]} closes its value`);
    outputs[header[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

function runAction(
  repo: Repo,
  inputs: Record<string, string>,
  options: { event?: 'pull_request' | 'push'; base?: string; extraEnv?: Record<string, string> } = {},
): ActionRun {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build first`);
  const runner = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-action-runner-'));
  const event = options.event ?? 'pull_request';
  const eventPath = path.join(runner, 'event.json');
  const payload =
    event === 'pull_request'
      ? {
          action: 'synchronize',
          number: 42,
          pull_request: {
            number: 42,
            base: { ref: 'main', sha: options.base ?? repo.base },
            head: { ref: 'feature', sha: repo.head },
          },
        }
      : { ref: 'refs/heads/feature', before: repo.base, after: repo.head };
  writeFileSync(eventPath, JSON.stringify(payload));
  const summaryPath = path.join(runner, 'step_summary');
  const outputPath = path.join(runner, 'output');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');

  // only what a runner sets: nothing of this machine's own GITHUB_* / INPUT_* variables leaks in
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.homedir(),
    NO_COLOR: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_SHA: repo.head,
    GITHUB_SERVER_URL: SERVER,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: runner,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, options.extraEnv);

  const result = spawnSync(process.execPath, [ACTION], { cwd: repo.dir, env, encoding: 'utf8' });
  const summary = readFileSync(summaryPath, 'utf8');
  const outputText = readFileSync(outputPath, 'utf8');
  rmSync(runner, { recursive: true, force: true });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    commands: result.stdout.split('\n').filter((line) => line.startsWith('::')),
    summary,
    outputs: parseOutputs(outputText),
    everything: [result.stdout, result.stderr, summary, outputText].join('\n'),
  };
}

describe('the GitHub Action', { timeout: 120_000 }, () => {
  let repo: Repo;
  before(() => {
    repo = makeRepo();
  });
  after(() => {
    rmSync(repo.dir, { recursive: true, force: true });
  });

  test('on a pull request: annotations, summary, outputs and SARIF for the changed migrations only', () => {
    const run = runAction(repo, {
      paths: '.',
      'fail-on': 'error',
      'only-changed': 'true',
      'database-url': DATABASE_URL,
      'sarif-file': 'reports/ddlguard.sarif',
    });

    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(run.commands, [
      '::notice title=ddlguard::database-url is set (postgres://app:***@db.internal:5432/shop), but live lock-time ' +
        'estimates are not built yet: ddlguard does not connect to it, and the findings come from the migration files alone.',
      '::warning title=require-lock-timeout,file=db/migrations/003_add_plan.sql,line=1,endLine=1,col=1,endColumn=48::' +
        'This statement takes ACCESS EXCLUSIVE on "users" before any lock_timeout is set: while it waits for the lock, ' +
        'every query on that table queues behind it, for as long as the wait lasts. Set a short lock timeout at the top ' +
        "of the migration (PostgreSQL: SET lock_timeout = '2s'; MySQL: SET SESSION lock_wait_timeout = 5), and retry when it expires.",
      '::error title=adding-required-field,file=db/migrations/003_add_plan.sql,line=1,endLine=1,col=30,endColumn=48::' +
        'Adding column "plan" to "users" as NOT NULL without a default fails on a table with rows and breaks inserts from ' +
        'code that does not set it yet. Add the column as nullable (or with a constant default), backfill it in batches, then enforce NOT NULL.',
      // the statement spans lines 2-3: GitHub takes no columns for such an annotation
      '::error title=require-concurrent-index-creation,file=db/migrations/004_backfill.sql,line=2,endLine=3::' +
        'Creating index "users_created_at_idx" on "users" without CONCURRENTLY blocks writes to "users" (SHARE lock) until ' +
        'the index is built. Use CREATE INDEX CONCURRENTLY, in a migration that does not run inside a transaction.',
      '::notice title=mixing-ddl-and-dml,file=db/migrations/004_backfill.sql,line=4,endLine=4,col=1,endColumn=31::' +
        'This migration changes data of "users" and also changes the schema (the statement on line 2 creates an index on ' +
        '"users"): run data changes in a migration of their own. Put the data change in a migration (or backfill job) of ' +
        'its own, separate from the schema change.',
      '::error title=unbatched-update,file=db/migrations/004_backfill.sql,line=4,endLine=4,col=1,endColumn=31::' +
        'UPDATE of every row of "users" in one statement (with no WHERE) locks every row it touches until the transaction ' +
        'ends. Backfill in key-range batches, each in its own short transaction, outside the schema migration.',
      '::error::ddlguard: 3 errors (fail-on: error)',
    ]);
    // the log also holds the stylish report, for people
    assert.match(run.stdout, /^db\/migrations\/004_backfill\.sql$/m);
    assert.ok(run.stdout.includes(`\nddlguard ${VERSION}: 3 errors, 1 warning, 1 info in 2 files changed under . (${repo.base.slice(0, 7)}...${repo.head.slice(0, 7)})\n`));

    const short = `${repo.base.slice(0, 7)}...${repo.head.slice(0, 7)}`;
    const blob = `${SERVER}/${REPOSITORY}/blob/${repo.head}`;
    const row = (file: string, line: number, severity: string, rule: string, message: string): string =>
      `<tr><td><a href="${blob}/${file}#L${line}"><code>${file}:${line}</code></a></td><td>${severity}</td>` +
      `<td><a href="${DOCS}/${rule}.md">${rule}</a></td><td>${message}</td></tr>`;
    const expectedSummary =
      '<h2>ddlguard</h2>\n' +
      `<p>3 errors, 1 warning, 1 info in 2 files changed under . (${short}).</p>\n` +
      '<table><tr><th>File</th><th>Severity</th><th>Rule</th><th>Message</th></tr>' +
      row(
        'db/migrations/003_add_plan.sql', 1, 'warning', 'require-lock-timeout',
        'This statement takes ACCESS EXCLUSIVE on &quot;users&quot; before any lock_timeout is set: while it waits for the lock, ' +
          'every query on that table queues behind it, for as long as the wait lasts.<br>Set a short lock timeout at the top ' +
          "of the migration (PostgreSQL: SET lock_timeout = '2s'; MySQL: SET SESSION lock_wait_timeout = 5), and retry when it expires.",
      ) +
      row(
        'db/migrations/003_add_plan.sql', 1, 'error', 'adding-required-field',
        'Adding column &quot;plan&quot; to &quot;users&quot; as NOT NULL without a default fails on a table with rows and breaks ' +
          'inserts from code that does not set it yet.<br>Add the column as nullable (or with a constant default), backfill it in ' +
          'batches, then enforce NOT NULL.',
      ) +
      row(
        'db/migrations/004_backfill.sql', 2, 'error', 'require-concurrent-index-creation',
        'Creating index &quot;users_created_at_idx&quot; on &quot;users&quot; without CONCURRENTLY blocks writes to &quot;users&quot; ' +
          '(SHARE lock) until the index is built.<br>Use CREATE INDEX CONCURRENTLY, in a migration that does not run inside a transaction.',
      ) +
      row(
        'db/migrations/004_backfill.sql', 4, 'info', 'mixing-ddl-and-dml',
        'This migration changes data of &quot;users&quot; and also changes the schema (the statement on line 2 creates an index on ' +
          '&quot;users&quot;): run data changes in a migration of their own.<br>Put the data change in a migration (or backfill job) ' +
          'of its own, separate from the schema change.',
      ) +
      row(
        'db/migrations/004_backfill.sql', 4, 'error', 'unbatched-update',
        'UPDATE of every row of &quot;users&quot; in one statement (with no WHERE) locks every row it touches until the transaction ' +
          'ends.<br>Backfill in key-range batches, each in its own short transaction, outside the schema migration.',
      ) +
      '</table>\n';
    assert.equal(run.summary, expectedSummary);

    assert.deepEqual(run.outputs, { errors: '3', warnings: '1', infos: '1', files: '2' });

    // the SARIF log holds the same five findings
    const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'reports/ddlguard.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    assert.deepEqual(
      sarif.runs[0]?.results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`),
      [
        'require-lock-timeout db/migrations/003_add_plan.sql',
        'adding-required-field db/migrations/003_add_plan.sql',
        'require-concurrent-index-creation db/migrations/004_backfill.sql',
        'mixing-ddl-and-dml db/migrations/004_backfill.sql',
        'unbatched-update db/migrations/004_backfill.sql',
      ],
    );

    // untouched files are never reported, however unsafe
    assert.doesNotMatch(run.everything, /002_legacy_index|reporting/);
    // the password appears nowhere: not in the log, the summary or the outputs
    assert.ok(!run.everything.includes(PASSWORD), 'the database password is never printed');
    assert.ok(!run.everything.includes(DATABASE_URL));
  });

  test('earlier migrations of the set still build the schema of the changed ones', () => {
    // the pull request changes a column type; the column was declared by an untouched earlier migration
    const typed = makeRepo(
      { 'migrations/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n' },
      { 'migrations/002_email_type.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN email TYPE varchar(320);\n" },
    );
    try {
      const run = runAction(typed, { paths: 'migrations', format: 'github' });
      assert.equal(run.status, 1);
      const typeChange = run.commands.find((line) => line.includes('title=changing-column-type'));
      assert.match(typeChange ?? '', /file=migrations\/002_email_type\.sql,line=2,.*::Changing "users"\."email" from text to /);
      assert.ok(run.commands.every((line) => !line.includes('001_users')));
      // format github: the annotations are the log, with no other report beside them
      assert.deepEqual(run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('::')), [
        `ddlguard ${VERSION}: 1 error, 2 warnings, 0 infos in 1 file changed under migrations (${typed.base.slice(0, 7)}...${typed.head.slice(0, 7)})`,
      ]);
    } finally {
      rmSync(typed.dir, { recursive: true, force: true });
    }
  });

  test('exit 0 when nothing reaches fail-on; fail-on warning fails on a warning', () => {
    writeFileSync(
      path.join(repo.dir, 'lenient.json'),
      JSON.stringify({
        rules: {
          'prefer-robust-stmts': 'off',
          'require-statement-timeout': 'off',
          'mixing-ddl-and-dml': 'info',
          'adding-required-field': 'off',
          'require-concurrent-index-creation': 'warning',
          'unbatched-update': 'off',
        },
      }),
    );
    const passing = runAction(repo, { config: 'lenient.json', 'fail-on': 'error' });
    assert.equal(passing.status, 0, passing.stdout);
    assert.deepEqual(passing.outputs, { errors: '0', warnings: '2', infos: '1', files: '2' });
    assert.deepEqual(
      passing.commands.map((line) => line.slice(0, line.indexOf('::', 2))),
      [
        '::warning title=require-lock-timeout,file=db/migrations/003_add_plan.sql,line=1,endLine=1,col=1,endColumn=48',
        '::warning title=require-concurrent-index-creation,file=db/migrations/004_backfill.sql,line=2,endLine=3',
        '::notice title=mixing-ddl-and-dml,file=db/migrations/004_backfill.sql,line=4,endLine=4,col=1,endColumn=31',
      ],
    );

    const strict = runAction(repo, { config: 'lenient.json', 'fail-on': 'warning' });
    assert.equal(strict.status, 1);
    assert.equal(strict.commands.at(-1), '::error::ddlguard: 2 errors or warnings (fail-on: warning)');
  });

  test('outside a pull request, or with only-changed false, every migration is linted', () => {
    for (const run of [runAction(repo, {}, { event: 'push' }), runAction(repo, { 'only-changed': 'false' })]) {
      assert.equal(run.status, 1);
      assert.equal(run.outputs.files, '5');
      const files = new Set(run.commands.map((line) => /file=([^,]+)/.exec(line)?.[1]).filter((file) => file !== undefined));
      assert.deepEqual(
        [...files].sort(),
        ['db/migrations/002_legacy_index.sql', 'db/migrations/003_add_plan.sql', 'db/migrations/004_backfill.sql', 'db/reporting/001_events_index.sql'],
      );
    }
  });

  test('a pull request that changes no migration passes with an empty report', () => {
    const run = runAction(repo, {}, { base: repo.head });
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(run.commands, []);
    assert.deepEqual(run.outputs, { errors: '0', warnings: '0', infos: '0', files: '0' });
    const range = `${repo.head.slice(0, 7)}...${repo.head.slice(0, 7)}`;
    assert.equal(run.summary, `<h2>ddlguard</h2>\n<p>No migration file under . changed (${range}).</p>\n`);
  });

  test('a base commit missing from the checkout fails the step with what to do (exit 2)', () => {
    const run = runAction(repo, {}, { base: 'f'.repeat(40) });
    assert.equal(run.status, 2);
    assert.equal(run.commands.length, 1);
    assert.match(run.commands[0] ?? '', /^::error::ddlguard: cannot list the files changed between f{40} and [0-9a-f]{40} .*fetch-depth: 0/);
    assert.deepEqual(run.outputs, {});
  });

  test('a bad input fails the step (exit 2) and names it', () => {
    const run = runAction(repo, { 'fail-on': 'sometimes', 'database-url': DATABASE_URL });
    assert.equal(run.status, 2);
    assert.deepEqual(run.commands, ['::error::ddlguard: fail-on must be error or warning, got "sometimes"']);
    assert.ok(!run.everything.includes(PASSWORD));
  });
});

test('action.yml passes every input to the entry under a name it reads', () => {
  const actionYml = readFileSync(path.join(REPO, 'action.yml'), 'utf8');
  const declared = [...(/^inputs:\n((?: {2}.*\n|\n)*)/m.exec(actionYml)?.[1] ?? '').matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
  const passed = [...actionYml.matchAll(/^ +(INPUT_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(declared, ['paths', 'config', 'fail-on', 'format', 'only-changed', 'database-url', 'sarif-file']);
  // a composite action gets no INPUT_* from the runner: each input is passed on, with _ for - (as a shell allows)
  assert.deepEqual(
    passed,
    declared.map((name) => [`INPUT_${(name ?? '').replace(/-/g, '_').toUpperCase()}`, name]),
  );
  assert.match(actionYml, /run: node "\$GITHUB_ACTION_PATH\/dist\/src\/action\/main\.js"/);

  // the entry honours those names
  const repo = makeRepo();
  try {
    const env = { INPUT_FAIL_ON: 'warning', INPUT_ONLY_CHANGED: 'false', INPUT_FORMAT: 'github', INPUT_PATHS: 'db/migrations' };
    const run = runAction(repo, {}, { extraEnv: env });
    // an error and a lock-timeout warning in each of 002 and 003, two errors in 004 (its mixing-ddl-and-dml is an info)
    assert.equal(run.outputs.files, '4');
    assert.equal(run.commands.at(-1), '::error::ddlguard: 6 errors or warnings (fail-on: warning)');
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
});

test('database URLs are shown without their password', () => {
  assert.equal(redactUrl('postgres://app:s3cret@db.internal:5432/prod'), 'postgres://app:***@db.internal:5432/prod');
  assert.equal(redactUrl('postgresql://app:p@ss:w/rd@db/prod?sslmode=require'), 'postgresql://app:***@db/prod?sslmode=require');
  assert.equal(redactUrl('mysql://root:p%40ss@127.0.0.1:3306/test'), 'mysql://root:***@127.0.0.1:3306/test');
  assert.equal(redactUrl('postgres://app@db/prod'), 'postgres://app@db/prod');
  assert.equal(redactUrl("host=db user=app password='s3 cret' dbname=prod"), 'host=db user=app password=*** dbname=prod');

  const redactor = new Redactor();
  redactor.addUrl('mysql://root:p%40ss@127.0.0.1:3306/test');
  assert.equal(
    redactor.redact('connect mysql://root:p%40ss@127.0.0.1:3306/test failed: password p@ss or p%40ss rejected'),
    'connect mysql://root:***@127.0.0.1:3306/test failed: password *** or *** rejected',
  );
});
