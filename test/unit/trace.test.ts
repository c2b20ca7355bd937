import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { analyzeFile } from '../../src/engine/lint-file.js';
import type { StatementInfo } from '../../src/engine/statement-info.js';
import { LOCK_MODES, type LockMode } from '../../src/locks/index.js';
import { loadPostgresParser } from '../../src/parse/postgres/parse.js';
import { compare, observeStatement, type Observation } from '../../src/trace/index.js';

const SETUP = `CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 5) g;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount int, code varchar(10), note text);
INSERT INTO orders SELECT g, g, g * 10, 'x' || g, NULL FROM generate_series(1, 5) g;
CREATE INDEX orders_amount_idx ON orders (amount);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
`;

interface Case {
  name: string;
  sql: string;
  /** The strongest mode observed on each table that existed before (PostgreSQL documentation, "Table-Level Locks" and ALTER TABLE). */
  tables: Record<string, LockMode>;
  /** Tables and indexes with a new relfilenode. */
  rewrites: string[];
  /** Runs outside a transaction block: locks not observable. */
  outside?: true;
}

const CASES: Case[] = [
  // ALTER TABLE, Notes: "a non-volatile DEFAULT ... no rewrite" (PostgreSQL 11+); ADD COLUMN takes ACCESS EXCLUSIVE.
  { name: 'ADD COLUMN with a constant default', sql: 'ALTER TABLE orders ADD COLUMN status int DEFAULT 0', tables: { orders: 'AccessExclusiveLock' }, rewrites: [] },
  {
    name: 'ADD COLUMN with a volatile default',
    sql: 'ALTER TABLE orders ADD COLUMN r float8 DEFAULT random()',
    tables: { orders: 'AccessExclusiveLock' },
    rewrites: ['orders', 'orders_amount_idx', 'orders_pkey'],
  },
  {
    name: 'ALTER TYPE int to bigint',
    sql: 'ALTER TABLE orders ALTER COLUMN amount TYPE bigint',
    tables: { orders: 'AccessExclusiveLock' },
    // orders_amount_idx is on the changed column: it is dropped and built again (a new relation, see `created`).
    rewrites: ['orders', 'orders_pkey'],
  },
  // varchar(10) -> varchar(20) is binary coercible: no rewrite (ALTER TABLE, Notes).
  { name: 'ALTER TYPE varchar(10) to varchar(20)', sql: 'ALTER TABLE orders ALTER COLUMN code TYPE varchar(20)', tables: { orders: 'AccessExclusiveLock' }, rewrites: [] },
  { name: 'CREATE INDEX', sql: 'CREATE INDEX orders_customer_idx ON orders (customer_id)', tables: { orders: 'ShareLock' }, rewrites: [] },
  { name: 'CREATE INDEX CONCURRENTLY', sql: 'CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code)', tables: {}, rewrites: [], outside: true },
  {
    name: 'ADD FOREIGN KEY',
    sql: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES customers (id)',
    tables: { orders: 'ShareRowExclusiveLock', customers: 'ShareRowExclusiveLock' },
    rewrites: [],
  },
  {
    name: 'ADD FOREIGN KEY NOT VALID',
    sql: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID',
    tables: { orders: 'ShareRowExclusiveLock', customers: 'ShareRowExclusiveLock' },
    rewrites: [],
  },
  // "validation acquires only a SHARE UPDATE EXCLUSIVE lock ...; a ROW SHARE lock is also required on the referenced table".
  {
    name: 'VALIDATE CONSTRAINT (foreign key)',
    sql: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk',
    tables: { orders: 'ShareUpdateExclusiveLock', customers: 'RowShareLock' },
    rewrites: [],
  },
  { name: 'SET NOT NULL', sql: 'ALTER TABLE orders ALTER COLUMN amount SET NOT NULL', tables: { orders: 'AccessExclusiveLock' }, rewrites: [] },
  { name: 'ADD CHECK NOT VALID', sql: 'ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID', tables: { orders: 'AccessExclusiveLock' }, rewrites: [] },
  { name: 'TRUNCATE', sql: 'TRUNCATE orders', tables: { orders: 'AccessExclusiveLock' }, rewrites: ['orders', 'orders_amount_idx', 'orders_pkey'] },
  { name: 'UPDATE', sql: 'UPDATE orders SET amount = amount + 1', tables: { orders: 'RowExclusiveLock' }, rewrites: [] },
  { name: 'DROP INDEX', sql: 'DROP INDEX orders_amount_idx', tables: { orders: 'AccessExclusiveLock', orders_amount_idx: 'AccessExclusiveLock' }, rewrites: [] },
  { name: 'VACUUM FULL', sql: 'VACUUM FULL orders', tables: {}, rewrites: ['orders', 'orders_amount_idx', 'orders_pkey'], outside: true },
];

