import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-exclusion-constraint',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'Adding an exclusion constraint (EXCLUDE USING ...) to an existing table.',
      why:
        'ADD CONSTRAINT ... EXCLUDE takes an ACCESS EXCLUSIVE lock on the table, which blocks reads and writes, and ' +
        'keeps it while PostgreSQL builds the index behind the constraint and checks every row against the others. ' +
        'Unlike UNIQUE and PRIMARY KEY, an exclusion constraint cannot be attached to an index built CONCURRENTLY ' +
        '(no USING INDEX) and cannot be added NOT VALID, so there is no short-lock way to add one to a table in use.',
      unsafe: 'ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);',
      safe: [
        '-- create a new table that has the constraint from the start, copy the rows in batches, then switch',
        'CREATE TABLE bookings_new (LIKE bookings INCLUDING ALL,',
        '  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&));',
        '-- keep bookings_new in step with a trigger on bookings, copy in key-range batches (ddlguard backfill),',
        '-- then, in one short transaction:',
        'ALTER TABLE bookings RENAME TO bookings_old;',
        'ALTER TABLE bookings_new RENAME TO bookings;',
        '-- on a small table, instead: SET lock_timeout and add the constraint in a quiet window',
      ].join('\n'),
      help: 'There is no online way to add an exclusion constraint: build a new table that has it and copy the rows, or add it in a quiet window on a small table.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'add-constraint' || op.constraint.kind !== 'exclusion' || ctx.isNewTable(op.table)) return;
    const name = op.constraint.name ? `exclusion constraint "${op.constraint.name}"` : 'an exclusion constraint';
    ctx.report({
      message: `Adding ${name} to "${op.table.name}" builds its index and checks every row under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is done.`,
    });
  },
};

export default rule;
