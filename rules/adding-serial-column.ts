import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-serial-column',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Adding a serial, bigserial, identity or AUTO_INCREMENT column to an existing table.',
      why:
        'Every existing row needs its own number from the sequence, so the value cannot be kept in the catalog as a ' +
        'constant default is. PostgreSQL rewrites the whole table and its indexes under the ACCESS EXCLUSIVE lock of ' +
        'ADD COLUMN, which blocks reads and writes until every row is numbered. MySQL and MariaDB rebuild the table ' +
        'and do not allow concurrent writes while adding an AUTO_INCREMENT column (LOCK=NONE is refused).',
      unsafe: 'ALTER TABLE events ADD COLUMN id bigserial;',
      safe: [
        '-- PostgreSQL: a plain column and a sequence, numbered in batches',
        'ALTER TABLE events ADD COLUMN id bigint;',
        'CREATE SEQUENCE events_id_seq OWNED BY events.id;',
        "ALTER TABLE events ALTER COLUMN id SET DEFAULT nextval('events_id_seq'); -- new rows only, no rewrite",
        "UPDATE events SET id = nextval('events_id_seq')",
        '  WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE id IS NULL LIMIT 10000)); -- repeat until no row is left',
        '-- then enforce NOT NULL with a validated CHECK and a unique index built CONCURRENTLY',
        '-- MySQL / MariaDB: build a new table with the column and copy into it (gh-ost, pt-online-schema-change)',
      ].join('\n'),
      help: 'Add a plain column, give it a sequence default for new rows and number existing rows in batches; or copy into a new table.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'add-column' || !op.column.autoIncrement || ctx.isNewTable(op.table)) return;
    const what = `Adding auto-numbered column "${op.column.name}" to "${op.table.name}"`;
    ctx.report({
      message:
        ctx.dialect === 'mysql'
          ? `${what} rebuilds the whole table and blocks writes until every row is numbered.`
          : `${what} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
    });
  },
};

export default rule;
