// npm run bench [-- --quick] [-- --no-build] [-- --only harbor,ranger] [-- --memory proc-vmhwm]
//
// Lints the PostgreSQL corpora in ../shared/corpus with ddlguard (the built CLI) and with squawk (squawk-cli from
// npm) on the same file lists, plus one small file (the pre-commit case) and a generated ~5 MB pg_dump-like schema,
// and prints wall time, files/s and peak memory for both. Results also go to bench/results/latest.json.
// Nothing here asserts a target.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { listPostgresCorpora, totalBytes } from './corpus.js';
import { SMALL_MIGRATION, generatePgDump } from './generate.js';
import { chunkArgs, detectMemoryMethod, median, runMeasured, type MemoryMethod, type RunResult } from './measure.js';
import { mergeSummaries, readDdlguardOutput, readSquawkOutput, type OutputSummary } from './outputs.js';
import { markdownTable, fmtCpu, fmtMs, fmtMb, fmtRatio, fmtRate } from './table.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusRoot = path.resolve(import.meta.dirname, '../../shared/corpus');
const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
const squawkBin = path.join(repoRoot, 'node_modules/.bin/squawk');
const resultsFile = path.join(repoRoot, 'bench/results/latest.json');

// ---------------------------------------------------------------------------------------------- arguments
interface Options {
  quick: boolean;
  build: boolean;
  only: string[] | undefined;
  memory: MemoryMethod | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { quick: false, build: true, only: undefined, memory: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--only') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--only needs a comma-separated list of corpus names (substrings)');
      options.only = value.split(',').filter((s) => s !== '');
    } else if (arg === '--memory') {
      const value = argv[++i];
      if (value !== 'gnu-time' && value !== 'proc-vmhwm') throw new Error('--memory takes gnu-time or proc-vmhwm');
      options.memory = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: npm run bench [-- --quick] [-- --no-build] [-- --only name,name] [-- --memory gnu-time|proc-vmhwm]\n' +
          '  --quick     one repetition of everything, no warm-up (a smoke run)\n' +
          '  --no-build  use dist/ as it is (default: run `npm run build` when dist/ is missing or older than src/, rules/)\n' +
          '  --only      only the corpora whose names contain one of these strings (the small and 5 MB cases always run)\n' +
          '  --memory    how to read peak RSS (default: gnu-time when /usr/bin/time is GNU time, else proc-vmhwm)\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------- build
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile() && /\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt(build: boolean): void {
  const exists = fs.existsSync(cliPath);
  const stale = exists && Math.max(newestMtime(path.join(repoRoot, 'src')), newestMtime(path.join(repoRoot, 'rules'))) > fs.statSync(cliPath).mtimeMs;
  if (exists && !stale) return;
  if (!build) {
    if (!exists) fail(`${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` (or drop --no-build)`);
    process.stderr.write('bench: warning: dist/ is older than src/ or rules/ (--no-build: measuring it anyway)\n');
    return;
  }
  process.stderr.write(`bench: ${exists ? 'dist/ is older than src/ or rules/' : 'dist/ is missing'}: running npm run build\n`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    fail(
      `\`npm run build\` failed (exit ${result.status ?? result.signal ?? '?'}); the benchmark measures the built CLI, so fix the build first ` +
        '(or pass --no-build to measure whatever dist/ holds)',
    );
  }
  if (!fs.existsSync(cliPath)) fail(`\`npm run build\` did not produce ${path.relative(repoRoot, cliPath)}`);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function newestInTree(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    n = Math.max(n, entry.isDirectory() ? newestInTree(full) : fs.statSync(full).mtimeMs);
  }
  return n;
}

/**
 * Copies dist/ (the .js files) into `into`, with package.json beside it (the CLI reads its version from there) and
 * a link to node_modules, and returns the copy's CLI. The working tree is shared: anyone's `npm test` rebuilds dist/,
 * and a rebuild in the middle of the run would otherwise mix two builds into one table.
 */
function snapshotDist(into: string): string {
  const dist = path.join(repoRoot, 'dist');
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = newestInTree(dist);
    fs.rmSync(into, { recursive: true, force: true });
    fs.mkdirSync(into, { recursive: true });
    fs.cpSync(dist, path.join(into, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
    if (newestInTree(dist) === before) {
      fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(into, 'package.json'));
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(into, 'node_modules'), 'dir');
      return path.join(into, path.relative(repoRoot, cliPath));
    }
    spawnSync('sleep', ['2']); // someone is writing dist/ right now
  }
  fail('dist/ kept changing while it was being copied (a build is running?): try again in a minute');
}

