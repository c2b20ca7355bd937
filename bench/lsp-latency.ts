// Language server latency: time from didChange to the publishDiagnostics of that version, on a generated
// 2,000-line migration, through the built CLI over stdio (npm run build first).
//   node --import tsx bench/lsp-latency.ts [edits=30]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'dist/src/cli/main.js');
const LINES = 2000;
const EDITS = Number(process.argv[2] ?? 30);
const TIMEOUT_MS = 30_000;

/** A migration of `lines` lines: tables, columns, indexes, constraints and backfills, some safe, some not. */
function generateMigration(lines: number): string {
  const out: string[] = ['-- generated: 2,000-line migration for the language server benchmark', "SET lock_timeout = '2s';"];
  for (let i = 0; out.length < lines; i++) {
    const t = `table_${i}`;
    out.push(
      `CREATE TABLE ${t} (`,
      '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
      '  name text NOT NULL,',
      "  created_at timestamptz NOT NULL DEFAULT now()",
      ');',
      `ALTER TABLE users_${i % 7} ADD COLUMN note_${i} text;`,
      `CREATE INDEX idx_users_${i} ON users_${i % 7} (note_${i});`,
      `ALTER TABLE users_${i % 7} ADD CONSTRAINT fk_${i} FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;`,
      `UPDATE users_${i % 7} SET note_${i} = 'x' WHERE id BETWEEN ${i * 1000} AND ${i * 1000 + 999};`,
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function measure(debounceMs: number): Promise<{ open: number; samples: number[]; diagnostics: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddlguard-lsp-bench-'));
  const file = path.join(dir, '20260101000000_big.sql');
  const text = generateMigration(LINES);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;

  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<number, (params: PublishDiagnosticsParams) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri && params.version !== undefined) waiting.get(params.version)?.(params);
  });
  connection.listen();
  const published = (version: number): Promise<PublishDiagnosticsParams> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      waiting.set(version, (params) => {
        clearTimeout(timer);
        waiting.delete(version);
        resolve(params);
      });
    });

  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {},
      initializationOptions: { debounceMs },
    });
    await connection.sendNotification(InitializedNotification.type, {});

    const openStart = performance.now();
    const opened = published(1);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sql', version: 1, text } });
    const first = await opened;
    const open = performance.now() - openStart;

    // each edit toggles CONCURRENTLY on one CREATE INDEX line in the middle of the file (a finding comes and goes)
    const lines = text.split('\n');
    const indexLines = lines.flatMap((line, i) => (line.startsWith('CREATE INDEX ') ? [i] : []));
    const samples: number[] = [];
    const concurrent = new Set<number>();
    for (let n = 0; n < EDITS; n++) {
      const line = indexLines[(indexLines.length >> 1) + (n % 5)] ?? 0;
      const at = { line, character: 'CREATE INDEX '.length };
      const change = concurrent.has(line)
        ? { range: { start: at, end: { line, character: at.character + 'CONCURRENTLY '.length } }, text: '' }
        : { range: { start: at, end: at }, text: 'CONCURRENTLY ' };
      if (concurrent.has(line)) concurrent.delete(line);
      else concurrent.add(line);
      const version = n + 2;
      const done = published(version);
      const start = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      await done;
      samples.push(performance.now() - start);
    }
    return { open, samples, diagnostics: first.diagnostics.length };
  } finally {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
}

if (!existsSync(CLI)) {
  process.stderr.write(`${CLI} is missing: run npm run build first\n`);
  process.exit(2);
}
console.log(`ddlguard language server: ${LINES}-line migration, ${EDITS} didChange edits, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
for (const debounceMs of [200, 0]) {
  const { open, samples, diagnostics } = await measure(debounceMs);
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
  console.log(
    `debounce ${String(debounceMs).padStart(3)} ms: didChange -> publishDiagnostics median ${fmt(percentile(sorted, 50))}, ` +
      `p95 ${fmt(percentile(sorted, 95))}, min ${fmt(sorted[0] ?? NaN)}, max ${fmt(sorted.at(-1) ?? NaN)} ` +
      `(didOpen -> first diagnostics ${fmt(open)}, ${diagnostics} diagnostics)`,
  );
}
