import type { SourceComment } from '../types.js';

/**
 * Reads a psql script the way psql does before anything reaches the server: it finds the comments,
 * the statement boundaries (`;` outside quotes, comments, parentheses and `BEGIN ATOMIC ... END`
 * bodies), the psql meta-commands (`\set`, `\i`, `\gset`, ...) and the data blocks of
 * `COPY ... FROM stdin` and `\copy ... from stdin` (up to a `\.` line).
 *
 * `prepared` is the text handed to libpg-query: meta-commands, data blocks and queries dropped by `\r`
 * are replaced by spaces (as many as their UTF-8 bytes, newlines kept), so every byte offset libpg-query
 * reports is also a byte offset into the original file (UTF-16 offsets differ where a multi-byte
 * character was blanked: cut `prepared` at byte offsets). A query-ending meta-command (`\g`, `\gset`,
 * ...) becomes a `;`, and so does the `\;` that joins statements into one query.
 */
export interface PsqlScript {
  prepared: string;
  comments: SourceComment[];
  /**
   * UTF-16 ranges (into the file text) of the queries psql would send, from their first code character to
   * their terminator (used when the whole file does not parse).
   */
  statements: Array<{ start: number; end: number }>;
}

/** Meta-commands that send the query buffer, as `;` does. */
const QUERY_ENDING_META = /^\\(?:g|gx|gset|gexec|gdesc|crosstabview|watch)(?![\w])/;
/** Meta-commands whose argument is the rest of the line (a backslash in it starts no new command). */
const WHOLE_LINE_META = /^\\(?:!|copy|h|help|ef|ev|sf|sv)(?![\w])/;
/** Meta-commands that discard the query buffer. */
const RESET_META = /^\\(?:r|reset)(?![\w])/;
/** COPY ... FROM STDIN (or STDOUT, a synonym there) and \copy ... from stdin read data from the script. */
const COPY_FROM_STDIN = /^\s*\\?copy\b[\s\S]*\bfrom\s+std(?:in|out)\b/i;

function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isIdentChar(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}

/** The dollar-quote tag (`$$`, `$body$`) starting at `i`, or undefined. */
function dollarTagAt(text: string, i: number): string | undefined {
  if (i > 0 && isIdentChar(text.charCodeAt(i - 1))) return undefined; // `a$b` and `$1` are not quotes
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) !== 36) {
    const code = text.charCodeAt(j);
    if (!isIdentChar(code) || (j === i + 1 && code >= 48 && code <= 57)) return undefined;
    j++;
  }
  return j < text.length ? text.slice(i, j + 1) : undefined;
}

/**
 * The meta-commands on one line: an unquoted backslash starts the next one (`\bind 1 \g`,
 * `\gset p_ \\ \echo`), except after the commands that take the whole line.
 */
function metaCommands(line: string): string[] {
  if (WHOLE_LINE_META.test(line)) return [line];
  const commands: string[] = [];
  let start = 0;
  let quote = 0;
  for (let k = 1; k < line.length; k++) {
    const d = line.charCodeAt(k);
    if (quote) {
      if (quote === 39 && d === 92) k++; // '\'' inside a quoted argument
      else if (d === quote) quote = 0;
    } else if (d === 39 || d === 34 || d === 96) quote = d;
    else if (d === 92) {
      commands.push(line.slice(start, k));
      start = k;
    }
  }
  commands.push(line.slice(start));
  return commands;
}

