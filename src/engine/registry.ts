import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Rule, RuleMeta } from './rule.js';

/** rules/ next to src/ (in the repository) or next to dist/src/ (when built). */
const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

function isRule(value: unknown): value is Rule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'meta' in value &&
    'check' in value &&
    typeof value.check === 'function'
  );
}

let loaded: Promise<Rule[]> | undefined;

/** Every rule: one module per file in rules/, each with a default export. Sorted by id. */
export function loadRules(): Promise<Rule[]> {
  loaded ??= (async () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .sort();
    const rules: Rule[] = [];
    for (const file of files) {
      const module: unknown = await import(pathToFileURL(path.join(RULES_DIR, file)).href);
      const rule = typeof module === 'object' && module !== null && 'default' in module ? module.default : undefined;
      if (!isRule(rule)) throw new Error(`rules/${file} has no default export of a rule`);
      if (rule.meta.id !== path.basename(file).replace(/\.(ts|js)$/, '')) {
        throw new Error(`rules/${file} declares id "${rule.meta.id}": a rule's file is named after its id`);
      }
      rules.push(rule);
    }
    return rules.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  })();
  return loaded;
}

export function ruleMetaMap(rules: Rule[]): Map<string, RuleMeta> {
  return new Map(rules.map((rule) => [rule.meta.id, rule.meta]));
}
