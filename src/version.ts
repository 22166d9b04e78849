// The package's name and version, read once from package.json (two levels up from src/ and dist/src/... alike).
import { readFileSync } from 'node:fs';

function findPackage(): { name: string; version: string } {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'polydesk' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // not at this level
    }
  }
  return { name: 'polydesk', version: '0.0.0' };
}

export const pkg = findPackage();
