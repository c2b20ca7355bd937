import { isPunct, isWord, type Token } from './tokens.js';

/**
 * What a statement is, from its leading keywords.
 * - the kinds ddlguard lowers to operations (`alter-table` ... `truncate`): node-sql-parser must parse them;
 * - `begin` / `commit` / `rollback`: transaction control;
 * - `routine`: CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT and compound statements (bodies node-sql-parser cannot read);
 * - `other`: valid MySQL ddlguard's rules never look inside (SET, USE, INSERT, GRANT, CREATE VIEW, ...);
 * - `unknown`: leading keywords that start no MySQL statement.
 */
export type MysqlStatementKind =
  | 'alter-table'
  | 'create-table'
  | 'create-index'
  | 'drop-table'
  | 'drop-index'
  | 'rename-table'
  | 'update'
  | 'delete'
  | 'truncate'
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'routine'
  | 'other'
  | 'unknown';

export interface MysqlClassification {
  kind: MysqlStatementKind;
  /**
   * The leading words, upper-cased: `CREATE|ALTER|DROP <object>` (`CREATE PROCEDURE`, `DROP EVENT`), otherwise the
   * first two words (`START TRANSACTION`, `SET NAMES`, `GRANT ALL`) or one.
   */
  keywords: string;
}

/** Statements that are valid on their own and whose insides no rule reads. */
const OTHER_LEADING = new Set([
  'SET', 'USE', 'LOCK', 'UNLOCK', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'GRANT', 'REVOKE', 'FLUSH', 'ANALYZE',
  'OPTIMIZE', 'CHECK', 'CHECKSUM', 'REPAIR', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'KILL', 'RESET', 'PURGE',
  'INSTALL', 'UNINSTALL', 'SAVEPOINT', 'RELEASE', 'XA', 'SIGNAL', 'RESIGNAL', 'GET', 'HELP', 'CACHE', 'LOAD',
  'BINLOG', 'SHUTDOWN', 'RESTART', 'CLONE', 'IMPORT', 'INSERT', 'REPLACE', 'SELECT', 'VALUES', 'TABLE', 'WITH',
  'CALL', 'DO', 'HANDLER', 'STOP', 'CHANGE', 'BACKUP', 'SOURCE',
]);

/** Objects of CREATE / DROP / ALTER that no rule reads. */
const OTHER_OBJECTS = new Set([
  'DATABASE', 'SCHEMA', 'VIEW', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'SPATIAL', 'RESOURCE',
  'SEQUENCE', 'INSTANCE', 'PACKAGE', 'SYNONYM', 'UNDO', 'PREPARE',
]);

const ROUTINE_OBJECTS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'AGGREGATE']);

function words(tokens: Token[], from: number, count: number): string {
  return tokens
    .slice(from, from + count)
    .filter((t) => t.kind === 'word')
    .map((t) => t.value)
    .join(' ');
}

/**
 * Index of the object keyword of a CREATE/ALTER/DROP, skipping `OR REPLACE`, `DEFINER = user`, `ALGORITHM = x`,
 * `SQL SECURITY x`, `TEMPORARY`, `ONLINE`, `IGNORE`, `UNIQUE` and friends.
 */
function objectIndex(tokens: Token[], from: number): number {
  let k = from;
  while (k < tokens.length) {
    const t = tokens[k];
    if (t === undefined) break;
    if (isWord(t, 'OR') && isWord(tokens[k + 1], 'REPLACE')) {
      k += 2;
    } else if (isWord(t, 'DEFINER', 'ALGORITHM') && isPunct(tokens[k + 1], '=')) {
      k += 3; // DEFINER = user, ALGORITHM = MERGE
      if (isWord(tokens[k - 1], 'CURRENT_USER') && isPunct(tokens[k], '(')) k += 2;
      if (tokens[k]?.kind === 'variable') k++; // 'user'@'host' tokenizes as string + variable
    } else if (isWord(t, 'SQL') && isWord(tokens[k + 1], 'SECURITY')) {
      k += 3;
    } else if (isWord(t, 'TEMPORARY', 'ONLINE', 'OFFLINE', 'IGNORE', 'UNIQUE', 'FULLTEXT', 'NONBLOCKING')) {
      k++;
    } else if (isWord(t, 'SPATIAL') && isWord(tokens[k + 1], 'INDEX')) {
      k++;
    } else {
      return k;
    }
  }
  return k;
}

