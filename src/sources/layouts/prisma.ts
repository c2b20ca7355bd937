import path from 'node:path';
import { compareCodeUnits, sortBy } from '../order.js';
import { whole, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * Prisma Migrate (https://www.prisma.io/docs/orm/prisma-migrate): `migrations/<timestamp>_<name>/migration.sql`,
 * one folder per migration (names may contain spaces), applied in folder-name order. Prisma sends the whole file
 * at once: an implicit transaction. Prisma has no down migrations; a `down.sql` kept in the migration folder (as
 * Prisma's docs suggest for hand-run rollbacks) is listed as that migration's down file.
 */
const MIGRATION_FOLDER = /^(\d+)_(.*)$/;

/** True when the folder name looks like a Prisma or Diesel migration folder. */
export function isPrismaMigrationFolder(folderName: string): boolean {
  return MIGRATION_FOLDER.test(folderName);
}

export function planPrisma(input: LayoutInput): Promise<LayoutResult> {
  const files: PlannedFile[] = [];
  const unrecognised: string[] = [];
  const byFolder = new Map<string, { up?: string; down?: string }>();
  for (const candidate of input.candidates) {
    const folder = path.basename(path.dirname(candidate));
    const fileName = path.basename(candidate);
    const entry = byFolder.get(folder) ?? {};
    if (fileName === 'migration.sql' && MIGRATION_FOLDER.test(folder)) entry.up = candidate;
    else if (fileName === 'down.sql' && MIGRATION_FOLDER.test(folder)) entry.down = candidate;
    else {
      unrecognised.push(candidate);
      continue;
    }
    byFolder.set(folder, entry);
  }
  const folders = sortBy([...byFolder.keys()], compareCodeUnits);
  for (const folder of folders) {
    const entry = byFolder.get(folder);
    const match = MIGRATION_FOLDER.exec(folder);
    if (entry === undefined || match === null) continue;
    const [, version, name] = match;
    const common = { layout: 'prisma' as const, version, name, layoutHasDown: false };
    if (entry.up !== undefined) {
      const up: PlannedFile = { ...common, absolutePath: entry.up, sections: whole('up', 'implicit') };
      if (entry.down !== undefined) up.downAbsolutePath = entry.down;
      files.push(up);
    }
    if (entry.down !== undefined) {
      files.push({ ...common, absolutePath: entry.down, sections: whole('down', 'implicit') });
    }
  }
  return Promise.resolve({ files, unrecognised });
}