// ---------------------------------------------------------------------------------------------- tools
type ToolId = 'ddlguard' | 'squawk' | 'squawkNative';

interface Tool {
  id: ToolId;
  label: string;
  command: string;
  fixedArgs: string[];
  /** turns one run's stdout into a summary; also decides whether the run did its job */
  read: (stdout: string) => OutputSummary;
  okExit: (code: number | null) => boolean;
}

function squawkNativePath(): string {
  // squawk-cli's npm entry (node_modules/.bin/squawk) is a Node script that spawns the platform binary from the
  // optional dependency @squawk-cli/<platform>-<arch>; resolve it the same way so the binary can also be timed
  // without Node's start-up.
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const pkg = `@squawk-cli/${process.platform}-${process.arch}`;
  try {
    return require.resolve(`${pkg}/bin/${process.platform === 'win32' ? 'squawk.exe' : 'squawk'}`);
  } catch {
    fail(`squawk's binary package ${pkg} is not installed (npm ci installs it as an optional dependency of squawk-cli)`);
  }
}

function makeTools(ddlguardCli: string): Record<ToolId, Tool> {
  if (!fs.existsSync(squawkBin)) fail(`${path.relative(repoRoot, squawkBin)} not found: run npm ci (squawk-cli is a devDependency)`);
  return {
    ddlguard: {
      id: 'ddlguard',
      label: 'ddlguard',
      command: process.execPath,
      fixedArgs: [ddlguardCli, 'lint', '--format', 'json'],
      read: (out) => readDdlguardOutput(out, repoRoot),
      okExit: (code) => code === 0 || code === 1,
    },
    squawk: {
      id: 'squawk',
      label: 'squawk (npm bin)',
      command: squawkBin,
      fixedArgs: ['--reporter', 'json'],
      read: (out) => readSquawkOutput(out, repoRoot),
      // exit 1 = violations found; but it also exits 1 (with no output) when it gives up, so the JSON check decides
      okExit: (code) => code === 0 || code === 1,
    },
    squawkNative: {
      id: 'squawkNative',
      label: 'squawk (binary)',
      command: squawkNativePath(),
      fixedArgs: ['--reporter', 'json'],
      read: (out) => readSquawkOutput(out, repoRoot),
      okExit: (code) => code === 0 || code === 1,
    },
  };
}

// ---------------------------------------------------------------------------------------------- measuring
interface ToolMeasurement {
  tool: ToolId;
  ok: boolean;
  problem?: string;
  runs: { wallMs: number; peakKb: number | undefined; cpuMs: number | undefined; exitCodes: (number | null)[] }[];
  wallMs: number;
  peakMb: number | undefined;
  cpuMs: number | undefined;
  filesPerSecond: number;
  output: OutputSummary;
}

interface CaseResult {
  case: string;
  kind: 'corpus' | 'pre-commit' | 'large';
  files: number;
  bytes: number;
  chunks: number;
  /** files left out for both tools, with the reason */
  excluded: { file: string; reason: string }[];
  /** when files were left out: squawk's failed run on the full list */
  squawkOnAll?: Screening['squawkOnAll'];
  tools: Record<ToolId, ToolMeasurement>;
  /** files (relative to the corpus) with a syntax-error finding from one tool and not the other */
  onlyDdlguardRejects: string[];
  onlySquawkRejects: string[];
}

interface BenchCase {
  name: string;
  kind: CaseResult['kind'];
  files: string[];
  bytes: number;
  excluded: CaseResult['excluded'];
  squawkOnAll?: Screening['squawkOnAll'];
  baseDir: string;
  repetitions: number;
}

interface Context {
  method: MemoryMethod;
  scratch: string;
  warmup: boolean;
}

