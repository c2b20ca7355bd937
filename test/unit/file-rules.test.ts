import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { EffectiveSettings, RuleSetting } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintFile, type LintInput } from '../../src/engine/lint-file.js';
import { loadRules } from '../../src/engine/registry.js';
import type { Rule } from '../../src/engine/rule.js';
import { Catalog } from '../../src/model/catalog.js';
import { loadPostgresParser } from '../../src/parse/postgres/parse.js';
import type { Direction, FileSection, TransactionConvention } from '../../src/sources/types.js';

let rules: Rule[] = [];
before(async () => {
  rules = await loadRules();
  await loadPostgresParser();
});

const settings = (on: Record<string, RuleSetting> = {}, extra: Partial<EffectiveSettings> = {}): EffectiveSettings => ({
  pgVersion: 15,
  assumeInTransaction: false,
  rules: new Map(Object.entries(on)),
  ...extra,
});

const whole = (text: string, transaction: TransactionConvention = 'none', direction: Direction = 'up'): FileSection[] => [
  { direction, transaction, start: 0, end: text.length },
];

/** dbmate-style sections: each `-- migrate:up` / `-- migrate:down` line starts one. */
function dbmate(text: string, transaction: TransactionConvention = 'wrapped'): FileSection[] {
  const markers = [...text.matchAll(/^-- migrate:(up|down)$/gm)];
  return markers.map((m, i) => ({
    direction: m[1] === 'down' ? 'down' : 'up',
    transaction,
    start: m.index,
    end: markers[i + 1]?.index ?? text.length,
  }));
}

function lint(ruleId: string, input: Partial<LintInput> & { text: string }, config = settings(), catalog = new Catalog()): Finding[] {
  const full: LintInput = { path: 'm.sql', dialect: 'postgres', sections: whole(input.text), ...input };
  return lintFile(full, config, rules, catalog).filter((f) => f.ruleId === ruleId);
}

const at = (findings: Finding[]): string[] => findings.map((f) => `${f.line}:${f.column}`);

/** The schema an earlier migration of the set built. */
function earlier(text: string): Catalog {
  const catalog = new Catalog();
  lintFile({ path: 'earlier.sql', text, dialect: 'postgres', sections: whole(text) }, settings(), [], catalog);
  return catalog;
}

describe('missing-down-migration', () => {
  const id = 'missing-down-migration';
  const on = settings({ [id]: 'warning' });
  const text = 'ALTER TABLE users ADD COLUMN plan text;\n';

  test('off by default', () => {
    assert.deepEqual(lint(id, { text, layoutHasDown: true, hasDown: false }), []);
  });

  test('an up file without a down file, in a layout with down files: one finding at 1:1', () => {
    const findings = lint(id, { text, layoutHasDown: true, hasDown: false }, on);
    assert.deepEqual(at(findings), ['1:1']);
    assert.equal(findings[0]?.severity, 'warning');
    assert.match(findings[0]?.message ?? '', /no down migration/);
  });

  test('nothing when the down file exists, when the layout has none, for down and repeatable files', () => {
    assert.deepEqual(lint(id, { text, layoutHasDown: true, hasDown: true }, on), []);
    assert.deepEqual(lint(id, { text, layoutHasDown: false, hasDown: false }, on), []);
    assert.deepEqual(lint(id, { text, layoutHasDown: true, hasDown: false, sections: whole(text, 'none', 'down') }, on), []);
    assert.deepEqual(lint(id, { text, layoutHasDown: true, hasDown: false, sections: whole(text, 'none', 'repeatable') }, on), []);
  });

  test('a dbmate file is an up file: reported when its down section is empty', () => {
    const file = '-- migrate:up\nALTER TABLE users ADD COLUMN plan text;\n-- migrate:down\n';
    assert.deepEqual(at(lint(id, { text: file, sections: dbmate(file), layoutHasDown: true, hasDown: false }, on)), ['1:1']);
    assert.deepEqual(lint(id, { text: file, sections: dbmate(file), layoutHasDown: true, hasDown: true }, on), []);
  });

  test('an empty file is still reported at 1:1', () => {
    assert.deepEqual(at(lint(id, { text: '', layoutHasDown: true, hasDown: false }, on)), ['1:1']);
  });
});

