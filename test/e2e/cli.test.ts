import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { brief, errors, parseReport, runCli, tempTree } from '../helpers/cli.js';

describe('ddlguard lint', () => {
  test('the example folder: findings in migration order, exit 1', () => {
    const run = runCli(['lint', 'examples/migrations', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = parseReport(run.stdout);
    assert.deepEqual(errors(report), [
      'adding-required-field examples/migrations/000002_add_plan.up.sql:1:30',
      'require-concurrent-index-creation examples/migrations/000003_index_created_at.up.sql:1:1',
      'unbatched-update examples/migrations/000004_backfill_plan.up.sql:1:1',
      'renaming-column examples/migrations/000005_rename_email.up.sql:1:1',
    ]);
    assert.deepEqual(report.summary, { files: 12, error: 4, warning: 13, info: 0 });
    assert.deepEqual(
      brief(report).filter((b) => b.includes('000003')),
      [
        'prefer-robust-stmts examples/migrations/000003_index_created_at.up.sql:1:1',
        'require-concurrent-index-creation examples/migrations/000003_index_created_at.up.sql:1:1',
        'require-lock-timeout examples/migrations/000003_index_created_at.up.sql:1:1',
        'require-statement-timeout examples/migrations/000003_index_created_at.up.sql:1:1',
      ],
    );
    const first = report.findings.find((f) => f.ruleId === 'adding-required-field');
    assert.ok(first);
    assert.deepEqual([first.endLine, first.endColumn], [1, 48]);
    assert.equal(first.severity, 'error');
    assert.match(first.help, /backfill/);
  });

  test('a clean file exits 0 and says so', () => {
    const dir = tempTree({ 'ok.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON a (x);\n' });
    const run = runCli(['lint', 'ok.sql'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /no problems \(1 file checked\)/);
  });

  test('an empty file and a comment-only file are valid migrations', () => {
    const dir = tempTree({ 'empty.sql': '', 'comments.sql': '-- nothing yet\n/* later */\n' });
    const run = runCli(['lint', 'empty.sql', 'comments.sql', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(parseReport(run.stdout).findings, []);
  });

  test('a missing path: one-line error naming it, exit 2, the other files still linted', () => {
    const dir = tempTree({ 'bad.sql': 'DROP INDEX a_idx;\n' });
    const run = runCli(['lint', 'nope.sql', 'bad.sql', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /nope\.sql/);
    assert.deepEqual(errors(parseReport(run.stdout)), ['require-concurrent-index-deletion bad.sql:1:1']);
  });

  test('a file that does not parse: one syntax-error at the exact position, other files still linted', () => {
    const dir = tempTree({
      '1_broken.sql': 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN;\nDROP INDEX x;\n',
      '2_ok.sql': 'CREATE INDEX i ON users (email);\n',
    });
    const run = runCli(['lint', '.', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const report = parseReport(run.stdout);
    assert.deepEqual(errors(report), [
      'syntax-error 1_broken.sql:2:25',
      'require-concurrent-index-deletion 1_broken.sql:3:1',
      'require-concurrent-index-creation 2_ok.sql:1:1',
    ]);
    assert.match(report.findings.find((f) => f.ruleId === 'syntax-error')?.message ?? '', /syntax error at or near ";"/);
  });

  test('stdin with --stdin-filename', () => {
    const run = runCli(['lint', '-', '--stdin-filename', 'db/1.sql', '--format', 'json'], {
      input: 'ALTER TABLE users RENAME TO people;\n',
    });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(errors(parseReport(run.stdout)), ['renaming-table db/1.sql:1:1']);
  });

  test('--fail-on warning and --max-warnings', () => {
    const dir = tempTree({ 'w.sql': '-- ddlguard-ignore no-such-rule\nSELECT 1;\n' });
    assert.equal(runCli(['lint', 'w.sql'], { cwd: dir }).status, 0);
    assert.equal(runCli(['lint', 'w.sql', '--fail-on', 'warning'], { cwd: dir }).status, 1);
    assert.equal(runCli(['lint', 'w.sql', '--max-warnings', '0'], { cwd: dir }).status, 1);
    assert.equal(runCli(['lint', 'w.sql', '--max-warnings', '1'], { cwd: dir }).status, 0);
  });

  test('bad usage exits 2 with one line', () => {
    const noPaths = runCli(['lint']);
    assert.equal(noPaths.status, 2);
    assert.match(noPaths.stderr, /no paths given/);
    const badFormat = runCli(['lint', 'x.sql', '--format', 'xml']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format/);
    const badVersion = runCli(['lint', 'x.sql', '--pg-version', 'eleven']);
    assert.equal(badVersion.status, 2);
    assert.match(badVersion.stderr, /--pg-version must be a whole number/);
  });

  test('--dialect mysql, and the dialect a file name gives', () => {
    const dir = tempTree({
      'a.sql': 'ALTER TABLE users CHANGE COLUMN nick nickname varchar(40);\n',
      'm/20200101000000_x.mysql.up.sql': 'RENAME TABLE a TO b;\n',
    });
    const asMysql = runCli(['lint', 'a.sql', '--dialect', 'mysql', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errors(parseReport(asMysql.stdout)), [
      'changing-column-type a.sql:1:1',
      'renaming-column a.sql:1:1',
    ]);
    const asPg = runCli(['lint', 'a.sql', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errors(parseReport(asPg.stdout)), ['syntax-error a.sql:1:19']);
    const byName = runCli(['lint', 'm', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errors(parseReport(byName.stdout)), ['renaming-table m/20200101000000_x.mysql.up.sql:1:1']);
  });

  test('a popx file that a .postgres. file replaces is left out, and said so when named', () => {
    const dir = tempTree({
      'm/20200101000000_idx.autocommit.up.sql': 'CREATE INDEX i ON t (a);\n',
      'm/20200101000000_idx.postgres.autocommit.up.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n',
    });
    const folder = runCli(['lint', 'm', '--format', 'json'], { cwd: dir });
    assert.equal(folder.status, 0, folder.stderr);
    assert.equal(parseReport(folder.stdout).summary.files, 1);
    assert.equal(folder.stderr, '');
    const named = runCli(['lint', 'm/20200101000000_idx.autocommit.up.sql', '--format', 'json'], { cwd: dir });
    assert.equal(named.status, 0);
    assert.equal(parseReport(named.stdout).summary.files, 0);
    assert.match(named.stderr, /^ddlguard: m\/20200101000000_idx\.autocommit\.up\.sql is not run on postgres: a \.postgres\. migration of the same version replaces it/);
  });

  test('colours only when asked for, never under NO_COLOR', () => {
    const dir = tempTree({ 'x.sql': 'DROP INDEX a;\n' });
    const plain = runCli(['lint', 'x.sql'], { cwd: dir });
    assert.ok(!plain.stdout.includes('\u001b['), 'no escape codes');
    const forced = runCli(['lint', 'x.sql'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\u001b['), 'escape codes');
  });

  test('stylish output shows the rule, position, a code frame and the safe alternative', () => {
    const dir = tempTree({ 'x.sql': "SET lock_timeout = '1s';\nDROP INDEX IF EXISTS a;\n" });
    const run = runCli(['lint', 'x.sql'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^x\.sql$/m);
    assert.match(run.stdout, /2:1 {2}error {2}require-concurrent-index-deletion {2}Dropping index "a"/);
    assert.match(run.stdout, /> 2 \| DROP INDEX IF EXISTS a;/);
    assert.match(run.stdout, /help: Use DROP INDEX CONCURRENTLY/);
    assert.match(run.stdout, /1 problem \(1 error, 0 warnings, 0 info\) in 1 file checked/);
  });
});

describe('lock knowledge', () => {
  test('every PostgreSQL finding carries the lock its statement takes', () => {
    const dir = tempTree({ 'x.sql': 'SET lock_timeout = 1000;\nCREATE INDEX orders_user_idx ON orders (user_id);\n' });
    const run = runCli(['lint', 'x.sql', '--format', 'json'], { cwd: dir });
    const finding = parseReport(run.stdout).findings.find((f) => f.ruleId === 'require-concurrent-index-creation');
    assert.deepEqual(finding?.lock, {
      mode: 'ShareLock',
      table: 'orders',
      blocks: ['writes'],
      work: 'index-build',
      rewrite: false,
      concurrent: false,
    });
  });

  test('--explain-locks lists every statement with its locks (json and stylish)', () => {
    const dir = tempTree({
      'x.sql': "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);\nALTER TABLE users ADD COLUMN plan text DEFAULT 'free';\n",
    });
    const json = runCli(['lint', 'x.sql', '--explain-locks', '--format', 'json', '--pg-version', '10'], { cwd: dir });
    const report = JSON.parse(json.stdout) as { statements: Array<{ line: number; locks: Array<{ mode: string; work: string; rewrite: boolean }> }> };
    assert.deepEqual(
      report.statements.map((s) => [s.line, s.locks.map((l) => `${l.mode} ${l.work} ${l.rewrite}`)]),
      [
        [1, ['AccessExclusiveLock rewrite true']],
        [2, ['AccessExclusiveLock rewrite true']],
      ],
    );
    const pg11 = runCli(['lint', 'x.sql', '--explain-locks', '--format', 'json', '--pg-version', '11'], { cwd: dir });
    const second = (JSON.parse(pg11.stdout) as typeof report).statements[1];
    assert.deepEqual(second?.locks.map((l) => `${l.mode} ${l.work}`), ['AccessExclusiveLock metadata']);
    const text = runCli(['lint', 'x.sql', '--explain-locks'], { cwd: dir });
    assert.match(text.stdout, /ACCESS EXCLUSIVE on users: blocks reads and writes; rewrites the table/);
  });
});

describe('config', () => {
  test('found from each file upward: a nested config only applies below it', () => {
    const dir = tempTree({
      'ddlguard.config.json': JSON.stringify({ rules: { 'renaming-table': 'warning' } }),
      'a/1.sql': 'ALTER TABLE x RENAME TO y;\n',
      'b/ddlguard.config.json': JSON.stringify({ rules: { 'renaming-table': 'off' } }),
      'b/1.sql': 'ALTER TABLE x RENAME TO y;\n',
    });
    const run = runCli(['lint', 'a', 'b', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const renames = parseReport(run.stdout).findings.filter((f) => f.ruleId === 'renaming-table');
    assert.deepEqual(renames.map((f) => `${f.file} ${f.severity}`), ['a/1.sql warning']);
  });

  test('per-path overrides, pgVersion and a "ddlguard" key in package.json', () => {
    const dir = tempTree({
      'package.json': JSON.stringify({
        name: 'app',
        ddlguard: { overrides: [{ files: 'legacy/**', rules: { 'unbatched-update': 'off' } }] },
      }),
      'legacy/1.sql': 'UPDATE t SET a = 1;\n',
      'new/1.sql': 'UPDATE t SET a = 1;\n',
    });
    const run = runCli(['lint', 'legacy', 'new', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errors(parseReport(run.stdout)), ['unbatched-update new/1.sql:1:1']);
  });

  test('an unknown rule or setting is an error naming it (exit 2)', () => {
    const unknownRule = tempTree({ '.ddlguardrc.json': '{"rules":{"no-such-rule":"off"}}', '1.sql': 'SELECT 1;' });
    const run1 = runCli(['lint', '1.sql'], { cwd: unknownRule });
    assert.equal(run1.status, 2);
    assert.equal(run1.stderr.trim(), 'ddlguard: .ddlguardrc.json: unknown rule "no-such-rule" in "rules"');
    const unknownKey = tempTree({ 'ddlguard.config.json': '{"pgversion": 12}', '1.sql': 'SELECT 1;' });
    const run2 = runCli(['lint', '1.sql'], { cwd: unknownKey });
    assert.equal(run2.status, 2);
    assert.equal(run2.stderr.trim(), 'ddlguard: ddlguard.config.json: unknown setting "pgversion"');
    const badJson = tempTree({ 'ddlguard.config.json': '{"rules": ', '1.sql': 'SELECT 1;' });
    const run3 = runCli(['lint', '1.sql'], { cwd: badJson });
    assert.equal(run3.status, 2);
    assert.match(run3.stderr, /^ddlguard: .*ddlguard\.config\.json/);
    assert.equal(run3.stderr.trim().split('\n').length, 1);
  });

  test('--config names the file; a missing one is exit 2', () => {
    const dir = tempTree({ 'cfg.json': '{"rules":{"require-concurrent-index-deletion":"off"}}', '1.sql': 'DROP INDEX a;' });
    assert.equal(runCli(['lint', '1.sql', '--config', 'cfg.json'], { cwd: dir }).status, 0);
    const missing = runCli(['lint', '1.sql', '--config', 'none.json'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /none\.json/);
  });
});

describe('rules and explain', () => {
  test('rules --format json lists every rule with its default', () => {
    const run = runCli(['rules', '--format', 'json']);
    assert.equal(run.status, 0);
    const list = JSON.parse(run.stdout) as Array<{ id: string; defaultSeverity: string; dialects: string[] }>;
    const ids = list.map((r) => r.id);
    for (const id of ['adding-required-field', 'renaming-column', 'renaming-table', 'require-concurrent-index-creation', 'require-concurrent-index-deletion', 'unbatched-update', 'unbatched-delete', 'syntax-error', 'unused-ignore']) {
      assert.ok(ids.includes(id), id);
    }
    assert.deepEqual(list.find((r) => r.id === 'require-concurrent-index-creation')?.dialects, ['postgres']);
  });

  test('explain prints what, why and the safe alternative; an unknown rule is exit 2', () => {
    const run = runCli(['explain', 'require-concurrent-index-creation']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^require-concurrent-index-creation$/m);
    assert.match(run.stdout, /^Why$/m);
    assert.match(run.stdout, /SHARE lock/);
    assert.match(run.stdout, /^Safe alternative$/m);
    assert.match(run.stdout, /CREATE INDEX CONCURRENTLY IF NOT EXISTS/);
    const unknown = runCli(['explain', 'require-concurrent']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown rule "require-concurrent" \(did you mean/);
  });

  test('--help shows examples', () => {
    const run = runCli(['lint', '--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Examples:/);
    assert.match(run.stdout, /--stdin-filename/);
  });
});
