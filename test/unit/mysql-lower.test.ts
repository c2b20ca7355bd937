import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerMysql } from '../../src/model/lower-mysql.js';
import type { ColumnSpec, Operation, TableName, WhereBound } from '../../src/model/operations.js';
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

/** Offset of the start of line `n` (0-based) of a text joined with '\n'. */
function lineStart(text: string, n: number): number {
  return text
    .split('\n')
    .slice(0, n)
    .reduce((sum, line) => sum + line.length + 1, 0);
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
    check: false,
    at,
    ...spec,
  };
}

const t: TableName = { name: 't' };

describe('lowerMysql: CREATE TABLE and DROP TABLE', () => {
  it('CREATE TABLE lists its columns with type, NOT NULL, default, AUTO_INCREMENT, keys, and its constraints', () => {
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
        constraints: [
          { kind: 'primary-key', name: 'PRIMARY', columns: ['id'], notValid: false },
          { kind: 'unique', name: 'uk_email', columns: ['email'], notValid: false },
        ],
        ifNotExists: true,
        partitioned: false,
        at: 0,
      },
    ]);
  });

  it('CREATE TABLE: foreign keys, checks, inline REFERENCES and CHECK, partitioning', () => {
    const text = [
      'CREATE TABLE t (',
      '  id int,',
      '  a int REFERENCES p (id),',
      '  b int CHECK (b > 0),',
      '  c int,',
      '  CONSTRAINT fk_c FOREIGN KEY (c) REFERENCES db.q (x),',
      '  FOREIGN KEY (a, b) REFERENCES r (ra, rb),',
      '  CONSTRAINT ck_c CHECK (c IS NOT NULL),',
      '  CHECK (a < b),',
      '  UNIQUE (a, b),',
      '  CONSTRAINT pk_t PRIMARY KEY (id, c)',
      ') ENGINE=InnoDB /*!50100 PARTITION BY HASH (id) PARTITIONS 4 */;',
    ].join('\n');
    assert.deepEqual(lower(text), [
      {
        kind: 'create-table',
        table: t,
        columns: [
          column('id', offset(text, 'id int'), { type: 'int', notNull: true }),
          column('a', offset(text, 'a int'), { type: 'int', references: { table: { name: 'p' }, columns: ['id'] } }),
          column('b', offset(text, 'b int'), { type: 'int', check: true }),
          column('c', offset(text, 'c int'), { type: 'int', notNull: true }),
        ],
        constraints: [
          {
            kind: 'foreign-key',
            name: 'fk_c',
            columns: ['c'],
            notValid: false,
            references: { table: { schema: 'db', name: 'q' }, columns: ['x'] },
          },
          {
            kind: 'foreign-key',
            columns: ['a', 'b'],
            notValid: false,
            references: { table: { name: 'r' }, columns: ['ra', 'rb'] },
          },
          { kind: 'check', name: 'ck_c', columns: ['c'], notValid: false, notNullOf: 'c' },
          { kind: 'check', columns: ['a', 'b'], notValid: false },
          { kind: 'unique', columns: ['a', 'b'], notValid: false },
          // the server names every primary key PRIMARY, whatever CONSTRAINT says
          { kind: 'primary-key', name: 'PRIMARY', columns: ['id', 'c'], notValid: false },
        ],
        ifNotExists: false,
        partitioned: true,
        at: 0,
      },
    ]);
  });

  it('CREATE TABLE ... LIKE / AS SELECT: a table without known columns', () => {
    const text = 'CREATE TABLE a LIKE b;\nCREATE TABLE c AS SELECT id FROM d WHERE x = 1;';
    assert.deepEqual(lower(text), [
      { kind: 'create-table', table: { name: 'a' }, columns: [], constraints: [], ifNotExists: false, partitioned: false, at: 0 },
      {
        kind: 'create-table',
        table: { name: 'c' },
        columns: [],
        constraints: [],
        ifNotExists: false,
        partitioned: false,
        at: offset(text, 'CREATE TABLE c'),
      },
    ]);
  });

  it('DROP TABLE names every table; DROP TEMPORARY TABLE lowers to nothing', () => {
    const text = 'SELECT 1;\nDROP TABLE IF EXISTS a, `db`.`b`;\nDROP TABLE c;\nDROP TEMPORARY TABLE IF EXISTS tmp;';
    assert.deepEqual(lower(text), [
      { kind: 'drop-table', tables: [{ name: 'a' }, { schema: 'db', name: 'b' }], ifExists: true, at: 10 },
      { kind: 'drop-table', tables: [{ name: 'c' }], ifExists: false, at: offset(text, 'DROP TABLE c') },
    ]);
  });
});

