import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import type { EffectiveSettings } from '../../src/engine/config.js';
import { lintFile } from '../../src/engine/lint-file.js';
import { loadRules } from '../../src/engine/registry.js';
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
}

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
    settings: {
      pgVersion: Number(option('pg-version') ?? 15),
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
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      test(`${ruleId}/${name}`, () => {
        const fixture = readFixture(path.join(dir, name));
        if (name.startsWith('bad')) assert.ok(fixture.expected.length > 0, 'a bad fixture expects findings');
        if (name.startsWith('good')) assert.deepEqual(fixture.expected, [], 'a good fixture expects none');
        const findings = lintFile(
          { path: name, text: fixture.text, dialect: fixture.dialect, sections: [{ direction: 'up', transaction: 'none', start: 0, end: fixture.text.length }] },
          fixture.settings,
          rules,
        );
        assert.ok(rules.some((r) => r.meta.id === ruleId), `no rule with id ${ruleId}`);
        const actual = findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column}`);
        assert.deepEqual(actual, fixture.expected, findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`).join('\n'));
      });
    }
  }
});
