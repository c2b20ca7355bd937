import { compareCodeUnits, compareDottedVersions, sortBy } from '../order.js';
import { baseName, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * Flyway (https://documentation.red-gate.com/fd/migrations): `V<version>__<description>.sql` versioned (up),
 * `U<version>__<description>.sql` undo (down), `R__<description>.sql` repeatable. A version is digits separated by
 * `.` or `_` (`V1_1__x` is version 1.1). Versioned and undo files run by version (compared part by part as
 * numbers), repeatable ones after all of them, by description. Flyway runs each file in a transaction unless a
 * script config file next to it (`V1__x.sql.conf`) says `executeInTransaction=false`.
 */
const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;

/** True when the name follows Flyway's naming (used by layout detection). */
export function isFlywayName(fileName: string): boolean {
  return VERSIONED.test(fileName) || REPEATABLE.test(fileName);
}

interface FlywayName {
  absolutePath: string;
  kind: 'V' | 'U' | 'R';
  version?: string;
  description: string;
}

function parseFlywayName(absolutePath: string): FlywayName | undefined {
  const fileName = baseName(absolutePath);
  const versioned = VERSIONED.exec(fileName);
  if (versioned !== null) {
    const [, prefix, version, description] = versioned;
    if (prefix === undefined || version === undefined || description === undefined) return undefined;
    return {
      absolutePath,
      kind: prefix === 'U' ? 'U' : 'V',
      version: version.replace(/_/g, '.'),
      description,
    };
  }
  const repeatable = REPEATABLE.exec(fileName);
  if (repeatable?.[1] !== undefined) return { absolutePath, kind: 'R', description: repeatable[1] };
  return undefined;
}

const KIND_ORDER = { V: 0, U: 1, R: 2 } as const;

export async function planFlyway(input: LayoutInput): Promise<LayoutResult> {
  const parsed: FlywayName[] = [];
  const unrecognised: string[] = [];
  for (const candidate of input.candidates) {
    const name = parseFlywayName(candidate);
    if (name === undefined) unrecognised.push(candidate);
    else parsed.push(name);
  }
  const ordered = sortBy(
    parsed,
    (a, b) => (a.kind === 'R') === (b.kind === 'R') ? 0 : a.kind === 'R' ? 1 : -1,
    (a, b) => (a.version !== undefined && b.version !== undefined ? compareDottedVersions(a.version, b.version) : 0),
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    (a, b) => compareCodeUnits(a.description, b.description),
    (a, b) => compareCodeUnits(a.absolutePath, b.absolutePath),
  );
  const undos = parsed.filter((file) => file.kind === 'U');
  const layoutHasDown = undos.length > 0;
  const files: PlannedFile[] = [];
  for (const file of ordered) {
    const transaction = (await runsOutsideTransaction(input, file.absolutePath)) ? 'none' : 'wrapped';
    const direction = file.kind === 'V' ? 'up' : file.kind === 'U' ? 'down' : 'repeatable';
    const planned: PlannedFile = {
      absolutePath: file.absolutePath,
      layout: 'flyway',
      name: file.description,
      sections: { kind: 'whole', direction, transaction },
      layoutHasDown,
    };
    if (file.version !== undefined) planned.version = file.version;
    const fileVersion = file.version;
    if (file.kind === 'V' && fileVersion !== undefined) {
      const undo = undos.find((u) => u.version !== undefined && compareDottedVersions(u.version, fileVersion) === 0);
      if (undo !== undefined) planned.downAbsolutePath = undo.absolutePath;
    }
    files.push(planned);
  }
  return { files, unrecognised };
}

/** Reads `<file>.conf` (Flyway script config) for `executeInTransaction=false`. */
async function runsOutsideTransaction(input: LayoutInput, absolutePath: string): Promise<boolean> {
  const configPath = `${absolutePath}.conf`;
  if (!(await input.fs.fileExists(configPath))) return false;
  try {
    const config = await input.fs.readText(configPath);
    return /^\s*executeInTransaction\s*=\s*false\s*$/im.test(config);
  } catch {
    return false;
  }
}
