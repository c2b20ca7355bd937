import type { SourceComment } from '../types.js';

/** One statement of a MySQL script: its text without the delimiter, trimmed of surrounding whitespace and comments. */
export interface SplitStatement {
  text: string;
  /** UTF-16 offsets into the file text; `text === fileText.slice(start, end)`. */
  start: number;
  end: number;
}

export interface SplitResult {
  statements: SplitStatement[];
  /** Every comment of the file (also those inside statements), in file order, with its markers (`-- `, `#`, `/*`). */
  comments: SourceComment[];
}

/** Character codes. */
const Code = {
  Tab: 9,
  LF: 10,
  CR: 13,
  Space: 32,
  Bang: 33,
  DoubleQuote: 34,
  Hash: 35,
  Quote: 39,
  Star: 42,
  Minus: 45,
  Slash: 47,
  M: 77,
  Backslash: 92,
  Backtick: 96,
} as const;

type CommentKind = 'line' | 'block' | 'executable';

/**
 * What starts at `i`, if it opens a comment: a `-- ` / `#` line comment, a block comment, or an executable comment
 * (`/*!...`, `/*!40101 ...`, MariaDB's `/*M!...`), which MySQL runs as code.
 */
function commentAt(text: string, i: number): CommentKind | undefined {
  const c = text.charCodeAt(i);
  if (c === Code.Hash) return 'line';
  if (c === Code.Minus && text.charCodeAt(i + 1) === Code.Minus) {
    // MySQL needs whitespace or a control character after `--` (or the end of the text)
    if (i + 2 >= text.length || text.charCodeAt(i + 2) <= Code.Space) return 'line';
    return undefined;
  }
  if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Star) {
    const next = text.charCodeAt(i + 2);
    if (next === Code.Bang) return 'executable';
    if (next === Code.M && text.charCodeAt(i + 3) === Code.Bang) return 'executable';
    return 'block';
  }
  return undefined;
}

/** End of a line comment starting at `i`: the offset of its "\n" (a "\r" before it is not part of the comment). */
function lineCommentEnd(text: string, i: number): number {
  let end = text.indexOf('\n', i);
  if (end === -1) end = text.length;
  if (end > i && text.charCodeAt(end - 1) === Code.CR) end--;
  return end;
}

/** End of a block comment starting at `i` (after its `*\/`), or the end of the text when it is not closed. */
function blockCommentEnd(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close === -1 ? text.length : close + 2;
}

/** Length of the opening marker of an executable comment at `i`: `/*!`, `/*!40101`, `/*M!100101`. */
function executableMarkerLength(text: string, i: number): number {
  let j = i + 2;
  if (text.charCodeAt(j) === Code.M) j++;
  j++; // the `!`
  while (j < text.length && j - i < 12) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j - i;
}

/**
 * End of a quoted string or identifier starting at `i` (after its closing quote), or the end of the text when it is
 * not closed. Quotes are escaped by doubling them; in '...' and "..." a backslash escapes the next character.
 */
