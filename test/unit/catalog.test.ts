import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Catalog } from '../../src/model/catalog.js';
import { lowerPostgres } from '../../src/model/lower-postgres.js';
import { loadPostgresParser, parsePostgres } from '../../src/parse/postgres/parse.js';

before(async () => {
  await loadPostgresParser();
});

function replay(...files: string[]): Catalog {
  const catalog = new Catalog();
  for (const text of files) {
    for (const statement of parsePostgres(text).statements) {
      if (statement.dialect === 'postgres') for (const op of lowerPostgres(statement)) catalog.apply(op);
    }
  }
  return catalog;
}

describe('schema catalog replayed from migrations', () => {
  test('tables, column types across files, renames and type changes', () => {
    const catalog = replay(
      'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, score numeric(10,2));',
      'ALTER TABLE users ALTER COLUMN score TYPE numeric(12,2);\nALTER TABLE users RENAME COLUMN email TO mail;',
      'ALTER TABLE users ADD COLUMN created_at timestamptz;\nALTER TABLE users RENAME TO people;',
    );
    const people = { name: 'people' };
    assert.equal(catalog.hasTable({ name: 'users' }), false);
    assert.equal(catalog.columnType(people, 'mail'), 'varchar(100)');
    assert.equal(catalog.columnType(people, 'email'), undefined);
    assert.equal(catalog.columnType(people, 'score'), 'numeric(12,2)');
    assert.equal(catalog.columnType(people, 'created_at'), 'timestamp with time zone');
    assert.deepEqual(catalog.indexes(people).map((i) => [i.columns, i.unique]), [[['id'], true]]);
  });

  test('indexes, constraints and their validation, partitioned tables', () => {
    const catalog = replay(
      'CREATE TABLE events (id bigint, account_id bigint, at timestamptz) PARTITION BY RANGE (at);',
      'CREATE INDEX events_account_idx ON events (account_id, at);\nALTER TABLE events ADD CONSTRAINT ev_at_nn CHECK (at IS NOT NULL) NOT VALID;',
      'ALTER TABLE events VALIDATE CONSTRAINT ev_at_nn;\nDROP INDEX events_account_idx;',
    );
    const events = { name: 'events' };
    assert.equal(catalog.isPartitioned(events), true);
    assert.deepEqual(catalog.indexes(events), []);
    assert.deepEqual(
      catalog.constraints(events).map((c) => [c.name, c.kind, c.validated, c.notNullOf]),
      [['ev_at_nn', 'check', true, 'at']],
    );
  });
});
