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

/** Parameters the security schemes carry (`in:name`): a route that also declares them would ask twice. */
function credentialParams(security: Security): Set<string> {
  const keys = new Set<string>();
  for (const s of Object.values(security.schemes) as Array<{ type?: string; in?: string; name?: string }>) {
    if (s.type === 'apiKey' && s.in && s.name) keys.add(`${s.in}:${s.name.toLowerCase()}`);
    if (s.type === 'http') keys.add('header:authorization');
  }
  return keys;
}

function withoutCredentialParams(item: unknown, credentials: Set<string>): unknown {
  if (!item || typeof item !== 'object') return item;
  const out: Record<string, unknown> = {};
  for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
    if (!op || typeof op !== 'object' || !Array.isArray(op.parameters)) {
      out[method] = op;
      continue;
    }
    const parameters = op.parameters.filter((p) => !(p.in && p.name && credentials.has(`${p.in}:${p.name.toLowerCase()}`)));
    if (parameters.length === op.parameters.length) {
      out[method] = op;
      continue;
    }
    // Same key order as the source, so the checked-in documents diff cleanly.
    const entries = Object.entries(op).flatMap(([k, v]): Array<[string, unknown]> => (k !== 'parameters' ? [[k, v]] : parameters.length ? [[k, parameters]] : []));
    out[method] = Object.fromEntries(entries);
  }
  return out;
}

/** The part of the full document under `prefix`, with paths relative to a server at the prefix. */
export function documentFor(full: Spec, target: DocTarget): Spec {
  const { name, prefix, title, security } = target;
  const credentials = credentialParams(security);
  const paths: Record<string, unknown> = {};
  for (const [p, item] of Object.entries(full.paths ?? {})) {
    if (p === prefix || p.startsWith(prefix + '/')) paths[p.slice(prefix.length) || '/'] = withoutCredentialParams(item, credentials);
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
