import { replaceTypeFix } from '../src/engine/fix.js';
import type { Rule } from '../src/engine/rule.js';
import { typedColumns } from '../src/model/typed-columns.js';

/** `timestamp`, `timestamp(3)` and arrays of them (lowered as `timestamp(3) without time zone`). */
const TIMESTAMP = /^timestamp(\(\d+\))? without time zone(\[\])*$/;

/** timestamp[(p)] [without time zone] as written -> timestamptz[(p)]. */
function toTimestamptz(written: string): string | undefined {
  const match = /^timestamp(\(\d+\))?( without time zone)?$/.exec(written);
  return match ? `timestamptz${match[1] ?? ''}` : undefined;
}

const rule: Rule = {
  meta: {
    id: 'prefer-timestamptz',
    defaultSeverity: 'warning',
    dialects: ['postgres'],
    docs: {
      summary: 'A `timestamp` (without time zone) column.',
      why:
        'timestamp stores a wall-clock reading with no time zone: the same value means different instants to an ' +
        'application server, a cron job and a reporting tool configured in different zones, and daylight-saving ' +
        'changes produce duplicated or missing hours. timestamptz stores an instant (in UTC) and converts on the ' +
        'way in and out, at the same 8 bytes. Converting an existing column later is costly: ALTER COLUMN ... TYPE ' +
        'timestamptz takes an ACCESS EXCLUSIVE lock and rewrites the table and its indexes, blocking reads and ' +
        'writes (PostgreSQL 12+ skips the rewrite only when the session time zone is UTC), and every value is ' +
        'reinterpreted in the session time zone.',
      unsafe: 'ALTER TABLE orders ADD COLUMN shipped_at timestamp;',
      safe: 'ALTER TABLE orders ADD COLUMN shipped_at timestamptz;',
      help: 'Use timestamptz (timestamp with time zone): it stores an instant, not a wall-clock reading.',
    },
  },
  check(op, ctx) {
    for (const target of typedColumns(op)) {
      if (!TIMESTAMP.test(target.type)) continue;
      const fix = replaceTypeFix(ctx, target, toTimestamptz, 'Use timestamptz');
      ctx.report({
        message: `Column "${target.column}" of "${target.table.name}" is ${target.type}: it stores no time zone, so its values mean different instants to clients in different zones; use timestamptz.`,
        at: target.at,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

export default rule;
