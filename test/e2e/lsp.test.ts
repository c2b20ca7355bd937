import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MarkupContent,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { CLI, parseReport, runCli, tempTree } from '../helpers/cli.js';

const WAIT_MS = 10_000;
const DOCS = 'https://github.com/ddlguard/ddlguard/blob/main/docs/rules';

/** A language client over the built CLI's stdio, with every wait bounded. */
class Client {
  readonly connection: ProtocolConnection;
  readonly registrations: string[] = [];
  readonly log: string[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.on('data', (chunk: Buffer) => this.log.push(chunk.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters) wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.log.push(params.message);
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) this.registrations.push(registration.method);
    });
    this.connection.listen();
  }

  static async start(cwd: string, capabilities: ClientCapabilities, initializationOptions?: object): Promise<Client> {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd, stdio: 'pipe' });
    const client = new Client(child);
    try {
      await client.initialize(cwd, capabilities, initializationOptions);
    } catch (error) {
      client.connection.dispose();
      child.kill('SIGKILL');
      throw error;
    }
    return client;
  }

  private async initialize(cwd: string, capabilities: ClientCapabilities, initializationOptions: object | undefined): Promise<void> {
    const result = await this.within(
      'initialize',
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(cwd).href,
        workspaceFolders: [{ uri: pathToFileURL(cwd).href, name: 'test' }],
        capabilities,
        initializationOptions,
      }),
    );
    assert.equal(result.serverInfo?.name, 'ddlguard');
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** The first diagnostics published for `uri` since the last `forget()` that satisfy `accept` (waits for them). */
  async diagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    let from = 0;
    const found = (): PublishDiagnosticsParams | undefined => {
      for (; from < this.published.length; from++) {
        const params = this.published[from];
        if (params && params.uri === uri && accept(params)) return params;
      }
      return undefined;
    };
    return this.within(
      `diagnostics for ${uri}`,
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const check = (): void => {
          const params = found();
          if (params) {
            this.waiters.delete(check);
            resolve(params);
          }
        };
        this.waiters.add(check);
        check();
      }),
    );
  }

  /** Drops the diagnostics seen so far (so a wait sees only what comes after). */
  forget(): void {
    this.published.length = 0;
  }

  within<T>(what: string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${this.log.join('\n')}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  async stop(): Promise<number | null> {
    try {
      await this.within('shutdown', this.connection.sendRequest(ShutdownRequest.type), 5000);
      await this.connection.sendNotification(ExitNotification.type);
      return await this.within('exit', this.exited, 5000);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
  }
}

/** Diagnostics as `line:char-line:char severity code` (0-based LSP positions in UTF-16 code units). */
function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity ?? '?'} ${String(d.code)}`,
  );
}

function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const documentChange = action.edit?.documentChanges?.[0];
  if (documentChange && 'edits' in documentChange) {
    assert.equal(documentChange.textDocument.uri, uri);
    return documentChange.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e);
  }
  return action.edit?.changes?.[uri] ?? [];
}

const ERROR = 1;
const WARNING = 2;

// A comment with multi-byte characters above the statements, and one on the line of a finding: "é" is one UTF-16
// code unit (two UTF-8 bytes), "🚀" two (four bytes), so `/* é🚀 */ ` is 10 code units, 9 characters, 13 bytes.
const ORIGINAL = [
  '-- Users: café ☕ and 🚀 launch',
  '/* é🚀 */ CREATE INDEX users_email_idx ON users (email);',
  '  ALTER TABLE users ADD COLUMN plan text NOT NULL;',
  "UPDATE users SET plan = 'free';",
  '',
].join('\n');

const QUIET = { 'prefer-robust-stmts': 'off', 'require-lock-timeout': 'off', 'require-statement-timeout': 'off' };

describe('ddlguard lsp --stdio', () => {
  const root = tempTree({
    'db/ddlguard.config.json': JSON.stringify({ rules: QUIET }),
    'db/1_users.sql': ORIGINAL,
  });
  const file = path.join(root, 'db/1_users.sql');
  const uri = pathToFileURL(file).href;
  let client: Client;
  let document = TextDocument.create(uri, 'sql', 1, ORIGINAL);
  /** The diagnostics published on didOpen. */
  let opened: Diagnostic[] = [];

  before(async () => {
    client = await Client.start(root, {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    });
  });

  after(async () => {
    if (client) assert.equal(await client.stop(), 0, 'the server exits 0 after shutdown and exit');
  });

  const change = async (edits: Array<{ range: TextEdit['range']; text: string }>): Promise<PublishDiagnosticsParams> => {
    const version = document.version + 1;
    document = TextDocument.update(document, edits, version);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: edits,
    });
    return client.diagnostics(uri, (p) => p.version === version);
  };

  test('didOpen: diagnostics with exact UTF-16 ranges, codes, severities, docs links', { timeout: 20_000 }, async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'sql', version: 1, text: ORIGINAL },
    });
    const published = await client.diagnostics(uri);
    assert.equal(published.version, 1);
    opened = published.diagnostics;
    assert.deepEqual(brief(published.diagnostics), [
      `1:10-1:55 ${ERROR} require-concurrent-index-creation`,
      `2:31-2:49 ${ERROR} adding-required-field`,
      `3:0-3:30 ${WARNING} mixing-ddl-and-dml`,
      `3:0-3:30 ${ERROR} unbatched-update`,
    ]);
    const index = published.diagnostics[0];
    assert.ok(index);
    assert.equal(index.source, 'ddlguard');
    assert.equal(index.codeDescription?.href, `${DOCS}/require-concurrent-index-creation.md`);
    // the same findings, messages and help as the CLI gives for the file (its columns count characters, not UTF-16)
    const cli = runCli(['lint', file, '--format', 'json']);
    assert.equal(cli.status, 1, cli.stderr);
    const report = parseReport(cli.stdout);
    assert.deepEqual(
      published.diagnostics.map((d) => `${String(d.code)} ${messageText(d)}`),
      report.findings.map((f) => `${f.ruleId} ${f.message}\n${f.help}`),
    );
    assert.deepEqual(report.findings.map((f) => `${f.line}:${f.column}`).slice(0, 1), ['2:10']);
    // the client is asked to watch config files
    assert.deepEqual(client.registrations, [DidChangeWatchedFilesNotification.method]);
  });

  test('hover on a statement: the locks it takes, what they block, rewrite or not', { timeout: 20_000 }, async () => {
    const result = await client.within(
      'hover',
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 20 } }),
    );
    const contents = result?.contents;
    assert.ok(MarkupContent.is(contents));
    assert.equal(
      contents.value,
      [
        '**ddlguard** (PostgreSQL 15): locks this statement takes',
        '',
        '- SHARE on users: blocks writes; builds an index over the whole table',
        '  On a partitioned table, every partition is locked and indexed too.',
        '',
        'Rewrites: no',
      ].join('\n'),
    );
    assert.deepEqual(result?.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 55 } });
    const between = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.equal(between, null);
  });

  test('code action: the rule\'s fix, applied as the client would, then didChange updates the diagnostics', { timeout: 20_000 }, async () => {
    const diagnostic = opened.find((d) => d.code === 'require-concurrent-index-creation');
    assert.ok(diagnostic);
    const actions = await client.within(
      'code actions',
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }),
    );
    const titles = (actions ?? []).map((a) => a.title);
    assert.equal(titles.length, 3, titles.join('\n'));
    assert.match(titles[0] ?? '', /^Fix: .*CONCURRENTLY/);
    assert.deepEqual(titles.slice(1), [
      'Ignore require-concurrent-index-creation for this statement',
      'Ignore require-concurrent-index-creation for this file',
    ]);
    const fix = actions?.[0];
    assert.ok(fix && 'kind' in fix);
    assert.equal(fix.isPreferred, true);
    // the fix's UTF-16 offsets come after "é🚀" on the same line: its range must count code units too
    const edits = editsOf(fix, uri);
    const fixed = TextDocument.applyEdits(document, edits);
    assert.equal(fixed.split('\n')[1], '/* é🚀 */ CREATE INDEX CONCURRENTLY users_email_idx ON users (email);');
    assert.equal(fixed.replace(' CONCURRENTLY', ''), ORIGINAL);

    const published = await change(edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(document.getText(), fixed);
    assert.deepEqual(brief(published.diagnostics), [
      `2:31-2:49 ${ERROR} adding-required-field`,
      `3:0-3:30 ${WARNING} mixing-ddl-and-dml`,
      `3:0-3:30 ${ERROR} unbatched-update`,
    ]);
  });

  test('code action: ignore a rule for a statement, with its indentation; the edit silences it', { timeout: 20_000 }, async () => {
    const diagnostic: Diagnostic = {
      range: { start: { line: 2, character: 31 }, end: { line: 2, character: 49 } },
      severity: ERROR,
      code: 'adding-required-field',
      source: 'ddlguard',
      message: '',
    };
    const actions = await client.within(
      'code actions',
      client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      }),
    );
    assert.ok(actions);
    const titles = actions.map((a) => ('title' in a ? a.title : ''));
    assert.deepEqual(
      titles.filter((t) => !t.startsWith('Fix: ')),
      ['Ignore adding-required-field for this statement', 'Ignore adding-required-field for this file'],
    );
    const ignore = actions.find((a): a is CodeAction => 'kind' in a && a.title === 'Ignore adding-required-field for this statement');
    assert.ok(ignore);
    const edits = editsOf(ignore, uri);
    const target = ignore.edit?.documentChanges?.[0];
    assert.ok(target && 'textDocument' in target);
    assert.equal(target.textDocument.version, document.version, 'the edit is for the version the client has');
    const expected = [
      '-- Users: café ☕ and 🚀 launch',
      '/* é🚀 */ CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      '  -- ddlguard-ignore adding-required-field',
      '  ALTER TABLE users ADD COLUMN plan text NOT NULL;',
      "UPDATE users SET plan = 'free';",
      '',
    ].join('\n');
    assert.equal(TextDocument.applyEdits(document, edits), expected);

    const published = await change(edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(document.getText(), expected);
    assert.deepEqual(brief(published.diagnostics), [`4:0-4:30 ${WARNING} mixing-ddl-and-dml`, `4:0-4:30 ${ERROR} unbatched-update`]);

    // the file-level action inserts a first line
    const fileActions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 4, character: 0 }, end: { line: 4, character: 30 } },
      context: { diagnostics: published.diagnostics.filter((d) => d.code === 'unbatched-update') },
    });
    const ignoreFile = fileActions?.find((a): a is CodeAction => 'kind' in a && a.title === 'Ignore unbatched-update for this file');
    assert.ok(ignoreFile);
    assert.equal(TextDocument.applyEdits(document, editsOf(ignoreFile, uri)), `-- ddlguard-ignore-file unbatched-update\n${expected}`);
  });

  test('a config file change (a rule turned off) is picked up when the client reports it', { timeout: 20_000 }, async () => {
    const config = path.join(root, 'db/ddlguard.config.json');
    writeFileSync(config, JSON.stringify({ rules: { ...QUIET, 'mixing-ddl-and-dml': 'off' } }));
    client.forget();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(config).href, type: FileChangeType.Changed }],
    });
    const published = await client.diagnostics(uri);
    assert.equal(published.version, document.version);
    assert.ok(!published.diagnostics.some((d) => d.code === 'mixing-ddl-and-dml'), brief(published.diagnostics).join('\n'));
    assert.ok(published.diagnostics.some((d) => d.code === 'unbatched-update'));
  });
});

describe('ddlguard lsp --stdio, with a client that does not watch files', () => {
  test('the server watches the config itself; a broken config is one diagnostic', { timeout: 30_000 }, async () => {
    const text = 'CREATE INDEX a_idx ON a (x);\n';
    const root = tempTree({ 'ddlguard.config.json': JSON.stringify({ rules: QUIET }), 'm/V1__a.sql': text });
    const uri = pathToFileURL(path.join(root, 'm/V1__a.sql')).href;
    const client = await Client.start(root, {}, { debounceMs: 50, databaseUrl: 'postgres://db.invalid/app' });
    try {
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'sql', version: 1, text },
      });
      assert.deepEqual(brief((await client.diagnostics(uri)).diagnostics), [`0:0-0:27 ${ERROR} require-concurrent-index-creation`]);
      assert.deepEqual(client.registrations, []);
      // Flyway wraps the file in a transaction; a database is configured, live estimates are not there yet
      const hovered = await client.within('hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }));
      const contents = hovered?.contents;
      assert.ok(MarkupContent.is(contents));
      assert.equal(
        contents.value,
        [
          '**ddlguard** (PostgreSQL 15): locks this statement takes',
          '',
          '- SHARE on a: blocks writes; builds an index over the whole table',
          '  On a partitioned table, every partition is locked and indexed too.',
          '',
          'Rewrites: no',
          '',
          'Runs in a transaction: the locks are held until it commits.',
          '',
          '_Live estimate: not available yet (a database is configured; live lock-time estimates come in a later release)._',
        ].join('\n'),
      );

      client.forget();
      writeFileSync(path.join(root, 'ddlguard.config.json'), JSON.stringify({ rules: { ...QUIET, 'require-concurrent-index-creation': 'warning' } }));
      const downgraded = await client.diagnostics(uri, (p) => p.diagnostics[0]?.severity === WARNING);
      assert.deepEqual(brief(downgraded.diagnostics), [`0:0-0:27 ${WARNING} require-concurrent-index-creation`]);

      writeFileSync(path.join(root, 'ddlguard.config.json'), '{ "rules": ');
      const broken = await client.diagnostics(uri, (p) => p.diagnostics[0]?.code === 'config-error');
      assert.equal(broken.diagnostics.length, 1);
      const problem = broken.diagnostics[0];
      assert.ok(problem);
      assert.match(messageText(problem), /ddlguard\.config\.json: invalid JSON/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
