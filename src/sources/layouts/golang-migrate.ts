import { compareCodeUnits, compareDigits, sortBy } from '../order.js';
import { baseName, numericKey, whole, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * golang-migrate (https://github.com/golang-migrate/migrate): `<version>_<name>.up.sql` and
 * `<version>_<name>.down.sql`; the name may contain dots (`0002_1.7.0_schema.up.sql`). Files run by version
 * (a number); an up file pairs with the down file of the same version. Each file is sent as one multi-statement
 * query: an implicit transaction on PostgreSQL.
 */
const GOLANG_MIGRATE = /^(\d+)_(.*)\.(up|down)\.sql$/;

export function isGolangMigrateName(fileName: string): boolean {
  return GOLANG_MIGRATE.test(fileName);
}

interface GolangMigrateName {
  absolutePath: string;
  version: string;
  name: string;
  direction: 'up' | 'down';
}

function parseName(absolutePath: string): GolangMigrateName | undefined {
  const match = GOLANG_MIGRATE.exec(baseName(absolutePath));
  if (match === null) return undefined;
  const [, version, name, direction] = match;
  if (version === undefined || name === undefined) return undefined;
  return { absolutePath, version, name, direction: direction === 'down' ? 'down' : 'up' };
}

export function planGolangMigrate(input: LayoutInput): Promise<LayoutResult> {
  const parsed: GolangMigrateName[] = [];
  const unrecognised: string[] = [];
  for (const candidate of input.candidates) {
    const name = parseName(candidate);
    if (name === undefined) unrecognised.push(candidate);
    else parsed.push(name);
  }
  const ordered = sortBy(
    parsed,
    (a, b) => compareDigits(a.version, b.version),
    (a, b) => (a.direction === b.direction ? 0 : a.direction === 'up' ? -1 : 1),
    (a, b) => compareCodeUnits(a.absolutePath, b.absolutePath),
  );
  const files = ordered.map((file): PlannedFile => {
    const planned: PlannedFile = {
      absolutePath: file.absolutePath,
      layout: 'golang-migrate',
      version: file.version,
      name: file.name,
      sections: whole(file.direction, 'implicit'),
      layoutHasDown: true,
    };
    if (file.direction === 'up') {
      const down = findDown(parsed, file);
      if (down !== undefined) planned.downAbsolutePath = down.absolutePath;
    }
    return planned;
  });
  return Promise.resolve({ files, unrecognised });
}

/** The down file of the same version, preferring one with the same name. */
function findDown(files: readonly GolangMigrateName[], up: GolangMigrateName): GolangMigrateName | undefined {
  const downs = files.filter(
    (file) => file.direction === 'down' && numericKey(file.version) === numericKey(up.version),
  );
  return downs.find((file) => file.name === up.name) ?? downs[0];
}
