import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isMysqlRawAlterClause, isMysqlUnparsed, type MysqlAst } from '../../src/parse/mysql/ast.js';
import { parseMysql } from '../../src/parse/mysql/parse.js';
import { maskMysqlComments, splitMysql } from '../../src/parse/mysql/split.js';
import type { MysqlStatement, ParsedFile } from '../../src/parse/types.js';

function mysqlStatements(file: ParsedFile): MysqlStatement[] {
  return file.statements.filter((s): s is MysqlStatement => s.dialect === 'mysql');
}

function at(file: ParsedFile, offset: number): string {
  const { line, column } = file.index.position(offset);
  return `${line}:${column}`;
}

function texts(file: ParsedFile): string[] {
  return file.statements.map((s) => s.text);
}

/** Reads a property of a node-sql-parser tree (tests only look, they do not narrow). */
function get(value: unknown, ...path: Array<string | number>): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function kindOf(ast: MysqlAst): string {
  return isMysqlUnparsed(ast) ? `unparsed:${ast.kind}` : String(get(ast, 'type'));
}

describe('splitMysql', () => {
  it('splits at ; with exact offsets, trimming whitespace and comments around statements', () => {
    const text = '  CREATE TABLE a (id int); -- one\n\n/* two */ ALTER TABLE a ADD b int ;\n# three\n';
    const { statements, comments } = splitMysql(text);
    assert.deepEqual(statements, [
      { text: 'CREATE TABLE a (id int)', start: 2, end: 25 },
      { text: 'ALTER TABLE a ADD b int', start: 45, end: 68 },
    ]);
    assert.deepEqual(comments, [
      { text: '-- one', start: 27, end: 33 },
      { text: '/* two */', start: 35, end: 44 },
      { text: '# three', start: 71, end: 78 },
    ]);
  });

  it('keeps delimiters inside quotes, backticks and comments', () => {
    const text = `INSERT INTO t VALUES ('a;b', "c\\";d", 'it''s;');\nSELECT \`x;y\` FROM t /* ; */ WHERE a = 1 -- ;\n;SELECT 2`;
    const { statements } = splitMysql(text);
    assert.deepEqual(
      statements.map((s) => s.text),
      [`INSERT INTO t VALUES ('a;b', "c\\";d", 'it''s;')`, 'SELECT `x;y` FROM t /* ; */ WHERE a = 1', 'SELECT 2'],
    );
  });

  it('needs a blank after -- for a comment', () => {
    const text = 'SELECT 1--1;\n--\nSELECT 2;--x\n';
    const { statements, comments } = splitMysql(text);
    assert.deepEqual(texts({ statements } as unknown as ParsedFile), ['SELECT 1--1', 'SELECT 2', '--x']);
    assert.deepEqual(comments, [{ text: '--', start: 13, end: 15 }]);
  });

  it('follows DELIMITER lines; they are not statements', () => {
    const text = [
      'DROP PROCEDURE IF EXISTS p;',
      'DELIMITER $$',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  UPDATE t SET a = 1; -- inside',
      '  SELECT 1;',
      'END$$',
      'DROP PROCEDURE IF EXISTS q$$',
      'delimiter //',
      'SELECT 3 //',
      'DELIMITER ;;',
      'SELECT 4; SELECT 5;;',
      'DELIMITER ;',
      'CALL p();',
    ].join('\n');
    const { statements } = splitMysql(text);
    assert.deepEqual(
      statements.map((s) => s.text),
      [
        'DROP PROCEDURE IF EXISTS p',
        'CREATE PROCEDURE p()\nBEGIN\n  UPDATE t SET a = 1; -- inside\n  SELECT 1;\nEND',
        // `q$$`: the client looks for the delimiter at every character, also inside a name
        'DROP PROCEDURE IF EXISTS q',
        'SELECT 3',
        'SELECT 4; SELECT 5',
        'CALL p()',
      ],
    );
    for (const s of statements) assert.equal(text.slice(s.start, s.end), s.text);
    assert.equal(statements[1]!.start, text.indexOf('CREATE PROCEDURE'));
  });

  it("handles dolphinscheduler's `delimiter d//`", () => {
    const text = 'delimiter d//\nCREATE PROCEDURE p() BEGIN SELECT 1; END;\nd//\ndelimiter ;\nCALL p();';
    assert.deepEqual(
      splitMysql(text).statements.map((s) => s.text),
      ['CREATE PROCEDURE p() BEGIN SELECT 1; END;', 'CALL p()'],
    );
  });

  it('keeps a stored program without DELIMITER whole, as the server reads it', () => {
    const text = [
      'CREATE DEFINER=`root`@`%` PROCEDURE p(IN x INT)',
      'BEGIN',
      '  IF x > 0 THEN SELECT 1; END IF;',
      '  CASE x WHEN 1 THEN SELECT 2; ELSE SELECT 3; END CASE;',
      '  SET @y = CASE WHEN x > 1 THEN 1 ELSE 0 END;',
      '  WHILE x > 0 DO SET x = x - 1; END WHILE;',
      'END;',
      'CREATE TABLE event (id int);',
      'CALL p(1);',
    ].join('\n');
    const { statements } = splitMysql(text);
    assert.equal(statements.length, 3);
    assert.ok(statements[0]!.text.startsWith('CREATE DEFINER'));
    assert.ok(statements[0]!.text.endsWith('END WHILE;\nEND'));
    assert.equal(statements[1]!.text, 'CREATE TABLE event (id int)');
    assert.equal(statements[2]!.text, 'CALL p(1)');
  });

  it('keeps executable comments as code and drops comment-only pseudo-statements', () => {
    const text = "/*!40101 SET NAMES utf8 */;\n/* PHP:add_column('a', 'b'); */;\n/*!50003 CREATE*/ /*!50020 DEFINER=`a`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */;";
    const { statements, comments } = splitMysql(text);
    assert.deepEqual(
      statements.map((s) => s.text),
      [
        '/*!40101 SET NAMES utf8 */',
        '/*!50003 CREATE*/ /*!50020 DEFINER=`a`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */',
      ],
    );
    assert.deepEqual(comments, [{ text: "/* PHP:add_column('a', 'b'); */", start: 28, end: 59 }]);
  });

  it('masks comments and executable-comment markers without moving offsets', () => {
    const text = "ALTER /* x */ TABLE t -- y\r\n ADD /*!50000 c */ int # z\n, COMMENT 'a -- b'";
    const masked = maskMysqlComments(text);
    assert.equal(masked.length, text.length);
    assert.equal(masked, "ALTER         TABLE t     \r\n ADD          c    int    \n, COMMENT 'a -- b'");
  });
});

