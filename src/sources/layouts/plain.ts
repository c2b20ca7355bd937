import path from 'node:path';
import { compareCodeUnits, compareDigits, naturalCompare, sortBy } from '../order.js';
import { whole, type PlannedFile } from './plan.js';

/**
 * Plain numbered files (`001_init.sql`, `0002-add-users.sql`, anything no tool claims): run in the order of the
 * leading number (compared as a number), then by name; no transaction unless the file opens one.
 *
 * Some projects keep hand-written down files next to the up files (`V0001.Initial.up.sql` /
 * `V0001.Initial.down.sql`): a `*.down.sql` file is a down migration and pairs with the `*.up.sql` file of the
 * same stem; when a set has such files it has down migrations at all.
 */
interface PlainName {
  absolutePath: string;
  number?: string;
  /** The file name without `.sql` and without a trailing `.up` / `.down`. */
  stem: string;
  direction: 'up' | 'down';
}

export function parsePlainName(absolutePath: string): PlainName {
  const base = path.basename(absolutePath);
  const withoutExt = base.replace(/\.sql$/i, '');
  const directionMatch = /^(.*)\.(up|down)$/i.exec(withoutExt);
  const stem = directionMatch?.[1] ?? withoutExt;
  const direction = directionMatch?.[2]?.toLowerCase() === 'down' ? 'down' : 'up';
  const number = /^\d+/.exec(stem)?.[0];
  return number === undefined ? { absolutePath, stem, direction } : { absolutePath, number, stem, direction };
}

/** The name after the leading number and its separator (`001_add_users` -> `add_users`). */
function plainName(parsed: PlainName): string {
  if (parsed.number === undefined) return parsed.stem;
  const rest = parsed.stem.slice(parsed.number.length).replace(/^[_\-. ]+/, '');
  return rest === '' ? parsed.stem : rest;
}

export function planPlain(candidates: readonly string[]): PlannedFile[] {
  const parsed = candidates.map(parsePlainName);
  const ordered = sortBy(
    parsed,
    // Numbered files first, by number; unnumbered files after them.
    (a, b) => {
      if (a.number !== undefined && b.number !== undefined) return compareDigits(a.number, b.number);
      if (a.number !== undefined) return -1;
      if (b.number !== undefined) return 1;
      return 0;
    },
    (a, b) => naturalCompare(a.stem, b.stem),
    (a, b) => (a.direction === b.direction ? 0 : a.direction === 'up' ? -1 : 1),
    (a, b) => compareCodeUnits(a.absolutePath, b.absolutePath),
  );
  const downs = new Map<string, string>();
  for (const file of parsed) {
    if (file.direction === 'down') {
      downs.set(path.join(path.dirname(file.absolutePath), file.stem), file.absolutePath);
    }
  }
  const layoutHasDown = downs.size > 0;
  return ordered.map((file): PlannedFile => {
    const planned: PlannedFile = {
      absolutePath: file.absolutePath,
      layout: 'plain',
      name: plainName(file),
      sections: whole(file.direction, 'none'),
      layoutHasDown,
    };
    if (file.number !== undefined) planned.version = file.number;
    if (file.direction === 'up' && /\.up\.sql$/i.test(file.absolutePath)) {
      const down = downs.get(path.join(path.dirname(file.absolutePath), file.stem));
      if (down !== undefined) planned.downAbsolutePath = down;
    }
    return planned;
  });
}
