/**
 * The GitHub Action's entry (action.yml runs `node dist/src/action/main.js`). Exit 0: nothing at or above
 * `fail-on`; 1: findings at or above it; 2: the Action could not do its job (bad input, no git history, bad config).
 */
import { runAction } from './run.js';

await runAction();
