import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { useColor } from '../cli/color.js';
import { ConfigError } from '../engine/config.js';
import { SEVERITY_RANK, summarize, type FileResult, type Finding, type Severity } from '../engine/finding.js';
import { lintFiles } from '../engine/lint.js';
import { loadRules, ruleMetaMap } from '../engine/registry.js';
import { PACKAGE_INFO } from '../package-info.js';
import { messageWithHelp } from '../report/finding-text.js';
import { FORMATTERS } from '../report/index.js';
import { isAbsoluteReportPath, toReportPath } from '../report/paths.js';
import { formatSarif } from '../report/sarif.js';
import type { ReportContext } from '../report/types.js';
import { collectSources } from '../sources/collect.js';
import type { MigrationFile } from '../sources/types.js';
import { ChangedFilesError, findScope, type Scope } from './changed.js';
import { InputError, readInput, readInputs, type ActionInputs } from './inputs.js';
import { Redactor, redactUrl } from './redact.js';
import { countsText, findingRows, summaryLine, type SummaryInput } from './summary.js';

/** How the Action ended: 0 passed, 1 findings at or above fail-on, 2 it could not do its job. */
export type ActionExit = 0 | 1 | 2;

/**
 * The GitHub Action: the CLI's pipeline (collectSources → lintFiles → report formatters) with GitHub's outputs —
 * annotations, a job summary, step outputs, an optional SARIF file, and the job's status per `fail-on`.
 * Everything it prints goes through one Redactor, so a database URL's password never reaches the log.
 * Reads the inputs (INPUT_*) and GitHub's variables (GITHUB_*) from the environment.
 */
export async function runAction(): Promise<ActionExit> {
  const env = process.env;
  const redactor = new Redactor();
  const fail = (text: string, exit: ActionExit): ActionExit => {
    core.setFailed(redactor.redact(text));
    process.exitCode = exit;
    return exit;
  };
  try {
    return await lintForGithub(env, redactor, fail);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // the Redactor knows the database-url input; any other URL with a password in an error is redacted too
    const safe = message.replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/g, (url) => redactUrl(url));
    return fail(`ddlguard: internal error: ${safe}`, 2);
  }
}

