import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadRules } from '../../src/engine/registry.js';
import { ruleMarkdown } from '../../src/report/rule-markdown.js';

const DOCS = path.resolve(import.meta.dirname, '../../docs/rules');

test('every rule has complete docs, and docs/rules/<id>.md is current (npm run docs)', async () => {
  for (const { meta } of await loadRules()) {
    for (const field of ['summary', 'why', 'unsafe', 'safe', 'help'] as const) {
      assert.ok(meta.docs[field].trim().length > 10, `${meta.id}: docs.${field} is empty`);
    }
    const file = path.join(DOCS, `${meta.id}.md`);
    assert.ok(existsSync(file), `${file} is missing: run npm run docs`);
    assert.equal(readFileSync(file, 'utf8'), ruleMarkdown(meta), `${meta.id}.md is stale: run npm run docs`);
  }
});