let db: PGlite | undefined;
before(async () => {
  await loadPostgresParser();
  db = await PGlite.create();
});
after(async () => {
  await db?.close();
});

async function fresh(): Promise<PGlite> {
  assert.ok(db);
  await db.exec('RESET ALL; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await db.exec(SETUP);
  return db;
}

/** The statement's StatementInfo, linted after the setup so the catalog knows the tables (the fixtures harness pattern). */
function predicted(sql: string, pgVersion: number): StatementInfo {
  const text = `${SETUP}${sql};\n`;
  const analysis = analyzeFile(
    { path: 'trace.sql', text, dialect: 'postgres', sections: [{ direction: 'up', transaction: 'none', start: 0, end: text.length }] },
    { pgVersion, assumeInTransaction: false, rules: new Map() },
    [],
  );
  const statement = analysis.statements.find((s) => s.parsed.start >= SETUP.length);
  assert.ok(statement, 'the statement is linted');
  return statement;
}

function strongestPerRelation(observation: Observation, kinds: string[]): Record<string, LockMode> {
  const out: Record<string, LockMode> = {};
  for (const { table, mode } of observation.locks) {
    if (!kinds.includes(observation.relations[table]?.kind ?? '')) continue;
    const current = out[table];
    if (current === undefined || LOCK_MODES.indexOf(mode) > LOCK_MODES.indexOf(current)) out[table] = mode;
  }
  return out;
}

describe('trace: observed locks and rewrites on PGlite, against the documentation and src/locks', () => {
  let pgVersion = 0;
  test('PGlite runs a PostgreSQL 17 or later', async () => {
    await fresh();
    assert.ok(db);
    const version = (await db.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`)).rows[0]?.v ?? 0;
    pgVersion = Math.floor(version / 10000);
    assert.ok(pgVersion >= 17, `server_version_num ${version}`);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const database = await fresh();
      const observation = await observeStatement(database, c.sql, { commit: false });
      assert.equal(observation.error, undefined);
      assert.equal(observation.locksObserved, c.outside === undefined);
      const kinds = Object.keys(c.tables).some((t) => t.endsWith('_idx')) ? ['r', 'i'] : ['r'];
      assert.deepEqual(strongestPerRelation(observation, kinds), c.tables);
      assert.deepEqual(observation.rewrites, c.rewrites);
      const comparison = compare(observation, predicted(c.sql, pgVersion).locks);
      assert.deepEqual(comparison, { match: 'confirmed', reasons: [] });
    });
  }

  test('a wrong prediction is a mismatch, with the reason', async () => {
    const database = await fresh();
    const observation = await observeStatement(database, 'ALTER TABLE orders ALTER COLUMN amount TYPE bigint', { commit: false });
    const wrong = predicted('ALTER TABLE orders ALTER COLUMN code TYPE varchar(20)', pgVersion).locks;
    assert.deepEqual(compare(observation, wrong), {
      match: 'mismatch',
      reasons: ['orders: rewritten (new relfilenode), not predicted.', 'orders_pkey: rewritten (new relfilenode), not predicted.'],
    });
  });

  test('a failing statement reports its error and rolls back', async () => {
    const database = await fresh();
    const observation = await observeStatement(database, 'ALTER TABLE nope ADD COLUMN x int');
    assert.match(observation.error ?? '', /nope/);
    assert.equal((await database.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n, 1);
  });
});
