/**
 * Static vs observed: does what src/locks predicted for a statement match what the server did?
 *
 * Per relation that existed before the statement, the strongest observed mode must equal the strongest predicted
 * mode, and the set of rewritten relations must agree. Relations the statement created are ignored on both sides.
 * Implied, and so not mismatches:
 * - a lock on an index of a table with a prediction, no stronger than the table's predicted mode (the planner
 *   opens a table's indexes; a rewrite rebuilds them under the table's ACCESS EXCLUSIVE);
 * - new storage for the indexes of a table predicted to be rewritten, or truncated (TRUNCATE is predicted
 *   `work: data` under ACCESS EXCLUSIVE, and gives the table and its indexes new relfilenodes).
 * Predictions on types (object locks, not relation locks) are not compared.
 */
import { LOCK_MODES, type LockMode, type LockPrediction } from '../locks/index.js';
import type { Observation } from './observe.js';

export interface Comparison {
  match: 'confirmed' | 'mismatch';
  /** Why it is a mismatch (one line per difference); empty when confirmed. */
  reasons: string[];
}

const strength = (mode: LockMode): number => LOCK_MODES.indexOf(mode);
const strongest = (modes: LockMode[]): LockMode | undefined =>
  modes.reduce<LockMode | undefined>((best, mode) => (best === undefined || strength(mode) > strength(best) ? mode : best), undefined);

/** The observed relation name a predicted name stands for (`public.t` and `t` are the same relation). */
function resolve(observation: Observation, predicted: string): string {
  const lower = predicted.toLowerCase();
  if (observation.relations[lower]) return lower;
  const dot = lower.indexOf('.');
  if (dot >= 0) {
    const schema = lower.slice(0, dot);
    const name = lower.slice(dot + 1);
    const found = Object.values(observation.relations).find((r) => r.schema === schema && r.name === name);
    if (found) return found.display;
    if (schema === 'public') return name;
  }
  return lower;
}

/** Expects storage replacement: a rewrite, or TRUNCATE (the only ACCESS EXCLUSIVE `data` prediction). */
const replacesStorage = (p: LockPrediction): boolean => p.rewrite || (p.work === 'data' && p.mode === 'AccessExclusiveLock');

export function compare(observation: Observation, predictions: readonly LockPrediction[]): Comparison {
  const reasons: string[] = [];
  if (observation.error !== undefined) return { match: 'mismatch', reasons: [`The statement failed: ${observation.error}`] };
  const relevant = predictions.filter((p) => p.target !== 'type');
  const placeholders = relevant.filter((p) => p.placeholder);
  if (placeholders.length > 0) {
    reasons.push(`The prediction names no relation (${placeholders.map((p) => p.table).join(', ')}): it cannot be checked.`);
  }
  const created = new Set(observation.created);

  // Locks.
  const predictedModes = new Map<string, LockMode[]>();
  for (const p of relevant) {
    if (p.placeholder) continue;
    const name = resolve(observation, p.table);
    if (created.has(name)) continue;
    predictedModes.set(name, [...(predictedModes.get(name) ?? []), p.mode]);
  }
  const observedModes = new Map<string, LockMode[]>();
  for (const l of observation.locks) {
    if (created.has(l.table)) continue;
    observedModes.set(l.table, [...(observedModes.get(l.table) ?? []), l.mode]);
  }
  if (observation.locksObserved) {
    for (const name of new Set([...predictedModes.keys(), ...observedModes.keys()])) {
      const predicted = strongest(predictedModes.get(name) ?? []);
      const observed = strongest(observedModes.get(name) ?? []);
      if (predicted === observed) continue;
      if (predicted === undefined && observed !== undefined) {
        const table = observation.relations[name]?.table;
        const tableMode = table === undefined ? undefined : strongest(predictedModes.get(table) ?? []);
        if (tableMode !== undefined && strength(observed) <= strength(tableMode)) continue;
      }
      reasons.push(`${name}: predicted ${predicted ?? 'no lock'}, observed ${observed ?? 'no lock'}.`);
    }
  }

  // Rewrites.
  const expected = new Set<string>();
  for (const p of relevant) {
    if (p.placeholder) continue;
    const name = resolve(observation, p.table);
    if (p.rewrite || p.work === 'index-rewrite') expected.add(name);
  }
  const storageReplaced = new Set(relevant.filter((p) => !p.placeholder && replacesStorage(p)).map((p) => resolve(observation, p.table)));
  const observed = new Set(observation.rewrites.filter((name) => !created.has(name)));
  for (const name of observed) {
    if (expected.has(name) || storageReplaced.has(name)) continue;
    const table = observation.relations[name]?.table;
    if (table !== undefined && storageReplaced.has(table)) continue;
    reasons.push(`${name}: rewritten (new relfilenode), not predicted.`);
  }
  for (const name of new Set([...expected, ...storageReplaced])) {
    if (created.has(name) || observed.has(name)) continue;
    reasons.push(`${name}: predicted ${expected.has(name) ? 'a rewrite' : 'new storage'}, relfilenode unchanged.`);
  }
  return { match: reasons.length === 0 ? 'confirmed' : 'mismatch', reasons };
}
