import path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError } from '../engine/config.js';
import { SEVERITY_RANK, summarize, type FileResult } from '../engine/finding.js';
import { lintFiles } from '../engine/lint.js';
import { loadRules, ruleMetaMap } from '../engine/registry.js';
import { PACKAGE_INFO } from '../package-info.js';
import type { Dialect } from '../parse/types.js';
import { FORMATTERS } from '../report/index.js';
import { FORMAT_NAMES, type FormatName } from '../report/types.js';
import { collectSources } from '../sources/collect.js';
import type { MigrationFile } from '../sources/types.js';
import { useColor } from './color.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, UsageError } from './errors.js';

interface LintFlags {
  format: FormatName;
  dialect?: Dialect;
  pgVersion?: number;
  config?: string;
  failOn: 'error' | 'warning';
  maxWarnings?: number;
  assumeInTransaction?: boolean;
  stdinFilename?: string;
  explainLocks?: boolean;
}

const EXAMPLES = `
Examples:
  $ ddlguard lint migrations/                      lint a migration folder (layout detected)
  $ ddlguard lint 'db/**/*.up.sql' --format json   globs, machine-readable output
  $ ddlguard lint V3__add_index.sql --pg-version 11
  $ cat x.sql | ddlguard lint - --stdin-filename db/x.sql
  $ ddlguard lint migrations/ --format sarif > ddlguard.sarif
  $ ddlguard lint V7__orders.sql --explain-locks    which lock each statement takes

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 ddlguard could not do its job.`;

function parseInteger(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

export function lintCommand(): Command {
  return new Command('lint')
    .description('check migration files for operations that lock, rewrite or break production')
    .argument('[paths...]', 'files, folders or globs; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .addOption(new Option('--dialect <dialect>', 'SQL dialect of every file (else: file name, config, postgres)').choices(['postgres', 'mysql']))
    .option('--pg-version <major>', 'target PostgreSQL major version (default: config, else 15)', parseInteger('--pg-version', 9, 19))
    .option('-c, --config <file>', 'use this config file instead of searching from each file upward')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices(['error', 'warning']).default('error'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseInteger('--max-warnings', 0, Number.MAX_SAFE_INTEGER))
    .option('--assume-in-transaction', 'treat every file as wrapped in a transaction')
    .option('--stdin-filename <path>', 'the path to report (and to find config and layout from) for -')
    .option('--explain-locks', 'show the locks every statement takes, what they block, and whether they rewrite')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  if (paths.length === 0) throw new UsageError('no paths given: pass files, folders or globs, or - for standard input');
  const cwd = process.cwd();
  const files: MigrationFile[] = [];
  const problems: string[] = [];
  const fileInputs = paths.filter((p) => p !== '-');
  if (paths.includes('-')) files.push(await stdinFile(flags.stdinFilename, cwd));
  if (fileInputs.length > 0) {
    const collected = await collectSources(fileInputs, { cwd });
    files.push(...collected.files);
    for (const error of collected.errors) problems.push(error.message);
  }

  let results: FileResult[];
  try {
    results = await lintFiles(files, {
      ...(flags.config !== undefined ? { configPath: flags.config } : {}),
      ...(flags.dialect !== undefined ? { dialect: flags.dialect } : {}),
      ...(flags.explainLocks ? { explainLocks: true } : {}),
      cli: {
        ...(flags.pgVersion !== undefined ? { pgVersion: flags.pgVersion } : {}),
        ...(flags.assumeInTransaction ? { assumeInTransaction: true } : {}),
      },
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }

  const rules = await loadRules();
  const output = FORMATTERS[flags.format](results, {
    rules: ruleMetaMap(rules),
    toolVersion: PACKAGE_INFO.version,
    docsBaseUrl: PACKAGE_INFO.docsBaseUrl,
    color: useColor(process.stdout),
  });
  if (output.length > 0) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  for (const problem of problems) process.stderr.write(`ddlguard: ${problem}\n`);

  if (problems.length > 0) return EXIT_TROUBLE;
  const threshold = SEVERITY_RANK[flags.failOn];
  const failing = results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
  const tooManyWarnings = flags.maxWarnings !== undefined && summarize(results).warning > flags.maxWarnings;
  return failing || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

async function stdinFile(stdinFilename: string | undefined, cwd: string): Promise<MigrationFile> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  const shown = stdinFilename ?? '<stdin>';
  const file: MigrationFile = {
    path: shown,
    setRoot: path.dirname(path.resolve(cwd, stdinFilename ?? 'stdin.sql')),
    absolutePath: path.resolve(cwd, stdinFilename ?? 'stdin.sql'),
    text,
    layout: 'plain',
    sections: [{ direction: 'up', transaction: 'none', start: 0, end: text.length }],
    layoutHasDown: false,
  };
  const named = /\.(mysql|postgres)\.(?:autocommit\.)?(?:up|down)\.sql$/i.exec(shown)?.[1]?.toLowerCase();
  if (named === 'mysql' || named === 'postgres') file.dialect = named;
  return file;
}
