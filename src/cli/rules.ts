import { Command, Option } from 'commander';
import { loadRules } from '../engine/registry.js';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('list every rule with its default severity and dialects')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  $ ddlguard rules\n  $ ddlguard rules --format json | jq -r ".[].id"')
    .action(async (flags: { format: 'text' | 'json' }) => {
      const rules = await loadRules();
      if (flags.format === 'json') {
        const list = rules.map(({ meta }) => ({
          id: meta.id,
          defaultSeverity: meta.defaultSeverity,
          dialects: meta.dialects,
          summary: meta.docs.summary,
          ...(meta.pgVersions ? { pgVersions: meta.pgVersions } : {}),
        }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rules.map((r) => r.meta.id.length));
      for (const { meta } of rules) {
        const dialects = meta.dialects.map((d) => (d === 'postgres' ? 'pg' : 'my')).join(',');
        process.stdout.write(`${meta.id.padEnd(width)}  ${meta.defaultSeverity.padEnd(7)}  ${dialects.padEnd(5)}  ${meta.docs.summary}\n`);
      }
    });
}
