import type { ParsedStatement } from '../parse/types.js';
import type { LockPrediction } from '../locks/index.js';
import type { Operation } from '../model/operations.js';
import type { Direction } from '../sources/types.js';

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
  /** The direction of the file section the statement is in (a down migration undoes an up one). */
  direction: Direction;
  operations: Operation[];
  transaction: TransactionState;
  /**
   * The locks src/locks predicts for the statement's operations (PostgreSQL; empty for MySQL), given the schema
   * known when it runs. Filled in operation by operation as the engine goes through the file.
   */
  locks: LockPrediction[];
}
