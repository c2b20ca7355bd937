import { scanSync } from 'libpg-query';
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, Node as PgNode } from '@pgsql/types';
import { lowerPostgres } from '../model/lower-postgres.js';
import type { Operation, TableName } from '../model/operations.js';
import type { CatalogView } from '../model/catalog.js';
import type { TypedColumn } from '../model/typed-columns.js';
import type { ParsedStatement, PgStatement } from '../parse/types.js';
import type { FileSection } from '../sources/types.js';
import type { Finding } from './finding.js';
import type { StatementInfo } from './statement-info.js';

/*
 * Fixes: a rule that reports a finding may attach the edits that make its SQL safe. This file holds the types, the
 * code that applies edits to a file's text, and the builders the rules share (they find the text to edit with the
 * statement's text, its AST and libpg-query's scanner, and give up whenever that is not certain).
 */

/** Replace the text between two UTF-16 offsets into the file (equal offsets: insert). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * What a fixed statement asks of the transaction it runs in:
 * - `no-transaction`: it cannot run inside a transaction block at all (CONCURRENTLY);
 * - `later-transaction`: the fix adds a VALIDATE CONSTRAINT that must run in a later transaction than the statement.
 */
export type FixNeeds = 'no-transaction' | 'later-transaction';

export interface Fix {
  /** One line, imperative: what applying the fix does. */
  description: string;
  /** Non-overlapping edits; insertions at the same offset are applied in the order given. */
  edits: TextEdit[];
  /**
   * Set when the fixed SQL cannot run where the statement runs now. The engine keeps such a fix only where it works:
   * outside a transaction; in a transaction the migration tool opens, when the file can be split (golang-migrate,
   * Flyway); for `later-transaction`, also in an explicit transaction (a follow-up fix commits before the VALIDATE).
   */
  needs?: FixNeeds;
  /**
   * Applied only in a pass in which no other fix changes the file: the fix depends on what the other fixes do (a
   * timeout preamble is not needed once an index is built CONCURRENTLY, which the next pass sees).
   */
  deferred?: true;
}

/** How many rounds of lint-and-fix `--fix` runs at most. */
export const MAX_FIX_PASSES = 5;

const conflicts = (a: TextEdit, b: TextEdit): boolean => a.start === b.start || (a.start < b.end && b.start < a.end);

/**
 * Applies the fixes whose edits do not overlap the edits of a fix applied before them (a skipped fix is found again
 * on the next pass, against the new text). Deferred fixes are applied only when no other fix is.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; map: (offset: number) => number } {
  const immediate = fixes.filter((f) => !f.deferred);
  const chosen = immediate.length > 0 ? immediate : fixes;
  const accepted: TextEdit[] = [];
  let applied = 0;
  for (const fix of chosen) {
    const edits = mergeInsertions(fix.edits);
    if (!edits) continue;
    if (edits.some((e) => e.start < 0 || e.end > text.length || e.end < e.start)) continue;
    if (edits.some((e) => accepted.some((a) => conflicts(a, e)))) continue;
    accepted.push(...edits);
    applied++;
  }
  accepted.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of accepted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  out += text.slice(at);
  const map = (offset: number): number => {
    let shift = 0;
    for (const edit of accepted) {
      if (edit.end <= offset && !(edit.start === edit.end && edit.start === offset)) shift += edit.text.length - (edit.end - edit.start);
    }
    return offset + shift;
  };
  return { text: out, applied, map };
}

/** A fix's edits in order, insertions at one offset joined; undefined when two of them overlap otherwise. */
function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === edit.start && last.end === last.start && edit.end === edit.start) {
      last.text += edit.text;
      continue;
    }
    if (last && (last.end > edit.start || last.start === edit.start)) return undefined;
    out.push({ ...edit });
  }
  return out;
}

/** A finding whose fix was removed because of the transaction its statement runs in. */
export interface DroppedFix {
  finding: Finding;
  /** Who opened that transaction. */
  source: StatementInfo['transaction']['source'];
  needs: FixNeeds;
}

/**
 * Removes the fixes the file cannot take (see Fix.needs), and returns them. `splittable`: the file's statements
 * can be moved into migrations of their own (golang-migrate and Flyway up migrations).
 */
export function dropUnusableFixes(findings: readonly Finding[], statements: readonly StatementInfo[], splittable: boolean): DroppedFix[] {
  const tops = statements.filter((s) => s.parsed.context === 'top');
  const dropped: DroppedFix[] = [];
  for (const finding of findings) {
    const needs = finding.fix?.needs;
    if (!needs) continue;
    const statement = tops.find((s) => s.parsed.start <= finding.start && finding.start < Math.max(s.parsed.end, s.parsed.start + 1));
    const tx = statement?.transaction;
    const usable =
      tx !== undefined &&
      (!tx.inTransaction || (tx.source === 'layout' && splittable) || (needs === 'later-transaction' && tx.source === 'explicit'));
    if (usable) continue;
    delete finding.fix;
    dropped.push({ finding, source: tx?.source ?? 'none', needs });
  }
  return dropped;
}

// ---------------------------------------------------------------------------------------------------------------
// Text around statements

/** What a fix builder gets from the rule: the file's text and the statement it reports. */
export interface FixInput {
  readonly text: string;
  readonly statement: StatementInfo;
}

