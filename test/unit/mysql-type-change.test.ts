import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalMysqlType, mysqlTypeChange } from '../../src/model/mysql-type-change.js';

const SAME_OR_GROWN = 'Only restating the type, or growing a VARCHAR while it keeps its number of length bytes, is done in place.';

describe('canonicalMysqlType', () => {
  it('spells one type one way', () => {
    assert.equal(canonicalMysqlType('int(11)'), 'int');
    assert.equal(canonicalMysqlType('INTEGER'), 'int');
    assert.equal(canonicalMysqlType('int4'), 'int');
    assert.equal(canonicalMysqlType('int8'), 'bigint');
    assert.equal(canonicalMysqlType('middleint(9)'), 'mediumint');
    assert.equal(canonicalMysqlType('boolean'), 'tinyint');
    assert.equal(canonicalMysqlType('tinyint(1)'), 'tinyint');
    assert.equal(canonicalMysqlType('numeric'), 'decimal(10,0)');
    assert.equal(canonicalMysqlType('dec(12)'), 'decimal(12,0)');
    assert.equal(canonicalMysqlType('decimal( 12 , 2 )'), 'decimal(12,2)');
    assert.equal(canonicalMysqlType('bigint signed'), 'bigint');
    assert.equal(canonicalMysqlType('int(11) unsigned zerofill'), 'int unsigned zerofill');
    assert.equal(canonicalMysqlType('VARCHAR(20)'), 'varchar(20)');
    // not an integer synonym
    assert.equal(canonicalMysqlType('interval'), 'interval');
  });
});

