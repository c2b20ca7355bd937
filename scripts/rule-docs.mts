// Writes docs/rules/<id>.md for every rule (npm run docs). test/unit/rule-docs.test.ts checks they are current.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadRules } from '../src/engine/registry.js';
import { ruleMarkdown } from '../src/report/rule-markdown.js';

const dir = path.resolve(import.meta.dirname, '../docs/rules');
mkdirSync(dir, { recursive: true });
const rules = await loadRules();
for (const rule of rules) writeFileSync(path.join(dir, `${rule.meta.id}.md`), ruleMarkdown(rule.meta));
const index = ['# Rules', '', '| rule | default | dialects | what it flags |', '|---|---|---|---|'];
for (const { meta } of rules) {
  index.push(`| [${meta.id}](${meta.id}.md) | ${meta.defaultSeverity} | ${meta.dialects.join(', ')} | ${meta.docs.summary} |`);
}
writeFileSync(path.join(dir, 'README.md'), `${index.join('\n')}\n`);
process.stdout.write(`wrote ${rules.length} rule docs to ${path.relative(process.cwd(), dir)}\n`);
