import { scanSync } from 'libpg-query';
import type { Rule } from '../src/engine/rule.js';
import type { Operation } from '../src/model/operations.js';
import type { ParsedStatement } from '../src/parse/types.js';

/** PostgreSQL: NAMEDATALEN - 1 bytes, longer names are cut (silently, with only a NOTICE). */
const PG_MAX_BYTES = 63;
/** MySQL / MariaDB: 64 characters for tables, columns, indexes and constraints; longer names are an error. */
const MYSQL_MAX_CHARS = 64;

interface NewName {
  what: 'Table' | 'Column' | 'Index' | 'Constraint';
  name: string;
  at: number;
}

/** The names an operation gives to tables, columns, indexes and constraints. */
function newNames(op: Operation): NewName[] {
  switch (op.kind) {
    case 'create-table': {
      const names: NewName[] = [{ what: 'Table', name: op.table.name, at: op.at }];
      for (const column of op.columns) names.push({ what: 'Column', name: column.name, at: column.at });
      for (const constraint of op.constraints) {
        if (constraint.name !== undefined) names.push({ what: 'Constraint', name: constraint.name, at: op.at });
      }
      return names;
    }
    case 'add-column':
      return [{ what: 'Column', name: op.column.name, at: op.column.at }];
    case 'add-constraint':
      return op.constraint.name === undefined ? [] : [{ what: 'Constraint', name: op.constraint.name, at: op.at }];
    case 'create-index':
      return op.name === undefined ? [] : [{ what: 'Index', name: op.name, at: op.at }];
    case 'rename-column':
      return [{ what: 'Column', name: op.to, at: op.at }];
    case 'rename-table':
      return [{ what: 'Table', name: op.to, at: op.at }];
    default:
      return [];
  }
}

/** The longest prefix of `name` that fits in `max` UTF-8 bytes without splitting a character (as PostgreSQL cuts). */
function clip(name: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** An identifier token's value: quotes removed, or ASCII letters folded to lower case as PostgreSQL does. */
function identifierValue(token: string): string {
  if (token.startsWith('"') && token.endsWith('"') && token.length >= 2) return token.slice(1, -1).replace(/""/g, '"');
  return token.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * PostgreSQL's own scanner cuts long identifiers before the parse tree is built, so the names in the operations
 * are already truncated. The statement's tokens still have them as written: map each cut name to its full form.
 */
const fullSpellings = new WeakMap<ParsedStatement, Map<string, string>>();

function fullSpellingsOf(statement: ParsedStatement): Map<string, string> {
  let spellings = fullSpellings.get(statement);
  if (spellings) return spellings;
  spellings = new Map();
  let tokens: ReturnType<typeof scanSync>['tokens'] = [];
  try {
    tokens = scanSync(statement.text).tokens;
  } catch {
    // the statement parsed, so it scans; if it does not, there is nothing to recover
  }
  for (const token of tokens) {
    if (token.tokenName !== 'IDENT') continue;
    const value = identifierValue(token.text);
    if (Buffer.byteLength(value, 'utf8') > PG_MAX_BYTES) spellings.set(clip(value, PG_MAX_BYTES), value);
  }
  fullSpellings.set(statement, spellings);
  return spellings;
}

const rule: Rule = {
  meta: {
    id: 'identifier-too-long',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'A table, column, index or constraint name longer than 63 bytes (PostgreSQL) or 64 characters (MySQL).',
      why:
        'PostgreSQL keeps at most 63 bytes of a name (UTF-8: fewer characters when they are not ASCII) and ' +
        'silently cuts the rest, with only a NOTICE. The object then exists under a name that differs from the ' +
        'migration, the ORM model and the schema-diff tool, which keep trying to "fix" it; two long names that ' +
        'share their first 63 bytes collide ("already exists"), typically generated index and constraint names. ' +
        'MySQL and MariaDB reject names longer than 64 characters ("Identifier name ... is too long"), so the ' +
        'migration fails, possibly half-way. Locking is unaffected: ALTER TABLE and renames take their usual ACCESS ' +
        'EXCLUSIVE lock, CREATE INDEX its SHARE lock, and nothing extra is scanned or rewritten; the problem is the ' +
        'name the object ends up with.',
      unsafe: 'CREATE INDEX index_customer_subscriptions_on_billing_account_id_and_renewal_date ON customer_subscriptions (billing_account_id, renewal_date);',
      safe: 'CREATE INDEX customer_subscriptions_billing_account_renewal_idx ON customer_subscriptions (billing_account_id, renewal_date);',
      help: 'Shorten the name: at most 63 bytes in PostgreSQL, 64 characters in MySQL.',
    },
  },
  check(op, ctx) {
    const names = newNames(op);
    if (names.length === 0) return;
    if (ctx.dialect === 'mysql') {
      for (const { what, name, at } of names) {
        const length = [...name].length;
        if (length <= MYSQL_MAX_CHARS) continue;
        ctx.report({
          message: `${what} name "${name}" is ${length} characters long: MySQL rejects names longer than ${MYSQL_MAX_CHARS} characters.`,
          at,
        });
      }
      return;
    }
    for (const { what, name, at } of names) {
      // a cut name is at least 60 bytes (63 minus a split 4-byte character): shorter ones were never cut
      if (Buffer.byteLength(name, 'utf8') < PG_MAX_BYTES - 3) continue;
      const full = Buffer.byteLength(name, 'utf8') > PG_MAX_BYTES ? name : fullSpellingsOf(ctx.statement.parsed).get(name);
      if (full === undefined) continue;
      ctx.report({
        message: `${what} name "${full}" is ${Buffer.byteLength(full, 'utf8')} bytes long: PostgreSQL silently cuts it to the first ${PG_MAX_BYTES} bytes, "${clip(full, PG_MAX_BYTES)}".`,
        at,
      });
    }
  },
};

export default rule;
