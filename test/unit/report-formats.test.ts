import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { loadSarifValidator } from '../helpers/sarif-schema.js';
import type { FileResult, Finding } from '../../src/engine/finding.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import type { ReportContext } from '../../src/report/types.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { formatGitlab } from '../../src/report/gitlab.js';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../../src/report/junit.js';
import { artifactLocation, formatSarif } from '../../src/report/sarif.js';

// ---------------------------------------------------------------- fixtures

const INDEX_FILE = 'migrations/001 add index.sql';
const TYPES_FILE = 'db\\002_types.sql';
const CLEAN_FILE = './migrations/003_clean.sql';

/** Every character the formats must escape: % , : newline < & (and quotes). */
const NASTY_MESSAGE = 'Index "idx_a,b" blocks writes: 100% of rows <SHARE> & more\nsecond line';

function finding(fields: Omit<Finding, 'start' | 'end'>): Finding {
  return { ...fields, start: 0, end: 0 };
}

const results: FileResult[] = [
  {
    file: INDEX_FILE,
    text: '',
    findings: [
      finding({
        ruleId: 'require-concurrent-index-creation',
        severity: 'error',
        file: INDEX_FILE,
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 40,
        message: NASTY_MESSAGE,
        help: 'Use CREATE INDEX CONCURRENTLY.',
      }),
      finding({
        ruleId: 'require-table-schema',
        severity: 'info',
        file: INDEX_FILE,
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 19,
        message: 'Table "users" is not schema-qualified.',
        help: 'Write public.users.',
      }),
    ],
  },
  {
    file: TYPES_FILE,
    text: '',
    findings: [
      finding({
        ruleId: 'prefer-text-field',
        severity: 'warning',
        file: TYPES_FILE,
        line: 1,
        column: 30,
        endLine: 2,
        endColumn: 5,
        message: 'varchar(255) limits the length',
        help: '',
      }),
    ],
  },
  { file: CLEAN_FILE, text: '', findings: [] },
];

function rule(id: string, defaultSeverity: RuleMeta['defaultSeverity'], summary: string): RuleMeta {
  return {
    id,
    defaultSeverity,
    dialects: ['postgres'],
    docs: {
      summary,
      why: `Why ${id} matters.`,
      unsafe: 'CREATE INDEX i ON t (a);',
      safe: 'CREATE INDEX CONCURRENTLY i ON t (a);',
      help: `Help for ${id}.`,
    },
  };
}

const rules = new Map<string, RuleMeta>([
  ['require-concurrent-index-creation', rule('require-concurrent-index-creation', 'error', 'CREATE INDEX without CONCURRENTLY')],
  ['prefer-text-field', rule('prefer-text-field', 'warning', 'varchar(n) columns')],
  ['require-table-schema', rule('require-table-schema', 'off', 'Unqualified table names')],
  ['ban-drop-table', rule('ban-drop-table', 'error', 'DROP TABLE')],
]);

const ctx: ReportContext = {
  rules,
  toolVersion: '0.1.0',
  docsBaseUrl: 'https://ddlguard.dev/rules/',
  color: false,
};

// ---------------------------------------------------------------- github