/** Offset just after the `;` that ends the statement (comments and blanks may come first), or undefined. */
function terminatorEnd(text: string, statement: ParsedStatement): number | undefined {
  let i = statement.end;
  while (i < text.length) {
    const c = text[i];
    if (c === ';') return i + 1;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return undefined;
      i = close + 2;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The end of the line at `offset` (before its `\n`) when the rest of it is blank or a `--` comment. */
function restOfLineEnd(text: string, offset: number): number | undefined {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  const rest = text.slice(offset, end).replace(/\r$/, '');
  return /^[ \t]*(--.*)?$/.test(rest) ? end - (text[end - 1] === '\r' ? 1 : 0) : undefined;
}

/** The leading whitespace of the line the offset is on, when only whitespace precedes it there. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : '';
}

/** An edit that adds statements after the statement (after its `;`, and after a comment at the end of its line). */
export function appendStatements(text: string, statement: ParsedStatement, sqls: readonly string[]): TextEdit {
  const indent = indentAt(text, statement.start);
  const body = sqls.map((sql) => `${indent}${sql};`).join('\n');
  const terminator = terminatorEnd(text, statement);
  if (terminator === undefined) return { start: statement.end, end: statement.end, text: `;\n${body}` };
  const lineEnd = restOfLineEnd(text, terminator);
  const at = lineEnd ?? terminator;
  return { start: at, end: at, text: `\n${body}` };
}

/** An edit that adds statements before the statement, each on a line of its own with the statement's indentation. */
export function prependStatements(text: string, statement: ParsedStatement, sqls: readonly string[]): TextEdit {
  const indent = indentAt(text, statement.start);
  return { start: statement.start, end: statement.start, text: sqls.map((sql) => `${sql};\n${indent}`).join('') };
}

/**
 * Where a preamble goes in a section: after the leading comments, on the line of the first statement, but above
 * `-- ddlguard-ignore` lines directly over it (they belong to that statement); never before the section starts.
 */
function preamblePoint(text: string, first: ParsedStatement, section: FileSection | undefined): number {
  const floor = section?.start ?? 0;
  let lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, first.start)) || lineStart < floor) return Math.max(first.start, floor);
  while (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const line = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
    if (prevStart < floor || !/^[ \t]*--\s*ddlguard-ignore(?!-file)\b/.test(line)) break;
    lineStart = prevStart;
  }
  return lineStart;
}

/** The top-level statements of the section that holds `at`. */
function sectionStatements(statements: readonly StatementInfo[], sections: readonly FileSection[], at: number): { section?: FileSection; tops: StatementInfo[] } {
  const section = sections.find((s) => at >= s.start && at < s.end);
  const tops = statements.filter(
    (s) => s.parsed.context === 'top' && (!section || (s.parsed.start >= section.start && s.parsed.start < section.end)),
  );
  return section ? { section, tops } : { tops };
}

/**
 * A `SET ...;` at the top of the section holding `at`. With `afterSettings`, after the timeout settings that
 * already open the section (so lock_timeout stays first).
 */
export function preambleFix(
  text: string,
  statements: readonly StatementInfo[],
  sections: readonly FileSection[],
  at: number,
  sql: string,
  afterSettings: boolean,
): Fix | undefined {
  const { section, tops } = sectionStatements(statements, sections, at);
  const first = tops[0];
  if (!first) return undefined;
  if (first.parsed.dialect === 'mysql' && /^\s*DELIMITER\b/im.test(text)) return undefined;
  const description = `Add ${sql} at the top of the migration`;
  if (afterSettings) {
    let lastSetting: StatementInfo | undefined;
    for (const s of tops) {
      if (s.operations.length === 0 || !s.operations.every((op) => op.kind === 'set-timeout')) break;
      lastSetting = s;
    }
    if (lastSetting) return { description, edits: [appendStatements(text, lastSetting.parsed, [sql])], deferred: true };
  }
  const point = preamblePoint(text, first.parsed, section);
  return { description, edits: [{ start: point, end: point, text: `${sql};\n` }], deferred: true };
}

