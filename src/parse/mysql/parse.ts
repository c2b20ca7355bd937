import type { LocationRange } from 'node-sql-parser';
import { LineIndex } from '../positions.js';
import type { MysqlStatement, ParsedFile, SyntaxProblem } from '../types.js';
import type { MysqlAst, MysqlRawAlterClause, MysqlUnparsed } from './ast.js';
import { classifyMysql, type MysqlClassification, type MysqlStatementKind } from './classify.js';
import {
  applyEdits,
  blankEdit,
  blankText,
  normalizationEdits,
  onlineDdlOptions,
  parenthesizedAddEdits,
  type Edit,
  type OnlineDdlOption,
  type Rewritten,
} from './rewrite.js';
import { maskMysqlComments, splitMysql, type SplitStatement } from './split.js';
import { runSqlParser } from './sql-parser.js';
import { isPunct, isWord, matchingParen, nameOf, splitTopLevel, tokenizeMysql, type Token } from './tokens.js';

/** Statement kinds that lower to operations: node-sql-parser must read them, or the file has a syntax error. */
const LOWERED: ReadonlySet<MysqlStatementKind> = new Set<MysqlStatementKind>([
  'alter-table',
  'create-table',
  'create-index',
  'drop-table',
  'drop-index',
  'rename-table',
  'update',
  'delete',
  'truncate',
]);

/** Offsets are relative to the statement text. */
interface ParseFailure {
  offset: number;
  message: string;
}

type Outcome =
  | { kind: 'ast'; ast: MysqlAst }
  | { kind: 'many' }
  | { kind: 'empty' }
  | { kind: 'error'; error: ParseFailure };

type Attempt = { ok: true; ast: Record<string, unknown> } | { ok: false; error: ParseFailure } | { ok: 'many' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short, readable message for a failure at `offset` of the statement. */
function syntaxMessage(text: string, tokens: Token[], offset: number): string {
  const token = tokens.find((t) => t.end > offset);
  if (token === undefined) return 'syntax error at end of statement';
  if (text.startsWith('--', token.start)) {
    const word = /^--\S{0,30}/.exec(text.slice(token.start))?.[0] ?? '--';
    return `syntax error near ${JSON.stringify(word)} (MySQL starts a comment at "--" only when a space follows)`;
  }
  const shown = text.slice(token.start, token.end);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  return `syntax error near ${JSON.stringify(short.replace(/\s+/g, ' '))}`;
}

/** Rewrites every `loc` offset of a node-sql-parser tree from the parsed text back to the statement text. */
function remapLocations(node: unknown, toOriginal: (offset: number) => number, seen = new Set<object>()): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) remapLocations(item, toOriginal, seen);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' && isRecord(value)) {
      const start = value['start'];
      const end = value['end'];
      if (isRecord(start) && typeof start['offset'] === 'number') start['offset'] = toOriginal(start['offset']);
      if (isRecord(end) && typeof end['offset'] === 'number') end['offset'] = toOriginal(end['offset']);
    } else {
      remapLocations(value, toOriginal, seen);
    }
  }
}

function attempt(rewritten: Rewritten): Attempt {
  const result = runSqlParser(rewritten.text);
  if (!result.ok) {
    return { ok: false, error: { offset: rewritten.toOriginal(result.offset), message: result.message } };
  }
  let ast: unknown = result.ast;
  if (Array.isArray(ast)) {
    if (ast.length > 1) return { ok: 'many' };
    ast = ast[0];
  }
  if (!isRecord(ast)) return { ok: false, error: { offset: 0, message: 'empty statement' } };
  remapLocations(ast, rewritten.toOriginal);
  return { ok: true, ast };
}

const identity = (code: string): Rewritten => ({ text: code, toOriginal: (offset) => offset });

function furthest(errors: ParseFailure[]): ParseFailure {
  let best = errors[0] ?? { offset: 0, message: 'syntax error' };
  for (const e of errors) if (e.offset > best.offset) best = e;
  return best;
}

function locationRange(text: string, start: number, end: number): LocationRange {
  const at = (offset: number): { offset: number; line: number; column: number } => {
    const before = text.slice(0, offset);
    const lastBreak = before.lastIndexOf('\n');
    return { offset, line: before.split('\n').length, column: offset - lastBreak };
  };
  return { start: at(start), end: at(end) };
}

function unparsed(classification: MysqlClassification): MysqlUnparsed {
  return { type: 'unparsed', kind: classification.kind, keywords: classification.keywords };
}

// ---------------------------------------------------------------------------------------------------------------
// ALTER TABLE: one parse per clause, so that a clause node-sql-parser does not know costs only that clause

