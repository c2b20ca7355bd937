import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerMysql } from '../../src/model/lower-mysql.js';
import type { ColumnSpec, Operation, WhereBound } from '../../src/model/operations.js';
import { parseMysql } from '../../src/parse/mysql/parse.js';

function lower(text: string): Operation[] {
  const file = parseMysql(text);
  assert.equal(file.syntaxError, undefined, file.syntaxError?.message);
  return file.statements.flatMap((s) => (s.dialect === 'mysql' ? lowerMysql(s) : []));
}

/** Offset of the only occurrence of `needle` in `text` (fails when it is missing or not unique). */
function offset(text: string, needle: string): number {
  const first = text.indexOf(needle);
  assert.notEqual(first, -1, `${needle} not in text`);
  assert.equal(text.indexOf(needle, first + 1), -1, `${needle} is not unique`);
  return first;
}

function column(name: string, at: number, spec: Partial<ColumnSpec>): ColumnSpec {
  return {
    name,
    notNull: false,
    primaryKey: false,
    unique: false,
    hasDefault: false,
    defaultIsVolatile: false,
    autoIncrement: false,
    generatedStored: false,
    at,
    ...spec,
  };
}

describe('lowerMysql: tables and columns', () => {
  it('CREATE TABLE lists its columns with type, NOT NULL, default, AUTO_INCREMENT, keys', () => {
    const text = [
      'CREATE TABLE IF NOT EXISTS `shop`.`orders` (',
      '  `id` bigint unsigned NOT NULL AUTO_INCREMENT,',
      '  email varchar(255) NOT NULL,',
      '  token char(36) DEFAULT (uuid()),',
      '  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
      "  status enum('new','paid') DEFAULT 'new',",
      '  total decimal(10,2) DEFAULT NULL,',
      '  code int UNIQUE,',
      '  label varchar(20) GENERATED ALWAYS AS (concat(code, status)) STORED,',
      '  flag BOOL,',
      '  PRIMARY KEY (`id`),',
      '  UNIQUE KEY uk_email (email),',
      '  KEY k_created (created_at)',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    ].join('\n');
    assert.deepEqual(lower(text), [
      {
        kind: 'create-table',
        table: { schema: 'shop', name: 'orders' },
        columns: [
          column('id', offset(text, '`id` bigint'), {
            type: 'bigint unsigned',
            notNull: true,
            primaryKey: true,
            autoIncrement: true,
          }),
          column('email', offset(text, 'email varchar'), { type: 'varchar(255)', notNull: true, unique: true }),
          column('token', offset(text, 'token'), { type: 'char(36)', hasDefault: true, defaultIsVolatile: true }),
          column('created_at', offset(text, 'created_at timestamp'), {
            type: 'timestamp',
            notNull: true,
            hasDefault: true,
          }),
          column('status', offset(text, 'status enum'), { type: "enum('new','paid')", hasDefault: true }),
          column('total', offset(text, 'total'), { type: 'decimal(10,2)' }),
          column('code', offset(text, 'code int'), { type: 'int', unique: true }),
          column('label', offset(text, 'label'), { type: 'varchar(20)', generatedStored: true }),
          column('flag', offset(text, 'flag'), { type: 'boolean' }),
        ],
        at: 0,
      },
    ]);
  });

  it('DROP TABLE names every table', () => {
    const text = 'SELECT 1;\nDROP TABLE IF EXISTS a, `db`.`b`;';
    assert.deepEqual(lower(text), [
      { kind: 'drop-table', tables: [{ name: 'a' }, { schema: 'db', name: 'b' }], at: 10 },
    ]);
  });

  it('ALTER TABLE ... ADD [COLUMN]: one operation per column, at the column name', () => {
    const text =
      'ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0, ADD nick varchar(20) AFTER id, ' +
      'ADD (c1 int, c2 bigint AUTO_INCREMENT), ALGORITHM=INPLACE, LOCK=NONE';
    const age = offset(text, 'age');
    const nick = offset(text, 'nick');
    const c1 = offset(text, 'c1');
    const c2 = offset(text, 'c2');
    assert.deepEqual(lower(text), [
      {
        kind: 'add-column',
        table: { name: 'users' },
        column: column('age', age, { type: 'int', notNull: true, hasDefault: true }),
        at: age,
      },
      { kind: 'add-column', table: { name: 'users' }, column: column('nick', nick, { type: 'varchar(20)' }), at: nick },
      { kind: 'add-column', table: { name: 'users' }, column: column('c1', c1, { type: 'int' }), at: c1 },
      {
        kind: 'add-column',
        table: { name: 'users' },
        column: column('c2', c2, { type: 'bigint', autoIncrement: true }),
        at: c2,
      },
    ]);
  });

  it('offsets stay exact after multi-byte characters and CRLF', () => {
    const text = "-- 🎉 émoji\r\nUPDATE t SET a = '日本' WHERE id = 1;\r\nALTER TABLE `tä` ADD COLUMN `ü🎉` int;\r\n";
    const ops = lower(text);
    const add = ops[1];
    assert.equal(add?.kind, 'add-column');
    assert.equal(add.at, offset(text, '`ü🎉`'));
    assert.deepEqual(parseMysql(text).index.position(add.at), { line: 3, column: 29 });
    if (add.kind === 'add-column') assert.deepEqual(add.table, { name: 'tä' });
  });

  // operations inside ALTER TABLE point at the statement (as in PostgreSQL); added columns at their name
  it('RENAME COLUMN, and CHANGE when the name differs', () => {
    const text =
      'ALTER TABLE t RENAME COLUMN a TO b, CHANGE COLUMN c d int NOT NULL, CHANGE e e bigint, CHANGE f F int, MODIFY g text';
    assert.deepEqual(lower(text), [
      { kind: 'rename-column', table: { name: 't' }, from: 'a', to: 'b', at: 0 },
      { kind: 'rename-column', table: { name: 't' }, from: 'c', to: 'd', at: 0 },
    ]);
  });

  it('ALTER TABLE ... RENAME [TO|AS] and RENAME TABLE a TO b, c TO d', () => {
    const text = [
      'ALTER TABLE a RENAME TO a2;',
      'ALTER TABLE b RENAME AS b2;',
      'ALTER TABLE `db`.c ADD x int, RENAME c2;',
      'RENAME TABLE d TO d2, `db`.e TO `db`.e2;',
    ].join('\n');
    const x = offset(text, 'x int');
    assert.deepEqual(lower(text), [
      { kind: 'rename-table', table: { name: 'a' }, to: 'a2', at: offset(text, 'ALTER TABLE a') },
      { kind: 'rename-table', table: { name: 'b' }, to: 'b2', at: offset(text, 'ALTER TABLE b') },
      { kind: 'add-column', table: { schema: 'db', name: 'c' }, column: column('x', x, { type: 'int' }), at: x },
      { kind: 'rename-table', table: { schema: 'db', name: 'c' }, to: 'c2', at: offset(text, 'ALTER TABLE `db`.c') },
      { kind: 'rename-table', table: { name: 'd' }, to: 'd2', at: offset(text, 'RENAME TABLE') },
      { kind: 'rename-table', table: { schema: 'db', name: 'e' }, to: 'e2', at: offset(text, 'RENAME TABLE') },
    ]);
  });

  it('clauses node-sql-parser cannot read lower to nothing, and the others still lower', () => {
    const text =
      'ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4, ALTER COLUMN s SET DEFAULT 1, ADD COLUMN n int, ENGINE=InnoDB';
    const n = offset(text, 'n int');
    assert.deepEqual(lower(text), [
      { kind: 'add-column', table: { name: 't' }, column: column('n', n, { type: 'int' }), at: n },
    ]);
  });
});