/** `COMMIT;` after the last statement of the section holding `at`. */
export function commitFix(text: string, statements: readonly StatementInfo[], sections: readonly FileSection[], at: number): Fix | undefined {
  const { tops } = sectionStatements(statements, sections, at);
  const last = tops[tops.length - 1];
  if (!last) return undefined;
  if (last.parsed.dialect === 'mysql' && /^\s*DELIMITER\b/im.test(text)) return undefined;
  return { description: 'Add COMMIT at the end of the migration', edits: [appendStatements(text, last.parsed, ['COMMIT'])] };
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL tokens and names

export interface SqlToken {
  /** UTF-16 offsets into the file. */
  start: number;
  end: number;
  text: string;
  upper: string;
  /** An identifier or a keyword (anything that can be a word of SQL). */
  word: boolean;
}

const tokenCache = new WeakMap<ParsedStatement, SqlToken[]>();

/** The statement's tokens (comments left out) with offsets into the file; undefined when it is not a top-level PostgreSQL statement. */
export function pgTokens(statement: ParsedStatement): SqlToken[] | undefined {
  if (statement.dialect !== 'postgres' || statement.context !== 'top') return undefined;
  const cached = tokenCache.get(statement);
  if (cached) return cached;
  let scanned: ReturnType<typeof scanSync>['tokens'];
  try {
    scanned = scanSync(statement.text).tokens;
  } catch {
    return undefined;
  }
  // the scanner counts UTF-8 bytes; the file is indexed in UTF-16 code units
  const byteToUnit = new Map<number, number>();
  let bytes = 0;
  for (let i = 0; i < statement.text.length; i++) {
    byteToUnit.set(bytes, i);
    const code = statement.text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else {
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }
  }
  byteToUnit.set(bytes, statement.text.length);
  const tokens: SqlToken[] = [];
  for (const t of scanned) {
    if (t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT') continue;
    const start = byteToUnit.get(t.start);
    const end = byteToUnit.get(t.end);
    if (start === undefined || end === undefined) return undefined;
    tokens.push({
      start: statement.start + start,
      end: statement.start + end,
      text: t.text,
      upper: t.text.toUpperCase(),
      word: t.tokenName === 'IDENT' || t.keywordName !== 'NO_KEYWORD',
    });
  }
  tokenCache.set(statement, tokens);
  return tokens;
}

/** PostgreSQL's limit on a name: NAMEDATALEN - 1 bytes. */
const MAX_NAME_BYTES = 63;

/** A name as SQL: bare when PostgreSQL reads it back unchanged, else double-quoted. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name)) {
    try {
      const [token] = scanSync(name).tokens;
      if (token && (token.keywordName === 'NO_KEYWORD' || token.keywordName === 'UNRESERVED_KEYWORD')) return name;
    } catch {
      // quote it
    }
  }
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteTable(table: TableName): string {
  return table.schema ? `${quoteIdent(table.schema)}.${quoteIdent(table.name)}` : quoteIdent(table.name);
}

/** `<parts>_<label>` as PostgreSQL names constraints and indexes; undefined when it would be cut at 63 bytes. */
function defaultName(parts: readonly string[], label: string): string | undefined {
  const name = [...parts, label].join('_');
  return Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES ? undefined : name;
}

/** The name, or the name with a number after it (as PostgreSQL does), that is not taken yet. */
function freeName(name: string | undefined, taken: (candidate: string) => boolean): string | undefined {
  if (name === undefined) return undefined;
  for (let n = 0; n < 100; n++) {
    const candidate = n === 0 ? name : `${name}${n}`;
    if (Buffer.byteLength(candidate, 'utf8') > MAX_NAME_BYTES) return undefined;
    if (!taken(candidate)) return candidate;
  }
  return undefined;
}

function constraintNameTaken(catalog: CatalogView, table: TableName, extra: ReadonlySet<string> = new Set()): (name: string) => boolean {
  return (name) => {
    const lower = name.toLowerCase();
    return (
      extra.has(lower) ||
      catalog.constraints(table).some((c) => c.name?.toLowerCase() === lower) ||
      catalog.indexTable(name) !== undefined
    );
  };
}

const stringValues = (nodes: PgNode[] | undefined): string[] => {
  const out: string[] = [];
  for (const node of nodes ?? []) if ('String' in node && node.String.sval !== undefined) out.push(node.String.sval);
  return out;
};

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The string of a `{ String: { sval } }` node seen as plain data. */
function svalOf(value: unknown): string | undefined {
  const inner = isRecord(value) ? value.String : undefined;
  const sval = isRecord(inner) ? inner.sval : undefined;
  return typeof sval === 'string' ? sval : undefined;
}

/** The distinct column names an expression refers to, in order (the AST walked as plain data). */
function columnRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) columnRefs(item, out);
    return out;
  }
  if (!isRecord(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    const fields = key === 'ColumnRef' && isRecord(value) && Array.isArray(value.fields) ? value.fields : undefined;
    if (fields) {
      const last = svalOf(fields[fields.length - 1]);
      if (last !== undefined && !out.includes(last)) out.push(last);
    } else {
      columnRefs(value, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ALTER TABLE: its prefix and one stretch of text per subcommand

interface AlterLayout {
  alter: AlterTableStmt;
  cmds: AlterTableCmd[];
  /** `ALTER TABLE [IF EXISTS] [ONLY] name`, from the statement's tokens. */
  prefix: string;
  /** The text of each subcommand (tokens between the top-level commas). */
  segments: Array<{ start: number; end: number; tokens: SqlToken[] }>;
}

const layoutCache = new WeakMap<ParsedStatement, AlterLayout | null>();

function alterLayout(statement: ParsedStatement): AlterLayout | undefined {
  const cached = layoutCache.get(statement);
  if (cached !== undefined) return cached ?? undefined;
  const layout = computeAlterLayout(statement);
  layoutCache.set(statement, layout ?? null);
  return layout;
}

function computeAlterLayout(statement: ParsedStatement): AlterLayout | undefined {
  if (statement.dialect !== 'postgres' || !('AlterTableStmt' in statement.ast)) return undefined;
  const alter = statement.ast.AlterTableStmt;
  if (alter.objtype !== 'OBJECT_TABLE' || alter.relation?.location === undefined) return undefined;
  const tokens = pgTokens(statement);
  if (!tokens) return undefined;
  const cmds: AlterTableCmd[] = [];
  for (const cmd of alter.cmds ?? []) if ('AlterTableCmd' in cmd) cmds.push(cmd.AlterTableCmd);
  const relationAt = statement.locate(alter.relation.location);
  let i = tokens.findIndex((t) => t.start === relationAt);
  if (i < 0 || !tokens[i]?.word) return undefined;
  i++;
  while (tokens[i]?.text === '.' && tokens[i + 1]?.word) i += 2;
  if (tokens[i]?.text === '*') i++;
  const prefix = tokens
    .slice(0, i)
    .map((t, k, all) => (k > 0 && t.text !== '.' && all[k - 1]?.text !== '.' ? ` ${t.text}` : t.text))
    .join('');
  const segments: AlterLayout['segments'] = [];
  let depth = 0;
  let current: SqlToken[] = [];
  for (const token of tokens.slice(i)) {
    if (token.text === '(' || token.text === '[') depth++;
    if (token.text === ')' || token.text === ']') depth--;
    if (token.text === ',' && depth === 0) {
      segments.push(segmentOf(current));
      current = [];
      continue;
    }
    current.push(token);
  }
  segments.push(segmentOf(current));
  if (segments.length !== cmds.length || segments.some((s) => s.tokens.length === 0)) return undefined;
  return { alter, cmds, prefix, segments };
}

function segmentOf(tokens: SqlToken[]): { start: number; end: number; tokens: SqlToken[] } {
  return { start: tokens[0]?.start ?? 0, end: tokens[tokens.length - 1]?.end ?? 0, tokens };
}

/** The index of the ALTER TABLE subcommand an operation was lowered from. */
function cmdIndexOf(statement: StatementInfo, layout: AlterLayout, op: Operation): number | undefined {
  const k = statement.operations.indexOf(op);
  if (k < 0 || statement.parsed.dialect !== 'postgres') return undefined;
  const parsed: PgStatement = statement.parsed;
  let seen = 0;
  for (let c = 0; c < layout.cmds.length; c++) {
    const cmd = layout.cmds[c];
    if (!cmd) return undefined;
    const count = lowerPostgres({ ...parsed, ast: { AlterTableStmt: { ...layout.alter, cmds: [{ AlterTableCmd: cmd }] } } }).length;
    if (k < seen + count) return c;
    seen += count;
  }
  return undefined;
}

interface Located {
  layout: AlterLayout;
  cmd: AlterTableCmd;
  segment: AlterLayout['segments'][number];
}

function locateCmd(statement: StatementInfo, op: Operation): Located | undefined {
  const layout = alterLayout(statement.parsed);
  if (!layout) return undefined;
  const index = cmdIndexOf(statement, layout, op);
  if (index === undefined) return undefined;
  const cmd = layout.cmds[index];
  const segment = layout.segments[index];
  return cmd && segment ? { layout, cmd, segment } : undefined;
}

/** The text range of one constraint of a column definition: from its start to the next constraint (or the end). */
function columnConstraintRange(
  statement: ParsedStatement,
  def: ColumnDef,
  target: Constraint,
  segmentEnd: number,
  tokens: readonly SqlToken[],
): { start: number; end: number; removeFrom: number } | undefined {
  if (target.location === undefined || def.collClause) return undefined;
  const constraints: Constraint[] = [];
  for (const node of def.constraints ?? []) if ('Constraint' in node) constraints.push(node.Constraint);
  if (constraints.some((c) => c.location === undefined || (c.contype ?? '').startsWith('CONSTR_ATTR'))) return undefined;
  const start = statement.locate(target.location);
  const next = constraints
    .map((c) => statement.locate(c.location ?? 0))
    .filter((at) => at > start)
    .sort((a, b) => a - b)[0];
  const limit = next ?? segmentEnd;
  const inside = tokens.filter((t) => t.start >= start && t.end <= limit);
  const last = inside[inside.length - 1];
  const before = tokens.filter((t) => t.end <= start).pop();
  if (!last || !before) return undefined;
  return { start, end: last.end, removeFrom: before.end };
}

// ---------------------------------------------------------------------------------------------------------------
// Builders used by the rules

const keyword = (upper: string) => (t: SqlToken | undefined): boolean => t?.upper === upper;

function insertAfter(token: SqlToken, text: string): TextEdit {
  return { start: token.end, end: token.end, text };
}

/** CREATE [UNIQUE] INDEX / DROP INDEX -> ... INDEX CONCURRENTLY. */
export function concurrentIndexFix(statement: ParsedStatement, verb: 'CREATE' | 'DROP'): Fix | undefined {
  const tokens = pgTokens(statement);
  if (!tokens || tokens[0]?.upper !== verb) return undefined;
  const index = tokens.findIndex(keyword('INDEX'));
  if (index < 0 || index > 2 || tokens[index + 1]?.upper === 'CONCURRENTLY') return undefined;
  const token = tokens[index];
  if (!token) return undefined;
  return { description: `Use ${verb} INDEX CONCURRENTLY`, edits: [insertAfter(token, ' CONCURRENTLY')], needs: 'no-transaction' };
}

/** REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE -> ... CONCURRENTLY. */
export function concurrentReindexFix(statement: ParsedStatement): Fix | undefined {
  const tokens = pgTokens(statement);
  if (!tokens || tokens[0]?.upper !== 'REINDEX') return undefined;
  let i = 1;
  if (tokens[i]?.text === '(') {
    const close = tokens.findIndex((t, k) => k > i && t.text === ')');
    // an option list that says CONCURRENTLY false is the user's explicit choice: not overridden
    if (close < 0 || tokens.slice(i, close).some(keyword('CONCURRENTLY'))) return undefined;
    i = close + 1;
  }
  const target = tokens[i];
  if (!target || !['INDEX', 'TABLE', 'SCHEMA', 'DATABASE'].includes(target.upper)) return undefined;
  if (tokens[i + 1]?.upper === 'CONCURRENTLY') return undefined;
  return { description: `Use REINDEX ${target.upper} CONCURRENTLY`, edits: [insertAfter(target, ' CONCURRENTLY')], needs: 'no-transaction' };
}

/** ALTER TABLE t DETACH PARTITION p -> ... CONCURRENTLY (the only subcommand: CONCURRENTLY allows no other). */
export function concurrentDetachFix(input: FixInput, op: Operation): Fix | undefined {
  const located = locateCmd(input.statement, op);
  if (!located || located.layout.cmds.length !== 1) return undefined;
  const last = located.segment.tokens[located.segment.tokens.length - 1];
  if (!last || last.upper === 'FINALIZE' || last.upper === 'CONCURRENTLY') return undefined;
  return { description: 'Use DETACH PARTITION ... CONCURRENTLY', edits: [insertAfter(last, ' CONCURRENTLY')], needs: 'no-transaction' };
}

/**
 * ADD [CONSTRAINT name] FOREIGN KEY|CHECK ... -> ... NOT VALID, then `VALIDATE CONSTRAINT name` as a statement of its
 * own. An unnamed constraint gets the name PostgreSQL would give it, written out so that VALIDATE can name it.
 */
export function notValidFix(input: FixInput, op: Operation, catalog: CatalogView): Fix | undefined {
  if (op.kind !== 'add-constraint' || (op.constraint.kind !== 'foreign-key' && op.constraint.kind !== 'check')) return undefined;
  const located = locateCmd(input.statement, op);
  const def = located?.cmd.def;
  if (!located || !def || !('Constraint' in def)) return undefined;
  const c = def.Constraint;
  const { segment, layout } = located;
  const table = op.table.name;
  let name = c.conname;
  const edits: TextEdit[] = [];
  if (name === undefined) {
    const base =
      op.constraint.kind === 'foreign-key'
        ? defaultName([table, ...stringValues(c.fk_attrs)], 'fkey')
        : checkDefaultName(table, c.raw_expr);
    name = freeName(base, constraintNameTaken(catalog, op.table));
    const add = segment.tokens[0];
    if (name === undefined || add?.upper !== 'ADD') return undefined;
    edits.push(insertAfter(add, ` CONSTRAINT ${quoteIdent(name)}`));
  }
  edits.push({ start: segment.end, end: segment.end, text: ' NOT VALID' });
  edits.push(appendStatements(input.text, input.statement.parsed, [`${layout.prefix} VALIDATE CONSTRAINT ${quoteIdent(name)}`]));
  const what = op.constraint.kind === 'foreign-key' ? 'foreign key' : 'CHECK constraint';
  return { description: `Add the ${what} NOT VALID and validate it in a separate statement`, edits, needs: 'later-transaction' };
}

function checkDefaultName(table: string, expr: PgNode | undefined): string | undefined {
  const columns = columnRefs(expr);
  return columns.length === 1 && columns[0] !== undefined ? defaultName([table, columns[0]], 'check') : defaultName([table], 'check');
}

/**
 * ADD COLUMN c ... REFERENCES t (x) / CHECK (...) -> the column without it, then the constraint added NOT VALID
 * and validated in statements of their own.
 */
export function columnConstraintNotValidFix(input: FixInput, op: Operation, kind: 'foreign-key' | 'check', catalog: CatalogView): Fix | undefined {
  if (op.kind !== 'add-column') return undefined;
  const located = locateCmd(input.statement, op);
  const def = located?.cmd.def;
  const tokens = pgTokens(input.statement.parsed);
  if (!located || !def || !('ColumnDef' in def) || !tokens || located.cmd.missing_ok) return undefined;
  const column = def.ColumnDef;
  const contype = kind === 'foreign-key' ? 'CONSTR_FOREIGN' : 'CONSTR_CHECK';
  const matching: Constraint[] = [];
  for (const node of column.constraints ?? []) if ('Constraint' in node && node.Constraint.contype === contype) matching.push(node.Constraint);
  const [target] = matching;
  if (!target || matching.length !== 1 || !column.colname) return undefined;
  const range = columnConstraintRange(input.statement.parsed, column, target, located.segment.end, tokens);
  if (!range) return undefined;
  const inside = tokens.filter((t) => t.start >= range.start && t.end <= range.end);
  const clauseStart = inside.find((t) => t.upper === (kind === 'foreign-key' ? 'REFERENCES' : 'CHECK'));
  if (!clauseStart) return undefined;
  const clause = input.text.slice(clauseStart.start, range.end);
  const table = op.table.name;
  const name = target.conname ?? freeName(defaultName([table, column.colname], kind === 'foreign-key' ? 'fkey' : 'check'), constraintNameTaken(catalog, op.table));
  if (name === undefined) return undefined;
  const { prefix } = located.layout;
  const add =
    kind === 'foreign-key'
      ? `${prefix} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${quoteIdent(column.colname)}) ${clause} NOT VALID`
      : `${prefix} ADD CONSTRAINT ${quoteIdent(name)} ${clause} NOT VALID`;
  return {
    description: `Add the column without its ${kind === 'foreign-key' ? 'REFERENCES' : 'CHECK'}, then add the constraint NOT VALID and validate it`,
    edits: [
      { start: range.removeFrom, end: range.end, text: '' },
      appendStatements(input.text, input.statement.parsed, [add, `${prefix} VALIDATE CONSTRAINT ${quoteIdent(name)}`]),
    ],
    needs: 'later-transaction',
  };
}

/**
 * ALTER TABLE t ALTER COLUMN c SET NOT NULL -> CHECK (c IS NOT NULL) NOT VALID, VALIDATE, the SET NOT NULL
 * (which PostgreSQL 12+ does without a scan), DROP the CHECK. Only when SET NOT NULL is the statement's one subcommand.
 */
export function setNotNullFix(input: FixInput, op: Operation, taken: (name: string) => boolean): Fix | undefined {
  if (op.kind !== 'set-not-null') return undefined;
  const located = locateCmd(input.statement, op);
  if (!located || located.layout.cmds.length !== 1) return undefined;
  const name = freeName(defaultName([op.table.name, op.column], 'not_null'), taken);
  if (name === undefined) return undefined;
  const { prefix } = located.layout;
  const quoted = quoteIdent(name);
  return {
    description: 'Prove NOT NULL with a CHECK added NOT VALID and validated, then SET NOT NULL and drop the CHECK',
    edits: [
      prependStatements(input.text, input.statement.parsed, [
        `${prefix} ADD CONSTRAINT ${quoted} CHECK (${quoteIdent(op.column)} IS NOT NULL) NOT VALID`,
        `${prefix} VALIDATE CONSTRAINT ${quoted}`,
      ]),
      appendStatements(input.text, input.statement.parsed, [`${prefix} DROP CONSTRAINT ${quoted}`]),
    ],
    needs: 'later-transaction',
  };
}

/** Whether a UNIQUE / PRIMARY KEY constraint has nothing that CREATE UNIQUE INDEX + USING INDEX would lose. */
function plainKey(c: Constraint): boolean {
  return (
    !c.including?.length &&
    !c.options?.length &&
    c.indexspace === undefined &&
    c.indexname === undefined &&
    c.deferrable !== true &&
    c.initdeferred !== true &&
    c.without_overlaps !== true &&
    c.where_clause === undefined
  );
}

/**
 * ADD [CONSTRAINT name] UNIQUE|PRIMARY KEY (cols) -> CREATE UNIQUE INDEX CONCURRENTLY before the statement, and
 * ADD CONSTRAINT name UNIQUE|PRIMARY KEY USING INDEX in its place.
 */
export function keyUsingIndexFix(input: FixInput, op: Operation, catalog: CatalogView): Fix | undefined {
  if (op.kind !== 'add-constraint' || (op.constraint.kind !== 'unique' && op.constraint.kind !== 'primary-key')) return undefined;
  const located = locateCmd(input.statement, op);
  const def = located?.cmd.def;
  if (!located || !def || !('Constraint' in def) || located.layout.alter.missing_ok || catalog.isPartitioned(op.table)) return undefined;
  const c = def.Constraint;
  const keys = stringValues(c.keys);
  if (!plainKey(c) || keys.length === 0) return undefined;
  const primary = op.constraint.kind === 'primary-key';
  const names = keyNames(op.table, c.conname, primary, keys, catalog);
  if (!names) return undefined;
  const clause = `ADD CONSTRAINT ${quoteIdent(names.constraint)} ${primary ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${quoteIdent(names.index)}`;
  return {
    description: `Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then add the ${primary ? 'primary key' : 'constraint'} USING INDEX`,
    edits: [
      prependStatements(input.text, input.statement.parsed, [createUniqueIndex(names.index, op.table, keys, c.nulls_not_distinct === true)]),
      { start: located.segment.start, end: located.segment.end, text: clause },
    ],
    needs: 'no-transaction',
  };
}

/**
 * ADD COLUMN c ... UNIQUE|PRIMARY KEY -> the column without it (PRIMARY KEY becomes NOT NULL when the column does
 * not say so), then CREATE UNIQUE INDEX CONCURRENTLY and ADD CONSTRAINT ... USING INDEX.
 */
export function columnKeyUsingIndexFix(input: FixInput, op: Operation, kind: 'unique' | 'primary-key', catalog: CatalogView): Fix | undefined {
  if (op.kind !== 'add-column') return undefined;
  const located = locateCmd(input.statement, op);
  const def = located?.cmd.def;
  const tokens = pgTokens(input.statement.parsed);
  if (!located || !def || !('ColumnDef' in def) || !tokens || located.cmd.missing_ok || located.layout.alter.missing_ok) return undefined;
  if (catalog.isPartitioned(op.table)) return undefined;
  const column = def.ColumnDef;
  const constraints: Constraint[] = [];
  for (const node of column.constraints ?? []) if ('Constraint' in node) constraints.push(node.Constraint);
  const keyed = constraints.filter((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY');
  const [target] = keyed;
  const primary = kind === 'primary-key';
  if (!target || keyed.length !== 1 || target.contype !== (primary ? 'CONSTR_PRIMARY' : 'CONSTR_UNIQUE') || !plainKey(target)) return undefined;
  if (!column.colname) return undefined;
  const range = columnConstraintRange(input.statement.parsed, column, target, located.segment.end, tokens);
  if (!range) return undefined;
  const names = keyNames(op.table, target.conname, primary, [column.colname], catalog);
  if (!names) return undefined;
  const keepNotNull = primary && !constraints.some((c) => c.contype === 'CONSTR_NOTNULL');
  const { prefix } = located.layout;
  return {
    description: `Add the column without ${primary ? 'PRIMARY KEY' : 'UNIQUE'}, build its index CONCURRENTLY, then add the constraint USING INDEX`,
    edits: [
      keepNotNull ? { start: range.start, end: range.end, text: 'NOT NULL' } : { start: range.removeFrom, end: range.end, text: '' },
      appendStatements(input.text, input.statement.parsed, [
        createUniqueIndex(names.index, op.table, [column.colname], target.nulls_not_distinct === true),
        `${prefix} ADD CONSTRAINT ${quoteIdent(names.constraint)} ${primary ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${quoteIdent(names.index)}`,
      ]),
    ],
    needs: 'no-transaction',
  };
}

function keyNames(
  table: TableName,
  given: string | undefined,
  primary: boolean,
  keys: readonly string[],
  catalog: CatalogView,
): { constraint: string; index: string } | undefined {
  const taken = constraintNameTaken(catalog, table);
  const constraint = given ?? freeName(primary ? defaultName([table.name], 'pkey') : defaultName([table.name, ...keys], 'key'), taken);
  if (constraint === undefined) return undefined;
  const index = freeName(defaultName([constraint], 'idx'), taken);
  return index === undefined ? undefined : { constraint, index };
}

function createUniqueIndex(name: string, table: TableName, keys: readonly string[], nullsNotDistinct: boolean): string {
  const nulls = nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  return `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name)} ON ${quoteTable(table)} (${keys.map(quoteIdent).join(', ')})${nulls}`;
}

/**
 * IF [NOT] EXISTS for CREATE/DROP TABLE, CREATE/DROP INDEX and ADD/DROP COLUMN; an unnamed index gets the name
 * PostgreSQL would give it (IF NOT EXISTS needs one).
 */
export function robustFix(input: FixInput, op: Operation, catalog: CatalogView): Fix | undefined {
  const parsed = input.statement.parsed;
  if (parsed.dialect === 'mysql') return mysqlRobustFix(parsed, op);
  const tokens = pgTokens(parsed);
  if (!tokens) return undefined;
  const guard = (after: SqlToken | undefined, text: string): Fix | undefined =>
    after && tokens[tokens.indexOf(after) + 1]?.upper !== 'IF' ? { description: `Add ${text.trim()}`, edits: [insertAfter(after, text)] } : undefined;
  const afterKeyword = (word: string, limit: number): SqlToken | undefined => {
    const i = tokens.findIndex(keyword(word));
    if (i < 0 || i > limit) return undefined;
    return tokens[i + 1]?.upper === 'CONCURRENTLY' ? tokens[i + 1] : tokens[i];
  };
  switch (op.kind) {
    case 'create-table':
      return tokens[0]?.upper === 'CREATE' ? guard(afterKeyword('TABLE', 3), ' IF NOT EXISTS') : undefined;
    case 'drop-table':
      return tokens[0]?.upper === 'DROP' ? guard(afterKeyword('TABLE', 1), ' IF EXISTS') : undefined;
    case 'drop-index':
      return tokens[0]?.upper === 'DROP' ? guard(afterKeyword('INDEX', 1), ' IF EXISTS') : undefined;
    case 'create-index': {
      if (tokens[0]?.upper !== 'CREATE') return undefined;
      const after = afterKeyword('INDEX', 2);
      if (op.name !== undefined) return guard(after, ' IF NOT EXISTS');
      if (op.columns.some((c) => c === '(expression)')) return undefined;
      const name = freeName(defaultName([op.table.name, ...op.columns], 'idx'), (n) => catalog.indexTable(n) !== undefined);
      if (!name || !after) return undefined;
      return { description: `Name the index ${name} and add IF NOT EXISTS`, edits: [insertAfter(after, ` IF NOT EXISTS ${quoteIdent(name)}`)] };
    }
    case 'add-column':
    case 'drop-column': {
      const located = locateCmd(input.statement, op);
      if (!located) return undefined;
      const [verb, second] = located.segment.tokens;
      const expected = op.kind === 'add-column' ? 'ADD' : 'DROP';
      if (verb?.upper !== expected) return undefined;
      const after = second?.upper === 'COLUMN' ? second : verb;
      return guard(after, op.kind === 'add-column' ? ' IF NOT EXISTS' : ' IF EXISTS');
    }
    case 'drop-constraint': {
      // ... DROP CONSTRAINT <name>: the CONSTRAINT keyword right before the constraint's name
      const at = tokens.findIndex(
        (t, i) => t.upper === 'CONSTRAINT' && tokens[i - 1]?.upper === 'DROP' && unquote(tokens[i + 1]?.text ?? '') === op.name,
      );
      return at < 0 ? undefined : guard(tokens[at], ' IF EXISTS');
    }
    case 'object-ddl': {
      const word = OBJECT_KEYWORD[op.objectType];
      // OR REPLACE changes what a view does when it exists: not a mechanical fix
      if (!word || (op.action === 'create' && op.objectType === 'view')) return undefined;
      if (tokens[0]?.upper !== op.action.toUpperCase()) return undefined;
      return guard(afterKeyword(word, 2), op.action === 'drop' ? ' IF EXISTS' : ' IF NOT EXISTS');
    }
    default:
      return undefined;
  }
}

/** The keyword that names the object after CREATE / DROP (the last one: DROP MATERIALIZED VIEW). */
const OBJECT_KEYWORD: Readonly<Partial<Record<Extract<Operation, { kind: 'object-ddl' }>['objectType'], string>>> = {
  view: 'VIEW',
  'materialized-view': 'VIEW',
  sequence: 'SEQUENCE',
  type: 'TYPE',
  schema: 'SCHEMA',
  extension: 'EXTENSION',
  trigger: 'TRIGGER',
  function: 'FUNCTION',
};

/** An identifier as PostgreSQL stores it: quoted as written, unquoted folded to lower case. */
function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

function mysqlRobustFix(parsed: ParsedStatement, op: Operation): Fix | undefined {
  const pattern = op.kind === 'create-table' ? /^CREATE\s+(?:TEMPORARY\s+)?TABLE\b/i : op.kind === 'drop-table' ? /^DROP\s+(?:TEMPORARY\s+)?TABLE\b/i : undefined;
  const match = pattern?.exec(parsed.text);
  if (!match || /^\s+IF\b/i.test(parsed.text.slice(match[0].length))) return undefined;
  const at = parsed.start + match[0].length;
  const text = op.kind === 'create-table' ? ' IF NOT EXISTS' : ' IF EXISTS';
  return { description: `Add${text}`, edits: [{ start: at, end: at, text }] };
}

/**
 * The constraint was added NOT VALID and is validated in the same transaction. In one statement outside a
 * transaction: VALIDATE moves to a statement of its own. In an explicit transaction: COMMIT and a new transaction
 * (as the file opened it) before the VALIDATE statement.
 */
export function validateLaterFix(
  text: string,
  statements: readonly StatementInfo[],
  added: StatementInfo,
  validating: StatementInfo,
  op: Operation,
): Fix | undefined {
  if (op.kind !== 'validate-constraint') return undefined;
  if (added === validating) {
    if (validating.transaction.inTransaction) return undefined;
    const located = locateCmd(validating, op);
    if (!located) return undefined;
    const index = located.layout.segments.indexOf(located.segment);
    const previous = located.layout.segments[index - 1];
    if (!previous) return undefined;
    return {
      description: 'Validate the constraint in a statement of its own',
      edits: [
        { start: previous.end, end: located.segment.end, text: '' },
        appendStatements(text, validating.parsed, [`${located.layout.prefix} ${text.slice(located.segment.start, located.segment.end)}`]),
      ],
    };
  }
  if (validating.transaction.source !== 'explicit' || validating.parsed.context !== 'top') return undefined;
  const begin = statements
    .filter((s) => s.parsed.context === 'top' && s.parsed.start < validating.parsed.start)
    .findLast((s) => s.operations.some((o) => o.kind === 'transaction' && o.action === 'begin'));
  if (!begin || begin.transaction.group !== validating.transaction.group) return undefined;
  return {
    description: 'Commit before VALIDATE CONSTRAINT and validate in a new transaction',
    edits: [prependStatements(text, validating.parsed, ['COMMIT', begin.parsed.text])],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Column types

/** Where a column's type is written: the type without its array bounds, and the bounds after it. */
interface TypeSpan {
  start: number;
  end: number;
  /** Lower-case, blanks collapsed, no blanks around parentheses and commas: `timestamp(3) without time zone`. */
  normalized: string;
  array: boolean;
  /** The column name as written (for a CHECK on it). */
  columnText?: string;
}

function normalizeType(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/\)(?=[a-z])/g, ') ')
    .trim();
}

const MULTIWORD = new Set(['CHARACTER', 'CHAR', 'NCHAR', 'NATIONAL', 'BIT', 'DOUBLE', 'VARYING']);
const CONTINUATION = new Set(['VARYING', 'PRECISION', 'CHARACTER', 'CHAR']);

function pgTypeSpan(statement: StatementInfo, target: TypedColumn): TypeSpan | undefined {
  const parsed = statement.parsed;
  const tokens = pgTokens(parsed);
  if (!tokens || parsed.dialect !== 'postgres') return undefined;
  const def = findColumnDef(parsed, target);
  const typeAt = def?.typeName?.location;
  if (!def || typeAt === undefined) return undefined;
  const start = parsed.locate(typeAt);
  let i = tokens.findIndex((t) => t.start === start);
  const first = tokens[i];
  if (i < 0 || !first?.word) return undefined;
  i++;
  while (tokens[i]?.text === '.' && tokens[i + 1]?.word) i += 2;
  let previous = first.upper;
  while (MULTIWORD.has(previous) && CONTINUATION.has(tokens[i]?.upper ?? '')) {
    previous = tokens[i]?.upper ?? '';
    i++;
  }
  if (tokens[i]?.text === '(') {
    const close = tokens.findIndex((t, k) => k > i && t.text === ')');
    if (close < 0) return undefined;
    i = close + 1;
  }
  if ((first.upper === 'TIMESTAMP' || first.upper === 'TIME') && ['WITH', 'WITHOUT'].includes(tokens[i]?.upper ?? '')) {
    if (tokens[i + 1]?.upper !== 'TIME' || tokens[i + 2]?.upper !== 'ZONE') return undefined;
    i += 3;
  }
  const last = tokens[i - 1];
  if (!last) return undefined;
  const next = tokens[i];
  const array = next?.text === '[' || next?.upper === 'ARRAY';
  const span: TypeSpan = { start, end: last.end, normalized: normalizeType(parsed.text.slice(start - parsed.start, last.end - parsed.start)), array };
  if (target.at !== parsed.start) {
    const name = tokens.find((t) => t.start === target.at);
    if (name) span.columnText = name.text;
  }
  return span;
}

function findColumnDef(parsed: PgStatement, target: TypedColumn): ColumnDef | undefined {
  const ast = parsed.ast;
  const byPosition = (defs: ColumnDef[]): ColumnDef | undefined =>
    defs.find((d) => d.location !== undefined && parsed.locate(d.location) === target.at);
  if ('CreateStmt' in ast) {
    const defs: ColumnDef[] = [];
    for (const element of ast.CreateStmt.tableElts ?? []) if ('ColumnDef' in element) defs.push(element.ColumnDef);
    return byPosition(defs);
  }
  if ('AlterTableStmt' in ast) {
    const added: ColumnDef[] = [];
    const retyped: ColumnDef[] = [];
    for (const node of ast.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in node)) continue;
      const cmd = node.AlterTableCmd;
      const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      if (!def) continue;
      if (cmd.subtype === 'AT_AddColumn') added.push(def);
      if (cmd.subtype === 'AT_AlterColumnType' && cmd.name === target.column) retyped.push(def);
    }
    if (target.at === parsed.start) return retyped.length === 1 ? retyped[0] : undefined;
    return byPosition(added);
  }
  return undefined;
}

/**
 * MySQL: the type after the column name (CREATE TABLE, ADD COLUMN). MODIFY/CHANGE COLUMN are left alone: MySQL
 * refuses a type change of a column a foreign key of another table points at, and that is not known here.
 */
function mysqlTypeSpan(statement: StatementInfo, target: TypedColumn): TypeSpan | undefined {
  const parsed = statement.parsed;
  if (parsed.dialect !== 'mysql' || target.at === parsed.start || /\bREFERENCES\b/i.test(parsed.text)) return undefined;
  const name = /^(?:`[^`]*`|[A-Za-z0-9_$]+)\s+/.exec(parsed.text.slice(target.at - parsed.start));
  if (!name) return undefined;
  const from = target.at + name[0].length;
  const type = /^[A-Za-z]+(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?/.exec(parsed.text.slice(from - parsed.start));
  if (!type) return undefined;
  return { start: from, end: from + type[0].length, normalized: normalizeType(type[0]), array: false };
}

/**
 * Replaces a column's type. `replace` gets the type as written (normalized, without array bounds) and returns the
 * new type, or undefined to leave it; `withCheck` adds the CHECK that keeps a length limit (new tables only).
 */
export function replaceTypeFix(
  input: FixInput,
  target: TypedColumn,
  replace: (type: string) => string | undefined,
  description: string,
  options: { lengthCheck?: boolean; noArrays?: boolean } = {},
): Fix | undefined {
  const parsed = input.statement.parsed;
  if (parsed.context !== 'top') return undefined;
  const span = parsed.dialect === 'postgres' ? pgTypeSpan(input.statement, target) : mysqlTypeSpan(input.statement, target);
  if (!span || (options.noArrays && span.array)) return undefined;
  const replacement = replace(span.normalized);
  if (replacement === undefined) return undefined;
  let text = replacement;
  const length = /\((\d+)\)$/.exec(span.normalized)?.[1] ?? (/^(char|character|bpchar|nchar)$/.test(span.normalized) ? '1' : undefined);
  if (options.lengthCheck && !span.array && span.columnText && length !== undefined) {
    text += ` CHECK (char_length(${span.columnText}) <= ${length})`;
  }
  return { description, edits: [{ start: span.start, end: span.end, text }] };
}

/** The column constraints of the column a type fix is about (PostgreSQL), to see whether a serial can be an identity. */
export function columnHasDefaultOrIdentity(statement: StatementInfo, target: TypedColumn): boolean {
  const parsed = statement.parsed;
  if (parsed.dialect !== 'postgres') return true;
  const def = findColumnDef(parsed, target);
  if (!def) return true;
  return (def.constraints ?? []).some(
    (node) =>
      'Constraint' in node &&
      ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED', 'CONSTR_NULL'].includes(node.Constraint.contype ?? ''),
  );
}
