import type { Rule } from '../src/engine/rule.js';

/**
 * MySQL 8.0 online DDL ("Modifying the definition of an ENUM or SET column"): adding members at the end of the
 * list is INSTANT as long as the storage size of the type does not change; adding them in the middle renumbers the
 * existing members and needs a table copy, and so does removing or reordering members. Storage: an ENUM takes one
 * byte up to 255 members and two beyond; a SET takes 1, 2, 3, 4 or 8 bytes for up to 8, 16, 24, 32 or 64 members.
 * MariaDB behaves the same. By server version (config `mysqlVersion`): the append is INSTANT on MySQL 8.0 and
 * MariaDB 10.3+, and on MySQL 5.7 INPLACE without a table rebuild (metadata only, concurrent DML allowed) as long as
 * the storage size does not change; removing, reordering or inserting members, or an append that changes the
 * storage size, copies on every version. So the verdicts do not depend on the version (an explicit ALGORITHM=INSTANT
 * on a 5.7 server fails, which mysql-unsafe-algorithm reports). The old list comes from the catalog (the earlier migrations of the set and the earlier
 * statements of this file); when it is unknown nothing is reported.
 */

interface ValueList {
  kind: 'enum' | 'set';
  values: string[];
}

/** `enum('a','b')` / `set('x', 'y''s')` -> the kind and the values, unquoted. */
function parseValueList(type: string): ValueList | undefined {
  const match = /^\s*(enum|set)\s*\((.*)\)\s*$/is.exec(type);
  if (!match) return undefined;
  const kind = match[1]!.toLowerCase() === 'enum' ? 'enum' : 'set';
  const body = match[2]!;
  const values: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === ' ' || c === ',') {
      i++;
      continue;
    }
    if (c !== "'" && c !== '"') return undefined;
    let value = '';
    let j = i + 1;
    for (; j < body.length; j++) {
      const d = body[j]!;
      if (d === '\\' && j + 1 < body.length) {
        value += body[++j];
      } else if (d === c && body[j + 1] === c) {
        value += c;
        j++;
      } else if (d === c) {
        break;
      } else {
        value += d;
      }
    }
    if (j >= body.length) return undefined;
    values.push(value);
    i = j + 1;
  }
  return { kind, values };
}

function storageBytes(list: ValueList): number {
  const n = list.values.length;
  if (list.kind === 'enum') return n <= 255 ? 1 : 2;
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  if (n <= 24) return 3;
  if (n <= 32) return 4;
  return 8;
}

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Why changing `from` to `to` copies the table, or undefined when the change is instant. */
function copyReason(from: ValueList, to: ValueList): string | undefined {
  const removed = from.values.filter((v) => !to.values.includes(v));
  if (removed.length > 0) return `removes ${removed.map(quote).join(', ')}`;
  const moved = from.values.findIndex((v, i) => to.values[i] !== v);
  if (moved !== -1) {
    // new values placed before the last existing one (values after it are appended, which alone would be fine)
    const lastExisting = Math.max(...from.values.map((v) => to.values.indexOf(v)));
    const inserted = to.values.slice(0, lastExisting).filter((v) => !from.values.includes(v));
    return inserted.length > 0
      ? `inserts ${inserted.map(quote).join(', ')} before existing values (only values appended at the end are instant)`
      : 'reorders the existing values';
  }
  const before = storageBytes(from);
  const after = storageBytes(to);
  if (before !== after) {
    return `grows from ${from.values.length} to ${to.values.length} values, which changes its storage from ${before} to ${after} byte${after === 1 ? '' : 's'} per row`;
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'mysql-enum-change',
    defaultSeverity: 'error',
    dialects: ['mysql'],
    docs: {
      summary: 'Changing an ENUM or SET column other than by appending values at the end of its list.',
      why:
        'MySQL and MariaDB store an ENUM or SET value as the position of its member in the list. Appending members ' +
        'at the end changes only the table definition (ALGORITHM=INSTANT on MySQL 8.0 and MariaDB 10.3+, ' +
        'in place without a rebuild on MySQL 5.7; the verdicts are the same on every version). Removing a member, reordering the list ' +
        'or inserting a member anywhere but at the end renumbers the stored values, so InnoDB copies the whole ' +
        'table (ALGORITHM=COPY) and blocks writes until it is done; so does an append that changes the storage ' +
        'size (an ENUM past 255 members, a SET past 8, 16, 24 or 32). The old list is taken from the earlier ' +
        'migrations of the set (or earlier statements of the file); when no migration declares the column, the ' +
        'rule reports nothing rather than guess. An explicit ALGORITHM=INSTANT, ALGORITHM=INPLACE or LOCK=NONE on ' +
        'the statement makes the server refuse a copy, and is not flagged.',
      unsafe: [
        "-- status was enum('new','paid','shipped')",
        "ALTER TABLE orders MODIFY COLUMN status enum('new','pending','paid','shipped') NOT NULL;",
      ].join('\n'),
      safe: [
        '-- append new values at the end of the list (instant), and state it so the server refuses a copy',
        "ALTER TABLE orders MODIFY COLUMN status enum('new','paid','shipped','pending') NOT NULL, ALGORITHM=INSTANT;",
        '-- to remove or reorder values on a large table, run the change with gh-ost or pt-online-schema-change',
      ].join('\n'),
      help:
        'Only append values at the end of the list; to remove or reorder values on a large table, use gh-ost or pt-online-schema-change.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'change-type' || ctx.isNewTable(op.table)) return;
    const to = parseValueList(op.newType);
    if (to === undefined) return;
    const oldType = ctx.catalog.columnType(op.table, op.column);
    const from = oldType !== undefined ? parseValueList(oldType) : undefined;
    // unknown old list: no guessing; another type before: a type change (mysql-unsafe-algorithm)
    if (from === undefined || from.kind !== to.kind) return;
    for (const other of ctx.statement.operations) {
      if (other.kind !== 'mysql-online-options') continue;
      if (other.algorithm === 'instant' || other.algorithm === 'inplace' || other.lock === 'none') return;
    }
    const reason = copyReason(from, to);
    if (reason === undefined) return;
    ctx.report({
      message: `Changing ${to.kind.toUpperCase()} column "${op.table.name}"."${op.column}" ${reason}: InnoDB copies the whole table (ALGORITHM=COPY) and blocks writes until it is done. On a large table, use gh-ost or pt-online-schema-change.`,
    });
  },
};

export default rule;
