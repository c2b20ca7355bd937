import { SQL_NAMES } from './modes.js';
import type { LockPrediction, LockWork } from './prediction.js';

const WORK_TEXT: Readonly<Record<LockWork, string>> = {
  metadata: 'changes the catalog only',
  rewrite: 'rewrites the table',
  'index-rewrite': 'rebuilds the index',
  scan: 'scans the whole table to validate',
  'index-build': 'builds an index over the whole table',
  data: 'reads or changes rows',
};

function blocksText(blocked: LockPrediction['blocks']): string {
  const reads = blocked.includes('reads');
  const writes = blocked.includes('writes');
  if (reads && writes) return 'blocks reads and writes';
  if (reads) return 'blocks reads';
  if (writes) return 'blocks writes';
  return 'blocks neither reads nor writes';
}

function workText(prediction: LockPrediction): string {
  if (prediction.work === 'index-rewrite' && prediction.target === 'table') return 'rebuilds indexes on it';
  return WORK_TEXT[prediction.work];
}

/** One line for people: "ACCESS EXCLUSIVE on orders: blocks reads and writes; rewrites the table". */
export function describeLock(prediction: LockPrediction): string {
  const kind = prediction.target === 'table' ? '' : `${prediction.target} `;
  const concurrently = prediction.concurrent ? ' (concurrently)' : '';
  const head = `${SQL_NAMES[prediction.mode]} on ${kind}${prediction.table}${concurrently}`;
  return `${head}: ${blocksText(prediction.blocks)}; ${workText(prediction)}`;
}
