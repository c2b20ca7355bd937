import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** What one command-line input stands for. */
export type ExpandedInput =
  | { kind: 'file'; absolutePath: string }
  | { kind: 'found'; absolutePaths: string[] }
  | { kind: 'error'; message: string };

const SKIPPED_FOLDERS = ['**/node_modules/**', '**/.git/**'];

/**
 * A path that exists is taken as a path (even when it contains glob characters such as `[`): a file stands for
 * itself, a folder for every `*.sql` file under it (not under `node_modules` or `.git`). Otherwise an input with
 * glob syntax is a glob (its `.sql` matches); anything else is a missing path.
 */
export async function expandInput(input: string, cwd: string): Promise<ExpandedInput> {
  const absolutePath = path.resolve(cwd, input);
  let stats;
  try {
    stats = await stat(absolutePath);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return { kind: 'error', message: `cannot access ${input}: ${code ?? 'unknown error'}` };
    if (isDynamicPattern(input)) return expandGlob(input, cwd);
    return { kind: 'error', message: `no such file or directory: ${input}` };
  }
  if (stats.isFile()) return { kind: 'file', absolutePath };
  if (stats.isDirectory()) {
    const found = await glob('**/*.sql', {
      cwd: absolutePath,
      absolute: true,
      dot: true,
      caseSensitiveMatch: false,
      ignore: SKIPPED_FOLDERS,
    });
    return { kind: 'found', absolutePaths: found.map((file) => path.resolve(file)) };
  }
  return { kind: 'error', message: `not a file or directory: ${input}` };
}

async function expandGlob(pattern: string, cwd: string): Promise<ExpandedInput> {
  // A pattern that names node_modules or .git on purpose may look inside them.
  const ignore = /(^|\/)(node_modules|\.git)(\/|$)/.test(pattern) ? [] : SKIPPED_FOLDERS;
  const matches = await glob(pattern, { cwd, absolute: true, dot: true, ignore });
  const sqlFiles = matches.filter((file) => /\.sql$/i.test(file)).map((file) => path.resolve(file));
  if (sqlFiles.length > 0) return { kind: 'found', absolutePaths: sqlFiles };
  const message = matches.length > 0 ? `no .sql files match: ${pattern}` : `no files match: ${pattern}`;
  return { kind: 'error', message };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
