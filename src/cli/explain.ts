import { Command } from 'commander';
import { createColors } from 'picocolors';
import { loadRules } from '../engine/registry.js';
import type { RuleMeta } from '../engine/rule.js';
import { PACKAGE_INFO } from '../package-info.js';
import { useColor } from './color.js';
import { UsageError } from './errors.js';

export function explainCommand(): Command {
  return new Command('explain')
    .description("print a rule's documentation: what it flags, why, and the safe alternative")
    .argument('<rule>', 'rule id, e.g. require-concurrent-index-creation')
    .addHelpText('after', '\nExamples:\n  $ ddlguard explain adding-required-field\n  $ ddlguard rules   (to list the ids)')
    .action(async (id: string) => {
      const rules = await loadRules();
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) {
        const near = rules.map((r) => r.meta.id).filter((other) => other.includes(id) || id.includes(other.split('-')[0] ?? ''));
        const hint = near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ' (ddlguard rules lists them)';
        throw new UsageError(`unknown rule "${id}"${hint}`);
      }
      process.stdout.write(renderExplanation(rule.meta, useColor(process.stdout)));
    });
}

export function renderExplanation(meta: RuleMeta, color: boolean): string {
  const c = createColors(color);
  const versions = meta.pgVersions
    ? ` · PostgreSQL ${meta.pgVersions.min ?? ''}${meta.pgVersions.max !== undefined ? `–${meta.pgVersions.max}` : '+'}`
    : '';
  const dialects = meta.dialects.map((d) => (d === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB')).join(', ');
  const indent = (sql: string): string => sql.split('\n').map((line) => `    ${line}`).join('\n');
  return [
    c.bold(meta.id),
    `${meta.docs.summary}`,
    c.dim(`default: ${meta.defaultSeverity} · ${dialects}${versions}`),
    '',
    c.bold('Why'),
    `  ${meta.docs.why}`,
    '',
    c.bold('Flagged'),
    c.red(indent(meta.docs.unsafe)),
    '',
    c.bold('Safe alternative'),
    c.green(indent(meta.docs.safe)),
    '',
    `${c.dim('Docs:')} ${PACKAGE_INFO.docsBaseUrl}/${meta.id}.md`,
    '',
  ].join('\n');
}
