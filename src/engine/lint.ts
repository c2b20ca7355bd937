import { Catalog } from '../model/catalog.js';
import type { Dialect } from '../parse/types.js';
import { loadPostgresParser } from '../parse/postgres/parse.js';
import type { MigrationFile } from '../sources/types.js';
import { ConfigResolver, effectiveSettings, type CliSettings } from './config.js';
import type { FileResult, StatementLocks } from './finding.js';
import { describeLock } from '../locks/index.js';
import { analyzeFile, type FileAnalysis } from './lint-file.js';
import { loadRules } from './registry.js';

export interface LintOptions {
  /** An explicit config file (`--config`); otherwise found from each file's folder upward. */
  configPath?: string;
  /** `--dialect`: beats the file name and the config. */
  dialect?: Dialect;
  cli: CliSettings;
  /** Keep every statement with its predicted locks in the results (`--explain-locks`). */
  explainLocks?: boolean;
}

/**
 * Lints migration files in order. Throws ConfigError for a config that cannot be used;
 * a file that does not parse is a `syntax-error` finding, not an exception.
 */
export async function lintFiles(files: MigrationFile[], options: LintOptions): Promise<FileResult[]> {
  const rules = await loadRules();
  await loadPostgresParser();
  const resolver = new ConfigResolver(new Set(rules.map((r) => r.meta.id)), options.configPath);
  const results: FileResult[] = [];
  const catalogs = new Map<string, Catalog>();
  for (const file of files) {
    const loaded = await resolver.forFile(file.absolutePath);
    const settings = effectiveSettings(loaded, file.absolutePath, options.cli);
    const dialect = options.dialect ?? file.dialect ?? settings.dialect ?? 'postgres';
    // a popx dialect-neutral file that a file of this dialect replaces is never run on this dialect
    if (file.shadowedFor?.includes(dialect)) continue;
    const catalog = catalogs.get(file.setRoot) ?? new Catalog();
    catalogs.set(file.setRoot, catalog);
    const input = {
      path: file.path,
      text: file.text,
      dialect,
      sections: file.sections,
      layoutHasDown: file.layoutHasDown,
      hasDown: file.downPath !== undefined,
    };
    // an earlier migration read for its schema only: its findings are not asked for
    const analysis = analyzeFile(input, settings, file.contextOnly ? [] : rules, catalog);
    if (file.contextOnly) continue;
    const result: FileResult = { file: file.path, text: file.text, findings: analysis.findings };
    if (options.explainLocks) result.statements = statementLocks(analysis);
    results.push(result);
  }
  return results;
}

function statementLocks(analysis: FileAnalysis): StatementLocks[] {
  return analysis.statements.map((statement) => {
    const { line, column } = analysis.parsed.index.position(statement.parsed.start);
    return {
      line,
      column,
      sql: statement.parsed.text,
      locks: statement.locks.map((lock) => ({
        table: lock.table,
        mode: lock.mode,
        blocks: lock.blocks,
        work: lock.work,
        rewrite: lock.rewrite,
        text: describeLock(lock),
      })),
    };
  });
}
