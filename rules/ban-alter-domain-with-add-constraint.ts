import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-alter-domain-with-add-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'ALTER DOMAIN ... ADD CONSTRAINT.',
      why:
        'A new domain constraint must hold for every value already stored in every column of every table that ' +
        'uses the domain: PostgreSQL scans all of those tables in one statement while holding a SHARE lock on each, ' +
        'so writes to all of them wait until the last scan finishes. No rewrite, but one long write outage across ' +
        'tables that may have nothing else in common. NOT VALID skips the scan, but the later VALIDATE CONSTRAINT ' +
        'still checks all those tables at once, and the migration cannot spread the work table by table. A CHECK ' +
        'constraint on each column can be added NOT VALID and validated table by table under SHARE UPDATE ' +
        'EXCLUSIVE, which lets reads and writes continue.',
      unsafe: "ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');",
      safe: [
        '-- one CHECK per column that uses the domain, each validated without blocking writes',
        "ALTER TABLE users ADD CONSTRAINT users_email_has_at CHECK (email LIKE '%@%') NOT VALID;",
        'ALTER TABLE users VALIDATE CONSTRAINT users_email_has_at;',
      ].join('\n'),
      help: 'Put the rule in CHECK constraints on the columns (NOT VALID, then VALIDATE) instead of on the domain.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'alter-domain-add-constraint') return;
    ctx.report({
      message: `Adding a constraint to domain "${op.name}" checks every column of every table that uses it, holding a SHARE lock (writes blocked) on each until the scans finish.`,
    });
  },
};

export default rule;
