import { watch, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileChangeType, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver/node';
import { documentPath } from './analyze.js';

/** The files a config can live in (src/engine/config.ts searches these, from a file's folder upward). */
export const CONFIG_FILE_NAMES: readonly string[] = ['ddlguard.config.json', '.ddlguardrc.json', 'package.json'];

/** What the client is asked to watch (workspace/didChangeWatchedFiles): configs, and migrations (a set's layout). */
export const WATCHERS: FileSystemWatcher[] = [
  ...CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })),
  { globPattern: '**/*.sql' },
];

/** `config`: settings may have changed; `migration`: a set's files changed (layouts, earlier migrations). */
export type ChangeKind = 'config' | 'migration';

export function classifyFile(filePath: string): ChangeKind | undefined {
  if (filePath.split(/[\\/]/).includes('node_modules')) return undefined;
  const name = path.basename(filePath);
  if (CONFIG_FILE_NAMES.includes(name)) return 'config';
  if (/\.sql$/i.test(name)) return 'migration';
  return undefined;
}

/** The strongest kind of change among the events the client sent (config beats migration). */
export function classifyEvents(events: readonly FileEvent[]): ChangeKind | undefined {
  let kind: ChangeKind | undefined;
  for (const event of events) {
    if (event.type !== FileChangeType.Created && event.type !== FileChangeType.Changed && event.type !== FileChangeType.Deleted) continue;
    const filePath = documentPath(event.uri);
    const found = filePath === undefined ? undefined : classifyFile(filePath);
    if (found === 'config') return 'config';
    kind ??= found;
  }
  return kind;
}

/**
 * For clients that cannot watch files for the server: `fs.watch` on every folder a config of an open document
 * could be in (the document's folder and each folder above it, up to the home folder, where the config search
 * stops) and on the document's own folder for migrations.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly stopDir = os.homedir();

  constructor(private readonly onChange: (kind: ChangeKind) => void) {}

  /** Watches the folders that matter to a document (once per folder). */
  watchFor(documentFile: string): void {
    let dir = path.dirname(documentFile);
    for (;;) {
      this.watchFolder(dir);
      const parent = path.dirname(dir);
      if (dir === this.stopDir || parent === dir) break;
      dir = parent;
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchFolder(dir: string): void {
    if (this.watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        const kind = name ? classifyFile(path.join(dir, name.toString())) : undefined;
        if (kind) this.onChange(kind);
      });
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      // a folder that cannot be watched (gone, no permission): its configs are read again on the next reset
    }
  }
}