function quotedEnd(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  const backslash = quote !== Code.Backtick;
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (backslash && c === Code.Backslash) {
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

function isQuote(c: number): boolean {
  return c === Code.Quote || c === Code.DoubleQuote || c === Code.Backtick;
}

function isBlank(c: number): boolean {
  return c === Code.Space || c === Code.Tab || c === Code.CR || c === Code.LF || c === 11 || c === 12;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 0x80;
}

const ROUTINE_OBJECTS = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);
const OTHER_OBJECTS = new Set(['TABLE', 'INDEX', 'VIEW', 'DATABASE', 'SCHEMA', 'USER', 'ROLE', 'TEMPORARY', 'UNIQUE']);

/**
 * CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT (after OR REPLACE, DEFINER = ..., AGGREGATE) and MariaDB's
 * BEGIN NOT ATOMIC: the server reads their BEGIN ... END bodies as one statement, so migration tools that send the
 * file to the server (rather than through the `mysql` client) need no DELIMITER around them.
 */
function isCompoundStart(words: readonly string[]): boolean {
  if (words[0] === 'BEGIN') return words[1] === 'NOT';
  if (words[0] !== 'CREATE') return false;
  for (const word of words.slice(1)) {
    if (ROUTINE_OBJECTS.has(word)) return true;
    if (OTHER_OBJECTS.has(word)) return false;
  }
  return false;
}

const NEXT_WORD = /[ \t\r\n]*([A-Za-z_]+)/y;

const DELIMITER_LINE = /delimiter[ \t]+(\S*)[^\n]*/iy;
const BARE_DELIMITER_LINE = /delimiter[ \t]+(\S+)[ \t]*\r?(?=\n|$)/iy;

/**
 * Splits a MySQL script into statements the way the `mysql` client does: statements end at the current delimiter
 * (`;` until a `DELIMITER xx` line changes it); quotes, backtick identifiers and comments are skipped; executable
 * comments (`/*! ... *\/`) are code. `DELIMITER` lines and comment-only pseudo-statements are not statements.
 */
export function splitMysql(text: string): SplitResult {
  const statements: SplitStatement[] = [];
  const comments: SourceComment[] = [];
  let delimiter = ';';
  let stmtStart = -1;
  let codeEnd = -1;
  /** Only blanks since the last line break (or the start of the text). */
  let lineStart = true;
  let i = 0;
  const n = text.length;

  /** The first words of the current statement, and whether it is a stored program / compound statement. */
  let words: string[] = [];
  let compound = false;
  /** BEGIN ... END / CASE ... END nesting inside a compound statement, whose `;` do not end it. */
  let depth = 0;

  const flush = (): void => {
    if (stmtStart !== -1) statements.push({ text: text.slice(stmtStart, codeEnd), start: stmtStart, end: codeEnd });
    stmtStart = -1;
    codeEnd = -1;
    words = [];
    compound = false;
    depth = 0;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart && (c === 100 || c === 68) /* d, D */) {
      // `DELIMITER xx` is a client command when it opens a statement; inside a statement we accept it only as a
      // line of its own (a column named `delimiter` is not a command)
      const re = stmtStart === -1 ? DELIMITER_LINE : BARE_DELIMITER_LINE;
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        flush();
        const token = m[1] ?? '';
        if (token.length > 0) delimiter = token;
        i += m[0].length;
        if (i > 0 && text.charCodeAt(i - 1) === Code.CR) i--;
        continue;
      }
    }
    if (c === Code.LF) {
      lineStart = true;
      i++;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    lineStart = false;
    if (text.startsWith(delimiter, i) && !(depth > 0 && delimiter === ';')) {
      flush();
      i += delimiter.length;
      continue;
    }
    const comment = commentAt(text, i);
    if (comment === 'line' || comment === 'block') {
      const end = comment === 'line' ? lineCommentEnd(text, i) : blockCommentEnd(text, i);
      comments.push({ text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    if (stmtStart === -1) stmtStart = i;
    if (isWordChar(c)) {
      // the mysql client looks for the delimiter at every character: `name$$` ends at `$$` under DELIMITER $$
      const delimiterIsWordy = isWordChar(delimiter.charCodeAt(0));
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j)) && !(delimiterIsWordy && text.startsWith(delimiter, j))) j++;
      const word = words.length < 8 || j - i <= 5 ? text.slice(i, j).toUpperCase() : '';
      if (words.length < 8) {
        words.push(word);
        const wasCompound = compound;
        compound = isCompoundStart(words);
        // `BEGIN NOT ATOMIC`: the BEGIN read before we knew opens the body
        if (compound && !wasCompound) depth = words.slice(0, -1).filter((w) => w === 'BEGIN' || w === 'CASE').length;
      }
      if (compound) {
        if (word === 'BEGIN' || word === 'CASE') depth++;
        else if (word === 'END') {
          NEXT_WORD.lastIndex = j;
          const next = NEXT_WORD.exec(text)?.[1]?.toUpperCase();
          if (next === 'CASE') j = NEXT_WORD.lastIndex;
          if (next !== 'IF' && next !== 'LOOP' && next !== 'WHILE' && next !== 'REPEAT') depth = Math.max(0, depth - 1);
        }
      }
      i = j;
    } else if (comment === 'executable') {
      i += executableMarkerLength(text, i);
    } else if (isQuote(c)) {
      i = quotedEnd(text, i);
    } else {
      i++;
    }
    codeEnd = i;
  }
  flush();
  return { statements, comments };
}

/**
 * The text with every comment replaced by blanks (line breaks kept) and the markers of executable comments
 * (`/*!40101`, `*\/`) blanked too, so the code inside them reads as plain SQL. Offsets are unchanged.
 */
export function maskMysqlComments(text: string): string {
  let out = '';
  let copied = 0;
  let executableDepth = 0;
  let i = 0;
  const n = text.length;
  const blank = (from: number, to: number): void => {
    out += text.slice(copied, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ');
    copied = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) {
      i = quotedEnd(text, i);
      continue;
    }
    if (executableDepth > 0 && c === Code.Star && text.charCodeAt(i + 1) === Code.Slash) {
      blank(i, i + 2);
      executableDepth--;
      i += 2;
      continue;
    }
    const comment = commentAt(text, i);
    if (comment === undefined) {
      i++;
      continue;
    }
    if (comment === 'executable') {
      const end = i + executableMarkerLength(text, i);
      blank(i, end);
      executableDepth++;
      i = end;
      continue;
    }
    const end = comment === 'line' ? lineCommentEnd(text, i) : blockCommentEnd(text, i);
    blank(i, end);
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
