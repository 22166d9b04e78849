// The benchmarked requests: the same paths, headers and bodies on polydesk and the ceiling.
export interface BenchCtx {
  token: string;
  firstId: number;
  lastId: number;
}

export interface Scenario {
  name: string;
  title: string;
  method: 'GET' | 'POST';
  /** The i-th request's path. */
  path(i: number, ctx: BenchCtx): string;
  headers(ctx: BenchCtx): Record<string, string>;
  body?: string;
  status: number;
  /** values: answers must be equal; shape: same keys and value types (creates differ in ids and times). */
  compare: 'values' | 'shape';
  sample(base: string, ctx: BenchCtx): Promise<unknown>;
}

const span = (ctx: BenchCtx) => ctx.lastId - ctx.firstId + 1;

function scenario(s: Omit<Scenario, 'sample'>): Scenario {
  return {
    ...s,
    async sample(base, ctx) {
      const res = await fetch(base + s.path(7, ctx), { method: s.method, headers: s.headers(ctx), body: s.body });
      if (res.status !== s.status) throw new Error(`${s.name}: ${base} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
  };
}

const sbCreateBody = JSON.stringify({ ticket: { subject: 'Bench ticket', content: { text: 'A benchmark ticket\nwith two lines' } } });

export const scenarios: Scenario[] = [
  scenario({
    name: 'sb-get',
    title: 'GET /supportbee/tickets/{id}',
    method: 'GET',
    path: (i, ctx) => `/supportbee/tickets/${ctx.firstId + ((i * 7919) % span(ctx))}`,
    headers: (ctx) => ({ authorization: `Bearer ${ctx.token}` }),
    status: 200,
    compare: 'values',
  }),
  scenario({
    name: 'sb-list',
    title: 'GET /supportbee/tickets?page=N (total)',
    method: 'GET',
    path: (i) => `/supportbee/tickets?page=${1 + (i % 100)}`,
    headers: (ctx) => ({ authorization: `Bearer ${ctx.token}` }),
    status: 200,
    compare: 'values',
  }),
  scenario({
    name: 'sb-create',
    title: 'POST /supportbee/tickets',
    method: 'POST',
    path: () => '/supportbee/tickets',
    headers: (ctx) => ({ authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' }),
    body: sbCreateBody,
    status: 201,
    compare: 'shape',
  }),
  scenario({
    name: 'taskip-get',
    title: 'GET /taskip/.../support-ticket/{id}',
    method: 'GET',
    path: (i, ctx) => `/taskip/api/public-v1/support-ticket/${ctx.firstId + ((i * 7919) % span(ctx))}`,
    headers: (ctx) => ({ 'x-secret-key': ctx.token }),
    status: 200,
    compare: 'values',
  }),
  scenario({
    name: 'sympoq-view',
    title: 'GET /sympoq/.../ticket/{n} (event_log)',
    method: 'GET',
    path: (i, ctx) => `/sympoq/app/desk/api/ticket/${1 + ((i * 7919) % span(ctx))}`,
    headers: (ctx) => ({ apikey: ctx.token, event_log: '1' }),
    status: 200,
    compare: 'values',
  }),
];

/** null when equal (by value or by shape), else the path of the first difference. */
export function sameJson(a: unknown, b: unknown, mode: 'values' | 'shape', at = '$'): string | null {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return at;
    for (let i = 0; i < a.length; i++) {
      const d = sameJson(a[i], b[i], mode, `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${at} keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const d = sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], mode, `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  if (mode === 'shape') return typeof a === typeof b && (a === null) === (b === null) ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  return a === b ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
