import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, ConfigResolver, effectiveSettings } from '../../src/engine/config.js';
import { atLeast, DEFAULT_MYSQL_VERSION, formatMysqlVersion, parseMysqlVersion } from '../../src/engine/mysql-version.js';

describe('parseMysqlVersion', () => {
  test('MySQL versions, with and without a patch number', () => {
    assert.deepEqual(parseMysqlVersion('8.0'), { flavor: 'mysql', major: 8, minor: 0, patch: Number.POSITIVE_INFINITY });
    assert.deepEqual(parseMysqlVersion('8.0.29'), { flavor: 'mysql', major: 8, minor: 0, patch: 29 });
    assert.deepEqual(parseMysqlVersion('5.7'), { flavor: 'mysql', major: 5, minor: 7, patch: Number.POSITIVE_INFINITY });
    assert.deepEqual(parseMysqlVersion('mysql-8.4'), { flavor: 'mysql', major: 8, minor: 4, patch: Number.POSITIVE_INFINITY });
  });

  test('MariaDB versions', () => {
    assert.deepEqual(parseMysqlVersion('mariadb-10.6'), { flavor: 'mariadb', major: 10, minor: 6, patch: Number.POSITIVE_INFINITY });
    assert.deepEqual(parseMysqlVersion('MariaDB-11.4.2'), { flavor: 'mariadb', major: 11, minor: 4, patch: 2 });
  });

  test('anything else is rejected', () => {
    for (const bad of ['', '8', 'latest', '8.0.x', '10.6', 'mariadb-8.0', 'postgres-15', '8.0.29.1', '4.1']) {
      assert.equal(parseMysqlVersion(bad), undefined, bad);
    }
  });

  test('the default is MySQL 8.0 (its latest release)', () => {
    assert.deepEqual(DEFAULT_MYSQL_VERSION, parseMysqlVersion('8.0'));
    assert.equal(formatMysqlVersion(DEFAULT_MYSQL_VERSION), 'MySQL 8.0');
    assert.equal(formatMysqlVersion(parseMysqlVersion('mariadb-10.3.7')!), 'MariaDB 10.3.7');
  });

  test('atLeast compares within a flavor only', () => {
    const v = (text: string) => parseMysqlVersion(text)!;
    assert.ok(atLeast(v('8.0'), 'mysql', 8, 0, 29));
    assert.ok(atLeast(v('8.0.29'), 'mysql', 8, 0, 29));
    assert.ok(!atLeast(v('8.0.28'), 'mysql', 8, 0, 29));
    assert.ok(!atLeast(v('5.7'), 'mysql', 8, 0, 12));
    assert.ok(atLeast(v('8.4'), 'mysql', 8, 0, 29));
    assert.ok(atLeast(v('mariadb-11.4'), 'mariadb', 10, 4));
    assert.ok(!atLeast(v('mariadb-10.3'), 'mariadb', 10, 4));
    assert.ok(!atLeast(v('mariadb-11.4'), 'mysql', 8, 0));
  });
});

describe('mysqlVersion in the config', () => {
  const configFile = (config: unknown): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-mysql-version-'));
    const file = path.join(dir, 'ddlguard.config.json');
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  test('a valid value reaches the effective settings, and the flag beats it', async () => {
    const file = configFile({ mysqlVersion: 'mariadb-10.6', overrides: [{ files: 'old/**', mysqlVersion: '5.7' }] });
    const loaded = await new ConfigResolver(new Set(), file).forFile(path.join(path.dirname(file), 'a.sql'));
    const dir = path.dirname(file);
    assert.deepEqual(effectiveSettings(loaded, path.join(dir, 'a.sql'), {}).mysqlVersion, parseMysqlVersion('mariadb-10.6'));
    assert.deepEqual(effectiveSettings(loaded, path.join(dir, 'old/a.sql'), {}).mysqlVersion, parseMysqlVersion('5.7'));
    const cli = { mysqlVersion: parseMysqlVersion('8.0.28')! };
    assert.deepEqual(effectiveSettings(loaded, path.join(dir, 'a.sql'), cli).mysqlVersion, cli.mysqlVersion);
  });

  test('no config: MySQL 8.0', () => {
    assert.deepEqual(effectiveSettings(undefined, '/x/a.sql', {}).mysqlVersion, DEFAULT_MYSQL_VERSION);
  });

  test('an invalid value is a config error naming the setting and the value', async () => {
    for (const value of ['9', 'mariadb', 8]) {
      const file = configFile({ mysqlVersion: value });
      await assert.rejects(new ConfigResolver(new Set(), file).forFile(path.join(path.dirname(file), 'a.sql')), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /invalid setting "mysqlVersion"/);
        if (typeof value === 'string') assert.match(error.message, new RegExp(`"${value}" is not a server version`));
        return true;
      });
    }
  });
});
