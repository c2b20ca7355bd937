import type { RuleMeta } from '../engine/rule.js';

/** A rule's documentation page (docs/rules/<id>.md), in the order of Ruff's rule docs: what, why, example, fix. */
export function ruleMarkdown(meta: RuleMeta): string {
  const dialects = meta.dialects.map((d) => (d === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB')).join(', ');
  const versions = meta.pgVersions
    ? `PostgreSQL ${meta.pgVersions.min ?? 'any'} to ${meta.pgVersions.max ?? 'latest'}`
    : 'all supported versions';
  return [
    `# ${meta.id}`,
    '',
    `Default severity: **${meta.defaultSeverity}** · Dialects: ${dialects} · Applies to: ${versions}`,
    '',
    '## What it flags',
    '',
    meta.docs.summary,
    '',
    '## Why it is dangerous',
    '',
    meta.docs.why,
    '',
    '## Example',
    '',
    '```sql',
    meta.docs.unsafe,
    '```',
    '',
    '## Safe alternative',
    '',
    '```sql',
    meta.docs.safe,
    '```',
    '',
    meta.docs.help,
    '',
    '## Ignoring it',
    '',
    '```sql',
    `-- ddlguard-ignore ${meta.id} -- the reason`,
    '```',
    '',
    `or \`"rules": { "${meta.id}": "off" }\` in \`ddlguard.config.json\`.`,
    '',
  ].join('\n');
}