/** Leading keywords of ALTER TABLE clauses that change no column or index ddlguard tracks. */
function harmlessAlterClause(tokens: Token[]): string | undefined {
  const [a, b, c] = tokens;
  if (a === undefined || a.kind !== 'word') return undefined;
  const two = b?.kind === 'word' ? `${a.value} ${b.value}` : a.value;
  switch (a.value) {
    case 'CONVERT':
      return isWord(b, 'TO') ? 'CONVERT TO CHARACTER SET' : 'CONVERT';
    case 'ALTER': {
      // ALTER [COLUMN] c SET DEFAULT / DROP DEFAULT / SET [IN]VISIBLE; ALTER INDEX i [IN]VISIBLE; ALTER CHECK ...
      if (isWord(b, 'INDEX', 'KEY', 'CHECK', 'CONSTRAINT')) return two;
      const rest = isWord(b, 'COLUMN') ? tokens.slice(3) : tokens.slice(2);
      if (isWord(rest[0], 'SET', 'DROP')) return isWord(b, 'COLUMN') ? 'ALTER COLUMN' : 'ALTER';
      return undefined;
    }
    case 'DROP':
      if (isWord(b, 'CONSTRAINT', 'CHECK', 'FOREIGN', 'PRIMARY', 'PARTITION', 'SYSTEM')) return two;
      return undefined;
    case 'RENAME':
      return isWord(b, 'INDEX', 'KEY') ? two : undefined;
    case 'ADD':
      return isWord(b, 'PARTITION', 'SYSTEM') ? two : undefined;
    case 'DEFAULT':
      return isWord(b, 'CHARSET', 'CHARACTER', 'COLLATE') ? (isWord(b, 'CHARACTER') && c ? `${two} SET` : two) : undefined;
    case 'ENABLE':
    case 'DISABLE':
      return isWord(b, 'KEYS') ? two : undefined;
    case 'ORDER':
      return isWord(b, 'BY') ? two : undefined;
    case 'WITH':
    case 'WITHOUT':
      return isWord(b, 'VALIDATION', 'SYSTEM') ? two : undefined;
    case 'PARTITION':
      return isWord(b, 'BY') ? two : undefined;
    case 'REMOVE':
    case 'UPGRADE':
      return isWord(b, 'PARTITIONING') ? two : undefined;
    case 'DISCARD':
    case 'IMPORT':
      return isWord(b, 'TABLESPACE', 'PARTITION') ? two : undefined;
    case 'TRUNCATE':
    case 'COALESCE':
    case 'REORGANIZE':
    case 'EXCHANGE':
    case 'ANALYZE':
    case 'CHECK':
    case 'OPTIMIZE':
    case 'REBUILD':
    case 'REPAIR':
      return isWord(b, 'PARTITION') ? two : undefined;
    case 'FORCE':
    case 'ENGINE':
    case 'CHARSET':
    case 'COLLATE':
    case 'COMMENT':
    case 'ROW_FORMAT':
    case 'AUTO_INCREMENT':
    case 'KEY_BLOCK_SIZE':
    case 'STATS_AUTO_RECALC':
    case 'STATS_PERSISTENT':
    case 'STATS_SAMPLE_PAGES':
    case 'PACK_KEYS':
    case 'CHECKSUM':
    case 'COMPRESSION':
    case 'ENCRYPTION':
    case 'MAX_ROWS':
    case 'MIN_ROWS':
    case 'AVG_ROW_LENGTH':
    case 'DELAY_KEY_WRITE':
    case 'INSERT_METHOD':
    case 'TABLESPACE':
    case 'UNION':
    case 'SECONDARY_ENGINE':
    case 'SECONDARY_ENGINE_ATTRIBUTE':
    case 'SECONDARY_LOAD':
    case 'SECONDARY_UNLOAD':
    case 'ENGINE_ATTRIBUTE':
    case 'AUTOEXTEND_SIZE':
    case 'PAGE_CHECKSUM':
    case 'PAGE_COMPRESSED':
    case 'PAGE_COMPRESSION_LEVEL':
    case 'TRANSACTIONAL':
    case 'STORAGE':
      return a.value;
    case 'CHARACTER':
      return isWord(b, 'SET') ? 'CHARACTER SET' : undefined;
    case 'DATA':
    case 'INDEX':
      return isWord(b, 'DIRECTORY') ? two : undefined;
    default:
      return undefined;
  }
}

