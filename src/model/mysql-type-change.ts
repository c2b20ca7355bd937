/**
 * Does a MySQL / MariaDB `MODIFY` / `CHANGE` that redefines a column from one type to another copy the table?
 * The one place that answers it: `changing-column-type` reports the copies, `mysql-enum-change` judges ENUM / SET
 * value-list edits, and `mysql-unsafe-algorithm` leaves column type changes alone.
 *
 * Sources: MySQL 8.0 Reference Manual, "Online DDL Operations", Column Operations ("Changing the column data type":
 * ALGORITHM=COPY only, no concurrent DML; "Extending VARCHAR column size": in place while the number of length bytes
 * stays the same, one up to 255 bytes and two from 256 bytes; shrinking a VARCHAR copies; "Modifying the definition
 * of an ENUM or SET column"); MariaDB "InnoDB Online DDL Operations with the INPLACE / INSTANT Alter Algorithm".
 * MySQL 8.0 and MariaDB 10.6+ are assumed, and a change counts as a copy when either of them copies. The verdicts
 * do not depend on the server version (config `mysqlVersion`): MySQL 5.7 copies for a type change and extends a
 * VARCHAR in place under the same length-byte rule as 8.0. MariaDB 10.4+ can extend some VARCHARs instantly past
 * the 255-byte boundary depending on the row format; that is not encoded (the row format is not known), so such a
 * growth still counts as a copy.
 *
 * - Restating the type (to change NULL / NOT NULL, the default, the comment or the position) is done in place.
 *   Spellings of the same type count as the same: a display width (`int(11)` is `int`), `integer` / `int4` and
 *   `int`, `bool` / `boolean` and `tinyint(1)`, `numeric` / `dec` / `fixed` and `decimal(10,0)`, `signed`.
 * - A VARCHAR that grows stays in place only while it keeps its number of length bytes. Its byte length is the
 *   character count times the bytes per character of its character set, which the operations do not carry (a
 *   `CHARACTER SET` clause is not part of the type), so the growth must keep its length bytes for single-byte
 *   (latin1, MariaDB's default), utf8mb3 and utf8mb4 (MySQL 8.0's default) columns alike. VARBINARY counts bytes.
 * - Everything else that changes the type copies: a VARCHAR that shrinks, int to bigint, varchar to text, a
 *   decimal precision, adding UNSIGNED, an ENUM that becomes a VARCHAR or a SET.
 * - An ENUM / SET whose value list is edited (the old type is the same kind, or unknown) is `mysql-enum-change`'s
 *   call: verdict `enum-or-set`.
 * - An unknown old type (no earlier migration declares the column): a copy is assumed, `known: false`.
 *
 * Types are compared in the normalised form of ColumnSpec.type (lower case, `varchar(20)`, `decimal(10,2)`,
 * `int(11) unsigned`).
 */

export interface MysqlTypeChange {
  /**
   * `in-place`: no table copy, writes go on. `copy`: ALGORITHM=COPY, writes are blocked until the copy is done.
   * `enum-or-set`: an ENUM / SET value-list edit, which `mysql-enum-change` judges (not a copy by this module's say).
   */
  verdict: 'in-place' | 'copy' | 'enum-or-set';
  /** False when the old type is unknown: the verdict is then an assumption. */
  known: boolean;
  /** Why, as one sentence (capital letter, full stop) for a finding's message. */
  reason: string;
  /**
   * A VARCHAR that grows past 255 bytes for some character sets only (verdict `copy`): the character sets for
   * which it stays in place after all. Absent otherwise.
   */
  inPlaceFor?: readonly string[];
}

/** One byte of length prefix up to this many bytes, two beyond. */
const ONE_LENGTH_BYTE_MAX = 255;

interface Charset {
  name: string;
  bytesPerChar: number;
}

/** The character sets a VARCHAR of unknown character set may have. */
const VARCHAR_CHARSETS: readonly Charset[] = [
  { name: 'latin1', bytesPerChar: 1 },
  { name: 'utf8mb3', bytesPerChar: 3 },
  { name: 'utf8mb4', bytesPerChar: 4 },
];
const VARBINARY: readonly Charset[] = [{ name: 'binary', bytesPerChar: 1 }];

/** MySQL's integer synonyms (`INT4` is `INT`, `MIDDLEINT` is `MEDIUMINT`, ...). */
const INTEGER_SYNONYMS: Readonly<Record<string, string>> = {
  integer: 'int',
  int1: 'tinyint',
  int2: 'smallint',
  int3: 'mediumint',
  middleint: 'mediumint',
  int4: 'int',
  int8: 'bigint',
};

/**
 * The canonical spelling of a MySQL type, so that two spellings of the same type compare equal: `int(11)` and
 * `integer` are `int`, `boolean` and `tinyint(1)` are `tinyint`, `numeric` is `decimal(10,0)`, `bigint signed` is
 * `bigint`. Other types are only lower-cased, with white space normalised.
 */
