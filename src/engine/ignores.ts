import type { SourceComment } from '../parse/types.js';

/**
 * Ignore comments (design.md):
 *   -- ddlguard-ignore rule-a, rule-b   on the line(s) before a statement, inside it, or after it on its last line
 *   -- ddlguard-ignore-file rule-a      anywhere in the file
 * A bare `-- ddlguard-ignore` ignores every rule for that statement. Text after a second `--` is a reason.
 */
export interface IgnoreDirective {
  scope: 'statement' | 'file';
  /** Empty: every rule. */
  rules: string[];
  comment: SourceComment;
}

const DIRECTIVE = /^(?:--|#|\/\*)\s*ddlguard-ignore(-file)?(?=\s|$|\*\/)(.*)$/s;

export function parseIgnoreDirectives(comments: SourceComment[]): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const list = (match[2] ?? '').replace(/\*\/\s*$/, '').split(/\s--\s|\s--$/)[0] ?? '';
    const rules = list
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    directives.push({ scope: match[1] ? 'file' : 'statement', rules, comment });
  }
  return directives;
}

interface Range {
  start: number;
  end: number;
}

/**
 * The statement a statement-scoped directive applies to: the statement whose last line the comment
 * trails (the one ending last), else the first statement starting after the comment, else the innermost one containing it.
 * `statements` are sorted by start; `lineOf` gives an offset's line.
 */
export function directiveTarget<T extends Range>(
  comment: SourceComment,
  statements: T[],
  lineOf: (offset: number) => number,
): T | undefined {
  const commentLine = lineOf(comment.start);
  let trailing: T | undefined;
  let containing: T | undefined;
  for (const statement of statements) {
    const trails = statement.end <= comment.start && lineOf(statement.end) === commentLine;
    // the statement ending last before the comment; of a DO block and its inner statements, the block
    if (trails && (!trailing || statement.end > trailing.end)) trailing = statement;
    if (statement.start <= comment.start && comment.end <= statement.end) containing = statement;
  }
  if (trailing) return trailing;
  const next = statements.find(
    (s) => s.start >= comment.end && (!containing || s.start < containing.end),
  );
  return next ?? containing;
}
