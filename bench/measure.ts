// Runs one command as a child process and measures its wall time and peak memory.
//
// Peak memory is the RSS high-water mark of the child (and of any process it starts and waits for):
//  - preferred: GNU time (`/usr/bin/time -f '%M %U %S' -o <file> cmd ...`). It reads the kernel's own
//    accounting (`wait4` rusage: ru_maxrss, the largest RSS of the child or of any descendant it waited for),
//    so nothing is sampled and a short spike cannot be missed. It also gives user+system CPU time.
//  - fallback (no GNU time): poll `/proc/<pid>/status` VmHWM (the kernel's per-process RSS high-water mark) of
//    the child and its descendants every few milliseconds and keep the largest value. Because VmHWM is itself a
//    high-water mark, only growth in the last poll interval before the process exits can be missed.
// In both cases "peak" is the largest single process, not the sum of a process tree (that is what ru_maxrss means).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type MemoryMethod = 'gnu-time' | 'proc-vmhwm';

export interface RunResult {
  wallMs: number;
  /** RSS high-water mark in KiB, or undefined if it could not be read. */
  peakKb: number | undefined;
  /** user + system CPU time in ms (GNU time only). */
  cpuMs: number | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdoutFile: string;
  stderrFile: string;
}

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 5;

export function detectMemoryMethod(): MemoryMethod {
  if (!fs.existsSync(GNU_TIME)) return 'proc-vmhwm';
  // busybox or BSD `time` do not take -f/-o; check that this one does and prints a number.
  const out = path.join(os.tmpdir(), `ddlguard-bench-timecheck-${process.pid}.txt`);
  const probe = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', out, 'true'], { stdio: 'ignore' });
  let ok = false;
  if (probe.status === 0 && fs.existsSync(out)) {
    ok = parseTimeOutput(fs.readFileSync(out, 'utf8')) !== undefined;
    fs.rmSync(out, { force: true });
  }
  return ok ? 'gnu-time' : 'proc-vmhwm';
}

function parseTimeOutput(text: string): { peakKb: number; cpuMs: number } | undefined {
  // GNU time writes "Command exited with non-zero status N" (or "Command terminated by signal N") before
  // the formatted line when the command fails; the formatted line is the last non-empty one.
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const last = lines[lines.length - 1];
  const m = last === undefined ? null : /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last.trim());
  if (m === null) return undefined;
  return { peakKb: Number(m[1]), cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000) };
}

/** VmHWM (KiB) of one process, or undefined if it is gone. */
function readVmHwm(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

function childPids(pid: number): number[] {
  const pids: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (text !== '') pids.push(...text.split(/\s+/).map(Number));
      } catch {
        // thread ended between readdir and read
      }
    }
  } catch {
    // process ended
  }
  return pids;
}

function processTree(root: number): number[] {
  const all: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    all.push(pid);
    queue.push(...childPids(pid));
  }
  return all;
}

export interface RunOptions {
  cwd: string;
  method: MemoryMethod;
  /** directory for the captured stdout/stderr and GNU time's report */
  scratchDir: string;
  label: string;
  timeoutMs?: number;
}

let runCounter = 0;

/** Runs `command args...` once; stdout and stderr go to files (no pipes to drain while timing). */
export async function runMeasured(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const id = `${options.label.replace(/[^\w.-]+/g, '_')}-${runCounter++}`;
  const stdoutFile = path.join(options.scratchDir, `${id}.out`);
  const stderrFile = path.join(options.scratchDir, `${id}.err`);
  const timeFile = path.join(options.scratchDir, `${id}.time`);
  const outFd = fs.openSync(stdoutFile, 'w');
  const errFd = fs.openSync(stderrFile, 'w');

  const useTime = options.method === 'gnu-time';
  const file = useTime ? GNU_TIME : command;
  const argv = useTime ? ['-f', '%M %U %S', '-o', timeFile, command, ...args] : [...args];

  const peaks = new Map<number, number>();
  const start = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd: options.cwd, stdio: ['ignore', outFd, errFd], env: process.env });
  let poller: NodeJS.Timeout | undefined;
  if (!useTime && child.pid !== undefined) {
    const root = child.pid;
    const sample = (): void => {
      for (const pid of processTree(root)) {
        const hwm = readVmHwm(pid);
        if (hwm !== undefined && hwm > (peaks.get(pid) ?? 0)) peaks.set(pid, hwm);
      }
    };
    sample();
    poller = setInterval(sample, POLL_MS);
  }
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);

  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, s) => resolve({ code: c, signal: s }));
  }).finally(() => {
    clearTimeout(timeout);
    if (poller !== undefined) clearInterval(poller);
    fs.closeSync(outFd);
    fs.closeSync(errFd);
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  let peakKb: number | undefined;
  let cpuMs: number | undefined;
  let exitCode = code;
  if (useTime) {
    const text = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
    const parsed = parseTimeOutput(text);
    peakKb = parsed?.peakKb;
    cpuMs = parsed?.cpuMs;
    // GNU time exits with the command's status; a signal shows as "Command terminated by signal N".
    const sig = /Command terminated by signal (\d+)/.exec(text);
    if (sig !== null) exitCode = 128 + Number(sig[1]);
    fs.rmSync(timeFile, { force: true });
  } else if (peaks.size > 0) {
    peakKb = Math.max(...peaks.values());
  }
  return { wallMs, peakKb, cpuMs, exitCode, signal, stdoutFile, stderrFile };
}

/**
 * Splits a file list into chunks whose command lines stay well below the kernel's limit
 * (ARG_MAX is usually 2 MiB for argv + environment together; keep a wide margin).
 */
export function chunkArgs(files: readonly string[], fixedArgs: readonly string[], budgetBytes = 512 * 1024): string[][] {
  const envBytes = Object.entries(process.env).reduce((n, [k, v]) => n + k.length + (v?.length ?? 0) + 2, 0);
  const base = fixedArgs.reduce((n, a) => n + Buffer.byteLength(a) + 1, 0) + envBytes;
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = base;
  for (const f of files) {
    const len = Buffer.byteLength(f) + 1 + 8; // + pointer
    if (current.length > 0 && size + len > budgetBytes) {
      chunks.push(current);
      current = [];
      size = base;
    }
    current.push(f);
    size += len;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