describe('lowerMysql: indexes', () => {
  it('CREATE [UNIQUE] INDEX is never concurrent in MySQL', () => {
    const text = 'CREATE INDEX i1 ON t (a);\nCREATE UNIQUE INDEX i2 USING BTREE ON `db`.t (b(10), c) ALGORITHM=INPLACE LOCK=NONE;';
    assert.deepEqual(lower(text), [
      { kind: 'create-index', table: { name: 't' }, name: 'i1', concurrently: false, unique: false, at: 0 },
      {
        kind: 'create-index',
        table: { schema: 'db', name: 't' },
        name: 'i2',
        concurrently: false,
        unique: true,
        at: offset(text, 'CREATE UNIQUE'),
      },
    ]);
  });

  it('ALTER TABLE ... ADD INDEX / KEY / UNIQUE / FULLTEXT', () => {
    const text =
      'ALTER TABLE t ADD INDEX i (a), ADD KEY (b), ADD UNIQUE u (c), ADD UNIQUE KEY uk (d), ' +
      'ADD CONSTRAINT cu UNIQUE (e), ADD FULLTEXT ft (f), ADD PRIMARY KEY (id), ADD CONSTRAINT fk FOREIGN KEY (g) REFERENCES p (id)';
    const t = { name: 't' };
    assert.deepEqual(lower(text), [
      { kind: 'create-index', table: t, name: 'i', concurrently: false, unique: false, at: 0 },
      { kind: 'create-index', table: t, concurrently: false, unique: false, at: 0 },
      { kind: 'create-index', table: t, name: 'u', concurrently: false, unique: true, at: 0 },
      { kind: 'create-index', table: t, name: 'uk', concurrently: false, unique: true, at: 0 },
      { kind: 'create-index', table: t, name: 'cu', concurrently: false, unique: true, at: 0 },
      { kind: 'create-index', table: t, name: 'ft', concurrently: false, unique: false, at: 0 },
    ]);
  });

  it('DROP INDEX i ON t and ALTER TABLE t DROP INDEX / KEY', () => {
    const text = 'DROP INDEX `i1` ON t ALGORITHM=INPLACE;\nALTER TABLE t DROP INDEX i2, DROP KEY i3, DROP COLUMN c;';
    assert.deepEqual(lower(text), [
      { kind: 'drop-index', names: ['i1'], concurrently: false, at: 0 },
      { kind: 'drop-index', names: ['i2'], concurrently: false, at: offset(text, 'ALTER TABLE t') },
      { kind: 'drop-index', names: ['i3'], concurrently: false, at: offset(text, 'ALTER TABLE t') },
    ]);
  });
});

