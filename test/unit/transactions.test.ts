import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { transactionStates } from '../../src/engine/transactions.js';
import type { Operation } from '../../src/model/operations.js';
import type { FileSection, TransactionConvention } from '../../src/sources/types.js';

const begin: Operation = { kind: 'transaction', action: 'begin', at: 0 };
const commit: Operation = { kind: 'transaction', action: 'commit', at: 0 };
const stmt = (start: number, ...operations: Operation[]): { start: number; operations: Operation[] } => ({ start, operations });
const whole = (transaction: TransactionConvention): FileSection[] => [{ direction: 'up', transaction, start: 0, end: 100 }];
const brief = (states: ReturnType<typeof transactionStates>): string[] =>
  states.map((s) => (s.inTransaction ? `${s.source}#${s.group}` : 'none'));

describe('transaction model', () => {
  test('explicit BEGIN ... COMMIT in a file the tool does not wrap', () => {
    const states = transactionStates([stmt(0), stmt(10, begin), stmt(20), stmt(30, commit), stmt(40)], whole('none'), false);
    assert.deepEqual(brief(states), ['none', 'explicit#1', 'explicit#1', 'explicit#1', 'none']);
  });

  test('a wrapped layout puts every statement of the section in one transaction', () => {
    assert.deepEqual(brief(transactionStates([stmt(0), stmt(10)], whole('wrapped'), false)), ['layout#1', 'layout#1']);
  });

  test('implicit: one statement runs alone, several share an implicit transaction', () => {
    assert.deepEqual(brief(transactionStates([stmt(0)], whole('implicit'), false)), ['none']);
    assert.deepEqual(brief(transactionStates([stmt(0), stmt(10)], whole('implicit'), false)), ['layout#1', 'layout#1']);
  });

  test('--assume-in-transaction, and dbmate sections with transaction:false', () => {
    assert.deepEqual(brief(transactionStates([stmt(0)], whole('none'), true)), ['assumed#1']);
    const sections: FileSection[] = [
      { direction: 'up', transaction: 'none', start: 0, end: 50 },
      { direction: 'down', transaction: 'wrapped', start: 50, end: 100 },
    ];
    assert.deepEqual(brief(transactionStates([stmt(0), stmt(10), stmt(60), stmt(70)], sections, false)), ['none', 'none', 'layout#1', 'layout#1']);
  });
});
