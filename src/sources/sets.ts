import type { FsCache } from './fs-cache.js';
import { detectFolderLayout, setCandidates, type MigrationSet, type SetLocator } from './detect.js';
import { planDbmate } from './layouts/dbmate.js';
import { planDiesel } from './layouts/diesel.js';
import { planFlyway } from './layouts/flyway.js';
import { planGolangMigrate } from './layouts/golang-migrate.js';
import type { LayoutInput, LayoutResult, PlannedFile } from './layouts/plan.js';
import { planPlain } from './layouts/plain.js';
import { planPopx } from './layouts/popx.js';
import { planPrisma } from './layouts/prisma.js';
import { planSqitch } from './layouts/sqitch.js';

/**
 * Plans a whole set in migration order: the files its tool runs, then the files the tool does not recognise as
 * plain files. `extra` are files asked for that the set's listing does not hold (e.g. a file given by name
 * without the `.sql` extension).
 */
export async function planSet(
  set: MigrationSet,
  extra: readonly string[],
  locator: SetLocator,
  fs: FsCache,
): Promise<PlannedFile[]> {
  const candidates = await setCandidates(set, locator, fs);
  const known = new Set(candidates);
  for (const file of extra) {
    if (!known.has(file)) candidates.push(file);
  }
  const input: LayoutInput = { root: set.root, candidates, fs };
  const result = await planLayout(set, input, fs);
  return [...result.files, ...planPlain(result.unrecognised)];
}

async function planLayout(set: MigrationSet, input: LayoutInput, fs: FsCache): Promise<LayoutResult> {
  switch (set.kind) {
    case 'sqitch':
      return planSqitch(input);
    case 'prisma':
      return planPrisma(input);
    case 'diesel':
      return planDiesel(input);
    case 'folder':
      break;
  }
  const layout = await detectFolderLayout(input.candidates, fs);
  switch (layout) {
    case 'flyway':
      return planFlyway(input);
    case 'popx':
      return planPopx(input);
    case 'golang-migrate':
      return planGolangMigrate(input);
    case 'dbmate':
      return planDbmate(input);
    default:
      return { files: [], unrecognised: input.candidates };
  }
}
