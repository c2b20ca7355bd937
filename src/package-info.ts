import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Facts from ddlguard's own package.json (found upward from this module: src/ or dist/src/). */
function readPackageJson(): { version: string; docsBaseUrl: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'ddlguard') {
        const version = 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
        return { version, docsBaseUrl: DOCS_BASE_URL };
      }
    } catch {
      // no package.json here: keep going up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { version: '0.0.0', docsBaseUrl: DOCS_BASE_URL };
    dir = parent;
  }
}

/** Where the rule docs generated into docs/rules/ are published. */
const DOCS_BASE_URL = 'https://github.com/ddlguard/ddlguard/blob/main/docs/rules';

export const PACKAGE_INFO = readPackageJson();
