import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli, tempTree } from '../helpers/cli.js';

describe('--explain-locks: statements with no operation kind of their own', () => {
  test('ALTER TABLE OWNER TO, LOCK TABLE, REFRESH MATERIALIZED VIEW, CREATE POLICY, RENAME CONSTRAINT, ALTER INDEX RENAME', () => {
    const dir = tempTree({
      'x.sql': [
        'ALTER TABLE users OWNER TO app_owner;',
        'LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;',
        'REFRESH MATERIALIZED VIEW daily_totals;',
        'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;',
        'CREATE POLICY own_rows ON users USING (true);',
        'ALTER TABLE users RENAME CONSTRAINT a TO b;',
        'ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;',
        'ALTER INDEX users_email_idx RENAME TO users_email_key;',
        '',
      ].join('\n'),
    });
    const run = runCli(['lint', 'x.sql', '--explain-locks', '--format', 'json', '--pg-version', '16'], { cwd: dir });
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as { statements: Array<{ line: number; locks: Array<{ table: string; mode: string; work: string }> }> };
    assert.deepEqual(
      report.statements.map((s) => [s.line, s.locks.map((l) => `${l.table} ${l.mode} ${l.work}`)]),
      [
        [1, ['users AccessExclusiveLock metadata']],
        [2, ['accounts ShareRowExclusiveLock metadata']],
        [3, ['daily_totals AccessExclusiveLock rewrite']],
        [4, ['daily_totals ExclusiveLock data']],
        [5, ['users AccessExclusiveLock metadata']],
        [6, ['users AccessExclusiveLock metadata']],
        [7, ['users ShareUpdateExclusiveLock metadata']],
        [8, ['users_email_idx ShareUpdateExclusiveLock metadata']],
      ],
    );
    const text = runCli(['lint', 'x.sql', '--explain-locks', '--pg-version', '11'], { cwd: dir });
    assert.match(text.stdout, /ACCESS EXCLUSIVE on index users_email_idx: blocks reads and writes/);
  });
});
