import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'adding-stored-generated-column',
    defaultSeverity: 'error',
    dialects: ['postgres', 'mysql'],
    docs: {
      summary: 'Adding a STORED generated column to an existing table.',
      why:
        'A stored generated column holds a value computed from the other columns of each row, so adding one means ' +
        'computing and writing that value for every existing row. PostgreSQL does it by rewriting the whole table ' +
        'and its indexes under the ACCESS EXCLUSIVE lock of ADD COLUMN, which blocks reads and writes until the ' +
        'rewrite ends. MySQL and MariaDB cannot add a stored generated column in place: they copy the table ' +
        '(ALGORITHM=COPY), blocking writes for the whole copy. A VIRTUAL generated column (MySQL, MariaDB, ' +
        'PostgreSQL 18+) is computed on read and is added without touching the rows.',
      unsafe: 'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;',
      safe: [
        '-- 1. a plain column, kept up to date by a trigger for new and changed rows',
        'ALTER TABLE orders ADD COLUMN total_cents bigint;',
        'CREATE FUNCTION orders_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$',
        'BEGIN NEW.total_cents := NEW.quantity * NEW.unit_cents; RETURN NEW; END $$;',
        'CREATE TRIGGER orders_total_cents BEFORE INSERT OR UPDATE ON orders',
        '  FOR EACH ROW EXECUTE FUNCTION orders_total_cents();',
        '-- 2. backfill the existing rows in batches, outside the DDL transaction (ddlguard backfill)',
        'UPDATE orders SET total_cents = quantity * unit_cents WHERE id >= 1 AND id < 10001 AND total_cents IS NULL;',
        '-- or, where the value need not be stored (MySQL, MariaDB, PostgreSQL 18+): a virtual column',
        'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) VIRTUAL;',
      ].join('\n'),
      help: 'Add a plain column kept up to date by a trigger and backfill it in batches, or use a VIRTUAL generated column where the server supports one.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'add-column' || !op.column.generatedStored || ctx.isNewTable(op.table)) return;
    const what = `Adding stored generated column "${op.column.name}" to "${op.table.name}"`;
    ctx.report({
      message:
        ctx.dialect === 'mysql'
          ? `${what} copies the whole table (ALGORITHM=COPY), blocking writes until the copy ends.`
          : `${what} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.`,
    });
  },
};

export default rule;