async function runOnce(tool: Tool, files: readonly string[], ctx: Context, label: string, keepOutput: boolean): Promise<{ result: RunResult[]; summary?: OutputSummary }> {
  const results: RunResult[] = [];
  const summaries: OutputSummary[] = [];
  for (const chunk of chunkArgs(files, [tool.command, ...tool.fixedArgs])) {
    const r = await runMeasured(tool.command, [...tool.fixedArgs, ...chunk], { cwd: repoRoot, method: ctx.method, scratchDir: ctx.scratch, label });
    results.push(r);
    if (keepOutput) {
      const summary = tool.read(fs.readFileSync(r.stdoutFile, 'utf8'));
      if (!tool.okExit(r.exitCode)) {
        const stderr = fs.readFileSync(r.stderrFile, 'utf8').trim().split('\n').slice(0, 2).join(' ');
        summary.valid = false;
        summary.problem = `exit ${r.exitCode ?? r.signal ?? '?'}${stderr === '' ? '' : `: ${stderr}`}`;
      } else if (!summary.valid) {
        const stderr = fs.readFileSync(r.stderrFile, 'utf8').trim().split('\n').slice(0, 1).join('');
        if (stderr !== '') summary.problem = `${summary.problem ?? 'invalid output'} (stderr: ${stderr})`;
      }
      summaries.push(summary);
    }
    fs.rmSync(r.stdoutFile, { force: true });
    fs.rmSync(r.stderrFile, { force: true });
  }
  return keepOutput ? { result: results, summary: mergeSummaries(summaries) } : { result: results };
}

async function measureCase(c: BenchCase, tools: readonly Tool[], ctx: Context): Promise<CaseResult> {
  const runs = new Map<ToolId, ToolMeasurement['runs']>(tools.map((t) => [t.id, []]));
  const outputs = new Map<ToolId, OutputSummary>();
  const chunks = Math.max(...tools.map((t) => chunkArgs(c.files, [t.command, ...t.fixedArgs]).length));
  const total = c.repetitions + (ctx.warmup ? 1 : 0);
  for (let rep = 0; rep < total; rep++) {
    const warm = ctx.warmup && rep === 0;
    // rotate the order so no tool always runs first (right after the page cache was filled, say)
    const order = tools.map((_, i) => tools[(i + rep) % tools.length]).filter((t): t is Tool => t !== undefined);
    for (const tool of order) {
      const keep = !outputs.has(tool.id);
      const { result, summary } = await runOnce(tool, c.files, ctx, `${c.name}-${tool.id}`, keep);
      if (summary !== undefined) outputs.set(tool.id, summary);
      if (warm) continue;
      const peaks = result.map((r) => r.peakKb);
      const cpus = result.map((r) => r.cpuMs);
      runs.get(tool.id)?.push({
        wallMs: result.reduce((n, r) => n + r.wallMs, 0),
        peakKb: peaks.every((p): p is number => p !== undefined) ? Math.max(...peaks) : undefined,
        cpuMs: cpus.every((p): p is number => p !== undefined) ? cpus.reduce((n, p) => n + p, 0) : undefined,
        exitCodes: result.map((r) => r.exitCode),
      });
    }
    process.stderr.write('.');
  }

  const finish = (id: ToolId): ToolMeasurement => {
    const toolRuns = runs.get(id) ?? [];
    const output = outputs.get(id) ?? { valid: false, findings: 0, syntaxErrorFiles: [], problem: 'never ran' };
    const wallMs = median(toolRuns.map((r) => r.wallMs));
    const peaks = toolRuns.map((r) => r.peakKb).filter((p): p is number => p !== undefined);
    const cpus = toolRuns.map((r) => r.cpuMs).filter((p): p is number => p !== undefined);
    const problem = output.problem;
    return {
      tool: id,
      ok: output.valid && problem === undefined,
      ...(problem !== undefined ? { problem } : {}),
      runs: toolRuns,
      wallMs,
      peakMb: peaks.length > 0 ? median(peaks) / 1024 : undefined,
      cpuMs: cpus.length > 0 ? median(cpus) : undefined,
      filesPerSecond: c.files.length / (wallMs / 1000),
      output,
    };
  };
  const measured: Record<ToolId, ToolMeasurement> = { ddlguard: finish('ddlguard'), squawk: finish('squawk'), squawkNative: finish('squawkNative') };
  const rel = (f: string): string => path.relative(c.baseDir, f);
  const ddl = new Set(measured.ddlguard.output.syntaxErrorFiles);
  const sq = new Set(measured.squawkNative.output.syntaxErrorFiles);
  return {
    case: c.name,
    kind: c.kind,
    files: c.files.length,
    bytes: c.bytes,
    chunks,
    excluded: c.excluded.map((e) => ({ file: rel(e.file), reason: e.reason })),
    ...(c.squawkOnAll !== undefined ? { squawkOnAll: c.squawkOnAll } : {}),
    tools: measured,
    onlyDdlguardRejects: [...ddl].filter((f) => !sq.has(f)).map(rel),
    onlySquawkRejects: [...sq].filter((f) => !ddl.has(f)).map(rel),
  };
}

