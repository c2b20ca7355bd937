import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, effectiveSettings, type ConfigResolver } from '../engine/config.js';
import { analyzeFile } from '../engine/lint-file.js';
import { Catalog } from '../model/catalog.js';
import type { Operation } from '../model/operations.js';
import type { Dialect } from '../parse/types.js';
import { collectSources } from '../sources/collect.js';
import { dbmateSections } from '../sources/layouts/dbmate.js';
import type { FileSection, LayoutName, MigrationFile } from '../sources/types.js';

/**
 * What the sources layer knows about a document's file: its migration tool (so its sections and transaction
 * convention), the dialect its name gives, whether it has a down migration, and the schema the earlier migrations
 * of its set build. The editor's text replaces the file's text on disk; only these facts come from the disk.
 */
export interface DocumentSource {
  layout: LayoutName;
  /** Dialect named by the file name (`*.mysql.up.sql`), if any. */
  dialect?: Dialect;
  layoutHasDown: boolean;
  hasDown: boolean;
  /** The section (direction and transaction) a whole-file layout gives the file; dbmate files are split by markers. */
  whole: Omit<FileSection, 'start' | 'end'>;
  /** What the earlier migrations of the set did to the schema, in order (replayed into a fresh catalog per lint). */
  earlierOperations: Operation[];
}

const PLAIN: DocumentSource = {
  layout: 'plain',
  layoutHasDown: false,
  hasDown: false,
  whole: { direction: 'up', transaction: 'none' },
  earlierOperations: [],
};

/** The sections of the editor's text, as the layout would cut the file. */
export function sectionsOf(source: DocumentSource, text: string): FileSection[] {
  if (source.layout === 'dbmate') {
    const sections = dbmateSections(text);
    if (sections.length > 0) return sections;
  }
  return [{ ...source.whole, start: 0, end: text.length }];
}

/** A fresh catalog holding the schema the earlier migrations of the document's set built. */
export function earlierCatalog(source: DocumentSource): Catalog {
  const catalog = new Catalog();
  for (const op of source.earlierOperations) catalog.apply(op);
  return catalog;
}

/** A catalog that remembers what the engine applied to it, so the schema can be rebuilt without parsing again. */
class RecordingCatalog extends Catalog {
  readonly applied: Operation[] = [];

  override apply(op: Operation): void {
    this.applied.push(op);
    super.apply(op);
  }
}

/**
 * Document sources by absolute path, computed once (reading the folder and the earlier migrations) and kept until
 * something on disk changes (`clear`).
 */
export class SourceCache {
  private readonly entries = new Map<string, Promise<DocumentSource>>();

  clear(): void {
    this.entries.clear();
  }

  /** The source of a file; a file that is not on disk (not saved yet) is a plain file. */
  get(absolutePath: string | undefined, resolver: ConfigResolver): Promise<DocumentSource> {
    if (absolutePath === undefined) return Promise.resolve(PLAIN);
    let entry = this.entries.get(absolutePath);
    if (entry === undefined) {
      entry = readSource(absolutePath, resolver).catch((error: unknown) => {
        this.entries.delete(absolutePath);
        // a config error is the caller's to report; anything else (a folder that cannot be read): a plain file
        if (error instanceof ConfigError) throw error;
        return { ...PLAIN, ...dialectFromName(absolutePath) };
      });
      this.entries.set(absolutePath, entry);
    }
    return entry;
  }
}

async function readSource(absolutePath: string, resolver: ConfigResolver): Promise<DocumentSource> {
  const onDisk = await stat(absolutePath).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!onDisk) return { ...PLAIN, ...dialectFromName(absolutePath) };
  const collected = await collectSources([absolutePath], { cwd: path.dirname(absolutePath) });
  const file = collected.files.find((f) => !f.contextOnly && f.absolutePath === absolutePath);
  if (!file) return { ...PLAIN, ...dialectFromName(absolutePath) };
  const first = file.sections[0];
  const source: DocumentSource = {
    layout: file.layout,
    layoutHasDown: file.layoutHasDown,
    hasDown: file.downPath !== undefined,
    whole: first ? { direction: first.direction, transaction: first.transaction } : PLAIN.whole,
    earlierOperations: await replay(collected.files.filter((f) => f.contextOnly), resolver),
  };
  if (file.dialect) source.dialect = file.dialect;
  return source;
}

/** Runs the earlier migrations through the engine (no rules), as `lintFiles` does, recording the schema changes. */
async function replay(earlier: MigrationFile[], resolver: ConfigResolver): Promise<Operation[]> {
  const catalog = new RecordingCatalog();
  for (const file of earlier) {
    const settings = effectiveSettings(await resolver.forFile(file.absolutePath), file.absolutePath, {});
    const dialect = file.dialect ?? settings.dialect ?? 'postgres';
    if (file.shadowedFor?.includes(dialect)) continue;
    const input = { path: file.path, text: file.text, dialect, sections: file.sections };
    analyzeFile(input, settings, [], catalog);
  }
  return catalog.applied;
}

/** The dialect a file name gives when the file is not on disk (as `lint --stdin-filename` reads it). */
export function dialectFromName(name: string): { dialect?: Dialect } {
  const named = /\.(mysql|postgres)\.(?:autocommit\.)?(?:up|down)\.sql$/i.exec(name)?.[1]?.toLowerCase();
  return named === 'mysql' || named === 'postgres' ? { dialect: named } : {};
}
