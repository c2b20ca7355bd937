import type { FileRuleContext } from './rule.js';
import type { StatementInfo } from './statement-info.js';
import type { LockPrediction } from '../locks/index.js';
import { tableKey, type Operation } from '../model/operations.js';

/**
 * Helpers for the whole-file rules about locks and transactions (require-lock-timeout, require-statement-timeout,
 * lock-held-across-statements, mixing-ddl-and-dml): which statements run, per section, and which of their locks
 * fall on relations that existed before the file.
 */

/** What this section of the file created so far: nobody else uses these yet, so locks on them hold up no one. */
export interface Created {
  tables: Set<string>;
  /** Index name -> table key. */
  indexes: Map<string, string>;
}

export function remember(op: Operation, created: Created): void {
  if (op.kind === 'create-table') created.tables.add(tableKey(op.table));
  if (op.kind === 'create-index' && op.name) created.indexes.set(op.name.toLowerCase(), tableKey(op.table));
  if (op.kind === 'rename-table' && created.tables.has(tableKey(op.table))) created.tables.add(op.to.toLowerCase());
  if (op.kind === 'drop-table') for (const table of op.tables) created.tables.delete(tableKey(table));
}

export const relationKey = (relation: string): string => (relation.split('.').pop() ?? relation).toLowerCase();

/** The statement's predicted locks on relations that existed before this file (or this section of it). */
export function existingLocks(statement: StatementInfo, created: Created): LockPrediction[] {
  const newIndex = (name: string): boolean => {
    const table = created.indexes.get(relationKey(name));
    return table !== undefined && created.tables.has(table);
  };
  // DROP INDEX / REINDEX INDEX name only the index: when it was built in this file on a table built in this file,
  // every lock of the statement is on new relations
  const onNewIndexes =
    statement.operations.length > 0 &&
    statement.operations.every(
      (op) => (op.kind === 'drop-index' && op.names.every(newIndex)) || (op.kind === 'reindex' && op.target === 'index' && newIndex(op.name)),
    );
  if (onNewIndexes) return [];
  return statement.locks.filter((p) => {
    if (p.placeholder) return true;
    if (p.target === 'table') return !created.tables.has(relationKey(p.table));
    if (p.target === 'index') return !created.indexes.has(relationKey(p.table));
    return true;
  });
}

/** `"users"`, or the description of a set of relations (`every table in the database`). */
export function relationText(p: LockPrediction): string {
  if (!p.placeholder) return `"${p.table}"`;
  const inner = p.table.replace(/^<|>$/g, '');
  return inner.startsWith('table of ') ? `the ${inner}` : inner;
}

/** The statements that run when the migration runs: a DO block's statements stand for it; function bodies do not run. */
export function executedStatements(statements: readonly StatementInfo[]): StatementInfo[] {
  // nested statements follow the top-level statement they belong to
  const blocks = new Set<StatementInfo>();
  let top: StatementInfo | undefined;
  for (const s of statements) {
    if (s.parsed.context === 'top') top = s;
    else if (s.parsed.context === 'do-block' && top) blocks.add(top);
  }
  return statements.filter((s) => s.parsed.context === 'do-block' || (s.parsed.context === 'top' && !blocks.has(s)));
}

/** The executed statements of each section of the file (dbmate's up and down run separately). */
export function bySection(ctx: FileRuleContext): StatementInfo[][] {
  const groups = new Map<number, StatementInfo[]>();
  for (const statement of executedStatements(ctx.statements)) {
    const at = statement.parsed.start;
    const index = ctx.sections.findIndex((s) => at >= s.start && at < s.end);
    const group = groups.get(index) ?? [];
    group.push(statement);
    groups.set(index, group);
  }
  return [...groups.values()];
}