describe('lowerMysql: UPDATE and DELETE', () => {
  const cases: Array<[string, WhereBound]> = [
    ['UPDATE t SET a = 1', 'none'],
    ['UPDATE t SET a = 1 WHERE a IS NULL', 'unbounded'],
    ["UPDATE t SET a = 1 WHERE status = 'x'", 'unbounded'],
    ['UPDATE t SET a = 1 WHERE created_at < now()', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE a > 1 OR a < 3', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE id = other_id', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE id IN (1, x)', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE b NOT BETWEEN 1 AND 2', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE a IN (SELECT id FROM u)', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE a >= 10', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE a >= 10 AND b < 20', 'unbounded'],
    ['UPDATE t SET a = 1 WHERE b BETWEEN 1 AND 1000 AND a IS NULL', 'bounded'],
    ['UPDATE t SET a = 1 WHERE a IS NULL AND (k >= 1000 AND k < 2000)', 'bounded'],
    ['UPDATE t SET a = 1 WHERE 1000 <= k AND k < 2000', 'bounded'],
    ["UPDATE t SET a = 1 WHERE created_at >= '2020-01-01' AND created_at < now()", 'bounded'],
    ['UPDATE t SET a = 1 WHERE id = 5', 'bounded'],
    ['UPDATE t SET a = 1 WHERE t.ID = ?', 'bounded'],
    ["UPDATE t SET a = 1 WHERE id IN (1, 2, '3')", 'bounded'],
    ['UPDATE t SET a = 1 WHERE x = 1 AND id IN (SELECT id FROM t2 WHERE y IS NULL LIMIT 1000)', 'bounded'],
    ['UPDATE t SET a = 1 WHERE a IS NULL LIMIT 1000', 'bounded'],
    ['UPDATE t SET a = 1 ORDER BY id LIMIT 500', 'bounded'],
    ['DELETE FROM t', 'none'],
    ['DELETE FROM t WHERE expires_at < NOW()', 'unbounded'],
    ['DELETE FROM t WHERE id = 7', 'bounded'],
    ['DELETE FROM t WHERE expires_at < NOW() LIMIT 1000', 'bounded'],
    ['DELETE FROM t WHERE id BETWEEN 1 AND 100', 'bounded'],
  ];
  for (const [sql, where] of cases) {
    it(`${sql} -> ${where}`, () => {
      const text = `SET @x = 1;\n${sql};`;
      const kind = sql.startsWith('UPDATE') ? 'update' : 'delete';
      assert.deepEqual(lower(text), [{ kind, table: { name: 't' }, where, at: 12 }]);
    });
  }

  it('multi-table UPDATE writes the tables its SET list names', () => {
    const text = 'UPDATE orders o JOIN `db`.users u ON u.id = o.user_id SET u.flag = 1, u.n = 2 WHERE o.id = 3';
    assert.deepEqual(lower(text), [{ kind: 'update', table: { schema: 'db', name: 'users' }, where: 'bounded', at: 0 }]);
  });

  it('multi-table DELETE deletes from each table it names', () => {
    const text = 'DELETE a, b FROM a JOIN b ON a.id = b.a_id WHERE a.x = 1';
    assert.deepEqual(lower(text), [
      { kind: 'delete', table: { name: 'a' }, where: 'unbounded', at: 0 },
      { kind: 'delete', table: { name: 'b' }, where: 'unbounded', at: 0 },
    ]);
  });
});

describe('lowerMysql: transactions and the rest', () => {
  it('BEGIN, START TRANSACTION, COMMIT, ROLLBACK', () => {
    const text = [
      'BEGIN;',
      'START TRANSACTION;',
      'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;',
      'BEGIN WORK;',
      'COMMIT;',
      'COMMIT WORK AND NO CHAIN;',
      'ROLLBACK;',
      'ROLLBACK WORK;',
      'ROLLBACK TO SAVEPOINT s;',
      'SAVEPOINT s;',
      'XA START "x";',
    ].join('\n');
    const lines = text.split('\n');
    const lineStart = (n: number): number => lines.slice(0, n).reduce((sum, line) => sum + line.length + 1, 0);
    assert.deepEqual(lower(text), [
      { kind: 'transaction', action: 'begin', at: lineStart(0) },
      { kind: 'transaction', action: 'begin', at: lineStart(1) },
      { kind: 'transaction', action: 'begin', at: lineStart(2) },
      { kind: 'transaction', action: 'begin', at: lineStart(3) },
      { kind: 'transaction', action: 'commit', at: lineStart(4) },
      { kind: 'transaction', action: 'commit', at: lineStart(5) },
      { kind: 'transaction', action: 'rollback', at: lineStart(6) },
      { kind: 'transaction', action: 'rollback', at: lineStart(7) },
    ]);
  });

  it('statements no rule looks into lower to nothing', () => {
    const text = [
      'SET NAMES utf8mb4;',
      "INSERT INTO t (a) VALUES (1);",
      'INSERT INTO t SELECT * FROM u;',
      'DELIMITER $$',
      'CREATE PROCEDURE p() BEGIN UPDATE t SET a = 1; END$$',
      'DELIMITER ;',
      'CALL p();',
      'DROP PROCEDURE p;',
      'CREATE VIEW v AS SELECT 1;',
      'TRUNCATE TABLE t;',
      'DROP TEMPORARY TABLE IF EXISTS tmp;',
      'ALTER TABLE t MODIFY a bigint, DROP COLUMN b, ENGINE=InnoDB;',
    ].join('\n');
    assert.deepEqual(lower(text), []);
  });
});
