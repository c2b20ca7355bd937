import type { Rule } from '../src/engine/rule.js';

/** Reported by the engine after ignore comments are applied; this module holds its docs and severity. */
const rule: Rule = {
  meta: {
    id: 'unused-ignore',
    defaultSeverity: 'warning',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'An ignore comment that names an unknown rule, or that suppresses nothing.',
      why:
        'An ignore comment with a misspelt rule id silences nothing while looking as if it did, and one left ' +
        'behind after the statement changed will silently hide the next real problem at that place.',
      unsafe: '-- ddlguard-ignore require-concurent-index-creation\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      safe: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      help: 'Correct the rule id, or remove the ignore comment.',
    },
  },
  check() {},
};

export default rule;
