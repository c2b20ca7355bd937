import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'missing-down-migration',
    defaultSeverity: 'off',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'An up migration has no down migration, although the migration set has down migrations.',
      why:
        'When the other migrations of the set can be rolled back, the one without a down migration is where a ' +
        'rollback stops: after a bad deploy, `migrate down` fails there, and the schema has to be repaired by hand ' +
        'under time pressure. Writing the down migration next to the up one is when its author still knows what ' +
        'to undo. The missing file itself takes no lock and rewrites or scans nothing; a down migration written ' +
        'later should follow the same lock rules as any other (DROP COLUMN and DROP TABLE take ACCESS EXCLUSIVE, ' +
        'which blocks reads and writes, but only briefly). Off by default: many teams roll forward only.',
      unsafe: ['-- migrations/0042_add_plan.up.sql, with no 0042_add_plan.down.sql beside it', 'ALTER TABLE users ADD COLUMN plan text;'].join(
        '\n',
      ),
      safe: [
        '-- migrations/0042_add_plan.up.sql',
        'ALTER TABLE users ADD COLUMN plan text;',
        '-- migrations/0042_add_plan.down.sql',
        'ALTER TABLE users DROP COLUMN IF EXISTS plan;',
      ].join('\n'),
      help: 'Add the down migration that undoes this one (or an explicit no-op down migration that says why it cannot be undone).',
    },
  },
  check() {},
  checkFile(ctx) {
    if (!ctx.layoutHasDown || ctx.hasDown) return;
    if (!ctx.sections.some((section) => section.direction === 'up')) return;
    ctx.report({
      at: 0,
      message: 'This migration has no down migration, although this migration set uses down migrations: a rollback will stop here.',
    });
  },
};

export default rule;
