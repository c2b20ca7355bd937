import type { FileResult } from '../engine/finding.js';
import type { RuleMeta } from '../engine/rule.js';

export interface ReportContext {
  /** Metadata of every known rule, by id. */
  rules: ReadonlyMap<string, RuleMeta>;
  toolVersion: string;
  /** Base of the documentation links: `${docsBaseUrl}/<rule-id>.md`. */
  docsBaseUrl: string;
  /** Colours on (stylish only). */
  color: boolean;
}

/** Turns lint results into the text printed on stdout. */
export type Formatter = (results: FileResult[], ctx: ReportContext) => string;

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
