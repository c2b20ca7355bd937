import type { Rule } from '../src/engine/rule.js';

const rule: Rule = {
  meta: {
    id: 'ban-drop-schema',
    defaultSeverity: 'error',
    dialects: ['postgres'],
    docs: {
      summary: 'DROP SCHEMA.',
      why:
        'Without CASCADE the statement only succeeds on an empty schema; with CASCADE it drops every table, view, ' +
        'sequence, function and type in it, with their data, in one statement, and breaks every query, search_path ' +
        'and grant that names the schema. Each object dropped takes an ACCESS EXCLUSIVE lock (reads and writes ' +
        'wait, and the statement queues behind every long transaction on any of them). Nothing is scanned or ' +
        'rewritten: it is quick, and what it drops only comes back from a backup.',
      unsafe: 'DROP SCHEMA reporting CASCADE;',
      safe: [
        '-- list what would go first, and drop the objects one by one, each after its last use is gone',
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'reporting';",
        '-- then drop the (now empty) schema, without CASCADE so it fails if anything is left:',
        '-- ddlguard-ignore ban-drop-schema',
        'DROP SCHEMA reporting;',
      ].join('\n'),
      help: 'Drop the objects of the schema one by one once nothing uses them; drop the empty schema without CASCADE.',
    },
  },
  check(op, ctx) {
    if (op.kind !== 'drop-schema') return;
    const names = op.names.map((name) => `"${name}"`).join(', ');
    const noun = op.names.length === 1 ? 'schema' : 'schemas';
    ctx.report({
      message: `Dropping ${noun} ${names} removes ${op.names.length === 1 ? 'it' : 'them'} for all code that uses ${op.names.length === 1 ? 'it' : 'them'} and, with CASCADE, every table, view and function inside with their data.`,
    });
  },
};

export default rule;
