import type { ParsedStatement } from '../parse/types.js';
import type { Operation } from '../model/operations.js';

/** How a statement will run: inside a transaction or not, and who opened it. */
export interface TransactionState {
  inTransaction: boolean;
  /** explicit: BEGIN in the file; layout: the migration tool wraps the file; assumed: --assume-in-transaction. */
  source: 'explicit' | 'layout' | 'assumed' | 'none';
  /** Statements with the same group number share one transaction (0 when not in one). */
  group: number;
}

export interface StatementInfo {
  parsed: ParsedStatement;
  operations: Operation[];
  transaction: TransactionState;
}