describe('lowerMysql: ALTER TABLE columns', () => {
  it('ADD [COLUMN]: one operation per column, at the column name', () => {
    const text =
      'ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0, ADD nick varchar(20) AFTER id, ' +
      'ADD (c1 int, c2 bigint AUTO_INCREMENT), ADD COLUMN IF NOT EXISTS c3 int REFERENCES p (id), ALGORITHM=INPLACE, LOCK=NONE';
    const users = { name: 'users' };
    const age = offset(text, 'age');
    const nick = offset(text, 'nick');
    const c1 = offset(text, 'c1');
    const c2 = offset(text, 'c2');
    const c3 = offset(text, 'c3');
    assert.deepEqual(lower(text), [
      {
        kind: 'add-column',
        table: users,
        column: column('age', age, { type: 'int', notNull: true, hasDefault: true }),
        ifNotExists: false,
        at: age,
      },
      { kind: 'add-column', table: users, column: column('nick', nick, { type: 'varchar(20)' }), ifNotExists: false, at: nick },
      { kind: 'add-column', table: users, column: column('c1', c1, { type: 'int' }), ifNotExists: false, at: c1 },
      {
        kind: 'add-column',
        table: users,
        column: column('c2', c2, { type: 'bigint', autoIncrement: true }),
        ifNotExists: false,
        at: c2,
      },
      {
        kind: 'add-column',
        table: users,
        column: column('c3', c3, { type: 'int', references: { table: { name: 'p' }, columns: ['id'] } }),
        ifNotExists: true,
        at: c3,
      },
      { kind: 'mysql-online-options', table: users, algorithm: 'inplace', lock: 'none', at: 0 },
    ]);
  });

  it('an added PRIMARY KEY column rebuilds the table; a column CHECK is noted', () => {
    const text = 'ALTER TABLE t ADD COLUMN id bigint AUTO_INCREMENT PRIMARY KEY FIRST, ADD n int CHECK (n > 0)';
    const id = offset(text, 'id bigint');
    const n = offset(text, 'n int');
    assert.deepEqual(lower(text), [
      {
        kind: 'add-column',
        table: t,
        column: column('id', id, { type: 'bigint', notNull: true, primaryKey: true, autoIncrement: true }),
        ifNotExists: false,
        at: id,
      },
      { kind: 'mysql-table-rebuild', table: t, reason: 'primary-key', at: 0 },
      { kind: 'add-column', table: t, column: column('n', n, { type: 'int', check: true }), ifNotExists: false, at: n },
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
  it('MODIFY and CHANGE redefine the column (change-type, even with the same type); CHANGE renames when the name differs', () => {
    const text =
      'ALTER TABLE t RENAME COLUMN a TO b, CHANGE COLUMN c d int NOT NULL, CHANGE e e bigint, CHANGE f F int, ' +
      "MODIFY g text, MODIFY COLUMN h VARCHAR(30) NOT NULL, MODIFY i ENUM('x', 'y''s', 'a\\'b', \"q\"\"r\") DEFAULT 'x', " +
      'MODIFY j decimal(12,2) unsigned FIRST, MODIFY k int NULL';
    assert.deepEqual(lower(text), [
      { kind: 'rename-column', table: t, from: 'a', to: 'b', at: 0 },
      { kind: 'change-type', table: t, column: 'c', newType: 'int', using: false, at: 0 },
      { kind: 'rename-column', table: t, from: 'c', to: 'd', at: 0 },
      { kind: 'change-type', table: t, column: 'e', newType: 'bigint', using: false, at: 0 },
      { kind: 'change-type', table: t, column: 'f', newType: 'int', using: false, at: 0 },
      { kind: 'change-type', table: t, column: 'g', newType: 'text', using: false, at: 0 },
      { kind: 'change-type', table: t, column: 'h', newType: 'varchar(30)', using: false, at: 0 },
      { kind: 'change-type', table: t, column: 'i', newType: "enum('x','y''s','a''b','q\"r')", using: false, at: 0 },
      { kind: 'change-type', table: t, column: 'j', newType: 'decimal(12,2) unsigned', using: false, at: 0 },
      // an explicit NULL makes the column nullable
      { kind: 'change-type', table: t, column: 'k', newType: 'int', using: false, at: 0 },
      { kind: 'drop-not-null', table: t, column: 'k', at: 0 },
    ]);
  });

  it('MODIFY ... PRIMARY KEY adds a primary key (a rebuild)', () => {
    assert.deepEqual(lower('ALTER TABLE t MODIFY id bigint NOT NULL PRIMARY KEY'), [
      { kind: 'change-type', table: t, column: 'id', newType: 'bigint', using: false, at: 0 },
      { kind: 'mysql-table-rebuild', table: t, reason: 'primary-key', at: 0 },
    ]);
  });

  it('DROP [COLUMN] [IF EXISTS], ALTER COLUMN SET DEFAULT', () => {
    const text =
      'ALTER TABLE t DROP COLUMN a, DROP b, DROP COLUMN IF EXISTS c, ALTER COLUMN d SET DEFAULT 1, ' +
      "ALTER e SET DEFAULT (uuid()), ALTER COLUMN f DROP DEFAULT, ALTER g SET INVISIBLE, ALTER `h` SET DEFAULT 'x'";
    assert.deepEqual(lower(text), [
      { kind: 'drop-column', table: t, column: 'a', ifExists: false, at: 0 },
      { kind: 'drop-column', table: t, column: 'b', ifExists: false, at: 0 },
      { kind: 'drop-column', table: t, column: 'c', ifExists: true, at: 0 },
      { kind: 'set-default', table: t, column: 'd', volatile: false, at: 0 },
      { kind: 'set-default', table: t, column: 'e', volatile: true, at: 0 },
      { kind: 'set-default', table: t, column: 'h', volatile: false, at: 0 },
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
      {
        kind: 'add-column',
        table: { schema: 'db', name: 'c' },
        column: column('x', x, { type: 'int' }),
        ifNotExists: false,
        at: x,
      },
      { kind: 'rename-table', table: { schema: 'db', name: 'c' }, to: 'c2', at: offset(text, 'ALTER TABLE `db`.c') },
      { kind: 'rename-table', table: { name: 'd' }, to: 'd2', at: offset(text, 'RENAME TABLE') },
      { kind: 'rename-table', table: { schema: 'db', name: 'e' }, to: 'e2', at: offset(text, 'RENAME TABLE') },
    ]);
  });
});

describe('lowerMysql: ALTER TABLE constraints, rebuilds and online options', () => {
  it('ADD FOREIGN KEY / UNIQUE / PRIMARY KEY / CHECK are add-constraint; a primary key also rebuilds', () => {
    const text =
      'ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE, ADD FOREIGN KEY (b) REFERENCES `db`.q (id), ' +
      'ADD UNIQUE u (c), ADD UNIQUE KEY (d, e), ADD CONSTRAINT cu UNIQUE (f), ADD CONSTRAINT ck CHECK (g IS NOT NULL), ' +
      'ADD CHECK (h > i), ADD CONSTRAINT pk PRIMARY KEY (id)';
    assert.deepEqual(lower(text), [
      {
        kind: 'add-constraint',
        table: t,
        constraint: { kind: 'foreign-key', name: 'fk', columns: ['a'], notValid: false, references: { table: { name: 'p' }, columns: ['id'] } },
        at: 0,
      },
      {
        kind: 'add-constraint',
        table: t,
        constraint: {
          kind: 'foreign-key',
          columns: ['b'],
          notValid: false,
          references: { table: { schema: 'db', name: 'q' }, columns: ['id'] },
        },
        at: 0,
      },
      { kind: 'add-constraint', table: t, constraint: { kind: 'unique', name: 'u', columns: ['c'], notValid: false }, at: 0 },
      { kind: 'add-constraint', table: t, constraint: { kind: 'unique', columns: ['d', 'e'], notValid: false }, at: 0 },
      { kind: 'add-constraint', table: t, constraint: { kind: 'unique', name: 'cu', columns: ['f'], notValid: false }, at: 0 },
      {
        kind: 'add-constraint',
        table: t,
        constraint: { kind: 'check', name: 'ck', columns: ['g'], notValid: false, notNullOf: 'g' },
        at: 0,
      },
      { kind: 'add-constraint', table: t, constraint: { kind: 'check', columns: ['h', 'i'], notValid: false }, at: 0 },
      {
        kind: 'add-constraint',
        table: t,
        constraint: { kind: 'primary-key', name: 'PRIMARY', columns: ['id'], notValid: false },
        at: 0,
      },
      { kind: 'mysql-table-rebuild', table: t, reason: 'primary-key', at: 0 },
    ]);
  });

  it('DROP FOREIGN KEY / CHECK / CONSTRAINT / PRIMARY KEY', () => {
    const text = 'ALTER TABLE t DROP FOREIGN KEY fk1, DROP CHECK ck, DROP CONSTRAINT `c1`, DROP PRIMARY KEY';
    assert.deepEqual(lower(text), [
      { kind: 'drop-constraint', table: t, name: 'fk1', at: 0 },
      { kind: 'drop-constraint', table: t, name: 'ck', at: 0 },
      { kind: 'drop-constraint', table: t, name: 'c1', at: 0 },
      { kind: 'drop-constraint', table: t, name: 'PRIMARY', at: 0 },
      { kind: 'mysql-table-rebuild', table: t, reason: 'primary-key', at: 0 },
    ]);
  });

  it('CONVERT TO CHARACTER SET, ENGINE=, FORCE rebuild; table defaults and index renames lower to nothing', () => {
    const text = [
      'ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, ENGINE=InnoDB ROW_FORMAT=DYNAMIC;',
      'ALTER TABLE t ENGINE InnoDB;',
      'ALTER TABLE t FORCE, ALGORITHM=INPLACE;',
      'ALTER TABLE t DEFAULT CHARSET=utf8mb4, CHARACTER SET = latin1, RENAME INDEX a TO b, ALTER INDEX i INVISIBLE, COMMENT = "x";',
    ].join('\n');
    assert.deepEqual(lower(text), [
      { kind: 'mysql-table-rebuild', table: t, reason: 'charset', at: 0 },
      { kind: 'mysql-table-rebuild', table: t, reason: 'engine', at: 0 },
      { kind: 'mysql-table-rebuild', table: t, reason: 'engine', at: lineStart(text, 1) },
      { kind: 'mysql-table-rebuild', table: t, reason: 'force', at: lineStart(text, 2) },
      { kind: 'mysql-online-options', table: t, algorithm: 'inplace', at: lineStart(text, 2) },
    ]);
  });

  it('partition changes that move rows are rebuilds; dropping, truncating, exchanging and RANGE/LIST adds are not', () => {
    const rebuilds = [
      'PARTITION BY HASH (id) PARTITIONS 4',
      'PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)',
      'REMOVE PARTITIONING',
      'COALESCE PARTITION 2',
      'ADD PARTITION PARTITIONS 3',
      'ADD PARTITION (PARTITION p5)',
      'REORGANIZE PARTITION p1, p2 INTO (PARTITION p3 VALUES LESS THAN (5))',
      'REBUILD PARTITION p1, p2',
      'OPTIMIZE PARTITION p2',
    ];
    for (const clause of rebuilds) {
      assert.deepEqual(lower(`ALTER TABLE t ${clause}`), [{ kind: 'mysql-table-rebuild', table: t, reason: 'partitioning', at: 0 }], clause);
    }
    const others = [
      'ADD PARTITION (PARTITION p4 VALUES IN (1, 2))',
      'ADD PARTITION (PARTITION p4 VALUES LESS THAN (10), PARTITION p5 VALUES LESS THAN MAXVALUE)',
      'DROP PARTITION p1, p2',
      'TRUNCATE PARTITION ALL',
      'EXCHANGE PARTITION p1 WITH TABLE t2',
      'ANALYZE PARTITION p1, p2',
    ];
    for (const clause of others) assert.deepEqual(lower(`ALTER TABLE t ${clause}`), [], clause);
  });

  it('one mysql-online-options per statement: the last ALGORITHM= / LOCK= wins, values lower-cased', () => {
    const text = [
      'ALTER TABLE t ALGORITHM=INPLACE, ADD COLUMN a int, ALGORITHM COPY, LOCK = Exclusive;',
      'ALTER TABLE t ALGORITHM=INSTANT;',
      'ALTER TABLE t ALGORITHM=NOCOPY, LOCK=DEFAULT;',
      'ALTER TABLE t ALGORITHM=DEFAULT, LOCK=SHARED;',
      'ALTER TABLE t ADD COLUMN b int;',
    ].join('\n');
    const a = offset(text, 'a int');
    const b = offset(text, 'b int');
    assert.deepEqual(lower(text), [
      { kind: 'add-column', table: t, column: column('a', a, { type: 'int' }), ifNotExists: false, at: a },
      { kind: 'mysql-online-options', table: t, algorithm: 'copy', lock: 'exclusive', at: 0 },
      { kind: 'mysql-online-options', table: t, algorithm: 'instant', at: lineStart(text, 1) },
      // MariaDB's NOCOPY: in place, refused rather than copied
      { kind: 'mysql-online-options', table: t, algorithm: 'inplace', lock: 'default', at: lineStart(text, 2) },
      { kind: 'mysql-online-options', table: t, algorithm: 'default', lock: 'shared', at: lineStart(text, 3) },
      { kind: 'add-column', table: t, column: column('b', b, { type: 'int' }), ifNotExists: false, at: b },
    ]);
  });
});

describe('lowerMysql: indexes', () => {
  it('CREATE [UNIQUE] INDEX is never concurrent in MySQL; ALGORITHM= / LOCK= become mysql-online-options', () => {
    const text =
      'CREATE INDEX i1 ON t (a);\nCREATE UNIQUE INDEX IF NOT EXISTS i2 USING BTREE ON `db`.t (b(10), c DESC, (lower(d))) ALGORITHM=INPLACE LOCK=NONE;';
    const db = { schema: 'db', name: 't' };
    const second = offset(text, 'CREATE UNIQUE');
    assert.deepEqual(lower(text), [
      {
        kind: 'create-index',
        table: t,
        name: 'i1',
        columns: ['a'],
        concurrently: false,
        unique: false,
        ifNotExists: false,
        only: false,
        at: 0,
      },
      {
        kind: 'create-index',
        table: db,
        name: 'i2',
        columns: ['b', 'c', '(expression)'],
        concurrently: false,
        unique: true,
        ifNotExists: true,
        only: false,
        at: second,
      },
      { kind: 'mysql-online-options', table: db, algorithm: 'inplace', lock: 'none', at: second },
    ]);
  });

  it('ALTER TABLE ... ADD INDEX / KEY / FULLTEXT [IF NOT EXISTS]', () => {
    const text = 'ALTER TABLE t ADD INDEX i (a, b(10)), ADD KEY (c), ADD FULLTEXT ft (f), ADD INDEX IF NOT EXISTS j (g)';
    const index = (name: string | undefined, columns: string[], ifNotExists = false): Operation => ({
      kind: 'create-index',
      table: t,
      ...(name ? { name } : {}),
      columns,
      concurrently: false,
      unique: false,
      ifNotExists,
      only: false,
      at: 0,
    });
    assert.deepEqual(lower(text), [
      index('i', ['a', 'b']),
      index(undefined, ['c']),
      index('ft', ['f']),
      index('j', ['g'], true),
    ]);
  });

  it('DROP INDEX i ON t [IF EXISTS] and ALTER TABLE t DROP INDEX / KEY', () => {
    const text =
      'DROP INDEX `i1` ON t ALGORITHM=INPLACE;\nDROP INDEX IF EXISTS i0 ON t;\nALTER TABLE t DROP INDEX i2, DROP KEY i3, DROP INDEX IF EXISTS i4;';
    const alter = offset(text, 'ALTER TABLE t');
    assert.deepEqual(lower(text), [
      { kind: 'drop-index', names: ['i1'], concurrently: false, ifExists: false, at: 0 },
      { kind: 'mysql-online-options', table: t, algorithm: 'inplace', at: 0 },
      { kind: 'drop-index', names: ['i0'], concurrently: false, ifExists: true, at: offset(text, 'DROP INDEX IF EXISTS i0') },
      { kind: 'drop-index', names: ['i2'], concurrently: false, ifExists: false, at: alter },
      { kind: 'drop-index', names: ['i3'], concurrently: false, ifExists: false, at: alter },
      { kind: 'drop-index', names: ['i4'], concurrently: false, ifExists: true, at: alter },
    ]);
  });
});

describe('lowerMysql: UPDATE, DELETE, INSERT', () => {
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
      const expected: Operation = sql.startsWith('UPDATE')
        ? { kind: 'update', table: t, where, columns: ['a'], at: 12 }
        : { kind: 'delete', table: t, where, at: 12 };
      assert.deepEqual(lower(text), [expected]);
    });
  }

  it('UPDATE lists the columns it sets, in order, duplicates kept', () => {
    const text = 'UPDATE t SET a = 1, t.b = a + 1, `c` = 2, a = 3 WHERE id = 1';
    assert.deepEqual(lower(text), [{ kind: 'update', table: t, where: 'bounded', columns: ['a', 'b', 'c', 'a'], at: 0 }]);
  });

  it('multi-table UPDATE writes the tables its SET list names, each with its columns', () => {
    const text = 'UPDATE orders o JOIN `db`.users u ON u.id = o.user_id SET u.flag = 1, o.n = 2, u.m = 3 WHERE o.id = 3';
    assert.deepEqual(lower(text), [
      { kind: 'update', table: { schema: 'db', name: 'users' }, where: 'bounded', columns: ['flag', 'm'], at: 0 },
      { kind: 'update', table: { name: 'orders' }, where: 'bounded', columns: ['n'], at: 0 },
    ]);
  });

  it('multi-table DELETE deletes from each table it names', () => {
    const text = 'DELETE a, b FROM a JOIN b ON a.id = b.a_id WHERE a.x = 1';
    assert.deepEqual(lower(text), [
      { kind: 'delete', table: { name: 'a' }, where: 'unbounded', at: 0 },
      { kind: 'delete', table: { name: 'b' }, where: 'unbounded', at: 0 },
    ]);
  });

  it('INSERT / REPLACE: the column list, and whether the rows come from a query', () => {
    const text = [
      'INSERT INTO `db`.t (a, `b`) VALUES (1, 2), (3, 4);',
      'INSERT INTO t SELECT * FROM u;',
      'INSERT IGNORE INTO t (a) SELECT x FROM u ON DUPLICATE KEY UPDATE a = 1;',
      'INSERT INTO t SET a = 1, b = 2;',
      'REPLACE INTO t (a) VALUES (1);',
      'INSERT INTO t (a) VALUES ((SELECT max(x) FROM u));',
      'INSERT INTO t (a, b) TABLE u;',
      'INSERT LOW_PRIORITY INTO t VALUES (1);',
    ].join('\n');
    const insert = (line: number, columns: string[], fromSelect: boolean, table: TableName = t): Operation => ({
      kind: 'insert',
      table,
      columns,
      fromSelect,
      at: lineStart(text, line),
    });
    assert.deepEqual(lower(text), [
      insert(0, ['a', 'b'], false, { schema: 'db', name: 't' }),
      insert(1, [], true),
      insert(2, ['a'], true),
      insert(3, ['a', 'b'], false),
      insert(4, ['a'], false),
      insert(5, ['a'], false),
      // node-sql-parser does not read INSERT ... TABLE: read from the tokens
      insert(6, ['a', 'b'], true),
      insert(7, [], false),
    ]);
  });
});

describe('lowerMysql: TRUNCATE, databases, SET, transactions and the rest', () => {
  it('TRUNCATE [TABLE] (MySQL has no CASCADE)', () => {
    const text = 'TRUNCATE TABLE `db`.t;\nTRUNCATE u;';
    assert.deepEqual(lower(text), [
      { kind: 'truncate', tables: [{ schema: 'db', name: 't' }], cascade: false, at: 0 },
      { kind: 'truncate', tables: [{ name: 'u' }], cascade: false, at: offset(text, 'TRUNCATE u') },
    ]);
  });

  it('CREATE / DROP DATABASE and SCHEMA (a schema is a database in MySQL)', () => {
    const text = [
      'CREATE DATABASE IF NOT EXISTS shop;',
      'CREATE SCHEMA `reports` DEFAULT CHARACTER SET utf8mb4;',
      'DROP DATABASE IF EXISTS `old`;',
      'DROP SCHEMA legacy;',
    ].join('\n');
    assert.deepEqual(lower(text), [
      { kind: 'create-database', name: 'shop', at: 0 },
      { kind: 'create-database', name: 'reports', at: lineStart(text, 1) },
      { kind: 'drop-database', name: 'old', at: lineStart(text, 2) },
      { kind: 'drop-database', name: 'legacy', at: lineStart(text, 3) },
    ]);
  });

  it('SET [SESSION | GLOBAL] lock_wait_timeout, once per assignment; other settings lower to nothing', () => {
    const text = [
      'SET lock_wait_timeout = 5;',
      'SET SESSION lock_wait_timeout = 5;',
      "SET GLOBAL sql_mode = '', lock_wait_timeout := 5;",
      'SET @@session.lock_wait_timeout = 5;',
      'SET @@LOCK_WAIT_TIMEOUT = 1;',
      'SET @lock_wait_timeout = 3;',
      'SET innodb_lock_wait_timeout = 3;',
      'SET NAMES utf8mb4;',
    ].join('\n');
    assert.deepEqual(
      lower(text),
      [0, 1, 2, 3, 4].map((line) => ({ kind: 'set-timeout', setting: 'lock_wait_timeout', at: lineStart(text, line) })),
    );
  });

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
    assert.deepEqual(lower(text), [
      { kind: 'transaction', action: 'begin', at: lineStart(text, 0) },
      { kind: 'transaction', action: 'begin', at: lineStart(text, 1) },
      { kind: 'transaction', action: 'begin', at: lineStart(text, 2) },
      { kind: 'transaction', action: 'begin', at: lineStart(text, 3) },
      { kind: 'transaction', action: 'commit', at: lineStart(text, 4) },
      { kind: 'transaction', action: 'commit', at: lineStart(text, 5) },
      { kind: 'transaction', action: 'rollback', at: lineStart(text, 6) },
      { kind: 'transaction', action: 'rollback', at: lineStart(text, 7) },
    ]);
  });

  it('statements no rule looks into lower to nothing', () => {
    const text = [
      'SET NAMES utf8mb4;',
      'DELIMITER $$',
      'CREATE PROCEDURE p() BEGIN UPDATE t SET a = 1; END$$',
      'DELIMITER ;',
      'CALL p();',
      'DROP PROCEDURE p;',
      'CREATE VIEW v AS SELECT 1;',
      'ALTER DATABASE shop CHARACTER SET = utf8mb4;',
      'LOCK TABLES t WRITE;',
      'SELECT * FROM t;',
    ].join('\n');
    assert.deepEqual(lower(text), []);
  });
});