describe('parseMysql', () => {
  it('parses an empty file, or one with only comments, to nothing', () => {
    for (const text of ['', '\n\n', '-- nothing\n/* here */\n# at all\n', '/* PHP:foo(); */;']) {
      const file = parseMysql(text);
      assert.equal(file.dialect, 'mysql');
      assert.deepEqual(file.statements, []);
      assert.equal(file.syntaxError, undefined);
    }
  });

  it('reports exact statement offsets and line:column with multi-byte characters', () => {
    const text = "-- 日本語 🎉\nINSERT INTO t (n) VALUES ('🎉🎉');\n  UPDATE t SET n = 'ü' WHERE id = 1;";
    const file = parseMysql(text);
    const [insert, update] = mysqlStatements(file);
    assert.equal(insert!.start, 10);
    assert.equal(insert!.end, 43);
    assert.equal(at(file, insert!.start), '2:1');
    assert.equal(update!.start, 47);
    assert.equal(at(file, update!.start), '3:3');
    // node-sql-parser's location of `id` maps back into the file
    const idRef = get(update!.ast, 'where', 'left', 'loc', 'start', 'offset');
    assert.equal(typeof idRef, 'number');
    const idOffset = update!.locate(idRef as number);
    assert.equal(text.slice(idOffset, idOffset + 2), 'id');
    assert.equal(idOffset, 74);
    assert.equal(at(file, idOffset), '3:30');
    assert.deepEqual(file.comments, [{ text: '-- 日本語 🎉', start: 0, end: 9 }]);
  });

  it('handles CRLF files', () => {
    const text = 'CREATE TABLE a (\r\n  id int\r\n);\r\n-- note\r\nALTER TABLE a ADD COLUMN `b` int;\r\n';
    const file = parseMysql(text);
    const [create, alter] = mysqlStatements(file);
    assert.equal(create!.text, 'CREATE TABLE a (\r\n  id int\r\n)');
    assert.equal(at(file, create!.end), '3:2');
    assert.equal(alter!.start, 41);
    assert.equal(at(file, alter!.start), '5:1');
    assert.deepEqual(file.comments, [{ text: '-- note', start: 32, end: 39 }]);
    const column = get(alter!.ast, 'expr', 0, 'column', 'loc', 'start', 'offset');
    assert.equal(at(file, alter!.locate(column as number)), '5:26');
  });

  it('keeps procedures in DELIMITER blocks as statements without parsing their bodies', () => {
    const text = [
      'DELIMITER $$',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  DECLARE done INT DEFAULT 0;',
      '  ALTER TABLE t ADD COLUMN x int;',
      'END $$',
      'DELIMITER ;',
      'CALL p();',
      'DROP PROCEDURE p;',
    ].join('\n');
    const file = parseMysql(text);
    assert.equal(file.syntaxError, undefined);
    const statements = mysqlStatements(file);
    assert.deepEqual(statements.map((s) => kindOf(s.ast)), ['unparsed:routine', 'call', 'unparsed:other']);
    assert.equal(at(file, statements[0]!.start), '2:1');
    assert.equal(at(file, statements[0]!.end), '6:4');
    assert.equal(at(file, statements[1]!.start), '8:1');
  });

  it('records the first unparsable statement and keeps the others', () => {
    const text = 'ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b FROBNICATE;\nDROP TABLE u;\nCREATE TABLE (;\n';
    const file = parseMysql(text);
    assert.deepEqual(file.syntaxError, { message: 'syntax error near "FROBNICATE"', offset: 59 });
    assert.equal(at(file, file.syntaxError.offset), '2:28');
    assert.deepEqual(texts(file), ['ALTER TABLE t ADD COLUMN a int', 'DROP TABLE u']);
  });

  it('reports unknown statements and MySQL errors such as DROP INDEX without ON', () => {
    const cases: Array<[string, string, string]> = [
      ['SELECT 1;\nFROBNICATE t;', 'syntax error near "FROBNICATE"', '2:1'],
      ['DROP INDEX i;', 'syntax error at end of statement', '1:13'],
      [
        '-- fine\n--DROP TABLE t;',
        'syntax error near "--DROP" (MySQL starts a comment at "--" only when a space follows)',
        '2:1',
      ],
      ['UPDATE t SET a = 1 WHERE id = = 1;', 'syntax error near "="', '1:31'],
      ['CREATE TABLE t (a int,, b int);', 'syntax error near ","', '1:23'],
    ];
    for (const [text, message, position] of cases) {
      const file = parseMysql(text);
      assert.equal(file.syntaxError?.message, message, text);
      assert.equal(at(file, file.syntaxError.offset), position, text);
    }
  });

  it('accepts valid MySQL that node-sql-parser does not know, without an AST when no rule needs one', () => {
    const text = [
      'SET NAMES utf8mb4;',
      "SET @q = CONCAT('ALTER TABLE ', 't');",
      'SET SESSION sql_mode = ?;',
      'PREPARE s FROM @q;',
      'EXECUTE s;',
      'DEALLOCATE PREPARE s;',
      'LOCK TABLES t WRITE;',
      'UNLOCK TABLES;',
      "GRANT ALL PRIVILEGES ON *.* TO 'a'@'%' WITH GRANT OPTION;",
      'FLUSH PRIVILEGES;',
      'DROP EVENT IF EXISTS e;',
      'DROP TRIGGER IF EXISTS tr;',
      'CREATE EVENT e ON SCHEDULE EVERY 1 SECOND DO BEGIN INSERT INTO t VALUES (1); END;',
      'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;',
      'CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`a`@`%` SQL SECURITY DEFINER VIEW v AS SELECT 1;',
      'ALTER DATABASE `DB_NAME` CHARACTER SET = utf8mb4;',
      'ANALYZE TABLE t;',
      'OPTIMIZE TABLE t;',
      'START TRANSACTION READ ONLY;',
      'BEGIN NOT ATOMIC SELECT 1; END;',
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
    ].join('\n');
    const file = parseMysql(text);
    assert.equal(file.syntaxError, undefined);
    assert.equal(file.statements.length, 21);
    const kinds = mysqlStatements(file).map((s) => kindOf(s.ast));
    assert.equal(kinds[0], 'unparsed:other');
    assert.equal(kinds[12], 'unparsed:routine');
    assert.equal(kinds[19], 'unparsed:routine');
  });

  it('reads ALTER TABLE clause by clause: online-DDL options anywhere, clauses node-sql-parser lacks', () => {
    const text =
      'ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, ADD COLUMN a BOOL NOT  NULL DEFAULT FALSE, ' +
      'ALTER COLUMN b SET DEFAULT 2, CONVERT TO CHARACTER SET utf8mb4, ADD (INDEX i (a), INDEX j (b)), ' +
      'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin, MODIFY c VARCHAR(10) BINARY, DISABLE KEYS';
    const file = parseMysql(text);
    assert.equal(file.syntaxError, undefined);
    const [alter] = mysqlStatements(file);
    const items = get(alter!.ast, 'expr') as unknown[];
    const summary = items.map((item) =>
      isMysqlRawAlterClause(item)
        ? `raw ${item.keyword} @${item.loc.start.offset}`
        : `${String(get(item, 'action') ?? get(item, 'keyword'))} ${String(get(item, 'resource'))} @${String(get(item, 'loc', 'start', 'offset'))}`,
    );
    assert.deepEqual(summary, [
      'algorithm algorithm @14',
      'lock lock @33',
      'add column @44',
      'raw ALTER COLUMN @87',
      'raw CONVERT TO CHARACTER SET @117',
      'add index @151',
      'add index @151',
      'raw ENGINE @183',
      'modify column @242',
      'raw DISABLE KEYS @271',
    ]);
    assert.equal(get(items[0], 'algorithm'), 'INPLACE');
    assert.equal(get(items[2], 'definition', 'dataType'), 'BOOLEAN');
    assert.equal(get(items[2], 'nullable', 'type'), 'not null');
    // locations inside rewritten text still point at what was written
    const second = get(items[6], 'definition', 0, 'loc', 'start', 'offset') as number;
    assert.equal(text.slice(alter!.locate(second), alter!.locate(second) + 1), 'b');
    assert.equal(text.slice(second - 9, second + 1), 'INDEX j (b');
  });

  it('accepts valid column, index and statement syntax node-sql-parser lacks', () => {
    const valid = [
      'ALTER TABLE t ADD COLUMN x int INVISIBLE',
      'ALTER TABLE t ADD COLUMN IF NOT EXISTS x int, DROP COLUMN IF EXISTS y, DROP INDEX IF EXISTS i',
      'CREATE INDEX IF NOT EXISTS i ON t (a)',
      'DROP INDEX IF EXISTS i ON t',
      'CREATE TABLE t (g geometry NOT NULL SRID 4326, SPATIAL INDEX (g))',
      'UPDATE LOW_PRIORITY IGNORE t SET a = 1',
      'DELETE IGNORE FROM t WHERE a = 1',
      'ALTER IGNORE TABLE t ADD UNIQUE (a)',
      'ALTER ONLINE TABLE t ADD INDEX (a)',
      'ALTER TABLE t ADD COLUMN a DOUBLE PRECISION, ADD b NATIONAL VARCHAR(10), ADD c REAL, ADD d FIXED(10,2)',
      'ALTER TABLE t ADD COLUMN x int, ADD CONSTRAINT c CHECK (x > 0) NOT ENFORCED',
      'ALTER TABLE t ADD COLUMN x SERIAL, MODIFY y int SERIAL DEFAULT VALUE',
      'ALTER TABLE t ALTER INDEX i INVISIBLE, RENAME INDEX a TO b, FORCE',
      'ALTER TABLE t ENABLE KEYS',
      'ALTER TABLE t',
      'DROP TEMPORARY TABLE IF EXISTS a, b CASCADE',
      'DROP TABLES a, b',
      'RENAME TABLES a TO b',
    ];
    for (const text of valid) assert.equal(parseMysql(text).syntaxError, undefined, text);
    const guarded = mysqlStatements(parseMysql('ALTER TABLE t ADD COLUMN IF NOT EXISTS x int, DROP INDEX IF EXISTS i'));
    assert.equal(get(guarded[0]!.ast, 'expr', 0, 'if_not_exists'), 'IF NOT EXISTS');
    assert.equal(get(guarded[0]!.ast, 'expr', 1, 'if_exists'), 'IF EXISTS');
  });

  it('strips online-DDL options node-sql-parser rejects and puts them back into the tree', () => {
    const file = parseMysql('CREATE INDEX i ON t (a) LOCK=NONE ALGORITHM=INPLACE;');
    assert.equal(file.syntaxError, undefined);
    const [create] = mysqlStatements(file);
    assert.equal(get(create!.ast, 'algorithm_option', 'algorithm'), 'INPLACE');
    assert.equal(get(create!.ast, 'lock_option', 'lock'), 'NONE');
  });

  it('reads CREATE TABLE with column charsets, partitioning, introducers and named primary keys', () => {
    const text = [
      'CREATE TABLE t (',
      '  id int auto_increment,',
      '  t varchar(128) charset latin1 collate latin1_swedish_ci,',
      "  j varchar(24) GENERATED ALWAYS AS (json_unquote(json_extract(`doc`,_utf8mb4'$.id'))) STORED NOT NULL,",
      '  s SERIAL,',
      '  PRIMARY KEY `pk_t` (id)',
      ') ENGINE=InnoDB /*!50100 PARTITION BY HASH (id) PARTITIONS 4 */;',
    ].join('\n');
    const file = parseMysql(text);
    assert.equal(file.syntaxError, undefined);
    const [create] = mysqlStatements(file);
    assert.equal(get(create!.ast, 'table_options', 0, 'keyword'), 'engine');
    const columns = (get(create!.ast, 'create_definitions') as unknown[]).filter((d) => get(d, 'resource') === 'column');
    assert.deepEqual(
      columns.map((c) => get(c, 'column', 'column')),
      ['id', 't', 'j', 's'],
    );
    const s = get(columns[3], 'column', 'loc', 'start', 'offset') as number;
    assert.equal(at(file, create!.locate(s)), '5:3');
  });

  it('splits several statements under one custom delimiter', () => {
    const text = 'DELIMITER $$\nUPDATE t SET a = 1 WHERE id = 1; DELETE FROM t WHERE id = 2$$\nDELIMITER ;';
    const file = parseMysql(text);
    assert.equal(file.syntaxError, undefined);
    assert.deepEqual(texts(file), ['UPDATE t SET a = 1 WHERE id = 1', 'DELETE FROM t WHERE id = 2']);
    assert.equal(file.statements[1]!.start, text.indexOf('DELETE'));
  });
});

