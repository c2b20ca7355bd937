import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadPostgresParser, parsePostgres } from '../../src/parse/postgres/parse.js';
import { readPsqlScript } from '../../src/parse/postgres/psql-script.js';
import type { ParsedFile, StatementContext } from '../../src/parse/types.js';

function at(file: ParsedFile, offset: number): string {
  const p = file.index.position(offset);
  return `${p.line}:${p.column}`;
}

/** Where the syntax error is, or undefined. */
function errorAt(file: ParsedFile): string | undefined {
  return file.syntaxError ? at(file, file.syntaxError.offset) : undefined;
}

/** `line:column text` of the statements of one context. */
function statements(file: ParsedFile, context: StatementContext = 'top'): string[] {
  return file.statements.filter((s) => s.context === context).map((s) => `${at(file, s.start)} ${s.text}`);
}

/** The statements psql would send, as text. */
function psqlStatements(text: string): string[] {
  return readPsqlScript(text).statements.map((s) => text.slice(s.start, s.end));
}

describe('parsePostgres', () => {
  before(async () => {
    await loadPostgresParser();
  });

  test('an empty file, blank lines or only comments are a valid, empty migration', () => {
    for (const text of ['', '\n\n', '  \r\n', '-- nothing to do\n/* really /* nothing */ */\n']) {
      const file = parsePostgres(text);
      assert.equal(file.syntaxError, undefined, JSON.stringify(text));
      assert.deepEqual(file.statements, []);
    }
  });

  test('a lone `;` is no statement', () => {
    assert.deepEqual(psqlStatements(';;\nSELECT 1;;\n;'), ['SELECT 1']);
    const file = parsePostgres('CREATE TABLE a (id int);\n;\nSELEC 1;\n');
    assert.equal(errorAt(file), '3:1');
    assert.deepEqual(statements(file), ['1:1 CREATE TABLE a (id int)']);
  });

  test('COPY ... FROM stdin WITH (...): the data block is stepped over, the next line is read whole', () => {
    const text = [
      "COPY t (a, b) FROM stdin WITH (FORMAT csv, DELIMITER ';', QUOTE '\"');",
      "1;O'Brien -- not a comment",
      '2;\\ and /* not one either',
      '\\.',
      '-- ddlguard-ignore some-rule',
      'CREATE TABLE b (id int);',
      'SELEC 1;',
      '',
    ].join('\n');
    const file = parsePostgres(text);
    assert.equal(errorAt(file), '7:1');
    assert.deepEqual(statements(file), [
      `1:1 COPY t (a, b) FROM stdin WITH (FORMAT csv, DELIMITER ';', QUOTE '"')`,
      '6:1 CREATE TABLE b (id int)',
    ]);
    assert.deepEqual(
      file.comments.map((c) => `${at(file, c.start)} ${c.text}`),
      ['5:1 -- ddlguard-ignore some-rule'],
    );
  });

  test('COPY FROM STDOUT reads data too, and each COPY of a `\\;` query has its own block', () => {
    const text = 'COPY a FROM stdin \\; COPY b FROM stdout;\n1\n\\.\n2\n\\.\nSELECT 1;\n';
    const file = parsePostgres(text);
    assert.equal(file.syntaxError, undefined);
    assert.deepEqual(statements(file), ['1:1 COPY a FROM stdin', '1:22 COPY b FROM stdout', '6:1 SELECT 1']);
  });

  test('\\copy ... from stdin reads its data from the script', () => {
    const file = parsePostgres('\\copy t from stdin\n1\tä\n\\.\nSELEC 1;\n');
    assert.equal(errorAt(file), '4:1');
    assert.deepEqual(file.statements, []);
  });

  test('psql meta-commands are stepped over; \\g, \\gset, \\bind ... \\g end the query; \\; does not', () => {
    const lines = [
      '\\set ON_ERROR_STOP on',
      '\\i other.sql',
      'SELECT 1 AS one \\gset',
      "SELECT $1 \\bind 'x' \\g",
      'SELECT 2 \\; SELECT 3;',
    ];
    const expected = ['3:1 SELECT 1 AS one', '4:1 SELECT $1', '5:1 SELECT 2', '5:13 SELECT 3'];
    // the whole file parses
    const ok = parsePostgres(lines.join('\n'));
    assert.equal(ok.syntaxError, undefined);
    assert.deepEqual(statements(ok), expected);
    // ... and the statement-by-statement recovery finds the same statements
    const bad = parsePostgres([...lines, 'SELEC 4;'].join('\n'));
    assert.equal(errorAt(bad), '6:1');
    assert.deepEqual(statements(bad), expected);
  });

  test('a query ended by a meta-command fails where psql sends it', () => {
    const file = parsePostgres('SELECT 1;\nSELECT 1 +\n\\gdesc\n');
    assert.equal(errorAt(file), '3:1');
    assert.equal(file.syntaxError?.message, 'syntax error at or near ";"');
  });

  test('\\r drops the query buffer', () => {
    const file = parsePostgres('SELECT 1;\n** not sql\n\\p\n\\r\nSELECT 2;\n');
    assert.equal(file.syntaxError, undefined);
    assert.deepEqual(statements(file), ['1:1 SELECT 1', '5:1 SELECT 2']);
  });

  test('BEGIN ATOMIC ... END is one statement, as in psql; its statements are function-body statements', () => {
    const body = [
      'CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql',
      'BEGIN ATOMIC',
      '  UPDATE t SET x = CASE WHEN a > 0 THEN 1 END;',
      "  SELECT 'é;';",
      'END;',
    ];
    assert.deepEqual(psqlStatements([...body, 'CREATE VIEW begin AS SELECT 1; SELECT 2;'].join('\n')), [
      body.join('\n').slice(0, -1),
      'CREATE VIEW begin AS SELECT 1',
      'SELECT 2',
    ]);
    const file = parsePostgres([...body, 'SELEC 1;'].join('\n'));
    assert.equal(errorAt(file), '6:1');
    assert.deepEqual(statements(file), [`1:1 ${body.join('\n').slice(0, -1)}`]);
    assert.deepEqual(statements(file, 'function-body'), [
      '3:3 UPDATE t SET x = CASE WHEN a > 0 THEN 1 END',
      "4:3 SELECT 'é;'",
    ]);
  });

  test("E'' strings, standard strings, quoted identifiers and dollar quotes hide their `;`", () => {
    const text = [
      "SELECT E'it\\'s; \\\\', 'C:\\', \"a;\"\"b\";",
      'SELECT $fn$ $$ ; $x$ $fn$, $1, a$b;',
      'SELEC 1;',
    ].join('\n');
    const file = parsePostgres(text);
    assert.equal(errorAt(file), '3:1');
    assert.deepEqual(statements(file), [
      "1:1 SELECT E'it\\'s; \\\\', 'C:\\', \"a;\"\"b\"",
      '2:1 SELECT $fn$ $$ ; $x$ $fn$, $1, a$b',
    ]);
  });

  test('block comments nest', () => {
    const file = parsePostgres('/* outer /* inner ; */ still ; */ SELECT 1;\nSELEC 2;\n');
    assert.equal(errorAt(file), '2:1');
    assert.deepEqual(statements(file), ['1:35 SELECT 1']);
    assert.deepEqual(
      file.comments.map((c) => c.text),
      ['/* outer /* inner ; */ still ; */'],
    );
  });

  test('CRLF files: positions, comments, meta-commands and data blocks', () => {
    const text = '\\set x 1\r\nCOPY t FROM stdin;\r\n1\r\n\\.\r\n-- c\r\nCREATE TABLE a (id int);\r\nSELECT 1 +;\r\n';
    const file = parsePostgres(text);
    assert.equal(errorAt(file), '7:11');
    assert.deepEqual(statements(file), ['2:1 COPY t FROM stdin', '6:1 CREATE TABLE a (id int)']);
    assert.deepEqual(file.comments.map((c) => `${at(file, c.start)} ${c.text}`), ['5:1 -- c']);
  });

  test('columns count characters: tabs, multi-byte and astral characters', () => {
    const file = parsePostgres("-- é😀\n\tSELECT 'é😀', \t'x' +;\n");
    assert.equal(errorAt(file), '2:21');
  });

  test('multi-byte characters in blanked meta-commands and data blocks do not shift positions', () => {
    const text = "\\echo héllo ✓😀\nCOPY t FROM stdin;\nä\tö😀\n\\.\nCREATE TABLE b (id int);\nSELECT 'é' +;\n";
    const file = parsePostgres(text);
    assert.equal(errorAt(file), '6:13');
    assert.deepEqual(statements(file), ['2:1 COPY t FROM stdin', '5:1 CREATE TABLE b (id int)']);
  });

  test('statements inside a DO block point into the file', () => {
    const text = [
      'DO $body$',
      'BEGIN',
      '  -- é😀',
      "  UPDATE t SET name = 'é😀' WHERE id = 1;",
      '\tINSERT INTO t VALUES (2);',
      'END',
      '$body$;',
    ].join('\n');
    const file = parsePostgres(text);
    assert.equal(file.syntaxError, undefined);
    assert.deepEqual(statements(file, 'do-block'), [
      "4:3 UPDATE t SET name = 'é😀' WHERE id = 1",
      '5:2 INSERT INTO t VALUES (2)',
    ]);
    const update = file.statements.find((s) => s.context === 'do-block');
    assert.ok(update && 'UpdateStmt' in update.ast);
    const location = update.ast.UpdateStmt.whereClause && 'A_Expr' in update.ast.UpdateStmt.whereClause
      ? update.ast.UpdateStmt.whereClause.A_Expr.location
      : undefined;
    assert.equal(location === undefined ? undefined : at(file, update.locate(location)), '4:37'); // the `=` of id = 1
  });

  test('a PL/pgSQL body that PostgreSQL rejects is a syntax error at the start of the body', () => {
    const text = 'SELECT 1;\nCREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  CONTINUE;\nEND\n$$;\n';
    const file = parsePostgres(text);
    assert.equal(file.syntaxError?.message, 'in PL/pgSQL body: CONTINUE cannot be used outside a loop');
    assert.equal(errorAt(file), '2:56');
  });

  test('what libpg-query cannot know without a catalog is no syntax error', () => {
    for (const text of [
      'CREATE FUNCTION f() RETURNS my_enum[] LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;',
      'CREATE FUNCTION f(x t.a%TYPE) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;',
      'DO $$ DECLARE v int; w v%TYPE[]; BEGIN NULL; END $$;',
    ]) {
      assert.equal(parsePostgres(text).syntaxError, undefined, text);
    }
  });
});