export function readPsqlScript(text: string): PsqlScript {
  const comments: SourceComment[] = [];
  const statements: Array<{ start: number; end: number }> = [];
  const blanks: Array<{ start: number; end: number; semicolon: boolean }> = [];
  const n = text.length;
  let i = 0;
  let stmtStart = -1; // offset of the first code character of the current statement
  let depth = 0; // parentheses
  // psql's heuristic for `CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END`: in such a
  // statement, outside parentheses, BEGIN (and CASE inside it) opens a block that END closes, and a
  // `;` inside a block does not end the statement.
  let words: string[] = []; // the first words of the statement
  let beginDepth = 0;
  let copyPending = 0; // COPY ... FROM stdin commands sent: their data starts on the next line

  // `end`: where the statement's terminator (`;`, a query-ending meta-command, the end of the file) is
  const endStatement = (end: number): void => {
    if (stmtStart < 0) return;
    statements.push({ start: stmtStart, end });
    // one data block for each COPY ... FROM stdin in the query (`copy a from stdin \; copy b from stdin;`)
    copyPending += text.slice(stmtStart, end).split(';').filter((sql) => COPY_FROM_STDIN.test(sql)).length;
    resetStatement();
  };

  const resetStatement = (): void => {
    stmtStart = -1;
    depth = 0;
    words = [];
    beginDepth = 0;
  };

  const trackWord = (word: string): void => {
    if (words.length < 4) words.push(word);
    const [w0, w1, w2, w3] = words;
    const routine =
      w0 === 'create' &&
      (w1 === 'function' ||
        w1 === 'procedure' ||
        (w1 === 'or' && w2 === 'replace' && (w3 === 'function' || w3 === 'procedure')));
    if (!routine || depth > 0) return;
    if (word === 'begin' || (word === 'case' && beginDepth > 0)) beginDepth++;
    else if (word === 'end' && beginDepth > 0) beginDepth--;
  };

  // The data of COPY ... FROM stdin starts at `lineStart` and ends after a line `\.` (or at the end).
  const skipCopyData = (lineStart: number): number => {
    let pos = lineStart;
    while (pos < n) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) lineEnd = n;
      const line = text.slice(pos, lineEnd);
      pos = Math.min(lineEnd + 1, n);
      if (line === '\\.' || line === '\\.\r') break;
    }
    blanks.push({ start: lineStart, end: pos, semicolon: false });
    return pos;
  };

  // A quoted string from its opening quote at `j`; backslash escapes only in E'...' strings.
  const skipString = (j: number, escapes: boolean): number => {
    let k = j + 1;
    while (k < n) {
      const d = text.charCodeAt(k);
      if (escapes && d === 92) k += 2;
      else if (d === 39 && text.charCodeAt(k + 1) === 39) k += 2;
      else if (d === 39) break;
      else k++;
    }
    return Math.min(k + 1, n);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (c === 10 && copyPending > 0) {
      i++;
      for (; copyPending > 0; copyPending--) i = skipCopyData(i);
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    if (c === 45 && next === 45) {
      // -- line comment
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      const commentEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      comments.push({ text: text.slice(i, commentEnd), start: i, end: commentEnd });
      i = end;
      continue;
    }
    if (c === 47 && next === 42) {
      // /* block comment */, nested as in PostgreSQL
      let nest = 1;
      let j = i + 2;
      while (j < n && nest > 0) {
        if (text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 42) {
          nest++;
          j += 2;
        } else if (text.charCodeAt(j) === 42 && text.charCodeAt(j + 1) === 47) {
          nest--;
          j += 2;
        } else j++;
      }
      j = Math.min(j, n);
      comments.push({ text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === 92 && (next === 59 || next === 58)) {
      // `\;` and `\:` put a plain `;` or `:` into the query: the query goes on (for libpg-query, `\;`
      // becomes `; ` so that the statement before it ends where the backslash is)
      if (stmtStart < 0) stmtStart = i + 1;
      blanks.push({ start: i, end: next === 59 ? i + 2 : i + 1, semicolon: next === 59 });
      i += 2;
      continue;
    }
    if (c === 92) {
      // backslash: psql meta-commands, up to the end of the line
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      const line = text.slice(i, end);
      const commands = metaCommands(line);
      const endsQuery = stmtStart >= 0 && commands.some((cmd) => QUERY_ENDING_META.test(cmd));
      if (stmtStart >= 0 && !endsQuery && commands.some((cmd) => RESET_META.test(cmd))) {
        // \r: the text of the current query is dropped, not sent
        while ((blanks[blanks.length - 1]?.start ?? -1) >= stmtStart) blanks.pop();
        blanks.push({ start: stmtStart, end, semicolon: false });
        resetStatement();
        i = end;
        continue;
      }
      blanks.push({ start: i, end, semicolon: endsQuery });
      if (endsQuery) endStatement(i);
      if (COPY_FROM_STDIN.test(line)) copyPending++; // \copy ... from stdin reads the script too
      i = end;
      continue;
    }
    if (stmtStart < 0) {
      if (c === 59) {
        i++; // an empty statement
        continue;
      }
      stmtStart = i;
    }
    if (isIdentStart(c)) {
      // a word (identifier or keyword; `$` may continue it), or the E of an E'...' string
      let j = i + 1;
      while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 36)) j++;
      if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === 39) {
        i = skipString(j, true);
        continue;
      }
      trackWord(text.slice(i, j).toLowerCase());
      i = j;
      continue;
    }
    if (c === 39) {
      i = skipString(i, false);
      continue;
    }
    if (c === 34) {
      const end = text.indexOf('"', i + 1);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === 36) {
      const tag = dollarTagAt(text, i);
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
        continue;
      }
    }
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
    else if (c === 59 && depth === 0 && beginDepth === 0) endStatement(i);
    i++;
  }
  let end = n;
  while (end > stmtStart && /\s/.test(text.charAt(end - 1))) end--;
  endStatement(end);

  return { prepared: blanks.length > 0 ? blankOut(text, blanks) : text, comments, statements };
}

/** Replaces each blanked character by as many spaces as its UTF-8 bytes, so byte offsets are kept. */
function blankOut(text: string, blanks: Array<{ start: number; end: number; semicolon: boolean }>): string {
  let out = '';
  let last = 0;
  for (const blank of blanks) {
    out += text.slice(last, blank.start);
    for (let k = blank.start; k < blank.end; k++) {
      const code = text.charCodeAt(k);
      if (code === 10 || code === 13) out += text.charAt(k);
      else if (k === blank.start && blank.semicolon) out += ';';
      else if (code >= 0xd800 && code <= 0xdfff) out += '  '; // each half of a 4-byte character: 2 bytes
      else out += code < 0x80 ? ' ' : code < 0x800 ? '  ' : '   ';
    }
    last = blank.end;
  }
  return out + text.slice(last);
}
