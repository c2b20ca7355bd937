import type { Rule } from '../src/engine/rule.js';

/** Reported by the engine when the parser rejects a file; this module holds its docs and severity. */
const rule: Rule = {
  meta: {
    id: 'syntax-error',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'The file does not parse.',
      why:
        "ddlguard parses with the database's own grammar (libpg-query is PostgreSQL's parser; MySQL goes through " +
        'node-sql-parser). A statement it cannot parse would fail on the server too, and it cannot be checked for ' +
        'anything else. The finding gives the parser message and the exact line and column; the statements that ' +
        'do parse are still checked, and so are the other files.',
      unsafe: 'ALTER TABLE users ADD COLUMN;',
      safe: 'ALTER TABLE users ADD COLUMN nickname text;',
      help: 'Fix the statement at this position; the rest of the file was checked as far as it parses.',
    },
  },
  check() {},
};

export default rule;
