import path from 'node:path';
import { setKey, SetLocator, type MigrationSet } from './detect.js';
import { expandInput } from './expand.js';
import { FsCache } from './fs-cache.js';
import type { PlannedFile } from './layouts/plan.js';
import { naturalCompare } from './order.js';
import { planSet } from './sets.js';
import type { CollectedSources, FileSection, MigrationFile, SourceError } from './types.js';

/**
 * Finds the migration files named by `inputs` (files, folders or globs), works out each folder's migration tool,
 * and returns the files in migration order with their sections, transaction conventions and up/down pairs.
 *
 * - Inputs keep their order; within a folder or glob, sets (folders) are ordered by path (numbers compared as
 *   numbers) and files by the tool's migration order. A file reached twice is listed once, the first time.
 * - A missing path or a glob matching no `.sql` file is an error entry; the other inputs are still collected.
 * - `path` is the input as given for a file given directly, otherwise the path relative to `cwd` with `/`.
 * - A file given directly gets the layout of its folder (so linting one file of a popx or dbmate folder, as a
 *   pre-commit hook does, treats it exactly as linting the folder would).
 */
export async function collectSources(inputs: string[], options: { cwd: string }): Promise<CollectedSources> {
  const cwd = path.resolve(options.cwd);
  const fs = new FsCache();
  const locator = new SetLocator(fs);
  const files: MigrationFile[] = [];
  const errors: SourceError[] = [];
  const seen = new Set<string>();

  // Each input's files grouped by migration set, in input order. A set reached by several inputs (a pre-commit hook
  // passes every staged file of a folder one by one) is planned once, with the members of all of them.
  const occurrences: Array<{ input: string; display: (file: string) => string; set: MigrationSet; members: Set<string>; direct: boolean }> = [];
  for (const input of inputs) {
    const expanded = await expandInput(input, cwd);
    if (expanded.kind === 'error') {
      errors.push({ input, message: expanded.message });
      continue;
    }
    const display =
      expanded.kind === 'file' ? displayAsGiven(input, expanded.absolutePath) : (file: string) => relativeTo(cwd, file);
    const listed = expanded.kind === 'file' ? [expanded.absolutePath] : expanded.absolutePaths;
    const direct = expanded.kind === 'file';
    for (const { set, members } of await groupBySet(listed, locator, cwd)) occurrences.push({ input, display, set, members, direct });
  }
  const plans = new Map<string, { wholeSet: PlannedFile[]; members: Set<string> }>();
  for (const { set, members } of occurrences) {
    const plan = plans.get(setKey(set)) ?? { wholeSet: [], members: new Set<string>() };
    for (const member of members) plan.members.add(member);
    plans.set(setKey(set), plan);
  }
  for (const [key, plan] of plans) {
    const set = occurrences.find((o) => setKey(o.set) === key)?.set;
    if (set) plan.wholeSet = await planSet(set, [...plan.members], locator, fs);
  }

  const contextRead = new Set<string>();
  for (const { input, display, set, members, direct } of occurrences) {
    const plan = plans.get(setKey(set));
    if (!plan) continue;
    if (!contextRead.has(setKey(set))) {
      contextRead.add(setKey(set));
      for (const file of earlierMigrations(plan.wholeSet, plan.members)) {
        const text = await fs.readText(file.absolutePath).catch(() => undefined);
        if (text !== undefined) files.push({ ...toMigrationFile(file, text, display, set.root), contextOnly: true });
      }
    }
    for (const planned of plan.wholeSet) {
      if (!members.has(planned.absolutePath) || seen.has(planned.absolutePath)) continue;
      seen.add(planned.absolutePath);
      let text: string;
      try {
        text = await fs.readText(planned.absolutePath);
      } catch (error) {
        errors.push({ input, message: `cannot read ${display(planned.absolutePath)}: ${describeError(error)}` });
        continue;
      }
      const file = toMigrationFile(planned, text, display, set.root);
      if (direct) file.givenDirectly = true;
      files.push(file);
    }
  }
  return { files, errors };
}

interface SetMembers {
  set: MigrationSet;
  members: Set<string>;
}

const KIND_ORDER = { sqitch: 0, prisma: 1, diesel: 2, folder: 3 } as const;

async function groupBySet(listed: readonly string[], locator: SetLocator, cwd: string): Promise<SetMembers[]> {
  const groups = new Map<string, SetMembers>();
  for (const file of listed) {
    const set = await locator.locate(file);
    const key = setKey(set);
    const group = groups.get(key) ?? { set, members: new Set<string>() };
    group.members.add(file);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      naturalCompare(relativeTo(cwd, a.set.root), relativeTo(cwd, b.set.root)) ||
      KIND_ORDER[a.set.kind] - KIND_ORDER[b.set.kind],
  );
}

/**
 * The up migrations of the set that come before the first file asked for and were not asked for themselves:
 * the schema they build is context for the files that are linted.
 */
function earlierMigrations(wholeSet: PlannedFile[], members: Set<string>): PlannedFile[] {
  const first = wholeSet.findIndex((file) => members.has(file.absolutePath));
  // only a versioned file has migrations before it (a folder of unnumbered .sql files is no history)
  if (first < 0 || wholeSet[first]?.version === undefined) return [];
  return wholeSet
    .slice(0, first)
    .filter((file) => !members.has(file.absolutePath) && file.version !== undefined && isUp(file));
}

function isUp(file: PlannedFile): boolean {
  return file.sections.kind === 'whole' ? file.sections.direction === 'up' : true;
}

function toMigrationFile(
  planned: PlannedFile,
  text: string,
  display: (file: string) => string,
  setRoot: string,
): MigrationFile {
  const sections: FileSection[] =
    planned.sections.kind === 'whole'
      ? [{ direction: planned.sections.direction, transaction: planned.sections.transaction, start: 0, end: text.length }]
      : planned.sections.sections;
  const file: MigrationFile = {
    setRoot,
    path: display(planned.absolutePath),
    absolutePath: planned.absolutePath,
    text,
    layout: planned.layout,
    sections,
    layoutHasDown: planned.layoutHasDown,
  };
  if (planned.dialect !== undefined) file.dialect = planned.dialect;
  if (planned.version !== undefined) file.version = planned.version;
  if (planned.name !== undefined) file.name = planned.name;
  if (planned.downAbsolutePath !== undefined) file.downPath = display(planned.downAbsolutePath);
  if (planned.shadowedFor !== undefined) file.shadowedFor = planned.shadowedFor;
  return file;
}

function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/**
 * Paths for a file given directly: the file itself as given; a file beside it (its down file) with the given
 * folder prefix kept; a file elsewhere (Sqitch `revert/`) joined onto the given folder.
 */
function displayAsGiven(input: string, givenFile: string): (file: string) => string {
  const slash = Math.max(input.lastIndexOf('/'), input.lastIndexOf(path.sep));
  const givenFolder = input.slice(0, slash + 1);
  return (file) => {
    if (file === givenFile) return input;
    const relative = path.relative(path.dirname(givenFile), file).split(path.sep).join('/');
    if (!relative.includes('/')) return givenFolder + relative;
    return path.posix.join(givenFolder === '' ? '.' : givenFolder, relative);
  };
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
