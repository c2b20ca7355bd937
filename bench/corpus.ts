// The PostgreSQL corpora in ../shared/corpus (read in place, never copied).
import fs from 'node:fs';
import path from 'node:path';

export interface Corpus {
  name: string;
  dir: string;
  /** absolute paths, sorted, of the .sql files */
  files: string[];
  bytes: number;
}

export function isPostgresCorpus(name: string): boolean {
  return name.endsWith('-pg') || name.startsWith('pg-regress-');
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) out.push(full);
  }
}

export function listPostgresCorpora(root: string, only?: readonly string[]): Corpus[] {
  if (!fs.existsSync(root)) throw new Error(`corpus folder not found: ${root}`);
  const names = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isPostgresCorpus(e.name))
    .map((e) => e.name)
    .filter((name) => only === undefined || only.some((o) => name.includes(o)))
    .sort();
  return names.map((name) => {
    const dir = path.join(root, name);
    const files: string[] = [];
    walk(dir, files);
    files.sort();
    return { name, dir, files, bytes: totalBytes(files) };
  });
}

export function totalBytes(files: readonly string[]): number {
  return files.reduce((n, f) => n + fs.statSync(f).size, 0);
}
