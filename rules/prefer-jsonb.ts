import { replaceTypeFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import { typedColumns } from '../src/model/typed-columns.js';

/** The built-in json type (a type named json in another schema, `public.json`, is someone else's). */
const JSON_TYPE = /^json(\[\])*$/;

const rule: Rule = {
  meta: {
    id: 'prefer-jsonb',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A `json` column.',
      why:
        'json keeps the input text as is and parses it again on every access to a key. It has no equality ' +
        'operator, so a json column cannot be compared, used in DISTINCT, GROUP BY, UNION or a unique index, and it ' +
        'has no GIN index support for containment and key queries. jsonb stores the parsed form and supports all ' +
        'of these. Switching later means ALTER COLUMN ... TYPE jsonb, which takes an ACCESS EXCLUSIVE lock and ' +
        'rewrites the table, blocking reads and writes until it is done. Keep json only when the exact text must ' +
        'be preserved (key order, duplicate keys, whitespace).',
      unsafe: 'ALTER TABLE events ADD COLUMN payload json;',
      safe: 'ALTER TABLE events ADD COLUMN payload jsonb;',
      help: 'Use jsonb unless the exact input text (key order, duplicate keys) must be kept.',
    },
  },
  check(op, ctx) {
    for (const target of typedColumns(op)) {
      if (!JSON_TYPE.test(target.type)) continue;
      const fix = replaceTypeFix(ctx, target, (written) => (/^(pg_catalog\.)?json$/.test(written) ? 'jsonb' : undefined), 'Use jsonb');
      ctx.report({
        message: `Column "${target.column}" of "${target.table.name}" is ${target.type}: it is re-parsed on every access and cannot be compared or GIN-indexed; use jsonb.`,
        at: target.at,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

export default rule;
