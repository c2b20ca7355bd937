import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { ConfigError } from '../engine/config.js';
import { MYSQL_VERSION_HINT, parseMysqlVersion, type MysqlVersion } from '../engine/mysql-version.js';
import { SEVERITY_RANK, summarize, type FileResult } from '../engine/finding.js';
import { fixFiles, lintFiles, type FileChange, type LintOptions } from '../engine/lint.js';
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
  mysqlVersion?: MysqlVersion;
  config?: string;
  failOn: 'error' | 'warning';
  maxWarnings?: number;
  assumeInTransaction?: boolean;
  stdinFilename?: string;
  explainLocks?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

const EXAMPLES = `
Examples:
  $ ddlguard lint migrations/                      lint a migration folder (layout detected)
  $ ddlguard lint 'db/**/*.up.sql' --format json   globs, machine-readable output
  $ ddlguard lint V3__add_index.sql --pg-version 11
  $ cat x.sql | ddlguard lint - --stdin-filename db/x.sql
  $ ddlguard lint migrations/ --format sarif > ddlguard.sarif
  $ ddlguard lint V7__orders.sql --explain-locks    which lock each statement takes
  $ ddlguard lint migrations/ --fix-dry-run         print the fixes as a unified diff, change nothing
  $ ddlguard lint migrations/ --fix                 apply the fixes, then report what remains
  $ cat x.sql | ddlguard lint - --fix > fixed.sql   - with --fix: the fixed SQL on stdout, the report on stderr

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 ddlguard could not do its job.`;

function parseInteger(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

function parseServerVersion(value: string): MysqlVersion {
  const version = parseMysqlVersion(value);
  if (!version) throw new UsageError(`--mysql-version: "${value}" is not a server version: ${MYSQL_VERSION_HINT}`);
  return version;
}

export function lintCommand(): Command {
  return new Command('lint')
    .description('check migration files for operations that lock, rewrite or break production')
    .argument('[paths...]', 'files, folders or globs; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .addOption(new Option('--dialect <dialect>', 'SQL dialect of every file (else: file name, config, postgres)').choices(['postgres', 'mysql']))
    .option('--pg-version <major>', 'target PostgreSQL major version (default: config, else 15)', parseInteger('--pg-version', 9, 19))
    .option('--mysql-version <version>', 'target MySQL/MariaDB server: 8.0, 8.0.29, 5.7, mariadb-10.6 (default: config, else 8.0)', parseServerVersion)
    .option('-c, --config <file>', 'use this config file instead of searching from each file upward')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices(['error', 'warning']).default('error'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseInteger('--max-warnings', 0, Number.MAX_SAFE_INTEGER))
    .option('--assume-in-transaction', 'treat every file as wrapped in a transaction')
    .option('--stdin-filename <path>', 'the path to report (and to find config and layout from) for -')
    .option('--explain-locks', 'show the locks every statement takes, what they block, and whether they rewrite')
    .addOption(new Option('--fix', 'rewrite the files with the fixes that are mechanical, then report what remains').conflicts('fixDryRun'))
    .option('--fix-dry-run', 'print the fixes as a unified diff (the report goes to stderr); write nothing')
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

  const options: LintOptions = {
    ...(flags.config !== undefined ? { configPath: flags.config } : {}),
    ...(flags.dialect !== undefined ? { dialect: flags.dialect } : {}),
    ...(flags.explainLocks ? { explainLocks: true } : {}),
    onNote: (message) => notes.push(message),
    cli: {
      ...(flags.pgVersion !== undefined ? { pgVersion: flags.pgVersion } : {}),
      ...(flags.mysqlVersion !== undefined ? { mysqlVersion: flags.mysqlVersion } : {}),
      ...(flags.assumeInTransaction ? { assumeInTransaction: true } : {}),
    },
  };
  const fixing = flags.fix === true || flags.fixDryRun === true;
  const stdin = paths.includes('-') ? files[0] : undefined;
  let results: FileResult[];
  let changes: FileChange[] = [];
  const notes: string[] = [];
  try {
    if (fixing) {
      const outcome = await fixFiles(files, options);
      results = outcome.results;
      changes = outcome.changes;
      notes.push(...outcome.notes);
    } else {
      results = await lintFiles(files, options);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }

  // With --fix-dry-run stdout carries the patch alone (so it can go to `git apply`); with - and --fix it carries
  // the fixed SQL. The report then goes to stderr.
  const reportStream = flags.fixDryRun || (flags.fix && stdin) ? process.stderr : process.stdout;
  if (flags.fixDryRun) {
    for (const change of changes) process.stdout.write(patchOf(change, cwd));
  } else if (flags.fix) {
    for (const change of changes) {
      if (stdin && change.absolutePath === stdin.absolutePath) continue;
      writeFileSync(change.absolutePath, change.after);
    }
    if (stdin) process.stdout.write(changes.find((c) => c.absolutePath === stdin.absolutePath)?.after ?? stdin.text);
  }
  if (fixing && changes.length > 0) {
    const count = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;
    const created = changes.filter((c) => c.before === undefined).length;
    const parts = [`${flags.fix ? 'fixed' : 'would fix'} ${count(changes.length - created)}`];
    if (created > 0) parts.push(`${flags.fix ? 'created' : 'would create'} ${count(created)}`);
    process.stderr.write(`ddlguard: ${parts.join(', ')}\n`);
  }

  const rules = await loadRules();
  const output = FORMATTERS[flags.format](results, {
    rules: ruleMetaMap(rules),
    toolVersion: PACKAGE_INFO.version,
    docsBaseUrl: PACKAGE_INFO.docsBaseUrl,
    color: useColor(reportStream),
  });
  if (output.length > 0) reportStream.write(output.endsWith('\n') ? output : `${output}\n`);
  for (const note of notes) process.stderr.write(`ddlguard: ${note}\n`);
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

/** A unified diff of one change, with `a/` and `b/` paths relative to the working folder (git apply takes it). */
function patchOf(change: FileChange, cwd: string): string {
  const shown = path.isAbsolute(change.path) ? path.relative(cwd, change.path) : change.path;
  const name = shown.split(path.sep).join('/');
  const from = change.before === undefined ? '/dev/null' : `a/${name}`;
  return createTwoFilesPatch(from, `b/${name}`, change.before ?? '', change.after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}