interface Screening {
  files: string[];
  excluded: CaseResult['excluded'];
  /** the failed run of squawk on all files, when there was one */
  squawkOnAll?: { exit: string; wallMs: number; peakMb: number | undefined; error: string };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * Runs squawk's binary once on the whole list. squawk gives up on the whole run (no output) when one file is
 * not UTF-8 or makes its parser panic, which would leave nothing to compare; in that case run it file by file and
 * leave the files it fails on out for both tools (they are listed in the results).
 */
async function screenForSquawk(files: readonly string[], squawk: Tool, ctx: Context, label: string): Promise<Screening> {
  const whole = await runOnce(squawk, files, ctx, `screen-${label}`, true);
  if (whole.summary?.valid === true) return { files: [...files], excluded: [] };
  process.stderr.write(`bench: ${label}: squawk fails on the whole list (${firstLine(whole.summary?.problem ?? '')}); trying its ${files.length} files one by one\n`);
  const kept: string[] = [];
  const excluded: CaseResult['excluded'] = [];
  for (const file of files) {
    const one = await runOnce(squawk, [file], ctx, `screen-${label}-file`, true);
    if (one.summary?.valid === true) kept.push(file);
    else excluded.push({ file, reason: `squawk fails on it: ${one.summary?.problem ?? 'no output'}` });
  }
  const peaks = whole.result.map((r) => r.peakKb).filter((p): p is number => p !== undefined);
  return {
    files: kept,
    excluded,
    squawkOnAll: {
      exit: whole.result.map((r) => String(r.exitCode ?? r.signal)).join(','),
      wallMs: whole.result.reduce((n, r) => n + r.wallMs, 0),
      peakMb: peaks.length > 0 ? Math.max(...peaks) / 1024 : undefined,
      error: whole.summary?.problem ?? 'no output',
    },
  };
}

/** One small run of each tool before measuring anything: a broken CLI should stop the bench with a clear message. */
async function preflight(tools: readonly Tool[], file: string, ctx: Context): Promise<void> {
  for (const tool of tools) {
    const { summary } = await runOnce(tool, [file], ctx, `preflight-${tool.id}`, true);
    if (summary === undefined || !summary.valid) {
      fail(`${tool.label} does not work: ${summary?.problem ?? 'no output'}\n  command: ${[tool.command, ...tool.fixedArgs, file].join(' ')}`);
    }
  }
}

/** What would change if someone reinstalled squawk while the bench runs (the tree is shared; dist/ is snapshotted). */
function fingerprint(squawkBinary: string): { squawk: string } {
  const st = fs.statSync(squawkBinary);
  return { squawk: `${st.size}:${st.mtimeMs}` };
}

/** HEAD and whether the tree had uncommitted changes: which ddlguard was measured. */
function gitRevision(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown (no commit)';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'rules'], { cwd: repoRoot, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' + uncommitted changes in src/ or rules/'}`;
}

function toolVersion(command: string, args: readonly string[]): string {
  const r = spawnSync(command, [...args, '--version'], { encoding: 'utf8' });
  return (r.stdout || r.stderr).trim();
}

// ---------------------------------------------------------------------------------------------- report
function mark(m: ToolMeasurement): string {
  return m.ok ? '' : ' (!)';
}

function printTables(results: readonly CaseResult[], squawkVersion: string): string {
  const main = markdownTable(
    ['case', 'files', 'ddlguard ms', 'squawk ms', 'ratio ddlguard/squawk', 'ddlguard files/s', 'squawk files/s', 'ddlguard peak MB', 'squawk peak MB', 'memory ratio'],
    results.map((r) => {
      const d = r.tools.ddlguard;
      const s = r.tools.squawk;
      return [
        r.case,
        String(r.files),
        fmtMs(d.wallMs) + mark(d),
        fmtMs(s.wallMs) + mark(s),
        fmtRatio(d.wallMs, s.wallMs),
        fmtRate(d.filesPerSecond),
        fmtRate(s.filesPerSecond),
        fmtMb(d.peakMb),
        fmtMb(s.peakMb),
        fmtRatio(d.peakMb, s.peakMb),
      ];
    }),
  );
  const native = markdownTable(
    ['case', 'squawk binary ms', 'ratio ddlguard/binary', 'binary files/s', 'binary peak MB', 'memory ratio', 'ddlguard CPU ms', 'binary CPU ms'],
    results.map((r) => {
      const d = r.tools.ddlguard;
      const n = r.tools.squawkNative;
      return [r.case, fmtMs(n.wallMs) + mark(n), fmtRatio(d.wallMs, n.wallMs), fmtRate(n.filesPerSecond), fmtMb(n.peakMb), fmtRatio(d.peakMb, n.peakMb), fmtCpu(d.cpuMs), fmtCpu(n.cpuMs)];
    }),
  );
  const parse = markdownTable(
    ['case', 'files', 'KiB', 'left out', 'ddlguard checked', 'ddlguard findings', 'ddlguard syntax-error files', 'squawk findings', 'squawk syntax-error files', 'only ddlguard rejects', 'only squawk rejects'],
    results.map((r) => [
      r.case,
      String(r.files),
      String(Math.round(r.bytes / 1024)),
      String(r.excluded.length),
      String(r.tools.ddlguard.output.filesReported ?? '—'),
      String(r.tools.ddlguard.output.findings),
      String(r.tools.ddlguard.output.syntaxErrorFiles.length),
      String(r.tools.squawkNative.output.findings),
      String(r.tools.squawkNative.output.syntaxErrorFiles.length),
      String(r.onlyDdlguardRejects.length),
      String(r.onlySquawkRejects.length),
    ]),
  );
  return (
    'Wall time and peak RSS, median of the repetitions; squawk run as node_modules/.bin/squawk (npm\'s Node wrapper around the binary):\n\n' +
    main +
    `\nThe same ${squawkVersion} binary without the Node wrapper (what \`cargo install\`/Homebrew/pip users run):\n\n` +
    native +
    '\nWhat each tool reported (first run):\n\n' +
    parse
  );
}

// ---------------------------------------------------------------------------------------------- main
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  ensureBuilt(options.build);
  const method = options.memory ?? detectMemoryMethod();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddlguard-bench-'));
  const scratch = path.join(tmp, 'out');
  fs.mkdirSync(scratch);
  const ctx: Context = { method, scratch, warmup: !options.quick };
  try {
    const toolSet = makeTools(snapshotDist(path.join(tmp, 'ddlguard')));
    const tools = [toolSet.ddlguard, toolSet.squawk, toolSet.squawkNative];
    const small = path.join(tmp, 'small', '20260822120000_add_orders_status.sql');
    fs.mkdirSync(path.dirname(small));
    fs.writeFileSync(small, SMALL_MIGRATION);
    const large = path.join(tmp, 'large', 'pg_dump_schema.sql');
    fs.mkdirSync(path.dirname(large));
    const dump = generatePgDump(5 * 1024 * 1024);
    fs.writeFileSync(large, dump);

    await preflight(tools, small, ctx);

    const reps = options.quick ? 1 : 3;
    const before = fingerprint(toolSet.squawkNative.command);
    const ddlguardVersion = toolVersion(process.execPath, [toolSet.ddlguard.fixedArgs[0] ?? cliPath]);
    const revision = gitRevision();
    const squawkVersion = toolVersion(toolSet.squawkNative.command, []);
    process.stderr.write(
      `bench: ddlguard ${ddlguardVersion} vs ${squawkVersion}; ${options.quick ? '1 repetition (quick)' : `${reps} repetitions (10 for pre-commit) after 1 warm-up`}; peak memory via ${method}\n`,
    );

    const corpora = listPostgresCorpora(corpusRoot, options.only);
    if (corpora.length === 0) process.stderr.write(`bench: warning: no PostgreSQL corpus found in ${corpusRoot}\n`);
    const corpusCases: BenchCase[] = [];
    for (const c of corpora) {
      const screened = await screenForSquawk(c.files, toolSet.squawkNative, ctx, c.name);
      corpusCases.push({
        name: c.name,
        kind: 'corpus',
        files: screened.files,
        bytes: screened.excluded.length > 0 ? totalBytes(screened.files) : c.bytes,
        excluded: screened.excluded,
        ...(screened.squawkOnAll !== undefined ? { squawkOnAll: screened.squawkOnAll } : {}),
        baseDir: c.dir,
        repetitions: reps,
      });
    }
    const cases: BenchCase[] = [
      ...corpusCases,
      { name: 'pre-commit (1 small file)', kind: 'pre-commit', files: [small], bytes: Buffer.byteLength(SMALL_MIGRATION), excluded: [], baseDir: path.dirname(small), repetitions: options.quick ? 1 : 10 },
      { name: 'pg_dump schema (1 file, 5 MB)', kind: 'large', files: [large], bytes: Buffer.byteLength(dump), excluded: [], baseDir: path.dirname(large), repetitions: reps },
    ];

    const loadBefore = os.loadavg();
    const results: CaseResult[] = [];
    for (const c of cases) {
      process.stderr.write(`bench: ${c.name} (${c.files.length} files) `);
      const t0 = Date.now();
      results.push(await measureCase(c, tools, ctx));
      process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }

    const date = new Date().toISOString();
    const cpus = os.cpus();
    const machine = {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      /** 1-minute load average before and after the measurements: other work on the machine skews the figures */
      loadAverage: { before: Number(loadBefore[0]?.toFixed(2)), after: Number(os.loadavg()[0]?.toFixed(2)) },
    };
    const tables = printTables(results, squawkVersion);
    process.stdout.write(
      `\nddlguard ${ddlguardVersion} (${revision}) vs ${squawkVersion} — ${date.slice(0, 10)}, ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, load average ${machine.loadAverage.before} → ${machine.loadAverage.after}\n` +
        `${options.quick ? 'quick: 1 run per cell' : `median of ${reps} runs (10 for pre-commit) after one warm-up run`}; ` +
        `ratio > 1 means ddlguard is slower / uses more memory; peak memory = RSS high-water mark (${method}), MB = MiB\n\n` +
        tables,
    );
    const notes: string[] = [];
    const after = fingerprint(toolSet.squawkNative.command);
    const squawkVersionAfter = toolVersion(toolSet.squawkNative.command, []);
    if (after.squawk !== before.squawk || squawkVersionAfter !== squawkVersion) {
      notes.push(`WARNING: squawk's binary changed while the bench ran (${squawkVersion} → ${squawkVersionAfter}): run again`);
    }
    for (const r of results) {
      for (const m of Object.values(r.tools)) if (!m.ok) notes.push(`${r.case}: ${m.tool}: ${m.problem ?? 'failed'}`);
      if (r.squawkOnAll !== undefined) {
        const s = r.squawkOnAll;
        notes.push(`${r.case}: squawk on all ${r.files + r.excluded.length} files: exit ${s.exit} after ${fmtMs(s.wallMs)} ms, peak ${fmtMb(s.peakMb)} MB, no report (${firstLine(s.error)})`);
      }
      for (const e of r.excluded) notes.push(`${r.case}: left out for both tools: ${e.file}: ${firstLine(e.reason)}`);
      const checked = r.tools.ddlguard.output.filesReported;
      if (checked !== undefined && checked !== r.files) notes.push(`${r.case}: ddlguard checked ${checked} of the ${r.files} files given (summary.files)`);
      if (r.chunks > 1) notes.push(`${r.case}: file list passed in ${r.chunks} chunks (times summed, peak = max)`);
    }
    for (const warning of notes.filter((n) => n.startsWith('WARNING'))) process.stderr.write(`bench: ${warning}\n`);
    if (notes.length > 0) process.stdout.write(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);

    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          date,
          command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
          machine,
          tools: { ddlguard: ddlguardVersion, ddlguardRevision: revision, squawk: squawkVersion, squawkNpmEntry: path.relative(repoRoot, squawkBin), squawkBinary: toolSet.squawkNative.command },
          memoryMethod: method,
          repetitions: { corpus: reps, preCommit: options.quick ? 1 : 10, large: reps, warmup: !options.quick },
          results,
          notes,
        },
        null,
        2,
      )}\n`,
    );
    process.stdout.write(`\nwrote ${path.relative(repoRoot, resultsFile)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
