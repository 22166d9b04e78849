// Regenerates openapi/*.json from the route schemas:  npm run openapi
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOpenApiDocuments, serialize } from '../src/openapi.js';

const dir = path.resolve('openapi');
await mkdir(dir, { recursive: true });
for (const [name, doc] of Object.entries(await buildOpenApiDocuments())) {
  await writeFile(path.join(dir, `${name}.json`), serialize(doc));
  console.log(`openapi/${name}.json`);
}
