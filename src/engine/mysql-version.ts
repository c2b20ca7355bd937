/**
 * The target MySQL / MariaDB server version (config `mysqlVersion`, flag `--mysql-version`, default "8.0"):
 * `8.0`, `8.0.29`, `5.7`, `mysql-8.4`, `mariadb-10.6`, `mariadb-11.4.2`. A version without a patch number means
 * the latest release of that series (patch = Infinity): "8.0" is 8.0.x with x as new as it gets.
 */

export interface MysqlVersion {
  flavor: 'mysql' | 'mariadb';
  major: number;
  minor: number;
  /** Infinity when the version names a series only ("8.0"): its latest release. */
  patch: number;
}

export const DEFAULT_MYSQL_VERSION_TEXT = '8.0';

const SHAPE = /^(?:(mysql|mariadb)-)?(\d{1,2})\.(\d{1,2})(?:\.(\d{1,3}))?$/i;

/** What a valid version looks like, for error messages. */
export const MYSQL_VERSION_HINT = 'expected a MySQL version such as "8.0", "8.0.29" or "5.7", or a MariaDB version such as "mariadb-10.6"';

/** The parsed version, or undefined when the text is not a MySQL 5.x-9.x or MariaDB 10.x-12.x version. */
export function parseMysqlVersion(text: string): MysqlVersion | undefined {
  const match = SHAPE.exec(text.trim());
  if (!match) return undefined;
  const flavor = match[1]?.toLowerCase() === 'mariadb' ? 'mariadb' : 'mysql';
  const major = Number(match[2]);
  const minor = Number(match[3]);
  const patch = match[4] === undefined ? Number.POSITIVE_INFINITY : Number(match[4]);
  const [low, high] = flavor === 'mysql' ? [5, 9] : [10, 12];
  if (major < low || major > high) return undefined;
  return { flavor, major, minor, patch };
}

export const DEFAULT_MYSQL_VERSION: MysqlVersion = parseMysqlVersion(DEFAULT_MYSQL_VERSION_TEXT)!;

/** True when `version` is of `flavor` and at least major.minor.patch. */
export function atLeast(version: MysqlVersion, flavor: MysqlVersion['flavor'], major: number, minor: number, patch = 0): boolean {
  if (version.flavor !== flavor) return false;
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= patch;
}

/** `MySQL 8.0.29`, `MySQL 8.0`, `MariaDB 10.6`. */
export function formatMysqlVersion(version: MysqlVersion): string {
  const name = version.flavor === 'mysql' ? 'MySQL' : 'MariaDB';
  const patch = Number.isFinite(version.patch) ? `.${version.patch}` : '';
  return `${name} ${version.major}.${version.minor}${patch}`;
}
