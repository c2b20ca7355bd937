import path from 'node:path';
import { lilconfig } from 'lilconfig';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { Dialect } from '../parse/types.js';
import type { Severity } from './finding.js';
import { DEFAULT_MYSQL_VERSION, MYSQL_VERSION_HINT, parseMysqlVersion, type MysqlVersion } from './mysql-version.js';

/** A problem with a configuration file or a setting: the tool cannot do its job (exit 2). */
export class ConfigError extends Error {}

const ruleSetting = z.enum(['off', 'error', 'warning', 'info']);
export type RuleSetting = z.infer<typeof ruleSetting>;

const settingsShape = {
  dialect: z.enum(['postgres', 'mysql']).optional(),
  pgVersion: z.number().int().min(9).max(19).optional(),
  mysqlVersion: z
    .string()
    .refine((value) => parseMysqlVersion(value) !== undefined, { error: (issue) => `"${String(issue.input)}" is not a server version: ${MYSQL_VERSION_HINT}` })
    .optional(),
  assumeInTransaction: z.boolean().optional(),
  rules: z.record(z.string(), ruleSetting).optional(),
};

const overrideSchema = z.strictObject({
  files: z.union([z.string(), z.array(z.string()).min(1)]),
  ...settingsShape,
});

const configSchema = z.strictObject({
  $schema: z.string().optional(),
  ...settingsShape,
  overrides: z.array(overrideSchema).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

export interface LoadedConfig {
  filepath: string;
  config: ConfigFile;
}

/** The settings that apply to one file, after config, overrides and command-line flags. */
export interface EffectiveSettings {
  /** The dialect the config names, if any. */
  dialect?: Dialect;
  pgVersion: number;
  /** Target MySQL / MariaDB server (config `mysqlVersion`, `--mysql-version`); absent: DEFAULT_MYSQL_VERSION (8.0). */
  mysqlVersion?: MysqlVersion;
  assumeInTransaction: boolean;
  rules: ReadonlyMap<string, RuleSetting>;
}

export const DEFAULT_PG_VERSION = 15;

/** Flags that override the config (the dialect flag is applied by the caller: it also beats file names). */
export interface CliSettings {
  pgVersion?: number;
  mysqlVersion?: MysqlVersion;
  assumeInTransaction?: boolean;
}

/** Finds and validates config files, from each linted file's folder upward (cached per folder). */
export class ConfigResolver {
  private readonly explorer = lilconfig('ddlguard', {
    searchPlaces: ['package.json', 'ddlguard.config.json', '.ddlguardrc.json'],
    loaders: { '.json': parseJsonConfig },
  });
  private readonly explicit: Promise<LoadedConfig | undefined>;

  constructor(
    private readonly knownRules: ReadonlySet<string>,
    explicitPath?: string,
  ) {
    this.explicit = explicitPath ? this.load(explicitPath) : Promise.resolve(undefined);
  }

  /** The config that applies to a file (or undefined: defaults). */
  async forFile(absoluteFile: string): Promise<LoadedConfig | undefined> {
    const explicit = await this.explicit;
    if (explicit) return explicit;
    let result;
    try {
      result = await this.explorer.search(path.dirname(absoluteFile));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(readError(error));
    }
    if (!result || result.isEmpty) return undefined;
    return { filepath: result.filepath, config: this.validate(result.config, result.filepath) };
  }

  private async load(filepath: string): Promise<LoadedConfig> {
    let result;
    try {
      result = await this.explorer.load(path.resolve(filepath));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(readError(error, filepath));
    }
    return { filepath: result?.filepath ?? filepath, config: this.validate(result?.config ?? {}, filepath) };
  }

  private validate(raw: unknown, filepath: string): ConfigFile {
    const parsed = configSchema.safeParse(raw);
    const where = displayPath(filepath);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? issue.path.join('.') : '';
      if (issue?.code === 'unrecognized_keys') {
        const key = issue.keys[0] ?? '';
        throw new ConfigError(`${where}: unknown setting "${at ? `${at}.` : ''}${key}"`);
      }
      throw new ConfigError(`${where}: invalid setting "${at}": ${issue?.message ?? 'invalid'}`);
    }
    const config = parsed.data;
    const ruleMaps = [config.rules, ...(config.overrides ?? []).map((o) => o.rules)];
    for (const rules of ruleMaps) {
      for (const id of Object.keys(rules ?? {})) {
        if (!this.knownRules.has(id)) throw new ConfigError(`${where}: unknown rule "${id}" in "rules"`);
      }
    }
    return config;
  }
}

/** JSON.parse with the file named in the error (lilconfig's own loader does not name it). */
function parseJsonConfig(filepath: string, content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${displayPath(filepath)}: invalid JSON: ${message}`);
  }
}

function displayPath(filepath: string): string {
  const relative = path.relative(process.cwd(), filepath);
  return relative && !relative.startsWith('..') ? relative : filepath;
}

function readError(error: unknown, filepath?: string): string {
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  if (filepath && /ENOENT/.test(message)) return `config file not found: ${filepath}`;
  return filepath ? `${displayPath(filepath)}: ${message}` : `cannot read config: ${message}`;
}

/** Merges a config (and the overrides matching the file) with command-line flags. */
export function effectiveSettings(
  loaded: LoadedConfig | undefined,
  absoluteFile: string,
  cli: CliSettings,
): EffectiveSettings {
  const rules = new Map<string, RuleSetting>();
  let dialect: Dialect | undefined;
  let pgVersion: number | undefined;
  let mysqlVersion: MysqlVersion | undefined;
  let assumeInTransaction: boolean | undefined;
  const apply = (settings: Omit<ConfigFile, 'overrides' | '$schema'>): void => {
    if (settings.dialect) dialect = settings.dialect;
    if (settings.pgVersion !== undefined) pgVersion = settings.pgVersion;
    if (settings.mysqlVersion !== undefined) mysqlVersion = parseMysqlVersion(settings.mysqlVersion) ?? mysqlVersion;
    if (settings.assumeInTransaction !== undefined) assumeInTransaction = settings.assumeInTransaction;
    for (const [id, setting] of Object.entries(settings.rules ?? {})) rules.set(id, setting);
  };
  if (loaded) {
    apply(loaded.config);
    const relative = path.relative(path.dirname(loaded.filepath), absoluteFile).split(path.sep).join('/');
    for (const override of loaded.config.overrides ?? []) {
      const patterns = Array.isArray(override.files) ? override.files : [override.files];
      if (picomatch(patterns, { dot: true })(relative)) apply(override);
    }
  }
  const result: EffectiveSettings = {
    pgVersion: cli.pgVersion ?? pgVersion ?? DEFAULT_PG_VERSION,
    mysqlVersion: cli.mysqlVersion ?? mysqlVersion ?? DEFAULT_MYSQL_VERSION,
    assumeInTransaction: cli.assumeInTransaction ?? assumeInTransaction ?? false,
    rules,
  };
  if (dialect) result.dialect = dialect;
  return result;
}

export function severityFor(settings: EffectiveSettings, id: string, fallback: Severity | 'off'): Severity | 'off' {
  return settings.rules.get(id) ?? fallback;
}
