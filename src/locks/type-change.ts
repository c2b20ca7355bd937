/**
 * Does `ALTER TABLE ... ALTER COLUMN ... TYPE` rewrite the table?
 *
 * Sources:
 * - ALTER TABLE reference page, Notes: changing a column's type rewrites the table and its indexes, except when
 *   the USING clause does not change the column contents and the old type is binary coercible to the new type
 *   (or an unconstrained domain over it); text <-> varchar keeps even the indexes.
 * - PostgreSQL 9.2 release notes ("Reduce need to rebuild tables and indexes for certain ALTER TABLE ... ALTER
 *   COLUMN TYPE operations"): raising or removing the length limit of varchar and varbit, raising the precision
 *   of numeric (same scale) or removing its limits, and the same for the precision of timestamp, timestamptz and
 *   interval, no longer rewrite. (The length-coercion functions' planner support functions turn these into
 *   no-ops; for timestamp/time that is TemporalSimplify: a new precision that is unconstrained, the maximum 6,
 *   or not below a constrained old one.)
 * - pg_cast: cidr -> inet is binary coercible (castmethod 'b'); inet -> cidr is a function (rewrite).
 * - PostgreSQL 12 release notes: timestamp <-> timestamptz no longer rewrites when the session TimeZone is UTC.
 *   That depends on a session setting no migration file states, so it is reported as a rewrite (see
 *   `dependsOnTimeZone`).
 * Types are compared in the normalised form of ColumnSpec.type (`varchar(20)`, `numeric(10,2)`,
 * `timestamp with time zone`), and common spellings of the same types are accepted too.
 */

interface ParsedType {
  base: string;
  mods: number[];
  array: boolean;
}

const ALIASES: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  character: 'char',
  bpchar: 'char',
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  decimal: 'numeric',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'bit varying': 'varbit',
  bool: 'boolean',
  float4: 'real',
  float8: 'double precision',
};

/** The maximum fractional-seconds precision of timestamp, timestamptz and time (datatype-datetime docs). */
const MAX_TEMPORAL_PRECISION = 6;

export function parseType(raw: string): ParsedType | undefined {
  let text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return undefined;
  let array = false;
  while (text.endsWith('[]')) {
    array = true;
    text = text.slice(0, -2).trim();
  }
  const mods: number[] = [];
  const modMatch = /\(\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*\)/.exec(text);
  if (modMatch?.[1] !== undefined) {
    for (const part of modMatch[1].split(',')) mods.push(Number(part.trim()));
    text = (text.slice(0, modMatch.index) + ' ' + text.slice(modMatch.index + modMatch[0].length)).replace(/\s+/g, ' ').trim();
  }
  if (text.startsWith('pg_catalog.')) text = text.slice('pg_catalog.'.length);
  return { base: ALIASES[text] ?? text, mods, array };
}

function sameMods(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** varchar(n) -> varchar(m >= n) or unlimited; varbit the same. */
function lengthWidened(from: ParsedType, to: ParsedType): boolean {
  const [oldLength] = from.mods;
  const [newLength] = to.mods;
  if (newLength === undefined) return true;
  return oldLength !== undefined && newLength >= oldLength;
}

/** numeric(p,s) -> numeric(p' >= p, s), or -> unconstrained numeric. `numeric(p)` means scale 0. */
function numericWidened(from: ParsedType, to: ParsedType): boolean {
  const [newPrecision, newScale = 0] = to.mods;
  if (newPrecision === undefined) return true;
  const [oldPrecision, oldScale = 0] = from.mods;
  if (oldPrecision === undefined) return false;
  return oldScale === newScale && newPrecision >= oldPrecision;
}

/** timestamp(p) / timestamptz(p) / time(p): the rule of TemporalSimplify (see the header). */
function precisionWidened(from: ParsedType, to: ParsedType): boolean {
  const [newPrecision] = to.mods;
  if (newPrecision === undefined || newPrecision === MAX_TEMPORAL_PRECISION) return true;
  const [oldPrecision] = from.mods;
  return oldPrecision !== undefined && newPrecision >= oldPrecision;
}

/**
 * True when changing a column from `oldType` to `newType` (without a USING expression) leaves the stored
 * values as they are, so no table rewrite is needed. Unknown or unlisted pairs answer false (rewrite).
 */
export function isBinaryCoercible(oldType: string, newType: string): boolean {
  const from = parseType(oldType);
  const to = parseType(newType);
  if (!from || !to) return false;
  if (from.base === to.base && sameMods(from.mods, to.mods) && from.array === to.array) return true;
  // Array element coercions go through ArrayCoerceExpr, which ALTER TABLE does not treat as a no-op.
  if (from.array || to.array) return false;
  const pair = `${from.base}->${to.base}`;
  switch (pair) {
    case 'varchar->varchar':
    case 'varbit->varbit':
      return lengthWidened(from, to);
    case 'varchar->text':
      return true;
    case 'text->varchar':
      return to.mods.length === 0;
    case 'numeric->numeric':
      return numericWidened(from, to);
    case 'cidr->inet':
      return from.mods.length === 0 && to.mods.length === 0;
    case 'timestamp->timestamp':
    case 'timestamptz->timestamptz':
    case 'time->time':
      return precisionWidened(from, to);
    case 'interval->interval':
      // interval typmods also encode the field range; only dropping the modifiers altogether is certain.
      return to.mods.length === 0;
    default:
      return false;
  }
}

/** timestamp <-> timestamptz: no rewrite from PostgreSQL 12 when the session TimeZone is UTC, else a rewrite. */
export function dependsOnTimeZone(oldType: string, newType: string): boolean {
  const from = parseType(oldType);
  const to = parseType(newType);
  if (!from || !to || from.array || to.array) return false;
  const pair = `${from.base}->${to.base}`;
  return pair === 'timestamp->timestamptz' || pair === 'timestamptz->timestamp';
}
