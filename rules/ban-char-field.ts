import { replaceTypeFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import { typedColumns } from '../src/model/typed-columns.js';

/**
 * `char(n)` / `character(n)` (a bare `char` is lowered as `char(1)`), arrays of them. A `char` with no length
 * is the single-byte internal type `"char"`, not a blank-padded string, and is not flagged.
 */
const CHAR_N = /^(char|character)\(\d+\)(\[\])*$/;

/** char(n) as written -> text (a new table keeps the limit as a CHECK on the length). */
function toText(written: string): string | undefined {
  return /^(char|character|nchar|national char|national character|bpchar)(\(\d+\))?$/.test(written) ? 'text' : undefined;
}

const rule: Rule = {
  meta: {
    id: 'ban-char-field',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A `char(n)` / `character(n)` column.',
      why:
        'char(n) pads every value with spaces to n characters and then ignores trailing spaces in most ' +
        'comparisons, but not all (LIKE and regular expressions see them; concatenation strips them), which ' +
        'produces subtle bugs. It is not faster or smaller than text: values are stored with their padding. A ' +
        'fixed-length code (country, currency) is better as text or varchar with a CHECK. Converting later ' +
        'is not free: changing char(n) to text or varchar strips the padding, so ALTER COLUMN ... TYPE takes an ' +
        'ACCESS EXCLUSIVE lock and rewrites the table, blocking reads and writes until it is done.',
      unsafe: 'CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);',
      safe: "CREATE TABLE countries (code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'), name text NOT NULL);",
      help: 'Use text (or varchar) with a CHECK on the length or format instead of blank-padded char(n).',
    },
  },
  check(op, ctx) {
    for (const target of typedColumns(op)) {
      if (!CHAR_N.test(target.type)) continue;
      const fix = replaceTypeFix(ctx, target, toText, 'Use text', { lengthCheck: op.kind === 'create-table' });
      ctx.report({
        message: `Column "${target.column}" of "${target.table.name}" is ${target.type}: values are blank-padded and trailing spaces are ignored in some comparisons but not others; use text with a CHECK.`,
        at: target.at,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

export default rule;