/** `ALGORITHM [=] x` / `LOCK [=] x` as a whole clause, in node-sql-parser's shape. */
function onlineOptionItem(tokens: Token[], loc: LocationRange): Record<string, unknown> | undefined {
  const [a, b, c] = tokens;
  if (!isWord(a, 'ALGORITHM', 'LOCK')) return undefined;
  const hasSymbol = isPunct(b, '=');
  const value = hasSymbol ? c : b;
  if (value === undefined || tokens.length !== (hasSymbol ? 3 : 2)) return undefined;
  if (value.kind !== 'word' && value.kind !== 'ident') return undefined;
  const keyword = a!.value === 'ALGORITHM' ? 'algorithm' : 'lock';
  return {
    type: 'alter',
    keyword,
    resource: keyword,
    symbol: hasSymbol ? '=' : null,
    [keyword]: value.value.toUpperCase(),
    loc,
  };
}

/** Partition commands that end an ALTER TABLE and take a comma-separated partition list (`DROP PARTITION p1, p2`). */
const PARTITION_COMMANDS = [
  'ADD', 'DROP', 'TRUNCATE', 'COALESCE', 'REORGANIZE', 'EXCHANGE', 'ANALYZE', 'CHECK', 'OPTIMIZE', 'REBUILD', 'REPAIR',
  'DISCARD', 'IMPORT',
];

/**
 * MySQL's grammar lets a partition command follow only ALGORITHM / LOCK / WITH VALIDATION options, and it runs to
 * the end of the statement: its commas separate partition names, not clauses. Joins the parts from there on.
 */
function standalonePartitionCommand(tokens: Token[], parts: Array<[number, number]>): Array<[number, number]> {
  const index = parts.findIndex(
    ([from, to]) => to - from >= 2 && isWord(tokens[from], ...PARTITION_COMMANDS) && isWord(tokens[from + 1], 'PARTITION'),
  );
  if (index === -1 || index === parts.length - 1) return parts;
  return [...parts.slice(0, index), [parts[index]![0], parts[parts.length - 1]![1]]];
}

function parseAlterTable(code: string, tokens: Token[]): Outcome {
  const tableKeyword = tokens.findIndex((t) => isWord(t, 'TABLE'));
  let k = tableKeyword + 1;
  if (isWord(tokens[k], 'IF') && isWord(tokens[k + 1], 'EXISTS')) k += 2;
  let db: string | null = null;
  let table = nameOf(tokens[k]);
  let after = k + 1;
  if (isPunct(tokens[after], '.') && tokens[after + 1] !== undefined) {
    db = table ?? null;
    table = nameOf(tokens[after + 1]);
    after += 2;
  }
  const whole = (): Outcome => {
    const result = attempt(identity(code));
    if (result.ok === true) return { kind: 'ast', ast: result.ast as unknown as MysqlAst };
    if (result.ok === 'many') return { kind: 'many' };
    return { kind: 'error', error: result.error };
  };
  if (table === undefined || after > tokens.length) return whole();
  const headEnd = tokens[after - 1]!.end;
  // ALTER [ONLINE | OFFLINE] [IGNORE] TABLE: node-sql-parser knows none of the modifiers
  let head = code.slice(0, headEnd);
  for (const t of tokens.slice(1, tableKeyword)) {
    if (isWord(t, 'ONLINE', 'OFFLINE', 'IGNORE')) head = head.slice(0, t.start) + blankText(t.text) + head.slice(t.end);
  }
  const parts = standalonePartitionCommand(tokens, splitTopLevel(tokens, after, tokens.length));
  if (parts.length === 1 && parts[0]![0] === parts[0]![1]) {
    // `ALTER TABLE t` alone changes nothing
    const result = whole();
    if (result.kind !== 'error') return result;
    const ast = { type: 'alter', table: [{ db, table }], expr: [] };
    return { kind: 'ast', ast: ast as unknown as MysqlAst };
  }
  const items: unknown[] = [];
  let parsedTable: unknown;
  for (const [from, to] of parts) {
    if (from === to) {
      const comma = tokens[from] ?? tokens[from - 1];
      return { kind: 'error', error: { offset: comma?.start ?? code.length, message: 'empty ALTER TABLE clause' } };
    }
    const clauseTokens = tokens.slice(from, to);
    const cs = clauseTokens[0]!.start;
    const ce = clauseTokens[clauseTokens.length - 1]!.end;
    const loc = locationRange(code, cs, ce);
    const text = head + blankText(code.slice(headEnd, cs)) + code.slice(cs, ce) + blankText(code.slice(ce));
    const errors: ParseFailure[] = [];
    let result = attempt(identity(text));
    if (result.ok === false) {
      errors.push(result.error);
      const edits = [...normalizationEdits(code, clauseTokens), ...parenthesizedAddEdits(tokens, [from, to])];
      if (edits.length > 0) {
        result = attempt(applyEdits(text, edits));
        if (result.ok === false) errors.push(result.error);
      }
    }
    if (result.ok === true && result.ast['type'] === 'alter' && Array.isArray(result.ast['expr'])) {
      parsedTable ??= result.ast['table'];
      const guard = existenceGuard(clauseTokens);
      for (const item of result.ast['expr'] as unknown[]) {
        if (isRecord(item)) {
          item['loc'] ??= loc;
          if (guard !== undefined) item[guard.key] ??= guard.value;
        }
        items.push(item);
      }
      continue;
    }
    const option = onlineOptionItem(clauseTokens, loc);
    if (option !== undefined) {
      items.push(option);
      continue;
    }
    const keyword = harmlessAlterClause(clauseTokens);
    if (keyword !== undefined) {
      const raw: MysqlRawAlterClause = {
        type: 'alter',
        resource: 'unparsed',
        action: 'unparsed',
        keyword,
        text: code.slice(cs, ce),
        loc,
      };
      items.push(raw);
      continue;
    }
    if (result.ok === 'many') return { kind: 'many' };
    return { kind: 'error', error: furthest(errors) };
  }
  const ast = { type: 'alter', table: parsedTable ?? [{ db, table }], expr: items };
  return { kind: 'ast', ast: ast as unknown as MysqlAst };
}

