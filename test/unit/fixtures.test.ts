import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { EffectiveSettings } from '../../src/engine/config.js';
import { lintFile } from '../../src/engine/lint-file.js';
import { loadRules } from '../../src/engine/registry.js';
import { Catalog } from '../../src/model/catalog.js';
import { parseMysqlVersion } from '../../src/engine/mysql-version.js';
import type { Rule } from '../../src/engine/rule.js';
import { loadPostgresParser } from '../../src/parse/postgres/parse.js';
import type { Dialect } from '../../src/parse/types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

interface Fixture {
  file: string;
  text: string;
  dialect: Dialect;
  settings: EffectiveSettings;
  expected: string[];
  /** `layout-has-down`: the layout has down migrations and this file has none (for missing-down-migration). */
  layoutHasDown: boolean;
  /** `direction=down`: the file is a down migration. */
  direction: 'up' | 'down';
}

/** `-- fixture: end of earlier migrations`: the lines above it stand for the migrations before this one. */
const EARLIER = /^-- fixture: end of earlier migrations[ \t]*$/m;

/** The text with every character but line breaks turned into a space (positions are kept). */
const blank = (text: string): string => text.replace(/[^\r\n]/g, ' ');

function readFixture(file: string): Fixture {
  const text = readFileSync(file, 'utf8');
  const header = /^-- fixture:(.*)$/m.exec(text)?.[1] ?? '';
  const option = (name: string): string | undefined => new RegExp(`\\b${name}=(\\S+)`).exec(header)?.[1];
  const dialect = option('dialect') === 'mysql' ? 'mysql' : 'postgres';
  const expected = [...text.matchAll(/^-- expect: (\d+:\d+)\s*$/gm)].map((m) => m[1] ?? '');
  return {
    file,
    text,
    dialect,
    expected,
    layoutHasDown: /\blayout-has-down\b/.test(header),
    direction: option('direction') === 'down' ? 'down' : 'up',
    settings: {
      pgVersion: Number(option('pg-version') ?? 15),
      mysqlVersion: parseMysqlVersion(option('mysql-version') ?? '8.0') ?? assert.fail(`${file}: bad mysql-version`),
      assumeInTransaction: /\bassume-in-transaction\b/.test(header),
      rules: new Map(),
    },
  };
}

const ruleDirs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let rules: Rule[] = [];
before(async () => {
  rules = await loadRules();
  await loadPostgresParser();
});

describe('rule fixtures', () => {
  test('every rule has fixtures that must be flagged and fixtures that must not', async () => {
    const all = await loadRules();
    for (const rule of all) {
      const dir = path.join(FIXTURES, rule.meta.id);
      const files = ruleDirs.includes(rule.meta.id) ? readdirSync(dir) : [];
      assert.ok(files.some((f) => f.startsWith('bad')), `fixtures/${rule.meta.id}/bad*.sql is missing`);
      assert.ok(files.some((f) => f.startsWith('good')), `fixtures/${rule.meta.id}/good*.sql is missing`);
    }
  });

  for (const ruleId of ruleDirs) {
    const dir = path.join(FIXTURES, ruleId);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql') && !f.endsWith('.setup.sql')).sort()) {
      test(`${ruleId}/${name}`, () => {
        const fixture = readFixture(path.join(dir, name));
        // a rule that is off by default is turned on for its own fixtures
        const own = rules.find((r) => r.meta.id === ruleId);
        const settings = own?.meta.defaultSeverity === 'off' ? { ...fixture.settings, rules: new Map([[ruleId, 'warning' as const]]) } : fixture.settings;
        if (name.startsWith('bad')) assert.ok(fixture.expected.length > 0, 'a bad fixture expects findings');
        if (name.startsWith('good')) assert.deepEqual(fixture.expected, [], 'a good fixture expects none');
        // the lines above the EARLIER marker only build the schema (no rules); the rules run on the lines below
        const catalog = new Catalog();
        let text = fixture.text;
        const marker = EARLIER.exec(text);
        if (marker) {
          const earlier = text.slice(0, marker.index) + blank(text.slice(marker.index));
          const whole = [{ direction: 'up' as const, transaction: 'none' as const, start: 0, end: text.length }];
          lintFile({ path: name, text: earlier, dialect: fixture.dialect, sections: whole }, settings, [], catalog);
          text = blank(text.slice(0, marker.index)) + text.slice(marker.index);
        }
        const findings = lintFile(
          {
            path: name,
            text,
            dialect: fixture.dialect,
            sections: [{ direction: fixture.direction, transaction: 'none', start: 0, end: text.length }],
            layoutHasDown: fixture.layoutHasDown,
            hasDown: false,
          },
          settings,
          rules,
          catalog,
        );
        assert.ok(rules.some((r) => r.meta.id === ruleId), `no rule with id ${ruleId}`);
        const actual = findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column}`);
        assert.deepEqual(actual, fixture.expected, findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`).join('\n'));
      });
    }
  }
});
