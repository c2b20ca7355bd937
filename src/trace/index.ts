/** Observing statements on a shadow database, and checking src/locks' predictions against what was observed. */
export { observeStatement, type Observation, type ObservedLock, type ObserveOptions } from './observe.js';
export { compare, type Comparison } from './compare.js';
export { snapshot, rewritten, type RelationInfo, type Snapshot } from './snapshot.js';