describe('mysqlTypeChange', () => {
  it('restated types are done in place', () => {
    assert.deepEqual(mysqlTypeChange('int(11)', 'int'), { verdict: 'in-place', known: true, reason: 'int(11) and int are the same type.' });
    assert.deepEqual(mysqlTypeChange('boolean', 'tinyint(1)'), {
      verdict: 'in-place',
      known: true,
      reason: 'boolean and tinyint(1) are the same type.',
    });
    assert.deepEqual(mysqlTypeChange('varchar(20)', 'varchar(20)'), { verdict: 'in-place', known: true, reason: 'The type stays varchar(20).' });
    assert.equal(mysqlTypeChange('numeric', 'decimal(10,0)').verdict, 'in-place');
    assert.equal(mysqlTypeChange('int unsigned', 'int(10) unsigned').verdict, 'in-place');
  });

  it('a VARCHAR that grows and keeps its length bytes for latin1, utf8mb3 and utf8mb4 is done in place', () => {
    // latin1 20 -> 60 bytes, utf8mb3 60 -> 180, utf8mb4 80 -> 240: one length byte throughout
    assert.deepEqual(mysqlTypeChange('varchar(20)', 'varchar(60)'), {
      verdict: 'in-place',
      known: true,
      reason: 'Growing from 20 to 60 characters keeps the number of length bytes for latin1, utf8mb3 and utf8mb4 columns alike.',
    });
    // two length bytes before and after for every character set
    assert.equal(mysqlTypeChange('varchar(300)', 'varchar(500)').verdict, 'in-place');
    // the edge: 63 characters are 252 bytes with utf8mb4, 85 are 255 with utf8mb3
    assert.equal(mysqlTypeChange('varchar(10)', 'varchar(63)').verdict, 'in-place');
    assert.equal(mysqlTypeChange('varbinary(200)', 'varbinary(255)').verdict, 'in-place');
  });

  it('a VARCHAR that crosses 255 bytes for some character sets copies, and says for which it would not', () => {
    // utf8mb4: 240 -> 280 bytes; latin1 (60 -> 70) and utf8mb3 (180 -> 210) keep one length byte
    assert.deepEqual(mysqlTypeChange('varchar(60)', 'varchar(70)'), {
      verdict: 'copy',
      known: true,
      reason:
        'Growing from 60 to 70 characters takes a utf8mb4 column past 255 bytes, from one length byte to two (a latin1 or utf8mb3 column keeps its length bytes and is changed in place).',
      inPlaceFor: ['latin1', 'utf8mb3'],
    });
    // latin1: 200 -> 300 bytes; utf8mb3 (600 -> 900) and utf8mb4 (800 -> 1200) have two length bytes already
    assert.deepEqual(mysqlTypeChange('varchar(200)', 'varchar(300)'), {
      verdict: 'copy',
      known: true,
      reason:
        'Growing from 200 to 300 characters takes a latin1 column past 255 bytes, from one length byte to two (a utf8mb3 or utf8mb4 column keeps its length bytes and is changed in place).',
      inPlaceFor: ['utf8mb3', 'utf8mb4'],
    });
    // 63 -> 64 characters: 252 -> 256 bytes with utf8mb4 only
    assert.deepEqual(mysqlTypeChange('varchar(63)', 'varchar(64)').inPlaceFor, ['latin1', 'utf8mb3']);
    // 85 -> 86 characters: 255 -> 258 bytes with utf8mb3; utf8mb4 was past 255 already
    assert.deepEqual(mysqlTypeChange('varchar(85)', 'varchar(86)').inPlaceFor, ['latin1', 'utf8mb4']);
  });

  it('a growth that crosses 255 bytes for every character set copies', () => {
    assert.deepEqual(mysqlTypeChange('varchar(50)', 'varchar(300)'), {
      verdict: 'copy',
      known: true,
      reason: 'Growing from 50 to 300 characters takes it past 255 bytes, from one length byte to two, for latin1, utf8mb3 and utf8mb4 columns alike.',
    });
    assert.deepEqual(mysqlTypeChange('varbinary(255)', 'varbinary(256)'), {
      verdict: 'copy',
      known: true,
      reason: 'Growing from 255 to 256 bytes takes it past 255 bytes, from one length byte to two.',
    });
  });

  it('shrinking copies', () => {
    assert.deepEqual(mysqlTypeChange('varchar(100)', 'varchar(80)'), {
      verdict: 'copy',
      known: true,
      reason: 'Shrinking a VARCHAR always copies; only growing one while it keeps its number of length bytes is done in place.',
    });
    assert.equal(mysqlTypeChange('varbinary(20)', 'varbinary(10)').verdict, 'copy');
  });

  it('other type changes copy', () => {
    const copy = { verdict: 'copy', known: true, reason: SAME_OR_GROWN };
    assert.deepEqual(mysqlTypeChange('int', 'bigint'), copy);
    assert.deepEqual(mysqlTypeChange('int(11)', 'bigint(20)'), copy);
    assert.deepEqual(mysqlTypeChange('varchar(255)', 'text'), copy);
    assert.deepEqual(mysqlTypeChange('varchar(20)', 'varbinary(20)'), copy);
    assert.deepEqual(mysqlTypeChange('char(10)', 'varchar(10)'), copy);
    assert.deepEqual(mysqlTypeChange('decimal(10,2)', 'decimal(12,2)'), copy);
    assert.deepEqual(mysqlTypeChange('int', 'int unsigned'), copy);
    // an ENUM that becomes something else, or an ENUM that becomes a SET, is a type change
    assert.deepEqual(mysqlTypeChange("enum('new','paid')", 'varchar(10)'), copy);
    assert.deepEqual(mysqlTypeChange("enum('new')", "set('new')"), copy);
    assert.deepEqual(mysqlTypeChange('varchar(10)', "enum('x')"), copy);
  });

  it('ENUM / SET value lists are left to mysql-enum-change', () => {
    assert.deepEqual(mysqlTypeChange("enum('new','paid')", "enum('new','paid','shipped')"), {
      verdict: 'enum-or-set',
      known: true,
      reason: 'An ENUM value list is redefined: mysql-enum-change judges whether that copies the table.',
    });
    assert.deepEqual(mysqlTypeChange("set('a','b')", "set('b','a')"), {
      verdict: 'enum-or-set',
      known: true,
      reason: 'A SET value list is redefined: mysql-enum-change judges whether that copies the table.',
    });
    assert.deepEqual(mysqlTypeChange(undefined, "enum('a','b')"), {
      verdict: 'enum-or-set',
      known: false,
      reason: 'An ENUM value list is redefined: mysql-enum-change judges whether that copies the table.',
    });
  });

  it('an unknown old type is assumed to copy', () => {
    assert.deepEqual(mysqlTypeChange(undefined, 'varchar(320)'), {
      verdict: 'copy',
      known: false,
      reason: 'The current type is unknown (no earlier migration declares the column), so a type change, which copies, is assumed.',
    });
  });
});
