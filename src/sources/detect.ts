import path from 'node:path';
import { glob } from 'tinyglobby';
import type { FsCache } from './fs-cache.js';
import { hasDbmateUpMarker } from './layouts/dbmate.js';
import { isDieselMigrationFolder } from './layouts/diesel.js';
import { isFlywayName } from './layouts/flyway.js';
import { isGolangMigrateName } from './layouts/golang-migrate.js';
import { hasPopxMarker } from './layouts/popx.js';
import { isPrismaMigrationFolder } from './layouts/prisma.js';
import { SQITCH_FOLDERS, SQITCH_PLAN } from './layouts/sqitch.js';
import type { LayoutName } from './types.js';

/**
 * Which set a file belongs to. Most tools keep one flat folder of files (`folder`: Flyway, golang-migrate, popx,
 * dbmate, plain — told apart by the file names and contents of that folder). Three keep one folder per migration
 * or per kind of script, and their set is the folder above:
 * - `sqitch`: the file lies under `deploy/`, `revert/` or `verify/` of a folder holding `sqitch.plan`;
 * - `prisma`: `<digits>_<name>/migration.sql` (and a `down.sql` beside it);
 * - `diesel`: `<digits-and-dashes>_<name>/up.sql` or `down.sql`, in a folder without `migration.sql`.
 */
export type SetKind = 'sqitch' | 'prisma' | 'diesel' | 'folder';

export interface MigrationSet {
  kind: SetKind;
  /** The folder that holds the set (for Sqitch, the folder of `sqitch.plan`). */
  root: string;
}

export function setKey(set: MigrationSet): string {
  return `${set.kind}\0${set.root}`;
}

export class SetLocator {
  private readonly sqitchRoots = new Map<string, Promise<string | undefined>>();

  constructor(private readonly fs: FsCache) {}

  async locate(absolutePath: string): Promise<MigrationSet> {
    const folder = path.dirname(absolutePath);
    const sqitchRoot = await this.sqitchRootOf(folder);
    if (sqitchRoot !== undefined) return { kind: 'sqitch', root: sqitchRoot };
    const fileName = path.basename(absolutePath);
    const folderName = path.basename(folder);
    const parent = path.dirname(folder);
    if (fileName === 'migration.sql' || fileName === 'down.sql' || fileName === 'up.sql') {
      const perMigration = await this.perMigrationKind(folder);
      if (perMigration === 'prisma' && fileName !== 'up.sql') return { kind: 'prisma', root: parent };
      if (perMigration === 'diesel' && fileName !== 'migration.sql' && isDieselMigrationFolder(folderName)) {
        return { kind: 'diesel', root: parent };
      }
    }
    return { kind: 'folder', root: folder };
  }

  /** Whether a migration folder is Prisma's (has `migration.sql`) or Diesel's (has `up.sql`/`down.sql`). */
  async perMigrationKind(folder: string): Promise<'prisma' | 'diesel' | undefined> {
    const folderName = path.basename(folder);
    const { files } = await this.fs.list(folder);
    if (isPrismaMigrationFolder(folderName) && files.has('migration.sql')) return 'prisma';
    if (isDieselMigrationFolder(folderName) && (files.has('up.sql') || files.has('down.sql'))) return 'diesel';
    return undefined;
  }

  /** The nearest folder above `folder` whose `deploy/`, `revert/` or `verify/` holds it and that has a plan. */
  private sqitchRootOf(folder: string): Promise<string | undefined> {
    let found = this.sqitchRoots.get(folder);
    if (found === undefined) {
      found = this.findSqitchRoot(folder);
      this.sqitchRoots.set(folder, found);
    }
    return found;
  }

  private async findSqitchRoot(folder: string): Promise<string | undefined> {
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    const name = path.basename(folder);
    if ((SQITCH_FOLDERS as readonly string[]).includes(name) && (await this.fs.hasFile(parent, SQITCH_PLAN))) {
      return parent;
    }
    return this.sqitchRootOf(parent);
  }
}

/** Every file of the set on disk (what detection and up/down pairing look at). */
export async function setCandidates(set: MigrationSet, locator: SetLocator, fs: FsCache): Promise<string[]> {
  switch (set.kind) {
    case 'folder': {
      const { files } = await fs.list(set.root);
      return [...files].filter((name) => /\.sql$/i.test(name)).map((name) => path.join(set.root, name));
    }
    case 'sqitch': {
      const found = await glob(
        SQITCH_FOLDERS.map((folder) => `${folder}/**/*.sql`),
        { cwd: set.root, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] },
      );
      return found.map((file) => path.resolve(file));
    }
    case 'prisma':
    case 'diesel': {
      const candidates: string[] = [];
      const { dirs } = await fs.list(set.root);
      for (const dir of dirs) {
        const folder = path.join(set.root, dir);
        if ((await locator.perMigrationKind(folder)) !== set.kind) continue;
        const { files } = await fs.list(folder);
        const names = set.kind === 'prisma' ? ['migration.sql', 'down.sql'] : ['up.sql', 'down.sql'];
        for (const name of names) {
          if (files.has(name)) candidates.push(path.join(folder, name));
        }
      }
      return candidates;
    }
  }
}

/**
 * Picks the tool of a flat folder of migration files. Names are cheap and unambiguous, so they are tried first:
 * 1. Flyway when a file is named `V<version>__x.sql`, `U<version>__x.sql` or `R__x.sql` (the double underscore
 *    is Flyway's alone);
 * 2. popx when a file has a dialect or autocommit part (`.postgres.`, `.mysql.`, `.sqlite3.`, `.cockroach.`,
 *    `.autocommit.` before `up.sql`/`down.sql`) — golang-migrate has no such parts;
 * 3. golang-migrate when a file is named `<digits>_<name>.up.sql` or `.down.sql`;
 * 4. dbmate when a file has a `-- migrate:up` marker line: dbmate names (`<timestamp>_x.sql`) look like plain
 *    numbered files, so only the content tells;
 * 5. plain otherwise.
 * One matching file is enough: a folder belongs to one tool, and files that do not follow its naming are listed
 * as plain files after the tool's own.
 */
export async function detectFolderLayout(candidates: readonly string[], fs: FsCache): Promise<LayoutName> {
  const names = candidates.map((candidate) => path.basename(candidate));
  if (names.some(isFlywayName)) return 'flyway';
  if (names.some(hasPopxMarker)) return 'popx';
  if (names.some(isGolangMigrateName)) return 'golang-migrate';
  for (const candidate of candidates) {
    try {
      if (hasDbmateUpMarker(await fs.readText(candidate))) return 'dbmate';
    } catch {
      // An unreadable file says nothing about the layout; reading it for linting reports the problem.
    }
  }
  return 'plain';
}
