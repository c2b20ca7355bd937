import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../engine/finding.js';
import type { DocumentAnalysis } from './analyze.js';
import { findingRange, sameRange, SOURCE } from './diagnostics.js';

/** Rules whose findings belong to no statement, so a statement-level ignore comment cannot reach them. */
const NOT_STATEMENT_RULES = new Set(['syntax-error', 'unused-ignore']);

export interface CodeActionOptions {
  /** The client takes versioned `documentChanges` (else plain `changes`). */
  documentChanges: boolean;
}

/**
 * Quick fixes for ddlguard's diagnostics in the range: apply the rule's fix when the finding has one, ignore the rule
 * for the statement (a `-- ddlguard-ignore` line above it), ignore it for the file (`-- ddlguard-ignore-file`).
 */
export function codeActions(
  document: TextDocument,
  analysis: DocumentAnalysis,
  diagnostics: readonly Diagnostic[],
  options: CodeActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  /** One file-level action per rule, however many of its diagnostics are in the range. */
  const fileIgnores = new Set<string>();
  const edit = (edits: TextEdit[]): WorkspaceEdit =>
    options.documentChanges
      ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] }
      : { changes: { [document.uri]: edits } };
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const finding = analysis.findings.find(
      (f) => f.ruleId === diagnostic.code && sameRange(findingRange(document, f), diagnostic.range),
    );
    if (!finding) continue;
    const rule = finding.ruleId;

    // the rule's fix (src/engine/fix.ts): edits at UTF-16 offsets into the text, converted like the ranges
    const fix = finding.fix;
    if (fix && fix.edits.length > 0) {
      actions.push({
        title: `Fix: ${fix.description}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit(fix.edits.map((e) => ({ range: findingRange(document, e), newText: e.text }))),
      });
    }
    const statementEdit = ignoreStatementEdit(document, analysis, finding);
    if (statementEdit) {
      actions.push({
        title: `Ignore ${rule} for this statement`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([statementEdit]),
      });
    }
    if (fileIgnores.has(rule)) continue;
    fileIgnores.add(rule);
    actions.push({
      title: `Ignore ${rule} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: edit([insertAt(document, 0, `-- ddlguard-ignore-file ${rule}${lineBreak(document)}`)]),
    });
  }
  return actions;
}

/**
 * `-- ddlguard-ignore <rule>` on a new line above the top-level statement holding the finding, indented like it.
 * When the statement does not start its line (another statement comes before it), a trailing comment after it.
 */
function ignoreStatementEdit(document: TextDocument, analysis: DocumentAnalysis, finding: Finding): TextEdit | undefined {
  if (NOT_STATEMENT_RULES.has(finding.ruleId)) return undefined;
  const statement = analysis.statements.find(
    (s) => s.parsed.context === 'top' && s.parsed.start <= finding.start && finding.start <= s.parsed.end,
  );
  if (!statement) return undefined;
  const text = document.getText();
  const { start, end } = statement.parsed;
  const lineStart = document.offsetAt({ line: document.positionAt(start).line, character: 0 });
  const indentation = text.slice(lineStart, start);
  if (/^[ \t]*$/.test(indentation)) {
    return insertAt(document, lineStart, `${indentation}-- ddlguard-ignore ${finding.ruleId}${lineBreak(document)}`);
  }
  // after the statement's semicolon, on its last line
  const after = text[end] === ';' ? end + 1 : end;
  const restOfLine = /^[^\r\n]*/.exec(text.slice(after))?.[0] ?? '';
  const comment = restOfLine.trim() === '' ? ` -- ddlguard-ignore ${finding.ruleId}` : ` /* ddlguard-ignore ${finding.ruleId} */`;
  return insertAt(document, after, comment);
}

function insertAt(document: TextDocument, offset: number, newText: string): TextEdit {
  const position = document.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

/** The document's own line break, so an inserted line matches the file. */
function lineBreak(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}
