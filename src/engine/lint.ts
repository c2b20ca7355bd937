import type { Dialect } from '../parse/types.js';
import { loadPostgresParser } from '../parse/postgres/parse.js';
import type { MigrationFile } from '../sources/types.js';
import { ConfigResolver, effectiveSettings, type CliSettings } from './config.js';
import type { FileResult } from './finding.js';
import { lintFile } from './lint-file.js';
import { loadRules } from './registry.js';

export interface LintOptions {
  /** An explicit config file (`--config`); otherwise found from each file's folder upward. */
  configPath?: string;
  /** `--dialect`: beats the file name and the config. */
  dialect?: Dialect;
  cli: CliSettings;
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
  for (const file of files) {
    const loaded = await resolver.forFile(file.absolutePath);
    const settings = effectiveSettings(loaded, file.absolutePath, options.cli);
    const dialect = options.dialect ?? file.dialect ?? settings.dialect ?? 'postgres';
    // a popx dialect-neutral file that a file of this dialect replaces is never run on this dialect
    if (file.shadowedFor?.includes(dialect)) continue;
    const findings = lintFile({ path: file.path, text: file.text, dialect, sections: file.sections }, settings, rules);
    results.push({ file: file.path, text: file.text, findings });
  }
  return results;
}
