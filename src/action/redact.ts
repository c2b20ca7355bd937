/**
 * Database URLs in anything the Action prints: the password never leaves the process.
 *
 * `postgres://app:s3cret@db.internal:5432/prod` is shown as `postgres://app:***@db.internal:5432/prod`;
 * a libpq key/value string (`host=db password=s3cret`) as `host=db password=***`.
 */

const MASK = '***';

/** The URL with its password replaced by `***` (the user name, host, port and database stay readable). */
export function redactUrl(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    // the last `@` ends the user info: an unencoded `@` in a password must not leave its tail visible
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      const userInfo = rest.slice(0, at);
      const colon = userInfo.indexOf(':');
      if (colon >= 0) return `${scheme[0]}${userInfo.slice(0, colon)}:${MASK}${rest.slice(at)}`;
    }
    return url;
  }
  return url.replace(/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, `$1${MASK}`);
}

/** The password a database URL or key/value string holds, if any (raw and percent-decoded). */
export function passwordsIn(url: string): string[] {
  const redacted = redactUrl(url);
  if (redacted === url) return [];
  const found: string[] = [];
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const userInfo = rest.slice(0, rest.lastIndexOf('@'));
    found.push(userInfo.slice(userInfo.indexOf(':') + 1));
  } else {
    for (const match of url.matchAll(/\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi)) {
      const value = match[1] ?? '';
      found.push(value, value.replace(/^'|'$/g, ''));
    }
  }
  const decoded = found.map((value) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  });
  return [...new Set([...found, ...decoded])].filter((value) => value !== '');
}

/** Replaces every appearance of the given secrets in a text: the URL by its redacted form, a password by `***`. */
export class Redactor {
  private readonly replacements: [string, string][] = [];

  addUrl(url: string): void {
    if (url === '') return;
    const shown = redactUrl(url);
    if (shown !== url) this.replacements.push([url, shown]);
    // longest first, so a password that contains another one is replaced whole
    for (const password of passwordsIn(url).sort((a, b) => b.length - a.length)) this.replacements.push([password, MASK]);
  }

  redact(text: string): string {
    let out = text;
    for (const [secret, shown] of this.replacements) out = out.split(secret).join(shown);
    return out;
  }
}
