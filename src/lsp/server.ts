import { format } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { loadRules } from '../engine/registry.js';
import { PACKAGE_INFO } from '../package-info.js';
import { loadPostgresParser } from '../parse/postgres/parse.js';
import { Analyzer, documentPath, type DocumentAnalysis } from './analyze.js';
import { codeActions } from './code-actions.js';
import { classifyEvents, FolderWatcher, WATCHERS, type ChangeKind } from './config-watch.js';
import { toDiagnostics } from './diagnostics.js';
import { hover } from './hover.js';
import { DEFAULT_DEBOUNCE_MS, readSettings, type ServerSettings } from './settings.js';

/** Runs the language server over standard input and output until the client says exit (or goes away). */
export function runStdioServer(): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // standard output carries the protocol: anything a library prints goes to the client's log instead
  for (const method of ['log', 'info', 'debug', 'warn'] as const) {
    console[method] = (...args: unknown[]) => connection.console.log(format(...args));
  }
  return startServer(connection);
}

/** Wires a connection to the engine; resolves when the connection is told to exit. */
export function startServer(connection: Connection): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  const ready = Promise.all([loadRules(), loadPostgresParser()]).then(([rules]) => rules);
  let analyzer: Analyzer | undefined;
  let initialSettings: ServerSettings = { debounceMs: DEFAULT_DEBOUNCE_MS };
  let settings = initialSettings;
  let documentChanges = false;
  let clientWatchesFiles = false;
  let folderWatcher: FolderWatcher | undefined;
  let fallbackFolder = process.cwd();

  const timers = new Map<string, NodeJS.Timeout>();
  const tickets = new Map<string, number>();
  /** Documents just opened: linted at once, not after the debounce. */
  const opened = new Set<string>();
  /** The newest analysis of each document, and the config generation it was made with. */
  const latest = new Map<string, { analysis: DocumentAnalysis; generation: number }>();
  let generation = 0;

  async function analyze(document: TextDocument): Promise<DocumentAnalysis> {
    const rules = await ready;
    analyzer ??= new Analyzer(rules, fallbackFolder);
    const made = generation;
    const analysis = await analyzer.analyze(document);
    if (made === generation) latest.set(document.uri, { analysis, generation: made });
    return analysis;
  }

  /** The analysis of the document as the client has it now (made again if it changed since). */
  async function current(document: TextDocument): Promise<DocumentAnalysis> {
    const known = latest.get(document.uri);
    if (known && known.analysis.version === document.version && known.generation === generation) return known.analysis;
    return analyze(document);
  }

  async function lint(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const ticket = (tickets.get(uri) ?? 0) + 1;
    tickets.set(uri, ticket);
    let analysis: DocumentAnalysis;
    try {
      analysis = await analyze(document);
    } catch (error) {
      connection.console.error(`ddlguard: cannot lint ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    // a newer lint of this document started, or the document changed or closed: that lint publishes
    if (tickets.get(uri) !== ticket || documents.get(uri)?.version !== analysis.version) return;
    const diagnostics = toDiagnostics(document, analysis, PACKAGE_INFO.docsBaseUrl);
    await connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void lint(uri);
      }, delay),
    );
  }

  function lintAll(): void {
    for (const document of documents.all()) schedule(document.uri, settings.debounceMs);
  }

  function filesChanged(kind: ChangeKind | undefined): void {
    if (kind === undefined || !analyzer) return;
    if (kind === 'config') {
      analyzer.reset();
      generation++;
    } else {
      analyzer.forgetSources();
      generation++;
    }
    lintAll();
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    clientWatchesFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const rootPath = root ? documentPath(root) : undefined;
    if (rootPath) fallbackFolder = rootPath;
    initialSettings = readSettings(params.initializationOptions, initialSettings);
    settings = initialSettings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'ddlguard', version: PACKAGE_INFO.version },
    };
  });

  connection.onInitialized(() => {
    if (clientWatchesFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS }).catch((error: unknown) => {
        connection.console.warn(`ddlguard: the client would not watch config files (${String(error)}); watching them itself`);
        clientWatchesFiles = false;
        watchOpenDocuments();
      });
    } else {
      watchOpenDocuments();
    }
  });

  function watchOpenDocuments(): void {
    folderWatcher ??= new FolderWatcher(filesChanged);
    for (const document of documents.all()) {
      const file = documentPath(document.uri);
      if (file) folderWatcher.watchFor(file);
    }
  }

  connection.onDidChangeWatchedFiles((params) => filesChanged(classifyEvents(params.changes)));

  connection.onDidChangeConfiguration((params) => {
    settings = readSettings(params.settings, initialSettings);
  });

  documents.onDidOpen(({ document }) => {
    opened.add(document.uri);
    const file = documentPath(document.uri);
    if (folderWatcher && file) folderWatcher.watchFor(file);
  });

  documents.onDidChangeContent(({ document }) => {
    if (opened.delete(document.uri)) {
      clearTimeout(timers.get(document.uri));
      void lint(document.uri);
    } else {
      schedule(document.uri, settings.debounceMs);
    }
  });

  documents.onDidSave(({ document }) => {
    // the file now exists on disk as it is: its layout (and its set's) may read differently
    if (!clientWatchesFiles && analyzer) {
      analyzer.forgetSources();
      generation++;
    }
    schedule(document.uri, settings.debounceMs);
  });

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    tickets.delete(document.uri);
    latest.delete(document.uri);
    opened.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const only = params.context.only;
    const quickFix = only === undefined || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`));
    if (!document || !quickFix) return [];
    const analysis = await current(document);
    return codeActions(document, analysis, params.context.diagnostics, { documentChanges });
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const analysis = await current(document);
    return hover(document, analysis, params.position, settings);
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    folderWatcher?.close();
  });

  const exited = new Promise<void>((resolve) => connection.onExit(resolve));
  documents.listen(connection);
  connection.listen();
  return exited;
}
