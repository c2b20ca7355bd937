import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { EffectiveSettings } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintFile } from '../../src/engine/lint-file.js';
import { loadRules } from '../../src/engine/registry.js';
import type { Rule } from '../../src/engine/rule.js';
import { Catalog } from '../../src/model/catalog.js';

const settings: EffectiveSettings = { pgVersion: 15, assumeInTransaction: false, rules: new Map() };

let rules: Rule[] = [];
before(async () => {
  rules = await loadRules();
});

/**
 * Lints `files` in order as one migration set (each builds the catalog the next sees) and returns the findings of
 * `ruleId` in the last one, as `line:column message`.
 */
function lint(ruleId: string, ...files: string[]): string[] {
  const rule = rules.find((r) => r.meta.id === ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  const catalog = new Catalog();
  let findings: Finding[] = [];
  files.forEach((text, i) => {
    const last = i === files.length - 1;
    const input = { path: `${i}.sql`, text, dialect: 'mysql' as const, sections: [{ direction: 'up' as const, transaction: 'none' as const, start: 0, end: text.length }] };
    findings = lintFile(input, settings, last ? [rule] : [], catalog);
  });
  return findings.map((f) => `${f.line}:${f.column} ${f.message}`);
}

/** The lines of the findings only. */
function lines(findings: string[]): number[] {
  return findings.map((f) => Number(f.split(':')[0]));
}

const schema = [
  'CREATE TABLE orders (',
  '  id int(11) NOT NULL PRIMARY KEY,',
  '  amount int,',
  '  name varchar(50),',
  '  code varchar(100),',
  '  note varchar(300),',
  '  bin varbinary(200),',
  '  flag boolean,',
  '  price decimal(10,2),',
  '  title varchar(200),',
  "  status enum('new','paid')",
  ');',
].join('\n');

const LARGE_TABLES = 'On a large table, run it with gh-ost or pt-online-schema-change instead.';

/** Type changes, restated types and VARCHAR growths: changing-column-type reports the copies, in these lines. */
const typeChanges = [
  'ALTER TABLE orders MODIFY amount bigint;', // 1: int -> bigint
  'ALTER TABLE orders MODIFY amount bigint NOT NULL DEFAULT 0;', // the same type (the catalog follows line 1)
  'ALTER TABLE orders MODIFY id int NOT NULL;', // int(11) is int
  'ALTER TABLE orders MODIFY flag tinyint(1) NOT NULL;', // boolean is tinyint(1)
  'ALTER TABLE orders MODIFY name varchar(60);', // 50 -> 60: at most 240 bytes with utf8mb4
  'ALTER TABLE orders MODIFY name varchar(70);', // 6: 60 -> 70 crosses 255 bytes with utf8mb4
  'ALTER TABLE orders MODIFY code varchar(80);', // 7: shrinking
  'ALTER TABLE orders MODIFY note varchar(500);', // 300 -> 500: two length bytes with any character set
  'ALTER TABLE orders MODIFY bin varbinary(255);', // bytes: still one length byte
  'ALTER TABLE orders MODIFY bin varbinary(256);', // 10: two length bytes
  'ALTER TABLE orders MODIFY price decimal(12,2);', // 11: precision change copies in MySQL
  'ALTER TABLE orders CHANGE amount total bigint NOT NULL;', // a rename with the same type
  "ALTER TABLE orders MODIFY status enum('new','paid','shipped');", // mysql-enum-change's
  'ALTER TABLE orders MODIFY status varchar(10);', // 14: enum -> varchar
  'ALTER TABLE orders MODIFY title varchar(300);', // 15: 200 -> 300 crosses 255 bytes with latin1
  'ALTER TABLE orders MODIFY total text;', // 16: bigint -> text (under its new name)
].join('\n');

describe('changing-column-type (MySQL)', () => {
  it('changing a known type copies, except restating it and growing a VARCHAR within its length bytes', () => {
    const findings = lint('changing-column-type', schema, typeChanges);
    assert.deepEqual(lines(findings), [1, 6, 7, 10, 11, 14, 15, 16]);
    assert.equal(
      findings[0],
      '1:1 Changing "orders"."amount" from int to bigint copies the table "orders" (ALGORITHM=COPY): writes are blocked until the copy is done. ' +
        `Only restating the type, or growing a VARCHAR while it keeps its number of length bytes, is done in place. ${LARGE_TABLES}`,
    );
    assert.equal(
      findings[1],
      '6:1 Changing "orders"."name" from varchar(60) to varchar(70) copies the table "orders" (ALGORITHM=COPY): writes are blocked until the copy is done. ' +
        'Growing from 60 to 70 characters takes a utf8mb4 column past 255 bytes, from one length byte to two (a latin1 or utf8mb3 column keeps its length bytes and is changed in place). ' +
        `If the column is latin1 or utf8mb3, add ALGORITHM=INPLACE, LOCK=NONE: the server then does it in place, and refuses the statement if it would need a copy. ${LARGE_TABLES}`,
    );
    assert.match(findings[2]!, /^7:1 Changing "orders"\."code" from varchar\(100\) to varchar\(80\) copies the table "orders" \(ALGORITHM=COPY\).* Shrinking a VARCHAR always copies;/);
    assert.match(findings[3]!, /^10:1 Changing "orders"\."bin" from varbinary\(255\) to varbinary\(256\) copies the table .* Growing from 255 to 256 bytes takes it past 255 bytes, from one length byte to two\. On a large table/);
    assert.match(findings[5]!, /^14:1 Changing "orders"\."status" from enum\('new','paid','shipped'\) to varchar\(10\) copies/);
    assert.match(findings[6]!, /^15:1 .* takes a latin1 column past 255 bytes.* If the column is utf8mb3 or utf8mb4, add ALGORITHM=INPLACE, LOCK=NONE/);
    assert.match(findings[7]!, /^16:1 Changing "orders"\."total" from bigint to text copies/);
  });

  it('an unknown old type is assumed to change (the message says so); ALGORITHM=INSTANT / INPLACE or LOCK=NONE: the server refuses instead', () => {
    const migration = [
      // each line another column: a MODIFY makes the type known to the statements after it
      'ALTER TABLE users MODIFY email varchar(320) NOT NULL;',
      'ALTER TABLE users MODIFY login varchar(320) NOT NULL, ALGORITHM=INPLACE;',
      'ALTER TABLE users MODIFY phone varchar(320) NOT NULL, LOCK=NONE;',
      'ALTER TABLE users MODIFY city varchar(320) NOT NULL, ALGORITHM=INSTANT;',
      'ALTER TABLE users MODIFY street varchar(320) NOT NULL, ALGORITHM=DEFAULT, LOCK=DEFAULT;', // 5
      "ALTER TABLE users MODIFY kind enum('a','b');", // an unknown ENUM: mysql-enum-change's (and silent)
      'ALTER TABLE users MODIFY email varchar(320) NULL;', // known now (line 1): the same type
    ].join('\n');
    const findings = lint('changing-column-type', migration);
    assert.deepEqual(lines(findings), [1, 5]);
    assert.equal(
      findings[0],
      '1:1 Redefining "users"."email" as varchar(320) copies the table "users" (ALGORITHM=COPY) if its type changes: writes are blocked until the copy is done. ' +
        'The current type is unknown (no earlier migration declares the column), so a type change, which copies, is assumed. ' +
        'If the type stays the same, or a VARCHAR grows within its length bytes, add ALGORITHM=INPLACE, LOCK=NONE: the server then does it in place, and refuses the statement if it would need a copy. ' +
        LARGE_TABLES,
    );
  });

  it('ALGORITHM=INPLACE / INSTANT or LOCK=NONE silences a known copy too; ALGORITHM=COPY and LOCK=SHARED|EXCLUSIVE are mysql-unsafe-algorithm\'s', () => {
    const migration = [
      'ALTER TABLE orders MODIFY amount bigint, ALGORITHM=INPLACE;',
      'ALTER TABLE orders MODIFY amount bigint, LOCK=NONE;',
      'ALTER TABLE orders MODIFY amount bigint, ALGORITHM=INSTANT;',
      'ALTER TABLE orders MODIFY amount bigint, ALGORITHM=COPY;',
      'ALTER TABLE orders MODIFY amount bigint, LOCK=SHARED;',
      'ALTER TABLE orders MODIFY amount bigint, LOCK=EXCLUSIVE;',
    ].join('\n');
    assert.deepEqual(lint('changing-column-type', schema, migration), []);
    assert.deepEqual(lines(lint('mysql-unsafe-algorithm', schema, migration)), [4, 5, 6]);
  });

  it('is silent for a table created earlier in the same file', () => {
    const migration = ['CREATE TABLE carts (id int PRIMARY KEY, total int);', 'ALTER TABLE carts MODIFY total bigint;'].join('\n');
    assert.deepEqual(lint('changing-column-type', migration), []);
  });
});

describe('mysql-unsafe-algorithm', () => {
  it('leaves column type changes to changing-column-type (one finding per type change)', () => {
    assert.deepEqual(lint('mysql-unsafe-algorithm', schema, typeChanges), []);
    assert.deepEqual(lint('mysql-unsafe-algorithm', 'ALTER TABLE users MODIFY email varchar(320) NOT NULL;'), []);
  });

  it('explicit options: COPY / SHARED / EXCLUSIVE are reported once per statement, also on CREATE and DROP INDEX', () => {
    const migration = [
      'ALTER TABLE orders MODIFY amount bigint, ALGORITHM=COPY;',
      'ALTER TABLE orders ADD COLUMN x int, LOCK=SHARED;',
      'CREATE INDEX i ON orders (amount) ALGORITHM=COPY;',
      'DROP INDEX j ON orders LOCK=EXCLUSIVE;',
      'ALTER TABLE orders ADD INDEX k (name), ALGORITHM=DEFAULT, LOCK=DEFAULT;',
    ].join('\n');
    const findings = lint('mysql-unsafe-algorithm', schema, migration);
    assert.deepEqual(findings.map((f) => f.replace(/ On a large table.*/, '')), [
      '1:1 ALGORITHM=COPY copies "orders" row by row and blocks writes until it is done.',
      '2:1 LOCK=SHARED blocks writes to "orders" until the statement is done.',
      '3:1 ALGORITHM=COPY copies "orders" row by row and blocks writes until it is done.',
      '4:1 LOCK=EXCLUSIVE blocks reads and writes to "orders" until the statement is done.',
    ]);
  });

  it('rebuilds: charset, primary key, engine and repartitioning are flagged, FORCE is not; one finding per reason', () => {
    const migration = [
      'ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;',
      'ALTER TABLE orders DROP PRIMARY KEY;',
      'ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, amount);',
      'ALTER TABLE orders ADD PRIMARY KEY (id);',
      'ALTER TABLE orders ENGINE=InnoDB;',
      'ALTER TABLE orders FORCE;',
      'ALTER TABLE orders REMOVE PARTITIONING;',
      // in place, but partition changes still block writes: only LOCK=NONE makes the server refuse
      'ALTER TABLE orders COALESCE PARTITION 2, ALGORITHM=INPLACE;',
      'ALTER TABLE orders COALESCE PARTITION 2, LOCK=NONE;',
      'ALTER TABLE orders ADD PRIMARY KEY (id), ALGORITHM=INPLACE;',
    ].join('\n');
    const findings = lint('mysql-unsafe-algorithm', schema, migration).map((f) => f.replace(/ On a large table.*/, ''));
    assert.deepEqual(lines(findings), [1, 2, 3, 4, 5, 7, 8]);
    assert.match(findings[1]!, /^2:1 Dropping the primary key of "orders" is ALGORITHM=COPY/);
    assert.match(findings[2]!, /^3:1 Replacing the primary key of "orders" rebuilds its clustered index/);
    assert.match(findings[3]!, /^4:1 Adding a primary key to "orders" rebuilds its clustered index/);
    assert.match(findings[4]!, /add ALGORITHM=INPLACE, LOCK=NONE to say so\.$/);
  });

  it('is silent for a table created earlier in the same file', () => {
    const migration = [
      'CREATE TABLE carts (id int PRIMARY KEY, total int);',
      'ALTER TABLE carts MODIFY total bigint, ALGORITHM=COPY;',
      'ALTER TABLE carts CONVERT TO CHARACTER SET utf8mb4, DROP PRIMARY KEY;',
      'ALTER TABLE carts ENGINE=InnoDB, LOCK=EXCLUSIVE;',
    ].join('\n');
    assert.deepEqual(lint('mysql-unsafe-algorithm', migration), []);
  });
});

describe('mysql-enum-change', () => {
  const many = Array.from({ length: 255 }, (_, i) => `'v${i}'`).join(',');
  const enumSchema = [
    'CREATE TABLE orders (',
    '  id int PRIMARY KEY,',
    "  status enum('new','paid','shipped') NOT NULL,",
    "  tags set('a','b','c','d','e','f','g','h'),",
    `  code enum(${many}),`,
    "  note varchar(20)",
    ');',
  ].join('\n');

  it('appending at the end is instant; removing, reordering, inserting or outgrowing the storage size copies', () => {
    const migration = [
      "ALTER TABLE orders MODIFY status enum('new','paid','shipped','refunded') NOT NULL;",
      "ALTER TABLE orders MODIFY status enum('new','shipped','refunded') NOT NULL;", // 2: removes 'paid'
      "ALTER TABLE orders MODIFY status enum('shipped','new','refunded') NOT NULL;", // 3: reorders
      "ALTER TABLE orders MODIFY status enum('shipped','held','new','refunded') NOT NULL;", // 4: inserts 'held'
      "ALTER TABLE orders MODIFY tags set('a','b','c','d','e','f','g','h','i');", // 5: 1 -> 2 bytes
      `ALTER TABLE orders MODIFY code enum(${many},'v255');`, // 6: 256 members: 1 -> 2 bytes
      "ALTER TABLE orders MODIFY status enum('shipped','held','new','refunded') NULL;", // the same list
      "ALTER TABLE orders MODIFY note enum('x');", // not an ENUM before: changing-column-type's
      "ALTER TABLE orders MODIFY status set('new');", // an ENUM becomes a SET: a type change too
    ].join('\n');
    const findings = lint('mysql-enum-change', enumSchema, migration);
    assert.deepEqual(findings.map((f) => f.replace(/: InnoDB copies.*/, '')), [
      `2:1 Changing ENUM column "orders"."status" removes 'paid'`,
      '3:1 Changing ENUM column "orders"."status" reorders the existing values',
      `4:1 Changing ENUM column "orders"."status" inserts 'held' before existing values (only values appended at the end are instant)`,
      '5:1 Changing SET column "orders"."tags" grows from 8 to 9 values, which changes its storage from 1 to 2 bytes per row',
      '6:1 Changing ENUM column "orders"."code" grows from 255 to 256 values, which changes its storage from 1 to 2 bytes per row',
    ]);
    assert.match(findings[0]!, /ALGORITHM=COPY\) and blocks writes until it is done\. On a large table, use gh-ost or pt-online-schema-change\.$/);
  });

  it('reads the old list under the old name of CHANGE, and follows earlier changes', () => {
    const migration = [
      "ALTER TABLE orders CHANGE status state enum('new','paid') NOT NULL;", // removes 'shipped'
      "ALTER TABLE orders MODIFY state enum('paid','new') NOT NULL;", // the list is ('new','paid') now
    ].join('\n');
    assert.deepEqual(lines(lint('mysql-enum-change', enumSchema, migration)), [1, 2]);
  });

  it('does not guess an unknown old list, and trusts ALGORITHM=INSTANT / INPLACE / LOCK=NONE', () => {
    const migration = [
      "ALTER TABLE users MODIFY role enum('b','a');",
      "ALTER TABLE orders MODIFY status enum('shipped','new') NOT NULL, ALGORITHM=INSTANT;",
      "ALTER TABLE orders MODIFY status enum('shipped','new') NOT NULL, ALGORITHM=INPLACE;",
      "ALTER TABLE orders MODIFY status enum('shipped','new') NOT NULL, LOCK=NONE;",
    ].join('\n');
    assert.deepEqual(lint('mysql-enum-change', enumSchema, migration), []);
  });

  it('values with quotes and escapes compare by value', () => {
    const migration = [
      "ALTER TABLE orders ADD COLUMN mood enum('it''s','ok');",
      "ALTER TABLE orders MODIFY mood enum('it\\'s','ok',\"new\");",
      "ALTER TABLE orders MODIFY mood enum('ok','it''s','new');",
    ].join('\n');
    assert.deepEqual(lines(lint('mysql-enum-change', enumSchema, migration)), [3]);
  });
});

describe('mysql-inline-references', () => {
  it('flags an inline REFERENCES in CREATE TABLE and ADD COLUMN, new tables included, at the column', () => {
    const migration = [
      'CREATE TABLE carts (id int PRIMARY KEY, user_id int REFERENCES users (id));',
      'ALTER TABLE carts ADD COLUMN shop_id int REFERENCES `db`.shops (id, region);',
      'ALTER TABLE carts ADD COLUMN coupon_id int, ADD FOREIGN KEY (coupon_id) REFERENCES coupons (id);',
    ].join('\n');
    assert.deepEqual(lint('mysql-inline-references', migration), [
      '1:41 Column "user_id" of "carts" declares REFERENCES users (id) inline: MySQL parses and ignores it, so no foreign key is created.',
      '2:30 Column "shop_id" of "carts" declares REFERENCES db.shops (id, region) inline: MySQL parses and ignores it, so no foreign key is created.',
    ]);
  });
});
