import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError, ConfigResolver, effectiveSettings } from '../engine/config.js';
import type { Finding } from '../engine/finding.js';
import { analyzeFile } from '../engine/lint-file.js';
import type { Rule } from '../engine/rule.js';
import type { StatementInfo } from '../engine/statement-info.js';
import type { Dialect } from '../parse/types.js';
import { dialectFromName, earlierCatalog, sectionsOf, SourceCache } from './document-source.js';

/** What the engine says about one version of one open document. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  findings: Finding[];
  statements: StatementInfo[];
  dialect: Dialect;
  pgVersion: number;
  /** The config that applies cannot be used: nothing was linted. */
  configError?: string;
  /** The config file that applies, if any. */
  configPath?: string;
}

/**
 * Lints editor documents with the CLI's engine: the settings of the config file that applies to the document's
 * path (found from its folder upward), the layout, sections and dialect the sources layer gives its file.
 */
export class Analyzer {
  private resolver: ConfigResolver;
  private readonly sources = new SourceCache();

  constructor(
    private readonly rules: Rule[],
    /** Where a document that is not a file (an untitled buffer) looks for its config. */
    private readonly fallbackFolder: string,
  ) {
    this.resolver = this.newResolver();
  }

  /** Forgets every config and source read so far (a config file or a migration changed on disk). */
  reset(): void {
    this.resolver = this.newResolver();
    this.sources.clear();
  }

  /** Forgets the layouts and earlier migrations read so far (a file was saved, created or deleted). */
  forgetSources(): void {
    this.sources.clear();
  }

  async analyze(document: TextDocument): Promise<DocumentAnalysis> {
    const version = document.version;
    const text = document.getText();
    const filePath = documentPath(document.uri);
    const configAnchor = filePath ?? path.join(this.fallbackFolder, 'untitled.sql');
    const resolver = this.resolver;
    let loaded;
    let source;
    try {
      loaded = await resolver.forFile(configAnchor);
      source = await this.sources.get(filePath, resolver);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { uri: document.uri, version, findings: [], statements: [], dialect: 'postgres', pgVersion: 0, configError: error.message };
    }
    const settings = effectiveSettings(loaded, configAnchor, {});
    const dialect = source.dialect ?? (filePath ? undefined : dialectFromName(document.uri).dialect) ?? settings.dialect ?? 'postgres';
    const input = {
      path: filePath ?? document.uri,
      text,
      dialect,
      sections: sectionsOf(source, text),
      layoutHasDown: source.layoutHasDown,
      hasDown: source.hasDown,
    };
    const analysis = analyzeFile(input, settings, this.rules, earlierCatalog(source));
    const result: DocumentAnalysis = {
      uri: document.uri,
      version,
      findings: analysis.findings,
      statements: analysis.statements,
      dialect,
      pgVersion: settings.pgVersion,
    };
    if (loaded) result.configPath = loaded.filepath;
    return result;
  }

  private newResolver(): ConfigResolver {
    return new ConfigResolver(new Set(this.rules.map((rule) => rule.meta.id)));
  }
}

/** The file a document URI names, or undefined for a document that is not a file. */
export function documentPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
