// The OpenAPI documents polydesk publishes: one per dialect and one for the admin API, each
// cut from the full @fastify/swagger document by path prefix and carrying its vendor's
// security schemes.
import type { Config } from '../../config.js';
import { adminSecurity, dialects, type Dialect } from '../../dialects/registry.js';

export type Spec = { paths?: Record<string, unknown>; components?: Record<string, unknown>; [k: string]: unknown };
export type Security = Dialect['security'];

export interface DocTarget {
  name: string;
  title: string;
  prefix: string;
  security: Security;
}

/** Admin first, then the dialects in registry order. */
export function docTargets(prefixes: Config['prefixes']): DocTarget[] {
  return [
    { name: 'admin', title: 'polydesk admin API', prefix: '/admin/v1', security: adminSecurity },
    ...dialects.map((d) => ({ name: d.name, title: d.title, prefix: prefixes[d.name], security: d.security })),
  ];
}

type Operation = { parameters?: Array<{ in?: string; name?: string }>; [k: string]: unknown };

/** Header names the security schemes carry: a route that also declares them as parameters would ask twice. */
function credentialHeaders(security: Security): Set<string> {
  const names = new Set<string>();
  for (const s of Object.values(security.schemes) as Array<{ type?: string; in?: string; name?: string }>) {
    if (s.type === 'apiKey' && s.in === 'header' && s.name) names.add(s.name.toLowerCase());
    if (s.type === 'http') names.add('authorization');
  }
  return names;
}

function withoutCredentialParams(item: unknown, headers: Set<string>): unknown {
  if (!item || typeof item !== 'object') return item;
  const out: Record<string, unknown> = {};
  for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
    if (!op || typeof op !== 'object' || !Array.isArray(op.parameters)) {
      out[method] = op;
      continue;
    }
    const parameters = op.parameters.filter((p) => !(p.in === 'header' && p.name && headers.has(p.name.toLowerCase())));
    const { parameters: _dropped, ...rest } = op;
    out[method] = parameters.length ? { ...rest, parameters } : rest;
  }
  return out;
}

/** The part of the full document under `prefix`, with paths relative to a server at the prefix. */
export function documentFor(full: Spec, target: DocTarget): Spec {
  const { name, prefix, title, security } = target;
  const headers = credentialHeaders(security);
  const paths: Record<string, unknown> = {};
  for (const [p, item] of Object.entries(full.paths ?? {})) {
    if (p === prefix || p.startsWith(prefix + '/')) paths[p.slice(prefix.length) || '/'] = withoutCredentialParams(item, headers);
  }
  return {
    openapi: full.openapi,
    info: { title, version: (full.info as { version: string }).version, description: `polydesk ${name} dialect` },
    servers: [{ url: prefix || '/' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    security: security.use.map((s) => ({ [s]: [] })),
    components: { ...(full.components ?? {}), securitySchemes: security.schemes },
  };
}
