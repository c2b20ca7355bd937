import path from 'node:path';
import { compareCodeUnits, compareDigits, sortBy } from '../order.js';
import type { TransactionConvention } from '../types.js';
import { whole, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * Diesel (https://diesel.rs/guides/getting-started): `migrations/<version>_<name>/up.sql` and `down.sql`, the
 * version a timestamp such as `2017-12-12-123456` or `00000000000000` (Diesel records it without dashes).
 * Migrations run by version; each file runs in a transaction unless the folder's `metadata.toml` says
 * `run_in_transaction = false`.
 */
const MIGRATION_FOLDER = /^(\d[\d-]*)_(.*)$/;

export function isDieselMigrationFolder(folderName: string): boolean {
  return MIGRATION_FOLDER.test(folderName);
}

interface DieselFolder {
  folder: string;
  folderPath: string;
  version: string;
  name: string;
  up?: string;
  down?: string;
}

export async function planDiesel(input: LayoutInput): Promise<LayoutResult> {
  const unrecognised: string[] = [];
  const byFolder = new Map<string, DieselFolder>();
  for (const candidate of input.candidates) {
    const folderPath = path.dirname(candidate);
    const folder = path.basename(folderPath);
    const fileName = path.basename(candidate);
    const match = MIGRATION_FOLDER.exec(folder);
    const version = match?.[1];
    const name = match?.[2];
    if (version === undefined || name === undefined || (fileName !== 'up.sql' && fileName !== 'down.sql')) {
      unrecognised.push(candidate);
      continue;
    }
    const entry = byFolder.get(folderPath) ?? { folder, folderPath, version: version.replace(/-/g, ''), name };
    if (fileName === 'up.sql') entry.up = candidate;
    else entry.down = candidate;
    byFolder.set(folderPath, entry);
  }
  const ordered = sortBy(
    [...byFolder.values()],
    (a, b) => compareDigits(a.version, b.version),
    (a, b) => compareCodeUnits(a.folder, b.folder),
  );
  const files: PlannedFile[] = [];
  for (const entry of ordered) {
    const transaction = await folderTransaction(input, entry.folderPath);
    const common = { layout: 'diesel' as const, version: entry.version, name: entry.name, layoutHasDown: true };
    if (entry.up !== undefined) {
      const up: PlannedFile = { ...common, absolutePath: entry.up, sections: whole('up', transaction) };
      if (entry.down !== undefined) up.downAbsolutePath = entry.down;
      files.push(up);
    }
    if (entry.down !== undefined) {
      files.push({ ...common, absolutePath: entry.down, sections: whole('down', transaction) });
    }
  }
  return { files, unrecognised };
}

async function folderTransaction(input: LayoutInput, folderPath: string): Promise<TransactionConvention> {
  if (!(await input.fs.hasFile(folderPath, 'metadata.toml'))) return 'wrapped';
  try {
    const metadata = await input.fs.readText(path.join(folderPath, 'metadata.toml'));
    return /^\s*run_in_transaction\s*=\s*false\b/m.test(metadata) ? 'none' : 'wrapped';
  } catch {
    return 'wrapped';
  }
}
