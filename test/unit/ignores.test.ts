import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { directiveTarget, parseIgnoreDirectives } from '../../src/engine/ignores.js';
import { LineIndex } from '../../src/parse/positions.js';

const comment = (text: string, start = 0): { text: string; start: number; end: number } => ({ text, start, end: start + text.length });

describe('ignore directives', () => {
  test('rule lists, bare ignores, file scope and reasons', () => {
    const parsed = parseIgnoreDirectives([
      comment('-- ddlguard-ignore rule-a, rule-b'),
      comment('-- ddlguard-ignore'),
      comment('-- ddlguard-ignore-file rule-c -- generated file'),
      comment('/* ddlguard-ignore rule-d */'),
      comment('# ddlguard-ignore rule-e'),
      comment('-- ddlguard-ignored is not a directive'),
      comment('-- see ddlguard-ignore docs'),
    ]);
    assert.deepEqual(
      parsed.map((d) => [d.scope, d.rules]),
      [
        ['statement', ['rule-a', 'rule-b']],
        ['statement', []],
        ['file', ['rule-c']],
        ['statement', ['rule-d']],
        ['statement', ['rule-e']],
      ],
    );
  });

  test('a directive applies to the next statement, or to the one whose last line it trails', () => {
    const text = 'UPDATE a SET x = 1; -- trailing\n-- before\nUPDATE b SET x = 1;\n';
    const index = new LineIndex(text);
    const statements = [
      { start: 0, end: 18 },
      { start: text.indexOf('UPDATE b'), end: text.indexOf('UPDATE b') + 18 },
    ];
    const lineOf = (o: number): number => index.position(o).line;
    assert.equal(directiveTarget(comment('-- trailing', text.indexOf('-- trailing')), statements, lineOf), statements[0]);
    assert.equal(directiveTarget(comment('-- before', text.indexOf('-- before')), statements, lineOf), statements[1]);
  });
});
