import type { FileSection } from '../sources/types.js';
import type { Operation } from '../model/operations.js';
import type { TransactionState } from './statement-info.js';

interface TopStatement {
  start: number;
  operations: Operation[];
}

/**
 * Which top-level statements run inside a transaction, and which share one:
 * an explicit BEGIN ... COMMIT in the file; else `--assume-in-transaction`; else the layout's convention
 * for the section the statement is in (wrapped: always; implicit: when the section holds more than one
 * statement, as PostgreSQL runs a multi-statement query in one implicit transaction).
 */
export function transactionStates(
  statements: TopStatement[],
  sections: FileSection[],
  assumeInTransaction: boolean,
): TransactionState[] {
  const sectionOf = (offset: number): number => sections.findIndex((s) => offset >= s.start && offset < s.end);
  const countInSection = new Map<number, number>();
  for (const statement of statements) {
    const section = sectionOf(statement.start);
    countInSection.set(section, (countInSection.get(section) ?? 0) + 1);
  }

  const states: TransactionState[] = [];
  let group = 0;
  let explicitOpen = false;
  const sectionGroup = new Map<number, number>();
  for (const statement of statements) {
    const action = statement.operations.find((op) => op.kind === 'transaction');
    if (action?.kind === 'transaction' && action.action === 'begin') {
      explicitOpen = true;
      group++;
      states.push({ inTransaction: true, source: 'explicit', group });
      continue;
    }
    if (action?.kind === 'transaction') {
      states.push({ inTransaction: explicitOpen, source: explicitOpen ? 'explicit' : 'none', group: explicitOpen ? group : 0 });
      explicitOpen = false;
      continue;
    }
    if (explicitOpen) {
      states.push({ inTransaction: true, source: 'explicit', group });
      continue;
    }
    const index = sectionOf(statement.start);
    const section = sections[index];
    const wrapped =
      section?.transaction === 'wrapped' ||
      (section?.transaction === 'implicit' && (countInSection.get(index) ?? 0) > 1);
    if (assumeInTransaction || wrapped) {
      let sectionTxn = sectionGroup.get(index);
      if (sectionTxn === undefined) {
        sectionTxn = ++group;
        sectionGroup.set(index, sectionTxn);
      }
      states.push({ inTransaction: true, source: assumeInTransaction ? 'assumed' : 'layout', group: sectionTxn });
      continue;
    }
    states.push({ inTransaction: false, source: 'none', group: 0 });
  }
  return states;
}
