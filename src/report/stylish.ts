import { codeFrameColumns } from '@babel/code-frame';
import { createColors } from 'picocolors';
import { summarize, type Severity } from '../engine/finding.js';
import type { Formatter } from './types.js';

/** For people: findings grouped by file, with a code frame and the safe alternative under each. */
export const formatStylish: Formatter = (results, ctx) => {
  const c = createColors(ctx.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const lines: string[] = [];
  for (const result of results) {
    if (result.statements) {
      lines.push(`${c.underline(result.file)} ${c.dim('— locks per statement')}`);
      for (const statement of result.statements) {
        const sql = statement.sql.split('\n')[0] ?? '';
        lines.push(`  ${c.dim(`${statement.line}:${statement.column}`)}  ${sql.length > 80 ? `${sql.slice(0, 77)}...` : sql}`);
        if (statement.locks.length === 0) lines.push(`      ${c.dim('no lock on a table')}`);
        for (const lock of statement.locks) lines.push(`      ${lock.blocks.length > 0 ? c.yellow(lock.text) : lock.text}`);
      }
      lines.push('');
    }
    if (result.findings.length === 0) continue;
    lines.push(c.underline(result.file));
    for (const f of result.findings) {
      const where = c.dim(`${f.line}:${f.column}`);
      lines.push(`  ${where}  ${paint[f.severity](f.severity)}  ${c.bold(f.ruleId)}  ${f.message}`);
      const frame = codeFrameColumns(
        result.text,
        { start: { line: f.line, column: f.column } },
        { highlightCode: false, linesAbove: 1, linesBelow: 1 },
      );
      for (const frameLine of frame.split('\n')) lines.push(`    ${frameLine}`);
      lines.push(`    ${c.green('help:')} ${f.help}`);
      lines.push('');
    }
  }
  const summary = summarize(results);
  const total = summary.error + summary.warning + summary.info;
  const counts = `${summary.error} error${summary.error === 1 ? '' : 's'}, ${summary.warning} warning${summary.warning === 1 ? '' : 's'}, ${summary.info} info`;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'} checked`;
  if (total === 0) lines.push(c.green(`✔ no problems (${files})`));
  else {
    const mark = summary.error > 0 ? c.red('✖') : c.yellow('⚠');
    lines.push(`${mark} ${total} problem${total === 1 ? '' : 's'} (${counts}) in ${files}`);
  }
  return `${lines.join('\n')}\n`;
};
