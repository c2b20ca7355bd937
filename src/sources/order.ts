/** Orderings shared by the layouts. All are deterministic (no locale). */

/** Compares strings by UTF-16 code units, like a plain `sort()`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two strings of decimal digits by value, of any length (`0010` equals `10`, `9` < `10`). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return compareCodeUnits(x, y);
}

/**
 * Compares with runs of digits taken as numbers (`v1.2` < `v1.10`), then by code units to break ties
 * (so `001` and `1` still get a fixed order).
 */
export function naturalCompare(a: string, b: string): number {
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  const count = Math.min(partsA.length, partsB.length);
  for (let i = 0; i < count; i++) {
    const x = partsA[i] ?? '';
    const y = partsB[i] ?? '';
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    const order = bothDigits ? compareDigits(x, y) : compareCodeUnits(x, y);
    if (order !== 0) return order;
  }
  if (partsA.length !== partsB.length) return partsA.length - partsB.length;
  return compareCodeUnits(a, b);
}

/** Compares dotted versions part by part as numbers; missing parts count as 0 (`1` = `1.0` < `1.1` < `1.10`). */
export function compareDottedVersions(a: string, b: string): number {
  const partsA = a.split('.');
  const partsB = b.split('.');
  const count = Math.max(partsA.length, partsB.length);
  for (let i = 0; i < count; i++) {
    const order = compareDigits(partsA[i] ?? '0', partsB[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** Sorts a copy by several keys, each a comparator, first key first. */
export function sortBy<T>(items: readonly T[], ...comparators: Array<(a: T, b: T) => number>): T[] {
  return [...items].sort((a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}
