import type { FileResult, Finding, Severity } from '../engine/finding.js';
import type { RuleMeta } from '../engine/rule.js';
import { messageWithHelp, ruleDocsUrl } from './finding-text.js';
import { isAbsoluteReportPath, toReportPath } from './paths.js';
import type { Formatter, ReportContext } from './types.js';

/**
 * SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers): one run, the rules that produced a finding in
 * `tool.driver.rules`, one result per finding.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

interface SarifText {
  text: string;
}

export interface SarifReportingDescriptor {
  id: string;
  shortDescription?: SarifText;
  fullDescription?: SarifText;
  help?: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration?: { enabled?: boolean; level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifText;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: SarifReportingDescriptor[];
      };
    };
    /** Columns count Unicode code points (see src/parse/positions.ts); SARIF's default, stated for readers. */
    columnKind: 'unicodeCodePoints';
    results: SarifResult[];
  }[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** A fence longer than any run of backticks in the code, so SQL holding ``` cannot close it early. */
function sqlBlock(sql: string): string {
  const longestRun = Math.max(2, ...Array.from(sql.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}sql\n${sql.trim()}\n${fence}`;
}

function describeRule(id: string, meta: RuleMeta | undefined, ctx: ReportContext): SarifReportingDescriptor {
  const helpUri = ruleDocsUrl(ctx.docsBaseUrl, id);
  if (!meta) return { id, shortDescription: { text: id }, helpUri };
  const { docs } = meta;
  const text = [docs.help, `Unsafe:\n${docs.unsafe.trim()}`, `Safe:\n${docs.safe.trim()}`, helpUri].join('\n\n');
  const markdown = [
    docs.why,
    `**Unsafe**\n\n${sqlBlock(docs.unsafe)}`,
    `**Safe**\n\n${sqlBlock(docs.safe)}`,
    docs.help,
    `[Documentation](${helpUri})`,
  ].join('\n\n');
  const defaultConfiguration =
    meta.defaultSeverity === 'off'
      ? { enabled: false, level: 'none' as const }
      : { level: LEVEL[meta.defaultSeverity] };
  return {
    id,
    shortDescription: { text: docs.summary },
    fullDescription: { text: docs.why },
    help: { text, markdown },
    helpUri,
    defaultConfiguration,
  };
}

/**
 * A URI reference for the file: percent-encoded path segments (a space becomes `%20`), relative to `%SRCROOT%`
 * when the path is relative, a `file:` URI when it is absolute.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = toReportPath(file);
  const encoded = path
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (!isAbsoluteReportPath(path)) return { uri: encoded, uriBaseId: SRCROOT };
  return { uri: path.startsWith('/') ? `file://${encoded}` : `file:///${encoded}` };
}

function toResult(finding: Finding, ruleIndex: number): SarifResult {
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  const endLine = Math.max(startLine, finding.endLine);
  const endColumn = Math.max(1, endLine === startLine ? Math.max(startColumn, finding.endColumn) : finding.endColumn);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: messageWithHelp(finding.message, finding.help) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.file),
          region: { startLine, startColumn, endLine, endColumn },
        },
      },
    ],
  };
}

export function buildSarifLog(results: FileResult[], ctx: ReportContext): SarifLog {
  const findings = results.flatMap((result) => result.findings);
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ddlguard',
            version: ctx.toolVersion,
            informationUri: ctx.docsBaseUrl,
            rules: ruleIds.map((id) => describeRule(id, ctx.rules.get(id), ctx)),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId) ?? 0)),
      },
    ],
  };
}

export const formatSarif: Formatter = (results, ctx) => JSON.stringify(buildSarifLog(results, ctx), null, 2);
