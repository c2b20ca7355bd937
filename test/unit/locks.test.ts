import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LOCK_MODES,
  blocks,
  conflicts,
  describeLock,
  isBinaryCoercible,
  predictLocks,
  type LockContext,
  type LockMode,
  type LockPrediction,
} from '../../src/locks/index.js';
import type { ColumnSpec, ConstraintSpec, Operation, OperationKind, TableName } from '../../src/model/operations.js';

// ---------------------------------------------------------------------------------------------------------------
// Modes: Table 13.2 "Conflicting Lock Modes" of the PostgreSQL documentation, typed in as printed.
// Rows: requested mode; columns: existing mode; in the order of LOCK_MODES. X = conflict.
// ---------------------------------------------------------------------------------------------------------------
const DOCUMENTED_MATRIX: Record<LockMode, string> = {
  AccessShareLock: '.......X',
  RowShareLock: '......XX',
  RowExclusiveLock: '....XXXX',
  ShareUpdateExclusiveLock: '...XXXXX',
  ShareLock: '..XX.XXX',
  ShareRowExclusiveLock: '..XXXXXX',
  ExclusiveLock: '.XXXXXXX',
  AccessExclusiveLock: 'XXXXXXXX',
};

describe('lock modes: conflict matrix (all 64 pairs)', () => {
  for (const requested of LOCK_MODES) {
    LOCK_MODES.forEach((existing, column) => {
      const expected = DOCUMENTED_MATRIX[requested][column] === 'X';
      test(`${requested} vs ${existing}: ${expected ? 'conflict' : 'no conflict'}`, () => {
        assert.equal(conflicts(requested, existing), expected);
        assert.equal(conflicts(existing, requested), expected, 'the matrix is symmetric');
      });
    });
  }
});

