/**
 * The path of a finding's file as CI tools expect it: forward slashes, and no leading `./`
 * (GitHub and GitLab match annotations against repository-relative paths such as `db/migrate/1.sql`).
 */
export function toReportPath(file: string): string {
  let path = file.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  return path;
}

/** True for `/abs/path` and `C:/abs/path` (after `toReportPath`). */
export function isAbsoluteReportPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}
