/**
 * Rewrites of valid MySQL that node-sql-parser does not accept into equivalent text it does accept, with a map
 * from offsets in the rewritten text back to offsets in the original, so every location still points at what the
 * user wrote.
 */
import { isPunct, isWord, matchingParen, splitTopLevel, type Token } from './tokens.js';

export interface Edit {
  start: number;
  end: number;
  /** Replacement text (may be longer or shorter than what it replaces). */
  text: string;
}

export interface Rewritten {
  text: string;
  /** Offset in `text` -> offset in the original text. */
  toOriginal: (offset: number) => number;
}

export function blankText(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** An edit replacing `[start, end)` by blanks (offsets unchanged). */
export function blankEdit(code: string, start: number, end: number): Edit {
  return { start, end, text: blankText(code.slice(start, end)) };
}

interface Segment {
  outStart: number;
  outEnd: number;
  origStart: number;
  origEnd: number;
}

export function applyEdits(code: string, edits: readonly Edit[]): Rewritten {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: Segment[] = [];
  let out = '';
  let copied = 0;
  for (const edit of sorted) {
    if (edit.start < copied) continue; // overlaps an earlier edit
    out += code.slice(copied, edit.start);
    const outStart = out.length;
    out += edit.text;
    segments.push({ outStart, outEnd: out.length, origStart: edit.start, origEnd: edit.end });
    copied = edit.end;
  }
  out += code.slice(copied);
  if (segments.every((s) => s.outEnd - s.outStart === s.origEnd - s.origStart)) {
    return { text: out, toOriginal: (offset) => offset };
  }
  return {
    text: out,
    toOriginal: (offset: number): number => {
      let delta = 0;
      for (const s of segments) {
        if (offset < s.outStart) break;
        if (offset < s.outEnd) return Math.min(s.origStart + (offset - s.outStart), s.origEnd);
        delta = s.origEnd - s.outEnd;
      }
      return offset + delta;
    },
  };
}

/** Words that name a string type and may be followed by the `BINARY` attribute. */
const TEXT_TYPES = new Set([
  'CHAR', 'VARCHAR', 'TEXT', 'TINYTEXT', 'MEDIUMTEXT', 'LONGTEXT', 'ENUM', 'SET', 'NCHAR', 'NVARCHAR',
]);

/** Keywords after which a word is a table or index name, not a column definition. */
const NOT_A_COLUMN_NAME = new Set(['TABLE', 'INTO', 'FROM', 'JOIN', 'UPDATE', 'ON', 'EXISTS', 'TO', 'AS', 'LIKE', 'INDEX', 'KEY']);
const SERIAL_FOLLOWERS = ['PRIMARY', 'NOT', 'NULL', 'COMMENT', 'FIRST', 'AFTER', 'UNIQUE', 'KEY', 'DEFAULT', 'REFERENCES'];

/**
 * Spellings node-sql-parser rejects in column definitions and table options, rewritten to ones it accepts:
 * `BOOL` -> `BOOLEAN`; `SERIAL` -> `BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE`; `NOT  NULL` (any blanks) -> `NOT NULL`; `CHARSET x` -> `CHARACTER SET x`; the `BINARY`
 * attribute of a string type (dropped); `_utf8mb4'...'` charset introducers (dropped); `PRIMARY KEY name (...)`
 * (the ignored name dropped).
 */
export function normalizationEdits(code: string, tokens: Token[]): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (t.kind === 'word') {
      if (t.value === 'SERIAL' && isWord(next, 'DEFAULT') && isWord(tokens[k + 2], 'VALUE')) {
        edits.push({ start: t.start, end: tokens[k + 2]!.end, text: 'NOT NULL AUTO_INCREMENT UNIQUE' });
        k += 2;
      } else if (
        t.value === 'SERIAL' &&
        (prev?.kind === 'ident' || (prev?.kind === 'word' && !NOT_A_COLUMN_NAME.has(prev.value))) &&
        (next === undefined || isPunct(next, ',') || isPunct(next, ')') || isWord(next, ...SERIAL_FOLLOWERS))
      ) {
        edits.push({ start: t.start, end: t.end, text: 'BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE' });
      } else if (t.value === 'BOOL' && !isPunct(prev, '.') && !isPunct(next, '(')) {
        edits.push({ start: t.start, end: t.end, text: 'BOOLEAN' });
      } else if (t.value === 'NOT' && isWord(next, 'NULL') && code.slice(t.end, next!.start) !== ' ') {
        edits.push({ start: t.start, end: next!.end, text: 'NOT NULL' });
        k++;
      } else if (t.value === 'CHARSET' && !isPunct(next, '=') && !isPunct(next, '(') && next !== undefined) {
        edits.push({ start: t.start, end: t.end, text: 'CHARACTER SET' });
      } else if (
        t.value === 'BINARY' &&
        !isPunct(next, '(') &&
        (isPunct(prev, ')') || (prev?.kind === 'word' && TEXT_TYPES.has(prev.value)))
      ) {
        edits.push(blankEdit(code, t.start, t.end));
      } else if (/^_[A-Z0-9]+$/.test(t.value) && next?.kind === 'string' && next.start === t.end) {
        edits.push(blankEdit(code, t.start, t.end));
      } else if (
        t.value === 'PRIMARY' &&
        isWord(next, 'KEY') &&
        (tokens[k + 2]?.kind === 'ident' || (tokens[k + 2]?.kind === 'word' && !isWord(tokens[k + 2], 'USING'))) &&
        isPunct(tokens[k + 3], '(')
      ) {
        const name = tokens[k + 2]!;
        edits.push(blankEdit(code, name.start, name.end));
      } else if (t.value === 'IF' && GUARDED.has(prev?.value ?? '') && prev?.kind === 'word') {
        // MariaDB: ADD COLUMN IF NOT EXISTS, DROP INDEX IF EXISTS, CREATE INDEX IF NOT EXISTS, ...
        const last = isWord(next, 'NOT') ? tokens[k + 2] : next;
        if (isWord(last, 'EXISTS')) {
          edits.push(blankEdit(code, t.start, last!.end));
          k = tokens.indexOf(last!);
        }
      } else if ((t.value === 'VISIBLE' || t.value === 'INVISIBLE') && !isWord(prev, 'SET')) {
        edits.push(blankEdit(code, t.start, t.end));
      } else if (t.value === 'SRID' && next?.kind === 'number') {
        edits.push(blankEdit(code, t.start, next.end));
        k++;
      } else if (t.value === 'ENFORCED' && (isPunct(prev, ')') || (isWord(prev, 'NOT') && isPunct(tokens[k - 2], ')')))) {
        edits.push(blankEdit(code, isWord(prev, 'NOT') ? prev!.start : t.start, t.end));
      } else if (k > 0 && k <= 4 && isWord(tokens[0], 'UPDATE', 'DELETE', 'ALTER') && statementModifier(tokens, k)) {
        edits.push(blankEdit(code, t.start, t.end));
      } else if (TYPE_SYNONYMS[t.value] !== undefined && isTypePosition(tokens, k)) {
        const synonym = TYPE_SYNONYMS[t.value]!;
        if (synonym === '') edits.push(blankEdit(code, t.start, t.end));
        else edits.push({ start: t.start, end: t.end, text: synonym });
      } else if (t.value === 'PRECISION' && isWord(prev, 'DOUBLE')) {
        edits.push(blankEdit(code, t.start, t.end));
      } else if (k <= 2 && isWord(tokens[0], 'DROP', 'RENAME')) {
        // DROP TEMPORARY TABLE, DROP TABLES, RENAME TABLES
        if (t.value === 'TEMPORARY' && k === 1) edits.push(blankEdit(code, t.start, t.end));
        if (t.value === 'TABLES') edits.push({ start: t.start, end: t.end, text: 'TABLE ' });
      } else if (k === tokens.length - 1 && isWord(t, 'CASCADE', 'RESTRICT') && isWord(tokens[0], 'DROP')) {
        edits.push(blankEdit(code, t.start, t.end));
      }
    }
  }
  return edits;
}