describe('github format', () => {
  it('prints one workflow command per finding, escaped as GitHub requires', () => {
    assert.deepEqual(formatGithub(results, ctx).split('\n'), [
      '::error file=migrations/001 add index.sql,line=3,col=1,endLine=3,endColumn=40,' +
        'title=require-concurrent-index-creation::' +
        'Index "idx_a,b" blocks writes: 100%25 of rows <SHARE> & more%0Asecond line. Use CREATE INDEX CONCURRENTLY.',
      '::notice file=migrations/001 add index.sql,line=5,col=14,endLine=5,endColumn=19,' +
        'title=require-table-schema::Table "users" is not schema-qualified. Write public.users.',
      '::warning file=db/002_types.sql,line=1,col=30,endLine=2,endColumn=5,' +
        'title=prefer-text-field::varchar(255) limits the length',
    ]);
  });

  it('escapes data and properties like @actions/core', () => {
    assert.equal(escapeData('a%b\r\nc:d,e'), 'a%25b%0D%0Ac:d,e');
    assert.equal(escapeProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
  });

  it('escapes a file path holding a colon or a comma', () => {
    const odd: FileResult[] = [
      {
        file: 'a:b,c.sql',
        text: '',
        findings: [
          finding({ ruleId: 'ban-drop-table', severity: 'error', file: 'a:b,c.sql', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm', help: 'h' }),
        ],
      },
    ];
    assert.equal(formatGithub(odd, ctx), '::error file=a%3Ab%2Cc.sql,line=1,col=1,endLine=1,endColumn=2,title=ban-drop-table::m. h');
  });

  it('prints nothing when there are no findings', () => {
    assert.equal(formatGithub([{ file: CLEAN_FILE, text: '', findings: [] }], ctx), '');
  });
});

// ---------------------------------------------------------------- gitlab

interface CodeQualityIssueJson {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

function parseGitlab(text: string): CodeQualityIssueJson[] {
  const parsed: unknown = JSON.parse(text);
  assert.ok(Array.isArray(parsed));
  return parsed as CodeQualityIssueJson[];
}

describe('gitlab format', () => {
  const issues = parseGitlab(formatGitlab(results, ctx));

  it('reports one issue per finding with GitLab severities', () => {
    assert.deepEqual(
      issues.map(({ fingerprint: _fingerprint, ...rest }) => rest),
      [
        {
          description: `require-concurrent-index-creation: ${NASTY_MESSAGE}`,
          check_name: 'require-concurrent-index-creation',
          severity: 'major',
          location: { path: INDEX_FILE, lines: { begin: 3 } },
        },
        {
          description: 'require-table-schema: Table "users" is not schema-qualified.',
          check_name: 'require-table-schema',
          severity: 'info',
          location: { path: INDEX_FILE, lines: { begin: 5 } },
        },
        {
          description: 'prefer-text-field: varchar(255) limits the length',
          check_name: 'prefer-text-field',
          severity: 'minor',
          location: { path: 'db/002_types.sql', lines: { begin: 1 } },
        },
      ],
    );
  });

  it('fingerprints with sha256 of file, rule, line, column and message', () => {
    const expected = createHash('sha256')
      .update([INDEX_FILE, 'require-concurrent-index-creation', '3', '1', NASTY_MESSAGE].join('\0'))
      .digest('hex');
    assert.equal(issues[0]?.fingerprint, expected);
    for (const issue of issues) assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length);
  });

  it('keeps fingerprints stable across runs', () => {
    assert.deepEqual(
      parseGitlab(formatGitlab(results, ctx)).map((issue) => issue.fingerprint),
      issues.map((issue) => issue.fingerprint),
    );
  });

  it('prints an empty array when there are no findings', () => {
    assert.deepEqual(JSON.parse(formatGitlab([], ctx)), []);
  });
});

// ---------------------------------------------------------------- junit

describe('junit format', () => {
  it('prints one testsuite per file, one failing testcase per finding and a passing one for a clean file', () => {
    const expected = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="ddlguard" tests="4" failures="3" errors="0">',
      '  <testsuite name="migrations/001 add index.sql" tests="2" failures="2" errors="0" skipped="0">',
      '    <testcase name="require-concurrent-index-creation at 3:1" classname="migrations/001 add index.sql">',
      '      <failure message="Index &quot;idx_a,b&quot; blocks writes: 100% of rows &lt;SHARE&gt; &amp; more&#10;second line" type="error">' +
        'migrations/001 add index.sql:3:1: error require-concurrent-index-creation\n' +
        'Index &quot;idx_a,b&quot; blocks writes: 100% of rows &lt;SHARE&gt; &amp; more\nsecond line. Use CREATE INDEX CONCURRENTLY.\n' +
        'https://ddlguard.dev/rules/require-concurrent-index-creation.md</failure>',
      '    </testcase>',
      '    <testcase name="require-table-schema at 5:14" classname="migrations/001 add index.sql">',
      '      <failure message="Table &quot;users&quot; is not schema-qualified." type="info">' +
        'migrations/001 add index.sql:5:14: info require-table-schema\n' +
        'Table &quot;users&quot; is not schema-qualified. Write public.users.\n' +
        'https://ddlguard.dev/rules/require-table-schema.md</failure>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="db\\002_types.sql" tests="1" failures="1" errors="0" skipped="0">',
      '    <testcase name="prefer-text-field at 1:30" classname="db\\002_types.sql">',
      '      <failure message="varchar(255) limits the length" type="warning">' +
        'db\\002_types.sql:1:30: warning prefer-text-field\n' +
        'varchar(255) limits the length\n' +
        'https://ddlguard.dev/rules/prefer-text-field.md</failure>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="./migrations/003_clean.sql" tests="1" failures="0" errors="0" skipped="0">',
      '    <testcase name="no findings" classname="./migrations/003_clean.sql"/>',
      '  </testsuite>',
      '</testsuites>',
    ].join('\n');
    assert.equal(formatJunit(results, ctx), expected);
  });

  it('escapes the five XML specials and replaces characters XML 1.0 forbids', () => {
    assert.equal(escapeXmlText(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
    assert.equal(escapeXmlText('nul\u0000 bell\u0007 vt\u000b ff\u000c esc\u001b \uffff'), 'nul\ufffd bell\ufffd vt\ufffd ff\ufffd esc\ufffd \ufffd');
    assert.equal(escapeXmlText('lone \ud800 and \udc00, pair \ud83d\ude00'), 'lone \ufffd and \ufffd, pair \ud83d\ude00');
    assert.equal(escapeXmlText('tab\tlf\ncr\r'), 'tab\tlf\ncr&#13;');
    assert.equal(escapeXmlAttribute('tab\tlf\ncr\r<&>'), 'tab&#9;lf&#10;cr&#13;&lt;&amp;&gt;');
  });

  it('prints an empty testsuites element when no file was linted', () => {
    assert.equal(
      formatJunit([], ctx),
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ddlguard" tests="0" failures="0" errors="0">\n</testsuites>',
    );
  });
});

// ---------------------------------------------------------------- sarif

interface SarifJson {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          shortDescription?: { text: string };
          fullDescription?: { text: string };
          help?: { text: string; markdown: string };
          helpUri: string;
          defaultConfiguration?: { enabled?: boolean; level: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
    }[];
  }[];
}

function parseSarif(text: string): SarifJson {
  return JSON.parse(text) as SarifJson;
}

let sarifValidator: ValidateFunction | undefined;

/** Loaded inside each test, so a missing schema package fails those tests by name, not the whole file. */
function validate(value: unknown): boolean {
  sarifValidator ??= loadSarifValidator();
  return sarifValidator(value);
}

function validationErrors(): NonNullable<ValidateFunction['errors']> {
  return sarifValidator?.errors ?? [];
}

describe('sarif format', () => {
  const text = formatSarif(results, ctx);
  const log = parseSarif(text);
  const run = log.runs[0];

  function assertValid(value: unknown): void {
    const valid = validate(value);
    assert.ok(valid, JSON.stringify(validationErrors(), null, 2));
  }

  it('is valid SARIF 2.1.0', () => {
    assertValid(JSON.parse(text));
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
  });

  it('rejects an invalid log, so the check above cannot pass by accident', () => {
    const fatal = parseSarif(text);
    const result = fatal.runs[0]?.results[0];
    assert.ok(result);
    result.level = 'fatal';
    assert.equal(validate(fatal), false);
    assert.ok(validationErrors().some((error) => error.instancePath.endsWith('/results/0/level') && error.keyword === 'enum'));

    const unencoded = parseSarif(text);
    const location = unencoded.runs[0]?.results[0]?.locations[0];
    assert.ok(location);
    location.physicalLocation.artifactLocation.uri = INDEX_FILE;
    assert.equal(validate(unencoded), false);
    assert.ok(validationErrors().some((error) => error.keyword === 'format'));

    assert.equal(validate({ version: '2.1.0' }), false);
  });

  it('describes the tool and every rule that produced a finding', () => {
    assert.ok(run);
    const { driver } = run.tool;
    assert.equal(driver.name, 'ddlguard');
    assert.equal(driver.version, '0.1.0');
    assert.equal(driver.informationUri, 'https://ddlguard.dev/rules/');
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      ['prefer-text-field', 'require-concurrent-index-creation', 'require-table-schema'],
    );
    const [preferText, requireConcurrent, requireSchema] = driver.rules;
    assert.deepEqual(requireConcurrent?.shortDescription, { text: 'CREATE INDEX without CONCURRENTLY' });
    assert.deepEqual(requireConcurrent?.fullDescription, { text: 'Why require-concurrent-index-creation matters.' });
    assert.equal(requireConcurrent?.helpUri, 'https://ddlguard.dev/rules/require-concurrent-index-creation.md');
    assert.deepEqual(requireConcurrent?.defaultConfiguration, { level: 'error' });
    assert.deepEqual(preferText?.defaultConfiguration, { level: 'warning' });
    assert.deepEqual(requireSchema?.defaultConfiguration, { enabled: false, level: 'none' });
    const markdown = requireConcurrent?.help?.markdown ?? '';
    assert.ok(markdown.includes('```sql\nCREATE INDEX i ON t (a);\n```'), markdown);
    assert.ok(markdown.includes('```sql\nCREATE INDEX CONCURRENTLY i ON t (a);\n```'), markdown);
    const helpText = requireConcurrent?.help?.text ?? '';
    assert.ok(helpText.includes('CREATE INDEX i ON t (a);') && helpText.includes('CREATE INDEX CONCURRENTLY i ON t (a);'));
  });

  it('reports each finding with its rule index, level, message and region', () => {
    assert.ok(run);
    assert.deepEqual(run.results, [
      {
        ruleId: 'require-concurrent-index-creation',
        ruleIndex: 1,
        level: 'error',
        message: { text: `${NASTY_MESSAGE}. Use CREATE INDEX CONCURRENTLY.` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'migrations/001%20add%20index.sql', uriBaseId: '%SRCROOT%' },
              region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 40 },
            },
          },
        ],
      },
      {
        ruleId: 'require-table-schema',
        ruleIndex: 2,
        level: 'note',
        message: { text: 'Table "users" is not schema-qualified. Write public.users.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'migrations/001%20add%20index.sql', uriBaseId: '%SRCROOT%' },
              region: { startLine: 5, startColumn: 14, endLine: 5, endColumn: 19 },
            },
          },
        ],
      },
      {
        ruleId: 'prefer-text-field',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'varchar(255) limits the length' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'db/002_types.sql', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1, startColumn: 30, endLine: 2, endColumn: 5 },
            },
          },
        ],
      },
    ]);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    }
  });

  it('turns absolute paths into file URIs with no base', () => {
    assert.deepEqual(artifactLocation('/srv/app/db/1 init.sql'), { uri: 'file:///srv/app/db/1%20init.sql' });
    assert.deepEqual(artifactLocation('C:\\app\\db\\1.sql'), { uri: 'file:///C:/app/db/1.sql' });
    assert.deepEqual(artifactLocation('./db/100%.sql'), { uri: 'db/100%25.sql', uriBaseId: '%SRCROOT%' });
  });

  it('describes a rule missing from the rules map by its id alone', () => {
    const unknown: FileResult[] = [
      {
        file: 'x.sql',
        text: '',
        findings: [
          finding({ ruleId: 'syntax-error', severity: 'error', file: 'x.sql', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'syntax error at or near "TABL"', help: '' }),
        ],
      },
    ];
    const unknownLog = parseSarif(formatSarif(unknown, ctx));
    assertValid(unknownLog);
    assert.deepEqual(unknownLog.runs[0]?.tool.driver.rules, [
      { id: 'syntax-error', shortDescription: { text: 'syntax-error' }, helpUri: 'https://ddlguard.dev/rules/syntax-error.md' },
    ]);
  });

  it('is a valid log with empty rules and results when there are no findings', () => {
    const empty = parseSarif(formatSarif([{ file: CLEAN_FILE, text: '', findings: [] }], ctx));
    assertValid(empty);
    assert.deepEqual(empty.runs[0]?.results, []);
    assert.deepEqual(empty.runs[0]?.tool.driver.rules, []);
    assertValid(parseSarif(formatSarif([], ctx)));
  });
});
