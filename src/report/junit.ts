import type { FileResult, Finding } from '../engine/finding.js';
import { messageWithHelp, ruleDocsUrl } from './finding-text.js';
import type { Formatter, ReportContext } from './types.js';

/**
 * JUnit XML: one `<testsuite>` per linted file, one failing `<testcase>` per finding,
 * and one passing `<testcase>` for a file with no findings.
 */

/**
 * Characters XML 1.0 cannot hold at all, not even as character references: C0 controls other than tab,
 * newline and carriage return; U+FFFE and U+FFFF; and lone surrogate halves. Each becomes U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** Tab and newline too, so that attribute-value normalization does not turn them into spaces. */
const ATTRIBUTE_ENTITIES: Record<string, string> = { ...TEXT_ENTITIES, '\t': '&#9;', '\n': '&#10;' };

export function escapeXmlText(value: string): string {
  return value.replace(FORBIDDEN_IN_XML, '\uFFFD').replace(/[&<>"'\r]/g, (ch) => TEXT_ENTITIES[ch] ?? ch);
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(FORBIDDEN_IN_XML, '\uFFFD').replace(/[&<>"'\r\t\n]/g, (ch) => ATTRIBUTE_ENTITIES[ch] ?? ch);
}

function attributes(values: [string, string | number][]): string {
  return values.map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`).join('');
}

function failureText(finding: Finding, ctx: ReportContext): string {
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  const docs = ruleDocsUrl(ctx.docsBaseUrl, finding.ruleId);
  return `${where}: ${finding.severity} ${finding.ruleId}\n${messageWithHelp(finding.message, finding.help)}\n${docs}`;
}

function testcaseFor(finding: Finding, ctx: ReportContext): string {
  const testcase = attributes([
    ['name', `${finding.ruleId} at ${finding.line}:${finding.column}`],
    ['classname', finding.file],
  ]);
  const failure = attributes([
    ['message', finding.message],
    ['type', finding.severity],
  ]);
  return [
    `    <testcase${testcase}>`,
    `      <failure${failure}>${escapeXmlText(failureText(finding, ctx))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function testsuiteFor(result: FileResult, ctx: ReportContext): string {
  const failures = result.findings.length;
  const suite = attributes([
    ['name', result.file],
    ['tests', Math.max(1, failures)],
    ['failures', failures],
    ['errors', 0],
    ['skipped', 0],
  ]);
  const testcases =
    failures === 0
      ? [`    <testcase${attributes([['name', 'no findings'], ['classname', result.file]])}/>`]
      : result.findings.map((finding) => testcaseFor(finding, ctx));
  return [`  <testsuite${suite}>`, ...testcases, '  </testsuite>'].join('\n');
}

export const formatJunit: Formatter = (results, ctx) => {
  const tests = results.reduce((sum, result) => sum + Math.max(1, result.findings.length), 0);
  const failures = results.reduce((sum, result) => sum + result.findings.length, 0);
  const root = attributes([
    ['name', 'ddlguard'],
    ['tests', tests],
    ['failures', failures],
    ['errors', 0],
  ]);
  const suites = results.map((result) => testsuiteFor(result, ctx));
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites, '</testsuites>'].join('\n');
};
