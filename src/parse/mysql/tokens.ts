/**
 * A small MySQL tokenizer for statement text whose comments were blanked (`maskMysqlComments`). ddlguard uses it
 * to classify statements by their leading keywords and to find where clauses start; node-sql-parser does the rest.
 */

export type TokenKind =
  /** a keyword or unquoted identifier (also `_utf8mb4`-style introducers and `0x1F`-style literals) */
  | 'word'
  /** a `backtick` identifier; `value` is the name without quotes */
  | 'ident'
  /** a '...' or "..." string; `value` is the raw content between the quotes */
  | 'string'
  | 'number'
  /** `@x`, `@@session.x`, `@'x'` */
  | 'variable'
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** word: upper-cased text; ident: the unquoted name; string: the content between the quotes; others: text. */
  value: string;
  /** UTF-16 offsets into the tokenized text. */
  start: number;
  end: number;
}

const MULTI_PUNCT = ['<=>', '->>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '<<', '>>', '->'];

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 36 || // $
    c >= 0x80
  );
}

function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function quotedEnd(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  const backslash = quote !== 96;
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (backslash && c === 92) {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (text.charCodeAt(j + 1) === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return text.length;
}

function unquoteIdent(raw: string): string {
  const inner = raw.endsWith('`') && raw.length >= 2 ? raw.slice(1, -1) : raw.slice(1);
  return inner.replace(/``/g, '`');
}

export function tokenizeMysql(code: string): Token[] {
  const tokens: Token[] = [];
  const n = code.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = code.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  while (i < n) {
    const c = code.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === 96) {
      const end = quotedEnd(code, i);
      push('ident', i, end, unquoteIdent(code.slice(i, end)));
      i = end;
      continue;
    }
    if (c === 39 || c === 34) {
      const end = quotedEnd(code, i);
      const closed = end - i >= 2 && code.charCodeAt(end - 1) === c;
      push('string', i, end, code.slice(i + 1, closed ? end - 1 : end));
      i = end;
      continue;
    }
    if (c === 64 /* @ */) {
      let j = i + 1;
      if (code.charCodeAt(j) === 64) j++;
      const q = code.charCodeAt(j);
      if (q === 96 || q === 39 || q === 34) {
        j = quotedEnd(code, j);
      } else {
        while (j < n && (isWordChar(code.charCodeAt(j)) || code.charCodeAt(j) === 46)) j++;
      }
      push('variable', i, j);
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(code.charCodeAt(j))) j++;
      const word = code.slice(i, j);
      if (/^\d+$/.test(word)) {
        // 1.5, 1e10, 1.5e-3
        const m = /^(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(code.slice(j, j + 64));
        if (m && m[0].length > 0) j += m[0].length;
        push('number', i, j);
      } else if (/^\d+[eE]\d+$/.test(word)) {
        push('number', i, j);
      } else if (/^\d+[eE]$/.test(word) && (code[j] === '+' || code[j] === '-')) {
        const m = /^[+-]\d+/.exec(code.slice(j, j + 32));
        if (m) j += m[0].length;
        push('number', i, j);
      } else {
        push('word', i, j, word.toUpperCase());
      }
      i = j;
      continue;
    }
    const multi = MULTI_PUNCT.find((p) => code.startsWith(p, i));
    const len = multi ? multi.length : c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    push('punct', i, i + len);
    i += len;
  }
  return tokens;
}

/** Whether the token is the keyword `word` (unquoted, case-insensitive). */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.value);
}

export function isPunct(token: Token | undefined, punct: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.text === punct;
}

/** A name as MySQL reads it: an unquoted word or a backtick identifier (also "double quoted" under ANSI_QUOTES). */
export function nameOf(token: Token | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (token.kind === 'ident') return token.value;
  if (token.kind === 'word') return token.text;
  if (token.kind === 'string') return token.value;
  return undefined;
}

/**
 * Splits `tokens[from..to)` at commas that are not inside parentheses.
 * Returns index ranges `[start, end)` into `tokens`; empty parts are kept (as empty ranges).
 */
export function splitTopLevel(tokens: Token[], from: number, to: number, separator = ','): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t === undefined || t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth = Math.max(0, depth - 1);
    else if (t.text === separator && depth === 0) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
export function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === undefined || t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}
