import * as core from '@actions/core';
import { FORMAT_NAMES, type FormatName } from '../report/types.js';

/** The Action's inputs (action.yml), read and checked. */
export interface ActionInputs {
  /** Files, folders or globs, one a line (relative to the workspace). */
  paths: string[];
  config?: string;
  failOn: 'error' | 'warning';
  /** What is printed in the log besides the annotations; `github` prints nothing more. */
  format: FormatName;
  onlyChanged: boolean;
  databaseUrl?: string;
  sarifFile?: string;
}

/** An input that cannot be used: the Action fails with this message and changes nothing. */
export class InputError extends Error {}

/**
 * `core.getInput` reads `INPUT_<NAME>` (upper-cased, hyphens kept: `INPUT_ONLY-CHANGED`), which the runner sets for
 * a JavaScript action. A composite action passes its inputs in `env:` itself, where `INPUT_ONLY_CHANGED` is the
 * name a shell could also read: both are accepted.
 */
export function readInput(name: string): string {
  const value = core.getInput(name);
  if (value !== '') return value;
  return (process.env[`INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(): ActionInputs {
  const paths = readInput('paths')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

  const failOn = readInput('fail-on') || 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new InputError(`fail-on must be error or warning, got "${failOn}"`);

  const format = readInput('format') || 'stylish';
  if (!isFormat(format)) throw new InputError(`format must be one of ${FORMAT_NAMES.join(', ')}, got "${format}"`);

  const onlyChangedText = readInput('only-changed') || 'true';
  const onlyChanged = parseBoolean(onlyChangedText);
  if (onlyChanged === undefined) throw new InputError(`only-changed must be true or false, got "${onlyChangedText}"`);

  const inputs: ActionInputs = { paths: paths.length > 0 ? paths : ['.'], failOn, format, onlyChanged };
  const config = readInput('config');
  if (config !== '') inputs.config = config;
  const databaseUrl = readInput('database-url');
  if (databaseUrl !== '') inputs.databaseUrl = databaseUrl;
  const sarifFile = readInput('sarif-file');
  if (sarifFile !== '') inputs.sarifFile = sarifFile;
  return inputs;
}

function isFormat(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` takes them. */
function parseBoolean(value: string): boolean | undefined {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  return undefined;
}
