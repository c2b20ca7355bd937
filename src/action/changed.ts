import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/** The two commits a pull request (or merge queue entry) compares. */
export interface Comparison {
  base: string;
  head: string;
}

/** Which files the run reports on. */
export type Scope =
  | { kind: 'all'; reason: string }
  | { kind: 'changed'; comparison: Comparison; files: Set<string> };

/** `only-changed` could not find the changed files (no history, not a git repository): the run fails. */
export class ChangedFilesError extends Error {}

const sha = z.string().regex(/^[0-9a-f]{7,64}$/i);
const pullRequestEvent = z.object({ pull_request: z.object({ base: z.object({ sha }), head: z.object({ sha }) }) });
const mergeGroupEvent = z.object({ merge_group: z.object({ base_sha: sha, head_sha: sha }) });

/**
 * The commits to compare, from the event payload GitHub writes to GITHUB_EVENT_PATH: `pull_request.base.sha` and
 * `pull_request.head.sha` (pull_request, pull_request_target, pull_request_review...), or a merge queue's
 * `merge_group.base_sha` / `head_sha`. Undefined for any other event (push, schedule, workflow_dispatch).
 */
export async function readComparison(eventPath: string | undefined): Promise<Comparison | undefined> {
  if (eventPath === undefined || eventPath === '') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    throw new ChangedFilesError(`cannot read the event payload ${eventPath}: ${describe(error)}`);
  }
  const pullRequest = pullRequestEvent.safeParse(payload);
  if (pullRequest.success) return { base: pullRequest.data.pull_request.base.sha, head: pullRequest.data.pull_request.head.sha };
  const mergeGroup = mergeGroupEvent.safeParse(payload);
  if (mergeGroup.success) return { base: mergeGroup.data.merge_group.base_sha, head: mergeGroup.data.merge_group.head_sha };
  return undefined;
}

/**
 * The files added, copied, modified or renamed between the merge base of `base` and `head`, and `head`
 * (`git diff --name-only <base>...<head>`, what the pull request's "Files changed" tab shows), as absolute paths.
 * Needs both commits and their merge base in the checkout: `actions/checkout` with `fetch-depth: 0`.
 */
export async function diffFiles(workspace: string, comparison: Comparison): Promise<Set<string>> {
  const args = ['diff', '--name-only', '-z', '--no-color', '--diff-filter=d', '--relative', `${comparison.base}...${comparison.head}`, '--'];
  let stdout: string;
  try {
    ({ stdout } = await run('git', args, { cwd: workspace, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    throw new ChangedFilesError(
      `cannot list the files changed between ${comparison.base} and ${comparison.head} ` +
        `(git ${args.join(' ')}): ${gitMessage(error)}. ` +
        'Check out the full history (actions/checkout with fetch-depth: 0), or set only-changed: false to lint every file.',
    );
  }
  return new Set(
    stdout
      .split('\0')
      .filter((name) => name !== '')
      .map((name) => path.resolve(workspace, name)),
  );
}

export async function findScope(workspace: string, eventPath: string | undefined, onlyChanged: boolean): Promise<Scope> {
  if (!onlyChanged) return { kind: 'all', reason: 'only-changed is false' };
  const comparison = await readComparison(eventPath);
  if (comparison === undefined) return { kind: 'all', reason: 'not a pull request event' };
  return { kind: 'changed', comparison, files: await diffFiles(workspace, comparison) };
}

function gitMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string') {
    const stderr = error.stderr.trim();
    if (stderr !== '') return stderr.split('\n').join(' ');
  }
  return describe(error);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
