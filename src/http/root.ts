// GET / : what this server is and where things are, for a person or a script finding their way.
import type { FastifyPluginAsync } from 'fastify';
import { dialects } from '../dialects/registry.js';
import { pkg } from '../version.js';

export const rootRoute: FastifyPluginAsync = async (app) => {
  const { config } = app;
  const index = {
    name: pkg.name,
    version: pkg.version,
    docs: config.docs ? '/docs' : null,
    admin: '/admin/v1',
    dialects: Object.fromEntries(dialects.map((d) => [d.name, { prefix: config.prefixes[d.name], docs: config.docs ? `/docs/${d.name}` : null }])),
    health: { live: '/healthz', ready: '/readyz' },
  };
  app.get('/', { schema: { hide: true } }, async () => index);
};