export function classifyMysql(tokens: Token[]): MysqlClassification {
  let k = 0;
  while (isPunct(tokens[k], '(')) k++;
  const first = tokens[k];
  let keywords = words(tokens, k, tokens[k + 1]?.kind === 'word' ? 2 : 1);
  if (isWord(first, 'CREATE', 'ALTER', 'DROP')) {
    const object = tokens[objectIndex(tokens, k + 1)];
    keywords = object?.kind === 'word' ? `${first!.value} ${object.value}` : first!.value;
  }
  const result = (kind: MysqlStatementKind): MysqlClassification => ({ kind, keywords });
  if (first === undefined) return result('unknown');
  if (first.kind !== 'word') {
    // `label: BEGIN ... END` is a compound statement
    if (first.kind === 'ident' && isPunct(tokens[k + 1], ':')) return result('routine');
    return result('unknown');
  }
  if (isPunct(tokens[k + 1], ':')) return result('routine');
  const next = tokens[k + 1];
  switch (first.value) {
    case 'ALTER': {
      const o = objectIndex(tokens, k + 1);
      const object = tokens[o];
      if (isWord(object, 'TABLE')) return result('alter-table');
      if (object !== undefined && object.kind === 'word') {
        if (OTHER_OBJECTS.has(object.value) || ROUTINE_OBJECTS.has(object.value)) return result('other');
      }
      return result('unknown');
    }
    case 'CREATE': {
      const o = objectIndex(tokens, k + 1);
      const object = tokens[o];
      if (isWord(object, 'TABLE')) return result('create-table');
      if (isWord(object, 'INDEX')) return result('create-index');
      if (object !== undefined && object.kind === 'word') {
        if (ROUTINE_OBJECTS.has(object.value)) return result('routine');
        if (OTHER_OBJECTS.has(object.value)) return result('other');
      }
      return result('unknown');
    }
    case 'DROP': {
      const o = objectIndex(tokens, k + 1);
      const object = tokens[o];
      if (isWord(object, 'TABLE', 'TABLES')) return result('drop-table');
      if (isWord(object, 'INDEX')) return result('drop-index');
      if (object !== undefined && object.kind === 'word') {
        if (ROUTINE_OBJECTS.has(object.value) || OTHER_OBJECTS.has(object.value)) return result('other');
      }
      return result('unknown');
    }
    case 'RENAME':
      if (isWord(next, 'TABLE', 'TABLES')) return result('rename-table');
      if (isWord(next, 'USER')) return result('other');
      return result('unknown');
    case 'UPDATE':
      return result('update');
    case 'DELETE':
      return result('delete');
    case 'TRUNCATE':
      return result('truncate');
    case 'BEGIN':
      // BEGIN [WORK] starts a transaction; MariaDB's BEGIN NOT ATOMIC ... END is a compound statement
      if (next === undefined || (isWord(next, 'WORK') && tokens.length === k + 2)) return result('begin');
      return result('routine');
    case 'START':
      if (isWord(next, 'TRANSACTION')) return result('begin');
      return result('other'); // START SLAVE / REPLICA / GROUP_REPLICATION
    case 'COMMIT':
      return result('commit');
    case 'ROLLBACK':
      // ROLLBACK [WORK] TO [SAVEPOINT] x keeps the transaction open
      if (tokens.slice(k + 1).some((t) => isWord(t, 'TO'))) return result('other');
      return result('rollback');
    case 'DECLARE':
    case 'IF':
    case 'WHILE':
    case 'REPEAT':
    case 'LOOP':
    case 'CASE':
      return result('routine');
    default:
      if (OTHER_LEADING.has(first.value)) return result('other');
      return result('unknown');
  }
}
