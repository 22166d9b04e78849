import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocuments, serialize } from '../src/openapi.js';

describe('openapi/', () => {
  it('matches the route schemas (run `npm run openapi` when this fails)', async () => {
    const docs = await buildOpenApiDocuments();
    for (const [name, doc] of Object.entries(docs)) {
      const onDisk = await readFile(new URL(`../openapi/${name}.json`, import.meta.url), 'utf8').catch(() => '');
      expect(onDisk, `openapi/${name}.json is stale`).toBe(serialize(doc));
    }
  });
});