describe('lock modes: what ordinary traffic each blocks', () => {
  const expected: Record<LockMode, Array<'reads' | 'writes'>> = {
    AccessShareLock: [],
    RowShareLock: [],
    RowExclusiveLock: [],
    ShareUpdateExclusiveLock: [],
    ShareLock: ['writes'],
    ShareRowExclusiveLock: ['writes'],
    ExclusiveLock: ['writes'],
    AccessExclusiveLock: ['reads', 'writes'],
  };
  for (const mode of LOCK_MODES) {
    test(`${mode} blocks ${expected[mode].join(' and ') || 'nothing'}`, () => assert.deepEqual(blocks(mode), expected[mode]));
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Predictions
// ---------------------------------------------------------------------------------------------------------------
const VERSIONS = [10, 11, 12, 14, 16] as const;
type Version = (typeof VERSIONS)[number];

const orders: TableName = { name: 'orders' };
const customers: TableName = { name: 'customers' };
const events: TableName = { name: 'events' };
const events2024: TableName = { name: 'events_2024' };

function column(over: Partial<ColumnSpec> = {}): ColumnSpec {
  return {
    name: 'c',
    type: 'integer',
    notNull: false,
    primaryKey: false,
    unique: false,
    hasDefault: false,
    defaultIsVolatile: false,
    autoIncrement: false,
    generatedStored: false,
    check: false,
    at: 0,
    ...over,
  };
}

function constraint(over: Partial<ConstraintSpec> & Pick<ConstraintSpec, 'kind'>): ConstraintSpec {
  return { columns: ['customer_id'], notValid: false, ...over };
}

const addColumn = (over: Partial<ColumnSpec>): Operation => ({ kind: 'add-column', table: orders, column: column(over), ifNotExists: false, at: 0 });
const changeType = (newType: string, using = false): Operation => ({ kind: 'change-type', table: orders, column: 'c', newType, using, at: 0 });
const addConstraint = (spec: ConstraintSpec): Operation => ({ kind: 'add-constraint', table: orders, constraint: spec, at: 0 });
const fk = { table: customers, columns: ['id'] };

/** "[index ]name Mode work[ REWRITE][ CONCURRENT]": mode, work, rewrite and concurrency in one comparable string. */
function brief(p: LockPrediction): string {
  const target = p.target === 'table' ? '' : `${p.target} `;
  return `${target}${p.table} ${p.mode} ${p.work}${p.rewrite ? ' REWRITE' : ''}${p.concurrent ? ' CONCURRENT' : ''}`;
}

type Expected = string[] | Partial<Record<Version, string[]>>;

interface Case {
  name: string;
  op: Operation;
  ctx?: Omit<LockContext, 'pgVersion'>;
  expect: Expected;
}

function expectedFor(expected: Expected, version: Version): string[] {
  if (Array.isArray(expected)) return expected;
  // A per-version map lists the versions where the answer changes; later versions inherit the latest entry.
  let current: string[] | undefined;
  for (const v of VERSIONS) {
    current = expected[v] ?? current;
    if (v === version) break;
  }
  if (!current) throw new Error(`no expectation for PostgreSQL ${version}`);
  return current;
}

const AEL = 'AccessExclusiveLock';
const SUEL = 'ShareUpdateExclusiveLock';
const SRX = 'ShareRowExclusiveLock';

const columnTypes = (type: string): Omit<LockContext, 'pgVersion'> => ({ columnType: () => type });

const CASES: Case[] = [
  // ADD COLUMN
  { name: 'add column, nullable, no default', op: addColumn({}), expect: [`orders ${AEL} metadata`] },
  {
    name: 'add column with a constant default',
    op: addColumn({ hasDefault: true }),
    expect: { 10: [`orders ${AEL} rewrite REWRITE`], 11: [`orders ${AEL} metadata`] },
  },
  {
    name: 'add column NOT NULL with a constant default',
    op: addColumn({ notNull: true, hasDefault: true }),
    expect: { 10: [`orders ${AEL} rewrite REWRITE`], 11: [`orders ${AEL} metadata`] },
  },
  { name: 'add column with a volatile default', op: addColumn({ hasDefault: true, defaultIsVolatile: true }), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'add serial / identity column', op: addColumn({ type: 'bigserial', autoIncrement: true, notNull: true }), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'add stored generated column', op: addColumn({ generatedStored: true }), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'add column NOT NULL without default (checked by a scan)', op: addColumn({ notNull: true }), expect: [`orders ${AEL} scan`] },
  { name: 'add column with inline CHECK', op: addColumn({ check: true }), expect: [`orders ${AEL} scan`] },
  { name: 'add column UNIQUE', op: addColumn({ unique: true }), expect: [`orders ${AEL} index-build`] },
  {
    name: 'add column REFERENCES, no default (validation skipped)',
    op: addColumn({ references: fk }),
    expect: [`orders ${AEL} metadata`, `customers ${SRX} metadata`],
  },
  {
    name: 'add column REFERENCES with a default (validated)',
    op: addColumn({ references: fk, hasDefault: true }),
    expect: { 10: [`orders ${AEL} rewrite REWRITE`, `customers ${SRX} scan`], 11: [`orders ${AEL} scan`, `customers ${SRX} scan`] },
  },
  // Other column forms
  { name: 'drop column', op: { kind: 'drop-column', table: orders, column: 'c', ifExists: false, at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'rename column', op: { kind: 'rename-column', table: orders, from: 'a', to: 'b', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'rename table', op: { kind: 'rename-table', table: orders, to: 'purchases', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'drop not null', op: { kind: 'drop-not-null', table: orders, column: 'c', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'set default (volatile)', op: { kind: 'set-default', table: orders, column: 'c', volatile: true, at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'set not null, no CHECK known', op: { kind: 'set-not-null', table: orders, column: 'c', at: 0 }, expect: [`orders ${AEL} scan`] },
  {
    name: 'set not null with a validated CHECK (c IS NOT NULL)',
    op: { kind: 'set-not-null', table: orders, column: 'c', at: 0 },
    ctx: { notNullCheckValidated: () => true },
    expect: { 10: [`orders ${AEL} scan`], 12: [`orders ${AEL} metadata`] },
  },
  // Type changes
  { name: 'varchar(10) -> varchar(20)', op: changeType('varchar(20)'), ctx: columnTypes('varchar(10)'), expect: [`orders ${AEL} metadata`] },
  { name: 'varchar(20) -> text', op: changeType('text'), ctx: columnTypes('varchar(20)'), expect: [`orders ${AEL} metadata`] },
  { name: 'varchar(20) -> varchar(10)', op: changeType('varchar(10)'), ctx: columnTypes('varchar(20)'), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'integer -> bigint', op: changeType('bigint'), ctx: columnTypes('integer'), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'numeric(10,2) -> numeric(12,2)', op: changeType('numeric(12,2)'), ctx: columnTypes('numeric(10,2)'), expect: [`orders ${AEL} metadata`] },
  { name: 'cidr -> inet', op: changeType('inet'), ctx: columnTypes('cidr'), expect: [`orders ${AEL} metadata`] },
  {
    name: 'timestamp -> timestamptz (rewrite unless the session is UTC)',
    op: changeType('timestamp with time zone'),
    ctx: columnTypes('timestamp without time zone'),
    expect: [`orders ${AEL} rewrite REWRITE`],
  },
  { name: 'varchar(10) -> varchar(20) USING', op: changeType('varchar(20)', true), ctx: columnTypes('varchar(10)'), expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'type change, old type unknown', op: changeType('text'), expect: [`orders ${AEL} rewrite REWRITE`] },
  // Constraints
  {
    name: 'add foreign key',
    op: addConstraint(constraint({ kind: 'foreign-key', references: fk })),
    expect: [`orders ${SRX} scan`, `customers ${SRX} scan`],
  },
  {
    name: 'add foreign key NOT VALID',
    op: addConstraint(constraint({ kind: 'foreign-key', references: fk, notValid: true })),
    expect: [`orders ${SRX} metadata`, `customers ${SRX} metadata`],
  },
  { name: 'add CHECK', op: addConstraint(constraint({ kind: 'check' })), expect: [`orders ${AEL} scan`] },
  { name: 'add CHECK NOT VALID', op: addConstraint(constraint({ kind: 'check', notValid: true })), expect: [`orders ${AEL} metadata`] },
  { name: 'add UNIQUE', op: addConstraint(constraint({ kind: 'unique' })), expect: [`orders ${AEL} index-build`] },
  { name: 'add PRIMARY KEY', op: addConstraint(constraint({ kind: 'primary-key' })), expect: [`orders ${AEL} index-build`] },
  { name: 'add UNIQUE USING INDEX', op: addConstraint(constraint({ kind: 'unique', usingIndex: 'orders_c_idx' })), expect: [`orders ${AEL} metadata`] },
  {
    name: 'add PRIMARY KEY USING INDEX, columns not known NOT NULL',
    op: addConstraint(constraint({ kind: 'primary-key', usingIndex: 'orders_c_idx', columns: [] })),
    expect: [`orders ${AEL} scan`],
  },
  {
    name: 'add PRIMARY KEY USING INDEX over NOT NULL columns',
    op: addConstraint(constraint({ kind: 'primary-key', usingIndex: 'orders_c_idx', columns: ['id'] })),
    ctx: { columnNotNull: () => true },
    expect: [`orders ${AEL} metadata`],
  },
  { name: 'add EXCLUDE', op: addConstraint(constraint({ kind: 'exclusion' })), expect: [`orders ${AEL} index-build`] },
  {
    name: 'validate a foreign key',
    op: { kind: 'validate-constraint', table: orders, name: 'orders_customer_fk', at: 0 },
    ctx: { constraint: () => ({ kind: 'foreign-key', references: customers }) },
    expect: [`orders ${SUEL} scan`, `customers RowShareLock scan`],
  },
  {
    name: 'validate a CHECK',
    op: { kind: 'validate-constraint', table: orders, name: 'orders_c_check', at: 0 },
    ctx: { constraint: () => ({ kind: 'check' }) },
    expect: [`orders ${SUEL} scan`],
  },
  {
    name: 'drop a foreign key',
    op: { kind: 'drop-constraint', table: orders, name: 'orders_customer_fk', at: 0 },
    ctx: { constraint: () => ({ kind: 'foreign-key', references: customers }) },
    expect: [`orders ${AEL} metadata`, `customers ${AEL} metadata`],
  },
  // Indexes
  {
    name: 'create index',
    op: { kind: 'create-index', table: orders, name: 'orders_c_idx', columns: ['c'], concurrently: false, unique: false, ifNotExists: false, only: false, at: 0 },
    expect: ['orders ShareLock index-build'],
  },
  {
    name: 'create index concurrently',
    op: { kind: 'create-index', table: orders, name: 'orders_c_idx', columns: ['c'], concurrently: true, unique: true, ifNotExists: false, only: false, at: 0 },
    expect: [`orders ${SUEL} index-build CONCURRENT`],
  },
  {
    name: 'drop index',
    op: { kind: 'drop-index', names: ['orders_c_idx'], concurrently: false, ifExists: false, at: 0 },
    ctx: { indexTable: () => orders },
    expect: [`orders ${AEL} metadata`, `index orders_c_idx ${AEL} metadata`],
  },
  {
    name: 'drop index concurrently',
    op: { kind: 'drop-index', names: ['orders_c_idx'], concurrently: true, ifExists: false, at: 0 },
    ctx: { indexTable: () => orders },
    expect: [`orders ${SUEL} metadata CONCURRENT`, `index orders_c_idx ${AEL} metadata CONCURRENT`],
  },
  {
    name: 'reindex index',
    op: { kind: 'reindex', target: 'index', name: 'orders_c_idx', concurrently: false, at: 0 },
    ctx: { indexTable: () => orders },
    expect: ['orders ShareLock index-rewrite', `index orders_c_idx ${AEL} index-rewrite`],
  },
  {
    name: 'reindex index concurrently',
    op: { kind: 'reindex', target: 'index', name: 'orders_c_idx', concurrently: true, at: 0 },
    ctx: { indexTable: () => orders },
    expect: [
      `orders ${SUEL} index-rewrite CONCURRENT`,
      `index orders_c_idx ${SUEL} index-rewrite CONCURRENT`,
      `index orders_c_idx_ccold ${AEL} metadata CONCURRENT`,
    ],
  },
  {
    name: 'reindex table',
    op: { kind: 'reindex', target: 'table', name: 'orders', concurrently: false, at: 0 },
    expect: ['orders ShareLock index-rewrite', `index <every index of orders> ${AEL} index-rewrite`],
  },
  // Partitions
  {
    name: 'attach partition',
    op: { kind: 'attach-partition', table: events, partition: events2024, at: 0 },
    expect: { 10: [`events ${AEL} metadata`, `events_2024 ${AEL} scan`], 12: [`events ${SUEL} metadata`, `events_2024 ${AEL} scan`] },
  },
  {
    name: 'attach partition with a CHECK implying the bound',
    op: { kind: 'attach-partition', table: events, partition: events2024, at: 0 },
    ctx: { partitionConstraintImplied: () => true },
    expect: { 10: [`events ${AEL} metadata`, `events_2024 ${AEL} metadata`], 12: [`events ${SUEL} metadata`, `events_2024 ${AEL} metadata`] },
  },
  {
    name: 'detach partition',
    op: { kind: 'detach-partition', table: events, partition: events2024, concurrently: false, at: 0 },
    expect: [`events ${AEL} metadata`, `events_2024 ${AEL} metadata`],
  },
  {
    name: 'detach partition concurrently',
    op: { kind: 'detach-partition', table: events, partition: events2024, concurrently: true, at: 0 },
    expect: [`events ${SUEL} metadata CONCURRENT`, `events_2024 ${AEL} metadata`],
  },
  {
    name: 'create table ... partition of',
    op: { kind: 'create-table', table: events2024, columns: [], constraints: [], ifNotExists: false, partitioned: false, partitionOf: events, at: 0 },
    expect: [`events ${AEL} metadata`],
  },
  // Whole-table maintenance
  { name: 'set tablespace', op: { kind: 'table-setting', table: orders, setting: 'tablespace', at: 0 }, expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'set logged', op: { kind: 'table-setting', table: orders, setting: 'logged', at: 0 }, expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'vacuum', op: { kind: 'vacuum', tables: [orders], full: false, at: 0 }, expect: [`orders ${SUEL} data`] },
  { name: 'vacuum full', op: { kind: 'vacuum', tables: [orders], full: true, at: 0 }, expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'cluster', op: { kind: 'cluster', table: orders, at: 0 }, expect: [`orders ${AEL} rewrite REWRITE`] },
  { name: 'create trigger', op: { kind: 'create-trigger', table: orders, name: 'trg', at: 0 }, expect: [`orders ${SRX} metadata`] },
  { name: 'truncate', op: { kind: 'truncate', tables: [orders, customers], cascade: false, at: 0 }, expect: [`orders ${AEL} data`, `customers ${AEL} data`] },
  { name: 'drop table', op: { kind: 'drop-table', tables: [orders], ifExists: false, at: 0 }, expect: [`orders ${AEL} metadata`] },
  {
    name: 'create table with a foreign key: only the referenced table is locked',
    op: {
      kind: 'create-table',
      table: orders,
      columns: [column({ name: 'customer_id', references: fk })],
      constraints: [constraint({ kind: 'foreign-key', references: fk })],
      ifNotExists: false,
      partitioned: false,
      at: 0,
    },
    expect: [`customers ${SRX} metadata`],
  },
  // Data changes and the rest
  { name: 'update', op: { kind: 'update', table: orders, where: 'none', columns: ['c'], at: 0 }, expect: ['orders RowExclusiveLock data'] },
  { name: 'delete', op: { kind: 'delete', table: orders, where: 'bounded', at: 0 }, expect: ['orders RowExclusiveLock data'] },
  { name: 'insert', op: { kind: 'insert', table: orders, columns: ['c'], fromSelect: false, at: 0 }, expect: ['orders RowExclusiveLock data'] },
  { name: 'enum add value', op: { kind: 'enum-add-value', type: 'mood', value: 'meh', at: 0 }, expect: ['type mood ExclusiveLock metadata'] },
  { name: 'enum rename value', op: { kind: 'enum-rename-value', type: 'mood', from: 'a', to: 'b', at: 0 }, expect: ['type mood ExclusiveLock metadata'] },
  { name: 'set lock_timeout', op: { kind: 'set-timeout', setting: 'lock_timeout', at: 0 }, expect: [] },
  { name: 'begin', op: { kind: 'transaction', action: 'begin', at: 0 }, expect: [] },
  { name: 'MySQL rebuild', op: { kind: 'mysql-table-rebuild', table: orders, reason: 'charset', at: 0 }, expect: [] },
  // Catalog-only statements without a kind of their own (predict-alter-table.ts)
  ...(
    [
      ['OWNER TO', AEL],
      ['ENABLE ROW LEVEL SECURITY', AEL],
      ['FORCE ROW LEVEL SECURITY', AEL],
      ['ENABLE TRIGGER', SRX],
      ['DISABLE TRIGGER', SRX],
      ['SET STATISTICS', SUEL],
      ['SET ATTRIBUTE OPTIONS', SUEL],
      ['SET STORAGE', AEL],
      ['REPLICA IDENTITY', AEL],
      ['INHERIT', AEL],
      ['NO INHERIT', AEL],
      ['ADD IDENTITY', AEL],
      ['SET IDENTITY', AEL],
      ['DROP IDENTITY', AEL],
      ['DROP DEFAULT', AEL],
      ['CLUSTER ON', SUEL],
      ['SET WITHOUT CLUSTER', SUEL],
      ['RENAME CONSTRAINT', AEL],
    ] as const
  ).map(([subcommand, mode]): Case => ({
    name: `alter table ${subcommand}`,
    op: { kind: 'alter-table-other', table: orders, subcommand, at: 0 },
    expect: [`orders ${mode} metadata`],
  })),
  {
    name: 'alter table SET (fillfactor, autovacuum_enabled)',
    op: { kind: 'alter-table-other', table: orders, subcommand: 'SET', options: ['fillfactor', 'autovacuum_enabled'], at: 0 },
    expect: [`orders ${SUEL} metadata`],
  },
  {
    name: 'alter table RESET (toast.autovacuum_enabled, parallel_workers)',
    op: { kind: 'alter-table-other', table: orders, subcommand: 'RESET', options: ['toast.autovacuum_enabled', 'parallel_workers'], at: 0 },
    expect: [`orders ${SUEL} metadata`],
  },
  {
    name: 'alter table SET (fillfactor, user_catalog_table)',
    op: { kind: 'alter-table-other', table: orders, subcommand: 'SET', options: ['fillfactor', 'user_catalog_table'], at: 0 },
    expect: [`orders ${AEL} metadata`],
  },
  {
    name: 'alter table SET EXPRESSION (rewrites)',
    op: { kind: 'alter-table-other', table: orders, subcommand: 'SET EXPRESSION', at: 0 },
    expect: [`orders ${AEL} rewrite REWRITE`],
  },
  { name: 'create policy', op: { kind: 'table-command', table: orders, command: 'CREATE POLICY', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'alter policy', op: { kind: 'table-command', table: orders, command: 'ALTER POLICY', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'drop policy', op: { kind: 'table-command', table: orders, command: 'DROP POLICY', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'drop trigger', op: { kind: 'table-command', table: orders, command: 'DROP TRIGGER', at: 0 }, expect: [`orders ${AEL} metadata`] },
  { name: 'comment on', op: { kind: 'table-command', table: orders, command: 'COMMENT ON', at: 0 }, expect: [`orders ${SUEL} metadata`] },
  {
    name: 'lock table in share row exclusive mode',
    op: { kind: 'lock-table', tables: [orders, customers], mode: SRX, nowait: false, at: 0 },
    expect: [`orders ${SRX} metadata`, `customers ${SRX} metadata`],
  },
  { name: 'lock table (access exclusive)', op: { kind: 'lock-table', tables: [orders], mode: AEL, nowait: true, at: 0 }, expect: [`orders ${AEL} metadata`] },
  {
    name: 'refresh materialized view',
    op: { kind: 'refresh-matview', name: { name: 'mv' }, concurrently: false, at: 0 },
    expect: [`mv ${AEL} rewrite REWRITE`],
  },
  {
    name: 'refresh materialized view concurrently',
    op: { kind: 'refresh-matview', name: { name: 'mv' }, concurrently: true, at: 0 },
    expect: ['mv ExclusiveLock data'],
  },
  {
    name: 'alter index rename',
    op: { kind: 'rename-index', name: { name: 'orders_c_idx' }, to: 'x', at: 0 },
    expect: { 10: [`index orders_c_idx ${AEL} metadata`], 12: [`index orders_c_idx ${SUEL} metadata`] },
  },
];

describe('predictLocks across PostgreSQL 10, 11, 12, 14, 16', () => {
  for (const c of CASES) {
    test(c.name, () => {
      for (const version of VERSIONS) {
        const predictions = predictLocks(c.op, { ...c.ctx, pgVersion: version });
        assert.deepEqual(predictions.map(brief), expectedFor(c.expect, version), `PostgreSQL ${version}`);
        for (const p of predictions) assert.equal(p.rewrite, p.work === 'rewrite');
      }
    });
  }
});

describe('predictLocks details', () => {
  test('blocks follows the mode, except locks taken once nothing can use the object', () => {
    const ctx = { pgVersion: 16, indexTable: () => orders };
    const [table, index] = predictLocks({ kind: 'drop-index', names: ['i'], concurrently: true, ifExists: false, at: 0 }, ctx);
    assert.deepEqual(table?.blocks, []);
    assert.deepEqual(index?.blocks, []);
    const [plain] = predictLocks(addColumn({ hasDefault: true, defaultIsVolatile: true }), ctx);
    assert.deepEqual(plain?.blocks, ['reads', 'writes']);
    const [enumLock] = predictLocks({ kind: 'enum-add-value', type: 'mood', value: 'x', at: 0 }, ctx);
    assert.deepEqual(enumLock?.blocks, [], 'an object lock on a type holds up no table traffic');
    const [index2] = predictLocks({ kind: 'create-index', table: orders, columns: [], concurrently: false, unique: false, ifNotExists: false, only: false, at: 0 }, ctx);
    assert.deepEqual(index2?.blocks, ['writes']);
  });

  test('an unknown old type is marked typeKnown: false', () => {
    const [p] = predictLocks(changeType('text'), { pgVersion: 16 });
    assert.equal(p?.typeKnown, false);
    const [known] = predictLocks(changeType('text'), { pgVersion: 16, columnType: () => 'varchar(5)' });
    assert.equal(known?.typeKnown, undefined);
  });

  test('features a version lacks are predicted, with a note that the statement fails', () => {
    const [reindex] = predictLocks({ kind: 'reindex', target: 'index', name: 'i', concurrently: true, at: 0 }, { pgVersion: 11 });
    assert.match(reindex?.note ?? '', /needs PostgreSQL 12/);
    const [detach] = predictLocks({ kind: 'detach-partition', table: events, partition: events2024, concurrently: true, at: 0 }, { pgVersion: 13 });
    assert.match(detach?.note ?? '', /needs PostgreSQL 14/);
    const [am] = predictLocks({ kind: 'table-setting', table: orders, setting: 'access-method', at: 0 }, { pgVersion: 14 });
    assert.match(am?.note ?? '', /needs PostgreSQL 15/);
  });

  test('unknown tables are placeholders, never guessed names', () => {
    const [table] = predictLocks({ kind: 'drop-index', names: ['i'], concurrently: false, ifExists: false, at: 0 }, { pgVersion: 16 });
    assert.equal(table?.placeholder, true);
    assert.equal(table?.table, '<table of i>');
    const [all] = predictLocks({ kind: 'vacuum', tables: [], full: true, at: 0 }, { pgVersion: 16 });
    assert.equal(all?.placeholder, true);
  });

  test('the default partition is locked and scanned when a partition is attached', () => {
    const ctx = { pgVersion: 16, defaultPartition: () => ({ name: 'events_default' }) };
    const out = predictLocks({ kind: 'attach-partition', table: events, partition: events2024, at: 0 }, ctx).map(brief);
    assert.deepEqual(out, [`events ${SUEL} metadata`, `events_2024 ${AEL} scan`, `events_default ${AEL} scan`]);
  });

  test('schema-qualified names are kept', () => {
    const [p] = predictLocks({ kind: 'truncate', tables: [{ schema: 'billing', name: 'orders' }], cascade: false, at: 0 }, { pgVersion: 16 });
    assert.equal(p?.table, 'billing.orders');
  });

  test('every operation kind has an answer', () => {
    const samples: { [K in OperationKind]: Extract<Operation, { kind: K }> } = {
      'create-table': { kind: 'create-table', table: orders, columns: [], constraints: [], ifNotExists: false, partitioned: false, at: 0 },
      'drop-table': { kind: 'drop-table', tables: [orders], ifExists: false, at: 0 },
      'add-column': { kind: 'add-column', table: orders, column: column(), ifNotExists: false, at: 0 },
      'drop-column': { kind: 'drop-column', table: orders, column: 'c', ifExists: false, at: 0 },
      'rename-column': { kind: 'rename-column', table: orders, from: 'a', to: 'b', at: 0 },
      'rename-table': { kind: 'rename-table', table: orders, to: 'x', at: 0 },
      'change-type': { kind: 'change-type', table: orders, column: 'c', newType: 'text', using: false, at: 0 },
      'set-not-null': { kind: 'set-not-null', table: orders, column: 'c', at: 0 },
      'drop-not-null': { kind: 'drop-not-null', table: orders, column: 'c', at: 0 },
      'set-default': { kind: 'set-default', table: orders, column: 'c', volatile: false, at: 0 },
      'add-constraint': { kind: 'add-constraint', table: orders, constraint: constraint({ kind: 'check' }), at: 0 },
      'validate-constraint': { kind: 'validate-constraint', table: orders, name: 'k', at: 0 },
      'drop-constraint': { kind: 'drop-constraint', table: orders, name: 'k', at: 0 },
      'create-index': { kind: 'create-index', table: orders, columns: ['c'], concurrently: false, unique: false, ifNotExists: false, only: false, at: 0 },
      'drop-index': { kind: 'drop-index', names: ['i'], concurrently: false, ifExists: false, at: 0 },
      reindex: { kind: 'reindex', target: 'database', name: 'app', concurrently: false, at: 0 },
      'attach-partition': { kind: 'attach-partition', table: events, partition: events2024, at: 0 },
      'detach-partition': { kind: 'detach-partition', table: events, partition: events2024, concurrently: false, at: 0 },
      'table-setting': { kind: 'table-setting', table: orders, setting: 'unlogged', at: 0 },
      vacuum: { kind: 'vacuum', tables: [], full: false, at: 0 },
      cluster: { kind: 'cluster', at: 0 },
      'create-trigger': { kind: 'create-trigger', table: orders, name: 't', at: 0 },
      truncate: { kind: 'truncate', tables: [orders], cascade: true, at: 0 },
      'drop-schema': { kind: 'drop-schema', names: ['old'], at: 0 },
      'create-database': { kind: 'create-database', name: 'x', at: 0 },
      'drop-database': { kind: 'drop-database', name: 'x', at: 0 },
      'enum-add-value': { kind: 'enum-add-value', type: 'mood', value: 'x', at: 0 },
      'enum-rename-value': { kind: 'enum-rename-value', type: 'mood', from: 'a', to: 'b', at: 0 },
      'create-domain': { kind: 'create-domain', name: 'posint', hasCheck: true, at: 0 },
      'alter-domain-add-constraint': { kind: 'alter-domain-add-constraint', name: 'posint', at: 0 },
      update: { kind: 'update', table: orders, where: 'none', columns: ['c'], at: 0 },
      delete: { kind: 'delete', table: orders, where: 'none', at: 0 },
      insert: { kind: 'insert', table: orders, columns: [], fromSelect: true, at: 0 },
      'set-timeout': { kind: 'set-timeout', setting: 'statement_timeout', at: 0 },
      'mysql-online-options': { kind: 'mysql-online-options', table: orders, algorithm: 'copy', at: 0 },
      'mysql-table-rebuild': { kind: 'mysql-table-rebuild', table: orders, reason: 'engine', at: 0 },
      transaction: { kind: 'transaction', action: 'commit', at: 0 },
      'object-ddl': { kind: 'object-ddl', action: 'create', objectType: 'sequence', names: ['s'], guarded: false, replace: false, at: 0 },
      'alter-table-other': { kind: 'alter-table-other', table: orders, subcommand: 'OWNER TO', at: 0 },
      'table-command': { kind: 'table-command', table: orders, command: 'DROP TRIGGER', at: 0 },
      'lock-table': { kind: 'lock-table', tables: [orders], mode: 'RowExclusiveLock', nowait: false, at: 0 },
      'refresh-matview': { kind: 'refresh-matview', name: { name: 'mv' }, concurrently: true, at: 0 },
      'rename-index': { kind: 'rename-index', name: { name: 'orders_c_idx' }, to: 'x', at: 0 },
    };
    const noLocks = new Set<OperationKind>(['create-database', 'drop-database', 'create-domain', 'set-timeout', 'transaction', 'mysql-online-options', 'mysql-table-rebuild', 'object-ddl']);
    for (const op of Object.values(samples)) {
      for (const version of VERSIONS) {
        const predictions = predictLocks(op, { pgVersion: version });
        assert.equal(predictions.length === 0, noLocks.has(op.kind) || op.kind === 'create-table', `${op.kind} on ${version}`);
      }
    }
    assert.deepEqual(predictLocks(samples['alter-domain-add-constraint'], { pgVersion: 16 }).map(brief), ['<every table with a column of posint> ShareLock scan']);
    assert.deepEqual(predictLocks(samples.truncate, { pgVersion: 16 }).map(brief), [`orders ${AEL} data`, `<every table referencing these> ${AEL} data`]);
    assert.deepEqual(predictLocks(samples['refresh-matview'], { pgVersion: 16 })[0]?.blocks, [], 'CONCURRENTLY holds up no reads');
    assert.deepEqual(predictLocks(samples['lock-table'], { pgVersion: 16 }).map(brief), ['orders RowExclusiveLock metadata']);
  });
});

describe('isBinaryCoercible (ALTER COLUMN TYPE without a rewrite)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['varchar(10)', 'varchar(20)', true],
    ['varchar(20)', 'varchar(20)', true],
    ['varchar(20)', 'varchar(10)', false],
    ['varchar(20)', 'varchar', true],
    ['varchar', 'varchar(20)', false],
    ['character varying(20)', 'text', true],
    ['varchar', 'text', true],
    ['text', 'varchar', true],
    ['text', 'varchar(100)', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(10,2)', 'numeric(12,3)', false],
    ['numeric(10,2)', 'numeric(8,2)', false],
    ['numeric(10,2)', 'numeric', true],
    ['numeric', 'numeric(10,2)', false],
    ['numeric(10)', 'numeric(12,0)', true],
    ['decimal(10,2)', 'numeric(11,2)', true],
    ['cidr', 'inet', true],
    ['inet', 'cidr', false],
    ['timestamp without time zone', 'timestamp with time zone', false],
    ['timestamp with time zone', 'timestamp without time zone', false],
    ['bit varying(8)', 'bit varying(16)', true],
    ['bit varying(16)', 'bit varying(8)', false],
    ['varbit(8)', 'bit varying', true],
    ['bit(8)', 'bit(16)', false],
    ['timestamp without time zone(3)', 'timestamp without time zone(6)', true],
    ['timestamp(3) with time zone', 'timestamptz', true],
    ['timestamp without time zone(6)', 'timestamp without time zone(3)', false],
    ['integer', 'bigint', false],
    ['int4', 'integer', true],
    ['char(5)', 'char(10)', false],
    ['char(5)', 'text', false],
    ['json', 'jsonb', false],
    ['varchar(10)[]', 'varchar(20)[]', false],
    ['text[]', 'text[]', true],
    ['', 'text', false],
  ];
  for (const [from, to, expected] of cases) {
    test(`${from || '(unknown)'} -> ${to}: ${expected ? 'no rewrite' : 'rewrite'}`, () => assert.equal(isBinaryCoercible(from, to), expected));
  }
});

describe('describeLock', () => {
  test('one line per prediction', () => {
    const line = (op: Operation, ctx: Omit<LockContext, 'pgVersion'> = {}): string[] => predictLocks(op, { pgVersion: 16, ...ctx }).map(describeLock);
    assert.deepEqual(line(addColumn({ hasDefault: true, defaultIsVolatile: true })), ['ACCESS EXCLUSIVE on orders: blocks reads and writes; rewrites the table']);
    assert.deepEqual(
      line({ kind: 'create-index', table: orders, columns: ['c'], concurrently: true, unique: false, ifNotExists: false, only: false, at: 0 }),
      ['SHARE UPDATE EXCLUSIVE on orders (concurrently): blocks neither reads nor writes; builds an index over the whole table'],
    );
    assert.deepEqual(line(addConstraint(constraint({ kind: 'foreign-key', references: fk, notValid: true }))), [
      'SHARE ROW EXCLUSIVE on orders: blocks writes; changes the catalog only',
      'SHARE ROW EXCLUSIVE on customers: blocks writes; changes the catalog only',
    ]);
    assert.deepEqual(line({ kind: 'reindex', target: 'index', name: 'orders_c_idx', concurrently: false, at: 0 }, { indexTable: () => orders }), [
      'SHARE on orders: blocks writes; rebuilds indexes on it',
      'ACCESS EXCLUSIVE on index orders_c_idx: blocks reads and writes; rebuilds the index',
    ]);
  });
});