async function lintForGithub(
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
  fail: (text: string, exit: ActionExit) => ActionExit,
): Promise<ActionExit> {
  const say = (text: string): void => core.info(redactor.redact(text));
  // first of all, so that nothing printed afterwards (even about another input) can hold its password
  redactor.addUrl(readInput('database-url'));
  let inputs: ActionInputs;
  try {
    inputs = readInputs();
  } catch (error) {
    if (error instanceof InputError) return fail(`ddlguard: ${error.message}`, 2);
    throw error;
  }
  if (inputs.databaseUrl !== undefined) {
    core.notice(
      redactor.redact(
        `database-url is set (${redactUrl(inputs.databaseUrl)}), but live lock-time estimates are not built yet: ` +
          'ddlguard does not connect to it, and the findings come from the migration files alone.',
      ),
      { title: 'ddlguard' },
    );
  }

  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  let scope: Scope;
  try {
    scope = await findScope(workspace, env.GITHUB_EVENT_PATH, inputs.onlyChanged);
  } catch (error) {
    if (error instanceof ChangedFilesError) return fail(`ddlguard: ${error.message}`, 2);
    throw error;
  }

  const collected = await collectSources(inputs.paths, { cwd: workspace });
  const problems = collected.errors.map((error) => error.message);
  const files = scope.kind === 'all' ? collected.files : onlyChangedFiles(collected.files, scope.files);

  let results: FileResult[];
  try {
    results = await lintFiles(files, {
      ...(inputs.config !== undefined ? { configPath: path.resolve(workspace, inputs.config) } : {}),
      cli: {},
    });
  } catch (error) {
    if (error instanceof ConfigError) return fail(`ddlguard: ${error.message}`, 2);
    throw error;
  }

  const ctx: ReportContext = {
    rules: ruleMetaMap(await loadRules()),
    toolVersion: PACKAGE_INFO.version,
    docsBaseUrl: PACKAGE_INFO.docsBaseUrl,
    color: useColor(process.stdout),
  };
  const fileOf = (finding: Finding): string => annotationPath(finding.file, workspace);
  const counts = summarize(results);
  const findings = results.flatMap((result) => result.findings);
  const scopeText = describeScope(scope, counts.files, inputs.paths);

  // the log: the chosen format (annotations are GitHub's own format, so `github` adds nothing to them)
  if (inputs.format !== 'github') {
    const output = FORMATTERS[inputs.format](results, ctx);
    if (output.length > 0) process.stdout.write(redactor.redact(output.endsWith('\n') ? output : `${output}\n`));
  }
  say(`ddlguard ${PACKAGE_INFO.version}: ${counts.files === 0 ? scopeText : `${countsText(counts)} in ${scopeText}`}`);

  for (const finding of findings) annotate(finding, fileOf(finding), redactor);
  for (const problem of problems) core.error(redactor.redact(`ddlguard: ${problem}`));

  const summaryInput: SummaryInput = { findings, counts, scopeText, docsBaseUrl: ctx.docsBaseUrl, fileOf };
  const blobBaseUrl = blobUrl(env, scope);
  if (blobBaseUrl !== undefined) summaryInput.blobBaseUrl = blobBaseUrl;
  await writeSummary(summaryInput, problems, redactor, env);

  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('infos', counts.info);
  core.setOutput('files', counts.files);

  if (inputs.sarifFile !== undefined) {
    const target = path.resolve(workspace, inputs.sarifFile);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${redactor.redact(formatSarif(results, ctx))}\n`);
    say(`SARIF log written to ${inputs.sarifFile}`);
  }

  if (problems.length > 0) return fail(`ddlguard: ${problems.join('; ')}`, 2);
  const threshold = SEVERITY_RANK[inputs.failOn];
  const failing = findings.filter((finding) => SEVERITY_RANK[finding.severity] >= threshold).length;
  if (failing > 0) {
    const what = { error: ['error', 'errors'], warning: ['error or warning', 'errors or warnings'] }[inputs.failOn];
    return fail(`ddlguard: ${failing} ${what[failing === 1 ? 0 : 1]} (fail-on: ${inputs.failOn})`, 1);
  }
  return 0;
}

/**
 * The files to lint when only changed files are reported: the changed ones, and before them the unchanged files of
 * the same migration set (read as context only, so the schema they build is known). Sets with no changed file
 * are left out, as are the files after a set's last changed file.
 */
export function onlyChangedFiles(files: MigrationFile[], changed: ReadonlySet<string>): MigrationFile[] {
  const lastChanged = new Map<string, number>();
  files.forEach((file, index) => {
    if (changed.has(file.absolutePath) && !file.contextOnly) lastChanged.set(file.setRoot, index);
  });
  const selected: MigrationFile[] = [];
  files.forEach((file, index) => {
    const last = lastChanged.get(file.setRoot);
    if (last === undefined || index > last) return;
    selected.push(changed.has(file.absolutePath) || file.contextOnly ? file : { ...file, contextOnly: true });
  });
  return selected;
}

const ANNOTATE: Record<Severity, typeof core.error> = { error: core.error, warning: core.warning, info: core.notice };

/**
 * One annotation per finding: the message and its safe alternative, the rule ID as title. Columns only when the
 * finding starts and ends on one line: GitHub takes no columns for an annotation that spans lines.
 */
function annotate(finding: Finding, file: string, redactor: Redactor): void {
  const properties: core.AnnotationProperties = {
    title: finding.ruleId,
    file,
    startLine: finding.line,
    endLine: finding.endLine,
  };
  if (finding.endLine === finding.line) {
    properties.startColumn = finding.column;
    properties.endColumn = finding.endColumn;
  }
  ANNOTATE[finding.severity](redactor.redact(messageWithHelp(finding.message, finding.help)), properties);
}

/** A finding's file as the repository-relative path GitHub matches annotations against. */
function annotationPath(file: string, workspace: string): string {
  const shown = toReportPath(file);
  if (!isAbsoluteReportPath(shown)) return shown;
  return toReportPath(path.relative(workspace, shown).split(path.sep).join('/'));
}

/** What was linted, for the log and the summary: `2 files changed under db (abc1234...def5678)`. */
function describeScope(scope: Scope, files: number, paths: string[]): string {
  const where = paths.join(', ');
  const count = `${files} ${files === 1 ? 'file' : 'files'}`;
  if (scope.kind === 'all') {
    return files === 0 ? `no migration files under ${where}` : `${count} under ${where} (${scope.reason}: every file linted)`;
  }
  const range = `${scope.comparison.base.slice(0, 7)}...${scope.comparison.head.slice(0, 7)}`;
  return files === 0 ? `no migration file under ${where} changed (${range})` : `${count} changed under ${where} (${range})`;
}

function blobUrl(env: NodeJS.ProcessEnv, scope: Scope): string | undefined {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const sha = scope.kind === 'changed' ? scope.comparison.head : env.GITHUB_SHA;
  if (!server || !repository || !sha) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/blob/${sha}/`;
}

async function writeSummary(input: SummaryInput, problems: string[], redactor: Redactor, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary');
    return;
  }
  const summary = core.summary.addHeading('ddlguard', 2).addRaw(`<p>${redactor.redact(summaryLine(input))}</p>`, true);
  for (const problem of problems) summary.addRaw(`<p>⚠️ ${redactor.redact(problem)}</p>`, true);
  if (input.findings.length > 0) {
    const rows = findingRows(input).map((row) =>
      row.map((cell) => (typeof cell === 'string' ? redactor.redact(cell) : { ...cell, data: redactor.redact(cell.data) })),
    );
    summary.addTable(rows);
  }
  await summary.write();
}