describe('transactions by the migration tool convention', () => {
  test('transaction-nesting: BEGIN and a stray COMMIT in a wrapped file; BEGIN is fine in an implicit one', () => {
    const text = 'BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\n';
    assert.deepEqual(at(lint('transaction-nesting', { text, sections: whole(text, 'wrapped') })), ['1:1']);
    assert.deepEqual(lint('transaction-nesting', { text, sections: whole(text, 'implicit') }), []);
    assert.deepEqual(lint('transaction-nesting', { text }), []);
    const stray = 'ALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\n';
    const findings = lint('transaction-nesting', { text: stray, sections: whole(stray, 'wrapped') });
    assert.deepEqual(at(findings), ['2:1']);
    assert.match(findings[0]?.message ?? '', /ends the tool's transaction/);
  });

  test('transaction-nesting: --assume-in-transaction counts as a wrapped file', () => {
    const text = "SET lock_timeout = '2s';\nBEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\n";
    assert.deepEqual(at(lint('transaction-nesting', { text }, settings({}, { assumeInTransaction: true }))), ['2:1']);
  });

  test('transaction-nesting: dbmate sections are checked one by one', () => {
    const text = '-- migrate:up transaction:false\nBEGIN;\nALTER TABLE users ADD COLUMN plan text;\n-- migrate:down transaction:false\nCOMMIT;\n';
    const sections: FileSection[] = [
      { direction: 'up', transaction: 'none', start: 0, end: text.indexOf('-- migrate:down') },
      { direction: 'down', transaction: 'none', start: text.indexOf('-- migrate:down'), end: text.length },
    ];
    // the up section leaves its BEGIN open (ban-uncommitted-transaction); the down section's COMMIT closes nothing
    assert.deepEqual(at(lint('transaction-nesting', { text, sections })), ['5:1']);
    assert.deepEqual(at(lint('ban-uncommitted-transaction', { text, sections })), ['2:1']);
  });

  test('ban-uncommitted-transaction: the tool commits a wrapped file, not an implicit one', () => {
    const text = 'BEGIN;\nALTER TABLE users ADD COLUMN plan text;\n';
    assert.deepEqual(lint('ban-uncommitted-transaction', { text, sections: whole(text, 'wrapped') }), []);
    assert.deepEqual(at(lint('ban-uncommitted-transaction', { text, sections: whole(text, 'implicit') })), ['1:1']);
  });

  test('non-transactional-in-transaction names where the transaction comes from', () => {
    const text = 'ALTER TABLE users ADD COLUMN plan text;\nCREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);\n';
    const wrapped = lint('non-transactional-in-transaction', { text, sections: whole(text, 'wrapped') });
    assert.deepEqual(at(wrapped), ['2:1']);
    assert.match(wrapped[0]?.message ?? '', /migration tool runs this file inside a transaction/);
    const implicit = lint('non-transactional-in-transaction', { text, sections: whole(text, 'implicit') });
    assert.match(implicit[0]?.message ?? '', /one multi-statement query/);
    const assumed = lint('non-transactional-in-transaction', { text }, settings({}, { assumeInTransaction: true }));
    assert.match(assumed[0]?.message ?? '', /--assume-in-transaction/);
    const explicit = `BEGIN;\n${text}COMMIT;\n`;
    assert.match(lint('non-transactional-in-transaction', { text: explicit })[0]?.message ?? '', /opened by BEGIN/);
    // one statement alone in an implicit file runs outside a transaction
    const alone = 'CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);\n';
    assert.deepEqual(lint('non-transactional-in-transaction', { text: alone, sections: whole(alone, 'implicit') }), []);
  });

  test('lock-held-across-statements in a wrapped file; not across the sections of a dbmate file', () => {
    const text = "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 100;\n";
    const findings = lint('lock-held-across-statements', { text, sections: whole(text, 'wrapped') });
    assert.deepEqual(at(findings), ['2:1']);
    assert.match(findings[0]?.message ?? '', /ACCESS EXCLUSIVE lock on "users"/);
    assert.deepEqual(lint('lock-held-across-statements', { text }), []);
    // a COMMIT in the wrapped file ends the tool's transaction (transaction-nesting reports it) and releases the lock
    const committed = "ALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\nUPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 100;\n";
    assert.deepEqual(lint('lock-held-across-statements', { text: committed, sections: whole(committed, 'wrapped') }), []);
    const split = '-- migrate:up\nALTER TABLE users ADD COLUMN plan text;\n-- migrate:down\nALTER TABLE users DROP COLUMN plan;\n';
    assert.deepEqual(lint('lock-held-across-statements', { text: split, sections: dbmate(split) }), []);
  });
});

describe('timeouts', () => {
  test('require-lock-timeout: a SET in the up section does not reach the down section', () => {
    const text = "-- migrate:up\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN plan text;\n-- migrate:down\nALTER TABLE users DROP COLUMN plan;\n";
    assert.deepEqual(at(lint('require-lock-timeout', { text, sections: dbmate(text) })), ['5:1']);
  });

  test('require-lock-timeout: a table created by an earlier file counts as existing', () => {
    const catalog = earlier('CREATE TABLE plans (id bigint PRIMARY KEY);');
    assert.deepEqual(at(lint('require-lock-timeout', { text: 'ALTER TABLE plans ADD COLUMN name text;' }, settings(), catalog)), ['1:1']);
  });

  test('require-statement-timeout: a type change the schema shows to be binary coercible is not long-running', () => {
    const catalog = () => earlier('CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age int);');
    const widen = 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);';
    assert.deepEqual(lint('require-statement-timeout', { text: widen }, settings(), catalog()), []);
    const narrow = 'ALTER TABLE users ALTER COLUMN age TYPE smallint;';
    const findings = lint('require-statement-timeout', { text: narrow }, settings(), catalog());
    assert.deepEqual(at(findings), ['1:1']);
    assert.match(findings[0]?.message ?? '', /rewrites "users" under ACCESS EXCLUSIVE/);
  });
});

describe('missing-fk-index with the schema of earlier migrations', () => {
  const id = 'missing-fk-index';

  test('an index built by an earlier file covers the key', () => {
    const catalog = earlier(
      'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\nCREATE INDEX orders_customer_idx ON orders (customer_id, id);',
    );
    const text = 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;';
    assert.deepEqual(lint(id, { text }, settings(), catalog), []);
  });

  test('a table from an earlier file with no such index is reported; one the set never created is not', () => {
    const text = 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;';
    const catalog = earlier('CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);');
    const findings = lint(id, { text }, settings(), catalog);
    assert.deepEqual(at(findings), ['1:1']);
    assert.match(findings[0]?.message ?? '', /\(customer_id\) of "orders"/);
    assert.deepEqual(lint(id, { text }), []);
  });

  test('an index dropped later in the same file does not count', () => {
    const catalog = earlier('CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\nCREATE INDEX orders_customer_idx ON orders (customer_id);');
    const text =
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nDROP INDEX orders_customer_idx;';
    assert.deepEqual(at(lint(id, { text }, settings(), catalog)), ['1:1']);
  });
});