// ---------------------------------------------------------------------------------------------------------------

/** Puts ALGORITHM / LOCK options that had to be taken out of the text back into the tree, as node-sql-parser would. */
function restoreOnlineOptions(ast: Record<string, unknown>, options: OnlineDdlOption[], code: string): void {
  if (options.length === 0 || ast['keyword'] !== 'index') return;
  const items = options.map((o) => ({
    type: 'alter',
    keyword: o.keyword,
    resource: o.keyword,
    symbol: '=',
    [o.keyword]: o.value,
    loc: locationRange(code, o.start, o.end),
  }));
  if (ast['type'] === 'create') {
    for (const item of items) {
      const key = item.keyword === 'algorithm' ? 'algorithm_option' : 'lock_option';
      if (ast[key] === null || ast[key] === undefined) ast[key] = item;
    }
  } else if (ast['type'] === 'drop') {
    const existing = Array.isArray(ast['options']) ? (ast['options'] as unknown[]) : [];
    ast['options'] = [...existing, ...items];
  }
}

/**
 * MariaDB's `IF [NOT] EXISTS` after ADD / DROP [COLUMN | INDEX | KEY] or CREATE INDEX, which the normalization
 * took out of the text: put back as `if_not_exists: 'IF NOT EXISTS'` / `if_exists: 'IF EXISTS'`.
 */
function existenceGuard(tokens: Token[]): { key: 'if_not_exists' | 'if_exists'; value: string } | undefined {
  for (let k = 1; k < tokens.length && k < 8; k++) {
    if (!isWord(tokens[k], 'IF') || !isWord(tokens[k - 1], 'COLUMN', 'INDEX', 'KEY', 'ADD', 'DROP')) continue;
    if (isWord(tokens[k + 1], 'NOT') && isWord(tokens[k + 2], 'EXISTS')) return { key: 'if_not_exists', value: 'IF NOT EXISTS' };
    if (isWord(tokens[k + 1], 'EXISTS')) return { key: 'if_exists', value: 'IF EXISTS' };
  }
  return undefined;
}

/** Offset just after the `(...)` of a CREATE TABLE's definitions, when table options follow it. */
function createTableOptionsStart(tokens: Token[]): number | undefined {
  const open = tokens.findIndex((t) => isPunct(t, '('));
  if (open === -1) return undefined;
  const close = matchingParen(tokens, open);
  if (close === -1 || close === tokens.length - 1) return undefined;
  // CREATE TABLE t (...) [IGNORE | REPLACE] [AS] SELECT / TABLE / VALUES: a query, not options
  let depth = 0;
  for (const t of tokens.slice(close + 1)) {
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && isWord(t, 'SELECT', 'LIKE', 'WITH', 'VALUES', 'TABLE')) return undefined;
  }
  return tokens[close]!.end;
}

