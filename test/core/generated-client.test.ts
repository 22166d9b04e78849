// scripts/prisma-generate.mjs rewrites how the generated client loads its query compiler:
// the WASM's base64 text is read as a file, so the module cache does not hold it (4.6 MB of
// heap). A Prisma upgrade that changes the generated code leaves the import in place, and
// this fails until the rewrite follows it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.js';

const generated = path.resolve(import.meta.dirname, '../../src/generated/prisma/internal/class.ts');

describe('generated Prisma client', () => {
  it('reads the query compiler as a file rather than importing its base64 module', async () => {
    const code = readFileSync(generated, 'utf8');
    expect(code).not.toMatch(/import\("[^"]+wasm-base64[^"]*"\)/);
    expect(code).toMatch(/readFile\(new URL\(import\.meta\.resolve\("[^"]+wasm-base64\.mjs"\)\)/);
    // And the client so loaded compiles and runs queries.
    const db = await freshDatabase();
    try {
      expect(await db.prisma.workspace.count()).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
