import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { EffectiveSettings } from '../../src/engine/config.js';
import { applyFixes, dropUnusableFixes, MAX_FIX_PASSES, type Fix } from '../../src/engine/fix.js';
import { analyzeFile, type FileAnalysis } from '../../src/engine/lint-file.js';
import { loadRules } from '../../src/engine/registry.js';
import type { Rule } from '../../src/engine/rule.js';
import { parseFile } from '../../src/parse/parse-file.js';
import { loadPostgresParser } from '../../src/parse/postgres/parse.js';
import type { Dialect } from '../../src/parse/types.js';
import type { FileSection } from '../../src/sources/types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

/** The rules rules.md marks "Fix: yes" that have one (identifier-too-long and ban-duplicate-column-assignments do not). */
const FIXABLE = [
  'adding-foreign-key-constraint',
  'adding-not-nullable-field',
  'adding-primary-key-constraint',
  'ban-char-field',
  'ban-uncommitted-transaction',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-identity',
  'prefer-jsonb',
  'prefer-robust-stmts',
  'prefer-text-field',
  'prefer-timestamptz',
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'require-concurrent-partition-detach',
  'require-concurrent-reindex',
  'require-lock-timeout',
  'require-statement-timeout',
];

/** Bad fixtures that get no fix at all, and why. */
const NOT_FIXED: Record<string, string> = {
  'adding-foreign-key-constraint/bad-mysql.sql': 'MySQL has no NOT VALID',
  'adding-not-nullable-field/bad-pg11.sql': 'before PostgreSQL 12 a validated CHECK does not spare the scan',
  'constraint-missing-not-valid/bad-wrapped.sql': 'assume-in-transaction: VALIDATE needs a later transaction the file does not have',
  'require-concurrent-reindex/bad-pg11.sql': 'REINDEX CONCURRENTLY needs PostgreSQL 12',
};

/** Findings of the fixture's own rule that remain after its fixes, by the text of their statement, and why. */
const REMAINING: Record<string, string[]> = {
  // DROP INDEX CONCURRENTLY takes one index and no CASCADE
  'require-concurrent-index-deletion/bad.sql': ['DROP INDEX IF EXISTS public.a_idx, b_idx CASCADE'],
  // inside BEGIN ... COMMIT, where CONCURRENTLY is refused
  'require-concurrent-partition-detach/bad.sql': ['ALTER TABLE events DETACH PARTITION events_2024'],
  // (CONCURRENTLY false) is an explicit choice; system catalogs cannot be rebuilt concurrently
  'require-concurrent-reindex/bad.sql': ['REINDEX (CONCURRENTLY false) TABLE orders', 'REINDEX SYSTEM', 'REINDEX SYSTEM appdb'],
  // MODIFY COLUMN is left alone: MySQL refuses it when another table's foreign key points at the column
  'prefer-bigint-over-int/bad-mysql.sql': ['ALTER TABLE orders MODIFY COLUMN total int(11) NOT NULL'],
  'adding-foreign-key-constraint/bad-mysql.sql': [
    'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)',
    'ALTER TABLE `shop`.`orders` ADD FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE',
  ],
  'adding-not-nullable-field/bad-pg11.sql': ['ALTER TABLE users ALTER COLUMN email SET NOT NULL'],
  'constraint-missing-not-valid/bad-wrapped.sql': ['ALTER TABLE users VALIDATE CONSTRAINT users_team_id_fkey'],
  'require-concurrent-reindex/bad-pg11.sql': ['REINDEX TABLE orders'],
};

/** Errors PGlite reports for the fixed SQL that the fixture's own SQL has too (the fixtures are not all runnable). */
const PGLITE_ERRORS: Record<string, RegExp[]> = {
  // line 12 adds a second primary key to "events"
  'adding-primary-key-constraint/bad.sql': [/multiple primary keys for table "events" are not allowed/],
  // only the current database can be reindexed
  'require-concurrent-reindex/bad.sql': [/can only reindex the currently open database/],
  // the file ends with the ATTACH of a copy of the parent's columns: fine; nothing expected
};

interface Fixture {
  rule: string;
  name: string;
  key: string;
  text: string;
  dialect: Dialect;
  settings: EffectiveSettings;
  setup?: string;
}

function readFixture(rule: string, name: string): Fixture {
  const file = path.join(FIXTURES, rule, name);
  const text = readFileSync(file, 'utf8');
  const header = /^-- fixture:(.*)$/m.exec(text)?.[1] ?? '';
  const option = (key: string): string | undefined => new RegExp(`\\b${key}=(\\S+)`).exec(header)?.[1];
  const setupFile = path.join(FIXTURES, rule, `pglite-${name.replace(/\.sql$/, '')}.setup.sql`);
  const fixture: Fixture = {
    rule,
    name,
    key: `${rule}/${name}`,
    text,
    dialect: option('dialect') === 'mysql' ? 'mysql' : 'postgres',
    settings: { pgVersion: Number(option('pg-version') ?? 15), assumeInTransaction: /\bassume-in-transaction\b/.test(header), rules: new Map() },
  };
  if (existsSync(setupFile)) fixture.setup = readFileSync(setupFile, 'utf8');
  return fixture;
}