function parseStatement(text: string): Outcome {
  const code = maskMysqlComments(text);
  const tokens = tokenizeMysql(code);
  if (tokens.length === 0) return { kind: 'empty' };
  const classification = classifyMysql(tokens);
  const { kind } = classification;
  if (kind === 'routine') return { kind: 'ast', ast: unparsed(classification) };
  const outcome = kind === 'alter-table' ? parseAlterTable(code, tokens) : parseOther(code, tokens, kind);
  if (outcome.kind !== 'error') return outcome;
  if (!LOWERED.has(kind) && kind !== 'unknown') return { kind: 'ast', ast: unparsed(classification) };
  // a statement that starts with no MySQL keyword is wrong from its first word on
  const offset = kind === 'unknown' ? tokens[0]!.start : outcome.error.offset;
  return { kind: 'error', error: { offset, message: syntaxMessage(code, tokens, offset) } };
}

function parseOther(code: string, tokens: Token[], kind: MysqlStatementKind): Outcome {
  const errors: ParseFailure[] = [];
  const first = attempt(identity(code));
  if (first.ok === true) return { kind: 'ast', ast: first.ast as unknown as MysqlAst };
  if (first.ok === 'many') return { kind: 'many' };
  errors.push(first.error);
  if (LOWERED.has(kind)) {
    const online =
      kind === 'create-index' || kind === 'drop-index' ? onlineDdlOptions(code, tokens, 1) : { options: [], edits: [] };
    const edits: Edit[] = [...normalizationEdits(code, tokens), ...online.edits];
    const tries: Edit[][] = [];
    if (edits.length > 0) tries.push(edits);
    if (kind === 'create-table') {
      // partitioning first (the table options before it stay in the tree), then all table options
      const optionsStart = createTableOptionsStart(tokens);
      if (optionsStart !== undefined) {
        const partition = tokens.find((t) => t.start >= optionsStart && isWord(t, 'PARTITION'));
        if (partition !== undefined) tries.push([...edits, blankEdit(code, partition.start, code.length)]);
        tries.push([...edits, blankEdit(code, optionsStart, code.length)]);
      }
    }
    for (const edit of tries) {
      const result = attempt(applyEdits(code, edit));
      if (result.ok === true) {
        restoreOnlineOptions(result.ast, online.options, code);
        const guard = existenceGuard(tokens);
        if (guard !== undefined && result.ast['keyword'] === 'index') {
          // node-sql-parser's own spelling: CREATE TABLE's `if_not_exists`, DROP TABLE's `prefix`
          if (guard.key === 'if_not_exists') result.ast['if_not_exists'] ??= guard.value;
          else result.ast['prefix'] ??= 'if exists';
        }
        return { kind: 'ast', ast: result.ast as unknown as MysqlAst };
      }
      if (result.ok === 'many') return { kind: 'many' };
      errors.push(result.error);
    }
  }
  return { kind: 'error', error: furthest(errors) };
}

// ---------------------------------------------------------------------------------------------------------------

function statementOf(piece: SplitStatement, ast: MysqlAst): MysqlStatement {
  const { start, text } = piece;
  return {
    dialect: 'mysql',
    text,
    start,
    end: piece.end,
    context: 'top',
    ast,
    locate: (parserLocation: number) => start + Math.min(Math.max(parserLocation, 0), text.length),
  };
}

/**
 * Parses a MySQL / MariaDB script. Statements node-sql-parser cannot read are still listed when no rule needs
 * their insides (their `ast` is a `MysqlUnparsed`); a statement ddlguard needs but cannot read sets `syntaxError`
 * (the first one) and is left out.
 */
export function parseMysql(text: string): ParsedFile {
  const index = new LineIndex(text);
  const { statements: pieces, comments } = splitMysql(text);
  const statements: MysqlStatement[] = [];
  let syntaxError: SyntaxProblem | undefined;

  const handle = (piece: SplitStatement, nested: boolean): void => {
    const outcome = parseStatement(piece.text);
    switch (outcome.kind) {
      case 'ast':
        statements.push(statementOf(piece, outcome.ast));
        return;
      case 'empty':
        return;
      case 'many': {
        // several statements under one custom delimiter (`DELIMITER $$ ... a; b $$`): split them at `;`
        const inner = splitMysql(piece.text).statements;
        if (!nested && inner.length > 1) {
          for (const sub of inner) {
            handle({ text: sub.text, start: piece.start + sub.start, end: piece.start + sub.end }, true);
          }
          return;
        }
        syntaxError ??= { message: 'several statements where one was expected', offset: piece.start };
        return;
      }
      case 'error':
        syntaxError ??= { message: outcome.error.message, offset: piece.start + outcome.error.offset };
        return;
    }
  };
  for (const piece of pieces) handle(piece, false);

  const file: ParsedFile = { dialect: 'mysql', text, index, statements, comments };
  if (syntaxError !== undefined) file.syntaxError = syntaxError;
  return file;
}
