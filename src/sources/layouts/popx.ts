import type { Dialect } from '../../parse/types.js';
import { compareCodeUnits, compareDigits, sortBy } from '../order.js';
import { baseName, numericKey, whole, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * gobuffalo pop / ory popx (https://github.com/ory/x/tree/master/popx):
 * `<timestamp>_<name>[.<dialect>][.autocommit].{up,down}.sql`.
 *
 * - A dialect part (postgres, mysql, sqlite3, cockroach; pop also knows mssql) limits the file to that database;
 *   a file without one is dialect-neutral. sqlite3/cockroach/mssql files are not ours and are not listed.
 * - For one version and direction, the tool runs the file of the connection's dialect when there is one and the
 *   dialect-neutral file only otherwise: a neutral file records in `shadowedFor` the dialects it is replaced for.
 * - `.autocommit.` files run outside a transaction; the others inside one.
 * - An up file pairs with the down file of the same version: of the same dialect, else the neutral one.
 */
const POPX = /^(\d+)_(.+?)(?:\.(postgres|mysql|sqlite3|cockroach|mssql))?(\.autocommit)?\.(up|down)\.sql$/;
const POPX_MARKER = /\.(postgres|mysql|sqlite3|cockroach|mssql|autocommit)\.(?:autocommit\.)?(?:up|down)\.sql$/;

/** True when the name has a dialect or autocommit part: what tells popx apart from golang-migrate. */
export function hasPopxMarker(fileName: string): boolean {
  return POPX_MARKER.test(fileName);
}

interface PopxName {
  absolutePath: string;
  version: string;
  name: string;
  /** undefined: dialect-neutral. */
  dialect?: string;
  autocommit: boolean;
  direction: 'up' | 'down';
}

function parseName(absolutePath: string): PopxName | undefined {
  const match = POPX.exec(baseName(absolutePath));
  if (match === null) return undefined;
  const [, version, name, dialect, autocommit, direction] = match;
  if (version === undefined || name === undefined) return undefined;
  const parsed: PopxName = {
    absolutePath,
    version,
    name,
    autocommit: autocommit !== undefined,
    direction: direction === 'down' ? 'down' : 'up',
  };
  if (dialect !== undefined) parsed.dialect = dialect;
  return parsed;
}

function ourDialect(dialect: string | undefined): Dialect | undefined {
  return dialect === 'postgres' || dialect === 'mysql' ? dialect : undefined;
}

const DIALECT_ORDER: Record<string, number> = { postgres: 0, mysql: 1 };

export function planPopx(input: LayoutInput): Promise<LayoutResult> {
  const parsed: PopxName[] = [];
  const unrecognised: string[] = [];
  for (const candidate of input.candidates) {
    const name = parseName(candidate);
    if (name === undefined) unrecognised.push(candidate);
    else parsed.push(name);
  }
  // Files for other databases are dropped here (not listed, not unrecognised).
  const ours = parsed.filter((file) => file.dialect === undefined || ourDialect(file.dialect) !== undefined);
  const ordered = sortBy(
    ours,
    (a, b) => compareDigits(a.version, b.version),
    (a, b) => (a.direction === b.direction ? 0 : a.direction === 'up' ? -1 : 1),
    (a, b) => (DIALECT_ORDER[a.dialect ?? ''] ?? 2) - (DIALECT_ORDER[b.dialect ?? ''] ?? 2),
    (a, b) => compareCodeUnits(a.absolutePath, b.absolutePath),
  );
  const files = ordered.map((file): PlannedFile => {
    const planned: PlannedFile = {
      absolutePath: file.absolutePath,
      layout: 'popx',
      version: file.version,
      name: file.name,
      sections: whole(file.direction, file.autocommit ? 'none' : 'wrapped'),
      layoutHasDown: true,
    };
    const dialect = ourDialect(file.dialect);
    if (dialect !== undefined) planned.dialect = dialect;
    if (file.direction === 'up') {
      const down = findDown(ours, file);
      if (down !== undefined) planned.downAbsolutePath = down.absolutePath;
    }
    if (file.dialect === undefined) {
      const shadowedFor = (['postgres', 'mysql'] as const).filter((d) =>
        ours.some((other) => sameStep(other, file) && other.dialect === d),
      );
      if (shadowedFor.length > 0) planned.shadowedFor = shadowedFor;
    }
    return planned;
  });
  return Promise.resolve({ files, unrecognised });
}

function sameStep(a: PopxName, b: PopxName): boolean {
  return a.direction === b.direction && numericKey(a.version) === numericKey(b.version);
}

/**
 * The down file of the same version: the up file's own dialect first, then a neutral one. A neutral up file
 * takes a neutral down file, else a dialect-specific one (its down exists for that database).
 */
function findDown(files: readonly PopxName[], up: PopxName): PopxName | undefined {
  const downs = files.filter((file) => file.direction === 'down' && numericKey(file.version) === numericKey(up.version));
  const preference = up.dialect === undefined ? [undefined, 'postgres', 'mysql'] : [up.dialect, undefined];
  for (const dialect of preference) {
    const found = downs.find((file) => file.dialect === dialect);
    if (found !== undefined) return found;
  }
  return undefined;
}