/** Words after which MariaDB accepts `IF [NOT] EXISTS` where node-sql-parser does not. */
const GUARDED = new Set(['COLUMN', 'INDEX', 'KEY', 'ADD', 'DROP', 'PARTITION', 'CONSTRAINT']);

/** `UPDATE LOW_PRIORITY IGNORE`, `DELETE QUICK`, `ALTER ONLINE IGNORE TABLE`: modifiers node-sql-parser lacks. */
function statementModifier(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  const first = tokens[0]!;
  for (let j = 1; j < k; j++) if (!isWord(tokens[j], 'LOW_PRIORITY', 'QUICK', 'IGNORE', 'ONLINE', 'OFFLINE')) return false;
  if (first.value === 'ALTER') return isWord(t, 'ONLINE', 'OFFLINE', 'IGNORE');
  return isWord(t, 'LOW_PRIORITY', 'QUICK', 'IGNORE');
}

/** Type names node-sql-parser does not know, and what it knows them as ('' drops the word). */
const TYPE_SYNONYMS: Record<string, string> = { REAL: 'DOUBLE', FIXED: 'DECIMAL', NATIONAL: '' };

const COLUMN_ATTRIBUTES = new Set([
  'NOT', 'NULL', 'DEFAULT', 'UNSIGNED', 'ZEROFILL', 'COMMENT', 'PRIMARY', 'UNIQUE', 'KEY', 'AFTER', 'FIRST',
  'AUTO_INCREMENT', 'GENERATED', 'AS', 'CHECK', 'REFERENCES', 'COLLATE', 'CHARACTER', 'CHARSET', 'VARCHAR', 'CHAR',
  'INVISIBLE', 'VISIBLE',
]);