// ---------------------------------------------------------------------------------------------------------------

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Files with a syntaxError, measured when this test was written; a parser change must not raise them. */
const CORPUS_BUDGET: Record<string, number> = {
  'ory-kratos-mysql': 0,
  // DROP INDEX without ON (2 files) and a `--DROP INDEX` line (no space after --): invalid MySQL
  'ory-hydra-mysql': 3,
  'authelia-mysql': 0,
  'temporal-mysql': 0,
  'gh-ost-mysql': 0,
  'ranger-mysql': 0,
  // `--DROP PROCEDURE ...` lines (no space after --): invalid MySQL
  'dolphinscheduler-mysql': 2,
};

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sqlFiles(path));
    else if (entry.endsWith('.sql')) out.push(path);
  }
  return out.sort();
}

describe('parseMysql on real-world corpora', { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  for (const [corpus, budget] of Object.entries(CORPUS_BUDGET)) {
    it(`${corpus}: at most ${budget} files with a syntax error`, () => {
      const files = sqlFiles(join(CORPUS, corpus));
      assert.ok(files.length > 0);
      const failing: string[] = [];
      for (const path of files) {
        const text = readFileSync(path, 'utf8');
        const file = parseMysql(text);
        for (const s of file.statements) {
          assert.equal(text.slice(s.start, s.end), s.text);
        }
        if (file.syntaxError) {
          failing.push(`${path.slice(CORPUS.length)}:${at(file, file.syntaxError.offset)} ${file.syntaxError.message}`);
        }
      }
      assert.ok(failing.length <= budget, failing.join('\n'));
    });
  }
});
