/** Lock knowledge in one place: modes and conflicts, per-operation predictions, and a line for people. */
export { LOCK_MODES, SQL_NAMES, blocks, conflicts, conflictsWith, type Blocked, type LockMode } from './modes.js';
export { predictLocks, type LockContext, type LockPrediction, type LockWork } from './predict.js';
export { isBinaryCoercible, dependsOnTimeZone } from './type-change.js';
export { describeLock } from './describe.js';
