// Builds the OpenAPI documents (one per dialect, one for the admin API) from the route
// schemas of a real app instance with default prefixes.
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { docTargets, documentFor, type Spec } from './http/docs/documents.js';
import { webhookEventJsonSchema } from './domain/webhook-payload.js';

export async function buildOpenApiDocuments(): Promise<Record<string, unknown>> {
  // Documents depend on code only: defaults for every setting, an in-memory database.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent-polydesk-openapi', JWT_SECRET: 'openapi-only-secret-000' });
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const app = await buildApp(config, db.prisma, { logger: false });
    const full = app.swagger() as Spec;
    await app.close();
    const docs: Record<string, unknown> = Object.fromEntries(docTargets(config.prefixes).map((t) => [t.name, documentFor(full, t)]));
    // Not OpenAPI: the JSON Schema of webhook bodies, kept next to the documents.
    docs['webhook-event.schema'] = webhookEventJsonSchema();
    return docs;
  } finally {
    await db.close();
  }
}

export const serialize = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';