const whole = (text: string): FileSection[] => [{ direction: 'up', transaction: 'none', start: 0, end: text.length }];

let rules: Rule[] = [];
const analyze = (text: string, dialect: Dialect, settings: EffectiveSettings): FileAnalysis => {
  const analysis = analyzeFile({ path: 'fixture.sql', text, dialect, sections: whole(text) }, settings, rules);
  // a file given alone, as the fixtures are, cannot be split into several migrations
  dropUnusableFixes(analysis.findings, analysis.statements, false);
  return analysis;
};

/** Applies the fixes of one rule (or of every rule) until nothing changes, as `--fix` does. */
function fixText(text: string, dialect: Dialect, settings: EffectiveSettings, ruleId?: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes: Fix[] = analyze(current, dialect, settings)
      .findings.filter((f) => ruleId === undefined || f.ruleId === ruleId)
      .flatMap((f) => (f.fix ? [f.fix] : []));
    const next = applyFixes(current, fixes).text;
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Runs the SQL statement by statement (CONCURRENTLY refuses a multi-statement query); returns the error messages. */
async function run(db: PGlite, sql: string): Promise<string[]> {
  const errors: string[] = [];
  for (const statement of parseFile(sql, 'postgres').statements.filter((s) => s.context === 'top')) {
    try {
      await db.exec(statement.text);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return errors;
}

let db: PGlite | undefined;
before(async () => {
  rules = await loadRules();
  await loadPostgresParser();
});
after(async () => {
  await db?.close();
});

async function freshDatabase(): Promise<PGlite> {
  db ??= new PGlite();
  await db.exec('ROLLBACK').catch(() => undefined);
  await db.exec('RESET ALL; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  return db;
}

describe('every fix applied to its fixture', () => {
  for (const rule of FIXABLE) {
    const names = readdirSync(path.join(FIXTURES, rule)).filter((f) => f.startsWith('bad') && f.endsWith('.sql')).sort();
    for (const name of names) {
      test(`${rule}/${name}`, async () => {
        const fixture = readFixture(rule, name);
        const fixed = fixText(fixture.text, fixture.dialect, fixture.settings, rule);
        if (NOT_FIXED[fixture.key] === undefined) assert.notEqual(fixed, fixture.text, 'no fix was applied');
        else assert.equal(fixed, fixture.text, `expected no fix: ${NOT_FIXED[fixture.key]}`);

        const after = analyze(fixed, fixture.dialect, fixture.settings);
        const syntax = after.findings.filter((f) => f.ruleId === 'syntax-error');
        assert.deepEqual(syntax.map((f) => f.message), [], fixed);
        const remaining = after.findings
          .filter((f) => f.ruleId === rule)
          .map((f) => after.statements.find((s) => s.parsed.start <= f.start && f.start <= s.parsed.end)?.parsed.text ?? `${f.line}:${f.column}`);
        assert.deepEqual(remaining, REMAINING[fixture.key] ?? [], fixed);

        if (fixture.dialect !== 'postgres') return;
        const database = await freshDatabase();
        if (fixture.setup) assert.deepEqual(await run(database, fixture.setup), [], 'the setup runs');
        const errors = await run(database, fixed);
        const expected = PGLITE_ERRORS[fixture.key] ?? [];
        assert.equal(errors.length, expected.length, `${errors.join('\n')}\n--- fixed SQL:\n${fixed}`);
        expected.forEach((pattern, i) => assert.match(errors[i] ?? '', pattern));
      });
    }
  }
});

describe('fixes, exactly', () => {
  const settings: EffectiveSettings = { pgVersion: 15, assumeInTransaction: false, rules: new Map() };
  const fix = (sql: string, ruleId?: string): string => fixText(sql, 'postgres', settings, ruleId);

  test('CREATE INDEX gets CONCURRENTLY after INDEX, keeping UNIQUE', () => {
    assert.equal(
      fix('CREATE UNIQUE INDEX users_email_key ON users (email);\n', 'require-concurrent-index-creation'),
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n',
    );
  });

  test('an unnamed foreign key is named as PostgreSQL would, added NOT VALID and validated after', () => {
    assert.equal(
      fix('ALTER TABLE public.orders ADD FOREIGN KEY (shop_id) REFERENCES shops (id); -- shops\nSELECT 1;\n', 'adding-foreign-key-constraint'),
      'ALTER TABLE public.orders ADD CONSTRAINT orders_shop_id_fkey FOREIGN KEY (shop_id) REFERENCES shops (id) NOT VALID; -- shops\n' +
        'ALTER TABLE public.orders VALIDATE CONSTRAINT orders_shop_id_fkey;\nSELECT 1;\n',
    );
  });

  test('an unnamed CHECK gets <table>_<column>_check', () => {
    assert.equal(
      fix('ALTER TABLE orders ADD CHECK (total_cents >= 0);\n', 'constraint-missing-not-valid'),
      'ALTER TABLE orders ADD CONSTRAINT orders_total_cents_check CHECK (total_cents >= 0) NOT VALID;\n' +
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_cents_check;\n',
    );
  });

  test('SET NOT NULL becomes CHECK NOT VALID, VALIDATE, SET NOT NULL, DROP CONSTRAINT', () => {
    assert.equal(
      fix('  ALTER TABLE users ALTER COLUMN "Email" SET NOT NULL;\n', 'adding-not-nullable-field'),
      '  ALTER TABLE users ADD CONSTRAINT "users_Email_not_null" CHECK ("Email" IS NOT NULL) NOT VALID;\n' +
        '  ALTER TABLE users VALIDATE CONSTRAINT "users_Email_not_null";\n' +
        '  ALTER TABLE users ALTER COLUMN "Email" SET NOT NULL;\n' +
        '  ALTER TABLE users DROP CONSTRAINT "users_Email_not_null";\n',
    );
  });

  test('UNIQUE becomes a unique index built CONCURRENTLY and a constraint USING INDEX', () => {
    assert.equal(
      fix('ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n', 'disallowed-unique-constraint'),
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key_idx ON users (email);\n' +
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx;\n',
    );
  });

  test('timeouts go after the leading comments, lock_timeout first, and above an ignore comment', () => {
    const sql = '-- add a column\n\n-- ddlguard-ignore prefer-robust-stmts\nALTER TABLE users ALTER COLUMN note TYPE varchar(10);\n';
    assert.equal(
      fix(sql),
      "-- add a column\n\nSET lock_timeout = '2s';\nSET statement_timeout = '5min';\n-- ddlguard-ignore prefer-robust-stmts\nALTER TABLE users ALTER COLUMN note TYPE text;\n",
    );
  });

  test('a new table keeps the length limit of varchar(n) as a CHECK; IF NOT EXISTS is added', () => {
    assert.equal(
      fix('CREATE TABLE t (id bigint PRIMARY KEY, "Name" varchar(40) NOT NULL, tags varchar(20)[]);\n'),
      'CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, "Name" text CHECK (char_length("Name") <= 40) NOT NULL, tags text[]);\n',
    );
  });

  test('NOT VALID and VALIDATE in one explicit transaction: COMMIT and BEGIN again before VALIDATE', () => {
    const sql = 'BEGIN;\nALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\nCOMMIT;\n';
    assert.equal(
      fix(sql, 'constraint-missing-not-valid'),
      'BEGIN;\nALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE t VALIDATE CONSTRAINT c;\nCOMMIT;\n',
    );
  });

  test('CONCURRENTLY is not added inside BEGIN ... COMMIT', () => {
    const sql = 'BEGIN;\nCREATE INDEX i ON t (x);\nCOMMIT;\n';
    assert.equal(fix(sql, 'require-concurrent-index-creation'), sql);
  });

  test('MySQL: bigint keeps UNSIGNED; the lock timeout is lock_wait_timeout', () => {
    const mysql: EffectiveSettings = { ...settings };
    assert.equal(
      fixText('CREATE TABLE t (id int(11) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);\n', 'mysql', mysql, 'prefer-bigint-over-int'),
      'CREATE TABLE t (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);\n',
    );
    assert.equal(
      fixText('ALTER TABLE users ADD COLUMN x datetime;\n', 'mysql', mysql, 'require-lock-timeout'),
      'SET SESSION lock_wait_timeout = 5;\nALTER TABLE users ADD COLUMN x datetime;\n',
    );
  });
});

describe('applyFixes', () => {
  test('a fix that overlaps one applied before it waits for the next pass', () => {
    const a: Fix = { description: 'a', edits: [{ start: 0, end: 3, text: 'AAA' }] };
    const b: Fix = { description: 'b', edits: [{ start: 2, end: 4, text: 'B' }] };
    const c: Fix = { description: 'c', edits: [{ start: 5, end: 5, text: '!' }] };
    assert.deepEqual({ ...applyFixes('abcdef', [a, b, c]), map: undefined }, { text: 'AAAde!f', applied: 2, map: undefined });
  });

  test('two insertions at one offset: the second waits; deferred fixes wait for a pass with nothing else', () => {
    const one: Fix = { description: 'one', edits: [{ start: 1, end: 1, text: '1' }] };
    const two: Fix = { description: 'two', edits: [{ start: 1, end: 1, text: '2' }] };
    const later: Fix = { description: 'later', edits: [{ start: 0, end: 0, text: '>' }], deferred: true };
    assert.equal(applyFixes('ab', [one, two, later]).text, 'a1b');
    assert.equal(applyFixes('ab', [later]).text, '>ab');
  });
});
