import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseReport, runCli, tempTree } from '../helpers/cli.js';

const read = (dir: string, name: string): string => readFileSync(path.join(dir, name), 'utf8');

describe('ddlguard lint --fix / --fix-dry-run', () => {
  test('--fix-dry-run prints a unified diff, writes nothing, and exits on what would remain', () => {
    const original = 'CREATE INDEX users_email_idx ON users (email);\n';
    const dir = tempTree({ 'add_index.sql': original });
    const run = runCli(['lint', 'add_index.sql', '--fix-dry-run'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        '--- a/add_index.sql',
        '+++ b/add_index.sql',
        '@@ -1,1 +1,1 @@',
        '-CREATE INDEX users_email_idx ON users (email);',
        '+CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);',
        '',
      ].join('\n'),
    );
    // the report of what would remain goes to stderr, so stdout is the patch alone
    assert.match(run.stderr, /would fix 1 file/);
    assert.match(run.stderr, /no problems/);
    assert.equal(read(dir, 'add_index.sql'), original);
  });

  test('--fix-dry-run exits 1 when findings would remain', () => {
    const dir = tempTree({ 'x.sql': 'CREATE INDEX i ON t (x);\nALTER TABLE t RENAME COLUMN a TO b;\n' });
    const run = runCli(['lint', 'x.sql', '--fix-dry-run', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^--- a\/x\.sql\n\+\+\+ b\/x\.sql\n/);
    const report = parseReport(run.stderr.slice(run.stderr.indexOf('{')));
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.line}:${f.column}`),
      ['renaming-column 3:1'],
    );
  });

  test('--fix rewrites the file and exits 0 when nothing remains', () => {
    const dir = tempTree({
      'migrate.sql': [
        '-- orders: customer lookups',
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);',
        'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
        '',
      ].join('\n'),
    });
    const run = runCli(['lint', 'migrate.sql', '--fix'], { cwd: dir });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /no problems \(1 file checked\)/);
    assert.match(run.stderr, /fixed 1 file/);
    assert.equal(
      read(dir, 'migrate.sql'),
      [
        '-- orders: customer lookups',
        // the statement_timeout the original needed is not needed any more: nothing left scans under a blocking lock
        "SET lock_timeout = '2s';",
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);',
        '',
      ].join('\n'),
    );
    // linting the fixed file again finds nothing, and a second --fix changes nothing
    assert.equal(runCli(['lint', 'migrate.sql'], { cwd: dir }).status, 0);
    const again = runCli(['lint', 'migrate.sql', '--fix'], { cwd: dir });
    assert.equal(again.status, 0);
    assert.doesNotMatch(again.stderr, /fixed/);
  });

  test('golang-migrate: a statement that cannot run in the implicit transaction moves to the next free version', () => {
    const dir = tempTree({
      'db/000001_users.up.sql': 'CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text);\n',
      'db/000010_email.up.sql': [
        "SET lock_timeout = '2s';",
        'ALTER TABLE users ADD COLUMN IF NOT EXISTS email_lower text;',
        '',
        '-- for the lookup',
        'CREATE INDEX users_email_lower_idx ON users (email_lower);',
        '',
      ].join('\n'),
      'db/000020_later.up.sql': 'SELECT 1;\n',
    });
    const dry = runCli(['lint', 'db', '--fix-dry-run'], { cwd: dir });
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^--- \/dev\/null\n\+\+\+ b\/db\/000011_email_concurrently\.up\.sql\n/m);
    assert.match(dry.stderr, /would fix 1 file, would create 1 file/);
    assert.equal(existsSync(path.join(dir, 'db/000011_email_concurrently.up.sql')), false);

    const run = runCli(['lint', 'db', '--fix'], { cwd: dir });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(read(dir, 'db/000010_email.up.sql'), "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN IF NOT EXISTS email_lower text;\n");
    // one statement alone: golang-migrate runs it outside a transaction
    assert.equal(
      read(dir, 'db/000011_email_concurrently.up.sql'),
      '-- for the lookup\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON users (email_lower);\n',
    );
    assert.equal(runCli(['lint', 'db'], { cwd: dir }).status, 0);
  });

  test('golang-migrate: no free version before the next migration, so nothing is moved and a note says why', () => {
    const dir = tempTree({
      'db/000001_email.up.sql': "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email_lower text;\nCREATE INDEX CONCURRENTLY i ON users (email_lower);\n",
      'db/000002_later.up.sql': 'SELECT 1;\n',
    });
    const run = runCli(['lint', 'db', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.ok(parseReport(run.stdout).findings.some((f) => f.ruleId === 'non-transactional-in-transaction'));
    assert.match(run.stderr, /000001_email\.up\.sql: statements were not moved automatically: version 2 is not free/);
    assert.deepEqual(readdirSync(path.join(dir, 'db')).sort(), ['000001_email.up.sql', '000002_later.up.sql']);
  });

  test('golang-migrate: with no free version, CONCURRENTLY is not added to a statement that could not be moved', () => {
    const text = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN IF NOT EXISTS email_lower text;\nCREATE INDEX i ON users (email_lower);\n";
    const dir = tempTree({ 'db/000001_email.up.sql': text, 'db/000002_later.up.sql': 'SELECT 1;\n' });
    const run = runCli(['lint', 'db', '--fix'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /000001_email\.up\.sql:4:1: require-concurrent-index-creation not fixed: the fixed statement cannot run in a transaction; the golang-migrate migration tool runs it in one transaction, and it cannot move to a migration of its own: version 2 is not free before 000002_later\.up\.sql/,
    );
    // the other fixes are made (the CREATE INDEX scans under a write-blocking lock: a statement_timeout is added)
    assert.equal(read(dir, 'db/000001_email.up.sql'), text.replace("'2s';\n", "'2s';\nSET statement_timeout = '5min';\n"));
  });

  test('Flyway: the statement moves to V<v>_1 with a script config that runs it outside a transaction', () => {
    const dir = tempTree({
      'sql/V1__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
      'sql/V2__email.sql': "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email_lower text;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON users (email_lower);\n",
      'sql/V3__later.sql': 'SELECT 1;\n',
    });
    const run = runCli(['lint', 'sql', '--fix'], { cwd: dir });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(read(dir, 'sql/V2__email.sql'), "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email_lower text;\n");
    assert.equal(
      read(dir, 'sql/V2_1__email_concurrently.sql'),
      "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON users (email_lower);\n",
    );
    assert.equal(read(dir, 'sql/V2_1__email_concurrently.sql.conf'), 'executeInTransaction=false\n');
    assert.equal(runCli(['lint', 'sql'], { cwd: dir }).status, 0);
  });

  test('dbmate wraps the file in a transaction: CONCURRENTLY is not added, and a note says why', () => {
    const text = '-- migrate:up\nCREATE INDEX i ON t (x);\n\n-- migrate:down\n';
    const dir = tempTree({ 'db/migrations/20240101000000_i.sql': text });
    const run = runCli(['lint', 'db/migrations', '--fix'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /require-concurrent-index-creation not fixed: the fixed statement cannot run in a transaction; the dbmate migration tool runs it/);
    assert.match(read(dir, 'db/migrations/20240101000000_i.sql'), /^CREATE INDEX i ON t \(x\);$/m);
  });

  test('- with --fix prints the fixed SQL on stdout and the report on stderr', () => {
    const run = runCli(['lint', '-', '--fix', '--format', 'json'], { input: 'DROP INDEX a_idx;\n' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'DROP INDEX CONCURRENTLY IF EXISTS a_idx;\n');
    assert.deepEqual(parseReport(run.stderr.slice(run.stderr.indexOf('{'))).findings, []);
  });

  test('the JSON report marks findings that --fix can fix; --fix with --fix-dry-run is a usage error', () => {
    const dir = tempTree({ 'x.sql': 'DROP INDEX a_idx;\nALTER TABLE t RENAME TO u;\n' });
    const run = runCli(['lint', 'x.sql', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; fixable?: boolean; fix?: { description: string } }> };
    const byRule = new Map(findings.findings.map((f) => [f.ruleId, f]));
    assert.equal(byRule.get('require-concurrent-index-deletion')?.fixable, true);
    assert.equal(byRule.get('require-concurrent-index-deletion')?.fix?.description, 'Use DROP INDEX CONCURRENTLY');
    assert.equal(byRule.get('renaming-table')?.fixable, undefined);
    assert.equal(runCli(['lint', 'x.sql', '--fix', '--fix-dry-run'], { cwd: dir }).status, 2);
  });
});
