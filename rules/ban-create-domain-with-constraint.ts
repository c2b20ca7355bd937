import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-create-domain-with-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'CREATE DOMAIN ... CHECK.',
      why:
        'Creating the domain is harmless; changing its CHECK later is not. Constraints of a domain cannot be ' +
        'altered in place: the new rule has to be added with ALTER DOMAIN ... ADD CONSTRAINT, which scans every ' +
        'column of every table using the domain in one statement while holding a SHARE lock on each (writes to all ' +
        'of them blocked until the last scan ends; nothing is rewritten), and a NOT VALID constraint still needs ' +
        'the same all-tables VALIDATE. A CHECK on each column can be replaced table by table: added NOT VALID and ' +
        'validated under SHARE UPDATE EXCLUSIVE, which lets reads and writes continue. A domain without a CHECK ' +
        '(a named type, NOT NULL, a default) is not flagged.',
      unsafe: "CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');",
      safe: [
        'CREATE DOMAIN email_address AS text;',
        "CREATE TABLE users (id bigint PRIMARY KEY, email email_address NOT NULL CHECK (email LIKE '%@%'));",
      ].join('\n'),
      help: 'Create the domain without a CHECK and put the rule in CHECK constraints on the columns that use it.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'create-domain' || !op.hasCheck) return;
    ctx.report({
      message: `Domain "${op.name}" is created with a CHECK constraint: changing that rule later re-checks every table that uses the domain at once, under a SHARE lock that blocks their writes.`,
    });
  },
};

export default rule;
