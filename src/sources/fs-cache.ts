import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DirEntryInfo {
  files: Set<string>;
  dirs: Set<string>;
}

const EMPTY_DIR: DirEntryInfo = { files: new Set(), dirs: new Set() };

/**
 * Reads the file system once per path during one collection run: directory listings (for layout detection and
 * up/down pairing) and file texts (UTF-8, BOM stripped).
 */
export class FsCache {
  private readonly listings = new Map<string, Promise<DirEntryInfo>>();
  private readonly texts = new Map<string, Promise<string>>();

  /** The files and subfolders of a folder; empty when it cannot be read. */
  list(dir: string): Promise<DirEntryInfo> {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = listDir(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  async hasFile(dir: string, name: string): Promise<boolean> {
    return (await this.list(dir)).files.has(name);
  }

  async fileExists(absolutePath: string): Promise<boolean> {
    return this.hasFile(path.dirname(absolutePath), path.basename(absolutePath));
  }

  /** The file's text as UTF-8 without a leading byte-order mark. */
  readText(absolutePath: string): Promise<string> {
    let text = this.texts.get(absolutePath);
    if (text === undefined) {
      text = readFile(absolutePath, 'utf8').then(stripBom);
      this.texts.set(absolutePath, text);
    }
    return text;
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function listDir(dir: string): Promise<DirEntryInfo> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return EMPTY_DIR;
  }
  const info: DirEntryInfo = { files: new Set(), dirs: new Set() };
  for (const entry of entries) {
    if (entry.isFile()) {
      info.files.add(entry.name);
    } else if (entry.isDirectory()) {
      info.dirs.add(entry.name);
    } else if (entry.isSymbolicLink()) {
      // Follow links so that a linked migration (or folder) counts like a real one.
      try {
        const target = await stat(path.join(dir, entry.name));
        if (target.isFile()) info.files.add(entry.name);
        else if (target.isDirectory()) info.dirs.add(entry.name);
      } catch {
        // A dangling link is neither.
      }
    }
  }
  return info;
}
