import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/** The SARIF 2.1.0 schema as shipped in an npm package (see the lead's report for which). */
const SARIF_SCHEMA_MODULE = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

/**
 * Ajv v8's default class speaks draft-07; the packaged schema declares draft-04. Its only draft-04-only
 * constructs are the `$schema` URI and `id` (it has no boolean exclusiveMinimum/exclusiveMaximum, asserted
 * below), so it is moved to draft-07 by renaming those two, and then itself checked against the draft-07
 * meta-schema when Ajv compiles it.
 */
export function loadSarifValidator(): ValidateFunction {
  const schemaPath = createRequire(import.meta.url).resolve(SARIF_SCHEMA_MODULE);
  const schemaText = readFileSync(schemaPath, 'utf8');
  assert.doesNotMatch(schemaText, /exclusiveM(in|ax)imum/);
  const schema: unknown = JSON.parse(schemaText);
  assert.ok(schema !== null && typeof schema === 'object' && !Array.isArray(schema));
  const { id, $schema, ...rest } = schema as Record<string, unknown>;
  assert.equal($schema, 'http://json-schema.org/draft-04/schema#');
  assert.ok(typeof id === 'string');
  assert.match(String(rest.title), /SARIF.*2\.1\.0/);

  // unicodeRegExp: false because the schema's `language` pattern, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`,
  // has a stray `]` that is a syntax error under the `u` flag Ajv uses by default (fine without it).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is not installed: these follow RFC 3986 and RFC 3339 closely enough to catch what a
  // formatter gets wrong (an unencoded space in a URI, a missing scheme).
  const uriReference = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri-reference', uriReference);
  ajv.addFormat('uri', (value: string) => uriReference.test(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value));
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  return ajv.compile({ ...rest, $schema: 'http://json-schema.org/draft-07/schema#', $id: id });
}

let validator: ValidateFunction | undefined;

/** The schema errors of a SARIF log, as `<instancePath> <message>` lines; empty when it is valid. */
export function validateSarif(log: unknown): string[] {
  validator ??= loadSarifValidator();
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