export function canonicalMysqlType(type: string): string {
  let t = type.trim().toLowerCase().replace(/\s+/g, ' ');
  t = t.replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
  t = t.replace(/^(bool|boolean)\b/, 'tinyint(1)');
  t = t.replace(/^(integer|int[1-48]|middleint)\b/, (word) => INTEGER_SYNONYMS[word] ?? word);
  // the display width of an integer type changes nothing stored
  t = t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
  t = t.replace(/^(numeric|dec|fixed)\b/, 'decimal');
  t = t.replace(/^decimal(?!\()/, 'decimal(10,0)').replace(/^decimal\((\d+)\)/, 'decimal($1,0)');
  t = t.replace(/ signed\b/, '');
  return t;
}

function enumOrSet(type: string): 'enum' | 'set' | undefined {
  const match = /^\s*(enum|set)\s*\(/i.exec(type);
  if (!match) return undefined;
  return match[1]!.toLowerCase() === 'enum' ? 'enum' : 'set';
}

interface VariableLength {
  base: 'varchar' | 'varbinary';
  length: number;
  /** What follows the length (`binary`, ...): must stay the same for an in-place growth. */
  rest: string;
}

function variableLength(type: string): VariableLength | undefined {
  const match = /^(varchar|varbinary)\((\d+)\)(.*)$/.exec(canonicalMysqlType(type));
  if (!match) return undefined;
  return { base: match[1] === 'varbinary' ? 'varbinary' : 'varchar', length: Number(match[2]), rest: match[3]! };
}

function lengthBytes(length: number, charset: Charset): 1 | 2 {
  return length * charset.bytesPerChar <= ONE_LENGTH_BYTE_MAX ? 1 : 2;
}

function list(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]!}`;
}

const ONLY_IN_PLACE = 'Only restating the type, or growing a VARCHAR while it keeps its number of length bytes, is done in place.';

/** A VARCHAR / VARBINARY that grows, or undefined when the change is not one. */
function growth(from: VariableLength, to: VariableLength): MysqlTypeChange | undefined {
  if (from.base !== to.base || from.rest !== to.rest || to.length < from.length) return undefined;
  const charsets = from.base === 'varbinary' ? VARBINARY : VARCHAR_CHARSETS;
  const unit = from.base === 'varbinary' ? 'bytes' : 'characters';
  const crosses = charsets.filter((c) => lengthBytes(from.length, c) !== lengthBytes(to.length, c));
  const growing = `Growing from ${from.length} to ${to.length} ${unit}`;
  if (crosses.length === 0) {
    const alike = from.base === 'varbinary' ? '' : ` for ${list(charsets.map((c) => c.name))} columns alike`;
    return { verdict: 'in-place', known: true, reason: `${growing} keeps the number of length bytes${alike}.` };
  }
  const past = 'past 255 bytes, from one length byte to two';
  if (crosses.length === charsets.length) {
    const alike = from.base === 'varbinary' ? '' : `, for ${list(charsets.map((c) => c.name))} columns alike`;
    return { verdict: 'copy', known: true, reason: `${growing} takes it ${past}${alike}.` };
  }
  const inPlaceFor = charsets.filter((c) => !crosses.includes(c)).map((c) => c.name);
  return {
    verdict: 'copy',
    known: true,
    reason: `${growing} takes a ${list(crosses.map((c) => c.name))} column ${past} (a ${list(inPlaceFor, 'or')} column keeps its length bytes and is changed in place).`,
    inPlaceFor,
  };
}

/**
 * Whether redefining a column of type `oldType` (undefined: unknown) as `newType` copies the table; see the
 * header for the cases.
 */
export function mysqlTypeChange(oldType: string | undefined, newType: string): MysqlTypeChange {
  const newKind = enumOrSet(newType);
  if (newKind !== undefined && (oldType === undefined || enumOrSet(oldType) === newKind)) {
    return {
      verdict: 'enum-or-set',
      known: oldType !== undefined,
      reason: `${newKind === 'enum' ? 'An ENUM' : 'A SET'} value list is redefined: mysql-enum-change judges whether that copies the table.`,
    };
  }
  if (oldType === undefined) {
    return {
      verdict: 'copy',
      known: false,
      reason: 'The current type is unknown (no earlier migration declares the column), so a type change, which copies, is assumed.',
    };
  }
  const from = canonicalMysqlType(oldType);
  const to = canonicalMysqlType(newType);
  if (from === to) {
    const same = oldType.trim().toLowerCase() === newType.trim().toLowerCase();
    return { verdict: 'in-place', known: true, reason: same ? `The type stays ${newType}.` : `${oldType} and ${newType} are the same type.` };
  }
  const fromLength = variableLength(oldType);
  const toLength = variableLength(newType);
  if (fromLength !== undefined && toLength !== undefined) {
    const grows = growth(fromLength, toLength);
    if (grows !== undefined) return grows;
    if (fromLength.base === toLength.base && toLength.length < fromLength.length) {
      return { verdict: 'copy', known: true, reason: `Shrinking a ${fromLength.base.toUpperCase()} always copies; only growing one while it keeps its number of length bytes is done in place.` };
    }
  }
  return { verdict: 'copy', known: true, reason: ONLY_IN_PLACE };
}
