import { replaceTypeFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import { typedColumns } from '../src/model/typed-columns.js';

/** `varchar(20)`, `varchar(20)[]`; unbounded `varchar` is text under another name and is not flagged. */
const BOUNDED_VARCHAR = /^varchar\(\d+\)(\[\])*$/;

/** varchar(n) as written -> text (a new table keeps the limit as a CHECK on the length). */
function toText(written: string): string | undefined {
  return /^(varchar|character varying|char varying|national character varying|national char varying|nchar varying)\(\d+\)$/.test(written)
    ? 'text'
    : undefined;
}

const rule: Rule = {
  meta: {
    id: 'prefer-text-field',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A `varchar(n)` column.',
      why:
        'In PostgreSQL varchar(n) is stored exactly like text: the limit saves nothing and only enforces a length ' +
        'that, for names, addresses or URLs, usually turns out too short. Changing it later is the problem: even ' +
        'raising the limit (metadata-only since 9.2) takes an ACCESS EXCLUSIVE lock, blocking reads and writes ' +
        'while it waits behind long transactions, and lowering it rewrites the table and its indexes. text with a CHECK on its length enforces the same rule, and the CHECK can be swapped ' +
        'without a long lock: add the new one NOT VALID, VALIDATE it (SHARE UPDATE EXCLUSIVE: reads and writes go ' +
        'on during the scan), drop the old one.',
      unsafe: 'ALTER TABLE users ADD COLUMN display_name varchar(50);',
      safe: [
        'ALTER TABLE users ADD COLUMN display_name text;',
        '-- if the length must be enforced:',
        'ALTER TABLE users ADD CONSTRAINT users_display_name_length CHECK (char_length(display_name) <= 50) NOT VALID;',
        'ALTER TABLE users VALIDATE CONSTRAINT users_display_name_length;',
      ].join('\n'),
      help: 'Use text, with a CHECK (char_length(col) <= n) if the length must be enforced.',
    },
  },
  check(op, ctx) {
    for (const target of typedColumns(op)) {
      if (!BOUNDED_VARCHAR.test(target.type)) continue;
      const fix = replaceTypeFix(ctx, target, toText, 'Use text', { lengthCheck: op.kind === 'create-table' });
      ctx.report({
        message: `Column "${target.column}" of "${target.table.name}" is ${target.type}: changing the limit later takes an ACCESS EXCLUSIVE lock (lowering it rewrites the table); use text with a CHECK on its length.`,
        at: target.at,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

export default rule;