/** Whether tokens[k] stands where a column definition has its type: after the column name. */
function isTypePosition(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (prev === undefined || (prev.kind !== 'ident' && prev.kind !== 'word')) return false;
  if (prev.kind === 'word' && NOT_A_COLUMN_NAME.has(prev.value)) return false;
  return next === undefined || isPunct(next, '(') || isPunct(next, ',') || isPunct(next, ')') || (next.kind === 'word' && COLUMN_ATTRIBUTES.has(next.value));
}

export interface OnlineDdlOption {
  keyword: 'algorithm' | 'lock';
  value: string;
  /** Offsets of the option (`ALGORITHM = INPLACE`) in the original text. */
  start: number;
  end: number;
}

/**
 * `ALGORITHM [=] x` and `LOCK [=] x` options at the top level of the statement (after `fromToken`), with the
 * edits that blank them (and a comma before them, if any).
 */
export function onlineDdlOptions(
  code: string,
  tokens: Token[],
  fromToken = 0,
): { options: OnlineDdlOption[]; edits: Edit[] } {
  const options: OnlineDdlOption[] = [];
  const edits: Edit[] = [];
  let depth = 0;
  for (let k = fromToken; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    if (depth !== 0 || !isWord(t, 'ALGORITHM', 'LOCK')) continue;
    let v = k + 1;
    if (isPunct(tokens[v], '=')) v++;
    const value = tokens[v];
    if (value === undefined || (value.kind !== 'word' && value.kind !== 'ident')) continue;
    let from = t.start;
    const before = tokens[k - 1];
    if (isPunct(before, ',')) from = before!.start;
    options.push({
      keyword: t.value === 'ALGORITHM' ? 'algorithm' : 'lock',
      value: value.kind === 'word' ? value.value : value.value.toUpperCase(),
      start: t.start,
      end: value.end,
    });
    edits.push(blankEdit(code, from, value.end));
    k = v;
  }
  return { options, edits };
}

/**
 * `ADD (a INT, b INT)` / `ADD (INDEX i (a), CONSTRAINT ...)`: node-sql-parser wants one ADD per element.
 * `clause` is the index range of the clause's tokens.
 */
export function parenthesizedAddEdits(tokens: Token[], clause: [number, number]): Edit[] {
  const [from, to] = clause;
  let open = from + 1;
  if (!isWord(tokens[from], 'ADD')) return [];
  if (isWord(tokens[open], 'COLUMN')) open++;
  if (!isPunct(tokens[open], '(')) return [];
  const close = matchingParen(tokens, open);
  if (close === -1 || close !== to - 1) return [];
  const edits: Edit[] = [];
  const openToken = tokens[open]!;
  const closeToken = tokens[close]!;
  edits.push({ start: openToken.start, end: openToken.end, text: ' ' });
  const parts = splitTopLevel(tokens, open + 1, close);
  for (let p = 1; p < parts.length; p++) {
    const comma = tokens[parts[p]![0] - 1]!;
    edits.push({ start: comma.start, end: comma.end, text: ', ADD ' });
  }
  edits.push({ start: closeToken.start, end: closeToken.end, text: ' ' });
  return edits;
}
