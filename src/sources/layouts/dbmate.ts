import { compareCodeUnits, compareDigits, sortBy } from '../order.js';
import type { FileSection, TransactionConvention } from '../types.js';
import { baseName, type LayoutInput, type LayoutResult, type PlannedFile } from './plan.js';

/**
 * dbmate (https://github.com/amacneil/dbmate): `<version>_<name>.sql` files holding both directions, each
 * introduced by a marker line:
 *
 *     -- migrate:up
 *     CREATE TABLE ...;
 *     -- migrate:down transaction:false
 *     DROP TABLE ...;
 *
 * A section runs from its marker line to the next marker line (or the end of the file). dbmate runs each section
 * in a transaction unless its marker line has the option `transaction:false`. Files run by the numeric prefix.
 */
const MARKER = /^--[ \t]*migrate:(up|down)(?=[ \t]|\r?$)([^\r\n]*)$/gm;

/** True when the text has a `-- migrate:up` marker line (what makes a folder a dbmate folder). */
export function hasDbmateUpMarker(text: string): boolean {
  for (const match of text.matchAll(MARKER)) {
    if (match[1] === 'up') return true;
  }
  return false;
}

/** The sections of a dbmate file, in text order. */
export function dbmateSections(text: string): FileSection[] {
  const markers = [...text.matchAll(MARKER)].map((match) => ({
    start: match.index,
    direction: match[1] === 'down' ? ('down' as const) : ('up' as const),
    transaction: transactionOption(match[2] ?? ''),
  }));
  return markers.map((marker, i) => ({
    direction: marker.direction,
    transaction: marker.transaction,
    start: marker.start,
    end: markers[i + 1]?.start ?? text.length,
  }));
}

/** Options are space-separated `key:value` words after the marker; only `transaction` matters here. */
function transactionOption(options: string): TransactionConvention {
  const words = options.trim().split(/\s+/);
  return words.includes('transaction:false') ? 'none' : 'wrapped';
}

/** True when the section holds something other than whitespace and comments. */
function hasStatements(text: string): boolean {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\r\n]*/g, ' ');
  return withoutComments.trim() !== '';
}

interface DbmateEntry {
  planned: PlannedFile;
  version?: string;
  fileName: string;
}

export async function planDbmate(input: LayoutInput): Promise<LayoutResult> {
  const entries: DbmateEntry[] = [];
  const unrecognised: string[] = [];
  for (const candidate of input.candidates) {
    let text: string;
    try {
      text = await input.fs.readText(candidate);
    } catch {
      unrecognised.push(candidate);
      continue;
    }
    const sections = dbmateSections(text);
    if (!sections.some((section) => section.direction === 'up')) {
      unrecognised.push(candidate);
      continue;
    }
    const fileName = baseName(candidate);
    const match = /^(\d+)(?:_(.*))?\.sql$/i.exec(fileName);
    const planned: PlannedFile = {
      absolutePath: candidate,
      layout: 'dbmate',
      name: match?.[2] ?? fileName.replace(/\.sql$/i, ''),
      sections: { kind: 'split', sections },
      layoutHasDown: true,
    };
    const version = match?.[1];
    if (version !== undefined) planned.version = version;
    const down = sections.find((section) => section.direction === 'down');
    if (down !== undefined && hasStatements(text.slice(down.start, down.end))) {
      planned.downAbsolutePath = candidate;
    }
    entries.push(version === undefined ? { planned, fileName } : { planned, version, fileName });
  }
  const ordered = sortBy(
    entries,
    // Files with a numeric prefix first, by number; others after them, by name.
    (a, b) => {
      if (a.version !== undefined && b.version !== undefined) return compareDigits(a.version, b.version);
      return a.version !== undefined ? -1 : b.version !== undefined ? 1 : 0;
    },
    (a, b) => compareCodeUnits(a.fileName, b.fileName),
  );
  return { files: ordered.map((entry) => entry.planned), unrecognised };
}
