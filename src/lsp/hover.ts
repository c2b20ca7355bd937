import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { StatementInfo } from '../engine/statement-info.js';
import { describeLock } from '../locks/index.js';
import type { DocumentAnalysis } from './analyze.js';
import type { ServerSettings } from './settings.js';

/**
 * The locks of the statement under the cursor (the innermost one: a statement of a DO block rather than the
 * block): each lock as `describeLock` puts it (mode, relation, what it blocks, the work done under it), and
 * whether a table is rewritten.
 */
export function hover(document: TextDocument, analysis: DocumentAnalysis, position: Position, settings: ServerSettings): Hover | null {
  const offset = document.offsetAt(position);
  const statement = innermost(analysis.statements, offset);
  if (!statement) return null;
  const lines: string[] = [];
  if (analysis.dialect !== 'postgres') {
    lines.push('**ddlguard**: lock predictions are made for PostgreSQL only.');
  } else if (statement.locks.length === 0) {
    lines.push(`**ddlguard** (PostgreSQL ${analysis.pgVersion}): takes no lock on an existing table.`);
  } else {
    lines.push(`**ddlguard** (PostgreSQL ${analysis.pgVersion}): locks this statement takes`, '');
    for (const lock of statement.locks) {
      lines.push(`- ${markdownText(describeLock(lock))}`);
      if (lock.note !== undefined) lines.push(`  ${markdownText(lock.note)}`);
    }
    const rewritten = [...new Set(statement.locks.filter((lock) => lock.rewrite).map((lock) => lock.table))];
    lines.push('', rewritten.length > 0 ? `Rewrites: yes (${markdownText(rewritten.join(', '))})` : 'Rewrites: no');
    if (statement.transaction.inTransaction) {
      lines.push('', 'Runs in a transaction: the locks are held until it commits.');
    }
  }
  if (settings.databaseUrl !== undefined) {
    lines.push('', '_Live estimate: not available yet (a database is configured; live lock-time estimates come in a later release)._');
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: { start: document.positionAt(statement.parsed.start), end: document.positionAt(statement.parsed.end) },
  };
}

function innermost(statements: readonly StatementInfo[], offset: number): StatementInfo | undefined {
  let found: StatementInfo | undefined;
  for (const statement of statements) {
    const { start, end } = statement.parsed;
    if (start <= offset && offset <= end && (!found || end - start < found.parsed.end - found.parsed.start)) {
      found = statement;
    }
  }
  return found;
}

/** Text shown as it is in Markdown (table names hold underscores; placeholders look like `<every index of t>`). */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_<>[\]]/g, '\\$&');
}
